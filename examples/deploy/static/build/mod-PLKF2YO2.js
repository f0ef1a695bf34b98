import{d as K,h as te,i as ye,j as X,k as ne,o as Qt,t as Dt,u as at}from"./chunk-XRNOE754.js";var pe=2**24;function de(t,e,o){return Qt(e,o,{name:t})}function qe(t,e,o,r,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${K(e)}`);if(e.length!==o&&e.length!==r*o)throw new RangeError(`Invalid ${t}: expected ${o} positions (one per token) or ${r*o} (batch x tokens), got ${e.length}`);let n=s?pe:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=te(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==o}}function No(t,e,o,r,s){let n=e?s:1,i=new Float64Array(n*r);for(let a=0;a<n;a++)i.set(t.subarray(a*o+o-r,a*o+o),a*r);return{kind:"list",list:i,perBatch:e}}function Me(t,e){let o=e;if(o===null||typeof o!="object"||!(o.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${K(o)}`);let r=o.invFreq;if(r.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<r.length;s++)ye(`${t}.invFreq[${s}]`,r[s],{min:0});return ye(`${t}.attentionFactor`,o.attentionFactor,{min:0,exclusiveMin:!0}),o}function Uo(t,e,o,r,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${K(t)}`);let n=Me("rope.frequencies",t.frequencies),i=n.invFreq,a=2*i.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${i.length} frequencies), got ${K(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${i.length} frequencies) exceeds the head dim ${e}`);let c=X("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),u=X("rope.angles",t.angles??"float32",{allowed:["float32","float64"]}),f=u==="float32",l=f?pe:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let A,d;if(t.queryPositions!==void 0&&(d=qe("rope.queryPositions",t.queryPositions,r,o,f)),t.positions!==void 0){let h=qe("rope.positions",t.positions,s,o,f);if(A=h,!d){if(r>s)throw new RangeError(`Invalid rope.positions: q has ${r} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);d=No(h.list,h.perBatch,s,r,o)}}else{let h=te("rope.offset",t.offset??0,{min:0});if(h+Math.max(s,1)-1>l)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${h+s-1}, above ${l} (the largest position with angles "${u}")`);if(A={kind:"range",start:h},!d){let m=h+s-r;if(m<0)throw new RangeError(`Invalid rope.offset: q has ${r} tokens and k ${s}, so bottom-right aligned queries would start at position ${m}; pass rope.offset >= ${r-s} or rope.queryPositions`);d={kind:"range",start:m}}}return{frequencies:n,pairing:c,rotaryDim:a,angles:u,query:d,key:A}}function ct(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${K(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let o=new Float32Array(t.length);for(let r=0;r<t.length;r++)o[r]=ye(`alibiSlopes[${r}]`,t[r]);return o}function ge(t,e,o,r){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${K(r)}`);let s=X("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=de("q",t,s),i=de("k",e,s),a=de("v",o,s);if(n.heads<1||n.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${K(t.shape)}`);if(i.batch!==n.batch)throw new RangeError(`Invalid k: expected batch ${n.batch} (as q), got ${i.batch}`);if(a.batch!==n.batch)throw new RangeError(`Invalid v: expected batch ${n.batch} (as q), got ${a.batch}`);if(i.headDim!==n.headDim)throw new RangeError(`Invalid k: expected head dim ${n.headDim} (as q), got ${i.headDim}`);if(a.headDim!==n.headDim)throw new RangeError(`Invalid v: expected head dim ${n.headDim} (as q), got ${a.headDim}`);if(a.seq!==i.seq)throw new RangeError(`Invalid v: expected ${i.seq} tokens (as k), got ${a.seq}`);if(a.heads!==i.heads)throw new RangeError(`Invalid v: expected ${i.heads} heads (as k), got ${a.heads}`);if(i.heads<1||n.heads%i.heads!==0)throw new RangeError(`Invalid k: q has ${n.heads} heads, which is not a multiple of k's ${i.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let c=r.causal??!1;if(typeof c!="boolean")throw new TypeError(`Invalid causal: expected a boolean, got ${K(c)}`);let u=r.scale===void 0?1/Math.sqrt(n.headDim):ye("scale",r.scale),f=ct(r.alibiSlopes,n.heads),l=r.rope===void 0?null:Uo(r.rope,n.headDim,n.batch,n.seq,i.seq);return{layout:s,batch:n.batch,heads:n.heads,kvHeads:i.heads,group:n.heads/i.heads,qSeq:n.seq,kSeq:i.seq,headDim:n.headDim,qShape:[...t.shape],qStrides:n.strides,kStrides:i.strides,causal:c,scale:u,rope:l,alibi:f}}function Rt(t,e,o,r,s,n){let i=n==="float32";if(e!==void 0&&o!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return qe(`${t}positions`,e,r,s,i);let a=te(`${t}offset`,o??0,{min:0}),c=i?pe:Number.MAX_SAFE_INTEGER;if(a+Math.max(r,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+r-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function Ke(t,e,o){let r=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=Dt(t,r,{angles:o}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function re(t,e,o){let{layout:r,pairing:s,angles:n,positions:i}=o;return i.kind==="range"?at(t,e,{layout:r,pairing:s,angles:n,offset:i.start}):at(t,e,{layout:r,pairing:s,angles:n,positions:i.list})}function Mt(t,e,o,r){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:u,causal:f,scale:l,alibi:A}=t,d=e,h=o;if(t.rope){let{frequencies:B,pairing:E,angles:Q}=t.rope;d=re(e,B,{layout:t.layout,pairing:E,angles:Q,positions:t.rope.query}),h=re(o,B,{layout:t.layout,pairing:E,angles:Q,positions:t.rope.key})}let m=t.qStrides,g=t.kStrides,$=new Float32Array(e.data.length),v=new Float64Array(c),y=new Float64Array(u),R=d.data,q=h.data,I=r.data;for(let B=0;B<s;B++)for(let E=0;E<n;E++){let Q=Math.floor(E/i),O=A?A[E]:0;for(let F=0;F<a;F++){let T=F+c-a,z=f?Math.min(c,Math.max(0,T+1)):c,x=B*m.batch+E*m.heads+F*m.seq;if(z===0)continue;let k=-1/0;for(let S=0;S<z;S++){let D=B*g.batch+Q*g.heads+S*g.seq,w=0;for(let M=0;M<u;M++)w+=R[x+M]*q[D+M];let P=l*w-O*Math.abs(T-S);v[S]=P,P>k&&(k=P)}y.fill(0);let b=0;for(let S=0;S<z;S++){let D=Math.exp(v[S]-k);b+=D;let w=B*g.batch+Q*g.heads+S*g.seq;for(let P=0;P<u;P++)y[P]=y[P]+D*I[w+P]}for(let S=0;S<u;S++)$[x+S]=y[S]/b}}return{shape:Object.freeze([...e.shape]),data:$}}function us(t,e,o,r={}){ne("q",t),ne("k",e),ne("v",o);let s=ge(t,e,o,r);return Mt(s,t,e,o)}var Ot=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKyBYHhAQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsgCiAU/YUCIQsgCyAKIBX9hQIhCyALIAog","Fv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQ","aiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0A","Cwu+BAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI/QwAAAAAAAAAAAAAAAAAAAAAIQn9","DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAAAAAAAAAAIQz9DAAAAAAAAAAAAAAA","AAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEGA0AgAf0ABAAhECAB/QAEECERIAb9","CQIAIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIEIRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIIIRIgEiAQIAz9","hQIhDCASIBEgDf2FAiENIAb9CQIMIRIgEiAQIA79hQIhDiASIBEgD/2FAiEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIg","ECAI/YUCIQggEiARIAn9hQIhCSAG/QkCFCESIBIgECAK/YUCIQogEiARIAv9hQIhCyAG/QkCGCESIBIgECAM/YUCIQwgEiAR","IA39hQIhDSAG/QkCHCESIBIgECAO/YUCIQ4gEiARIA/9hQIhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ","/QsEECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0A","CwugAwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAA","BAAAAAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eABIAj9AAQA/YUC/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhAL2AQCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAWIA79hQIhDiAYIBcgD/2FAiEPIAj9CQKAAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkCgAQhGCAYIBYg","Ev2FAiESIBggFyAT/YUCIRMgCP0JAoAGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAK/QAEACEWIAr9AAQQIRcg","CP0JAgQhGCAYIBYgDv2FAiEOIBggFyAP/YUCIQ8gCP0JAoQCIRggGCAWIBD9hQIhECAYIBcgEf2FAiERIAj9CQKEBCEYIBgg","FiAS/YUCIRIgGCAXIBP9hQIhEyAI/QkChAYhGCAYIBYgFP2FAiEUIBggFyAV/YUCIRUgCiAGaiEKIAhBCGohCCAIIAlJDQAL","IAIgB2ogDv0LBAAgAiAHaiAP/QsEECALIBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAH","QSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtq","IRAgECALSgRAIAshEAsLIAQgD0EIdGogBSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEP","IA9BBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0A","BJAI/eQB/QsEICAEIAIgCCAObGogAyAGIAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQL","fwF9AXsCfyAFQQJ0IQogCkECdCELIARBwAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQ","SwRAQRAhDQsgAyAMIApsakEAIA0gC2z8CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0M","AAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEBaiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFB","ACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQBSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIAps","aiABIAIgAyAPIApsaiAEIBQgDkEwbGogBSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAh","DgNAIBQgDkECdkEwbCAOQQNxQQJ0amoqAiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApq","IRgDQCAXIBf9AAQAIBb95gH9CwQAIBdBEGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join(""),Ft=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKwBcHmQQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3kASELIAsgCv3mASAU/eQBIQsgCyAK/eYB","IBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEH","IAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EE","aiEDIARBBGohBCACQQFrIQIgAg0ACwvuBAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI","/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAA","AAAAAAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEG","A0AgAf0ABAAhECAB/QAEECERIAb9CQIAIRIgEiAQ/eYBIAj95AEhCCASIBH95gEgCf3kASEJIAb9CQIEIRIgEiAQ/eYBIAr9","5AEhCiASIBH95gEgC/3kASELIAb9CQIIIRIgEiAQ/eYBIAz95AEhDCASIBH95gEgDf3kASENIAb9CQIMIRIgEiAQ/eYBIA79","5AEhDiASIBH95gEgD/3kASEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIgEP3mASAI/eQBIQggEiAR/eYBIAn95AEhCSAG","/QkCFCESIBIgEP3mASAK/eQBIQogEiAR/eYBIAv95AEhCyAG/QkCGCESIBIgEP3mASAM/eQBIQwgEiAR/eYBIA395AEhDSAG","/QkCHCESIBIgEP3mASAO/eQBIQ4gEiAR/eYBIA/95AEhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ/QsE","ECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0ACwuj","AwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAABAAA","AAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eAB/eYBIAj9AAQA/eQB/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhALiAUCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAW/eYBIA795AEhDiAYIBf95gEgD/3kASEPIAj9CQKAAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI","/QkCgAQhGCAYIBb95gEgEv3kASESIBggF/3mASAT/eQBIRMgCP0JAoAGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEV","IAogBmohCiAK/QAEACEWIAr9AAQQIRcgCP0JAgQhGCAYIBb95gEgDv3kASEOIBggF/3mASAP/eQBIQ8gCP0JAoQCIRggGCAW","/eYBIBD95AEhECAYIBf95gEgEf3kASERIAj9CQKEBCEYIBggFv3mASAS/eQBIRIgGCAX/eYBIBP95AEhEyAI/QkChAYhGCAY","IBb95gEgFP3kASEUIBggF/3mASAV/eQBIRUgCiAGaiEKIAhBCGohCCAIIAlJDQALIAIgB2ogDv0LBAAgAiAHaiAP/QsEECAL","IBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAHQSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0","IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtqIRAgECALSgRAIAshEAsLIAQgD0EIdGog","BSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEPIA9BBEkNAAsgBCAHQQJ0QQQgBEGACGog","BEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAEIAIgCCAObGogAyAG","IAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQLfwF9AXsCfyAFQQJ0IQogCkECdCELIARB","wAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQSwRAQRAhDQsgAyAMIApsakEAIA0gC2z8","CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0MAAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEB","aiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFBACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQ","BSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIApsaiABIAIgAyAPIApsaiAEIBQgDkEwbGog","BSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAhDgNAIBQgDkECdkEwbCAOQQNxQQJ0amoq","AiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApqIRgDQCAXIBf9AAQAIBb95gH9CwQAIBdB","EGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join("");var Fe=512,ve=class{name;#e;#t;#o;constructor(e,o){let r=new WebAssembly.Instance(e);this.name=o,this.#e=r.exports.memory,this.#t=r.exports.attendHead,this.#o=new Float32Array(this.#e.buffer)}reserve(e){let o=e*4,r=this.#e.buffer.byteLength;if(o>r){let s=Math.ceil((o-r)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${o} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#o.buffer!==this.#e.buffer&&(this.#o=new Float32Array(this.#e.buffer)),this.#o}attendHead(e,o,r,s,n,i,a,c,u){this.#t(4*e,4*o,4*r,4*s,0,n,i,a,c?1:0,u)}},Oe=class{name="js";#e=new Float32Array(Fe);#t=new Float64Array(0);#o=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,o,r,s,n,i,a,c,u){let f=this.#e;this.#t.length<a&&(this.#t=new Float64Array(a)),this.#o.length<n&&(this.#o=new Float64Array(n));let l=this.#t,A=this.#o,d=Math.fround;for(let h=0;h<i;h++){let m=h+a-i,g=c?Math.min(a,m+1):a,$=s+h*n;if(g<=0){f.fill(0,$,$+n);continue}let v=e+(h>>2)*n*4+(h&3),y=-1/0;for(let q=0;q<g;q++){let I=o+(q>>3)*n*8+(q&7),B=0;for(let Q=0;Q<n;Q++)B+=f[v+4*Q]*f[I+8*Q];let E=u===0?B:B-d(u)*Math.abs(m-q);l[q]=E,E>y&&(y=E)}A.fill(0);let R=0;for(let q=0;q<g;q++){let I=Math.exp((l[q]-y)*Math.LN2);R+=I;let B=r+q*n;for(let E=0;E<n;E++)A[E]=A[E]+I*f[B+E]}for(let q=0;q<n;q++)f[$+q]=A[q]/R}}};function Yo(t){let e=atob(t),o=new Uint8Array(e.length);for(let r=0;r<e.length;r++)o[r]=e.charCodeAt(r);return o}var Ht;function Tt(t){if(typeof WebAssembly!="object")return null;let e=Yo(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function ft(){return Ht??={relaxed:Tt(Ot),plain:Tt(Ft)},Ht}var ut;function jt(){if(!ut){let{relaxed:t,plain:e}=ft();ut=t?new ve(t,"relaxed-simd"):e?new ve(e,"simd"):new Oe}return ut}var Lt=new WeakMap;function _t(t,e){Lt.set(t,e)}function Ie(t,e,o,r,s=jt(),n){let{batch:i,group:a,kvHeads:c,qSeq:u,kSeq:f,headDim:l,causal:A,scale:d,alibi:h}=t,m=e,g=o;if(t.rope){let{frequencies:M,pairing:j,angles:p}=t.rope,C=t.layout;m=re(e,M,{layout:C,pairing:j,angles:p,positions:t.rope.query}),g=re(o,M,{layout:C,pairing:j,angles:p,positions:t.rope.key})}let $=n===void 0&&!t.rope?Lt.get(o.data):void 0;if($&&$.length===f&&$.batch===i&&$.kvHeads===c&&$.headDim===l&&u>0&&f>0)return Jo(t,e,$);let v=n?.into??new Float32Array(e.data.length);if(u===0||f===0)return{shape:Object.freeze([...e.shape]),data:v};let y=l+7&-8,R=f+7&-8,q=u+3&-4,I=Fe,B=I+R*y,E=B+R*y,Q=E+q*y,O=s.reserve(Q+q*y),F=t.qStrides,T=t.kStrides,z=m.data,x=g.data,k=r.data,b=Math.fround,S=b(d*Math.LOG2E),D=T.seq===l&&l===y,w=F.seq===l&&l===y,P=n?.ranges??Array.from({length:i},(M,j)=>({batch:j,kv0:0,kv1:c}));for(let{batch:M,kv0:j,kv1:p}of P)for(let C=j;C<p;C++){let L=M*T.batch+C*T.heads;for(let H=0;H<R;H++){let G=I+(H>>3)*y*8+(H&7),W=L+H*T.seq,U=H<f?l:0;for(let Z=0;Z<U;Z++)O[G+8*Z]=x[W+Z];for(let Z=U;Z<y;Z++)O[G+8*Z]=0}if(D)O.set(k.subarray(L,L+f*l),B);else for(let H=0;H<f;H++){let G=L+H*T.seq,W=B+H*y;for(let U=0;U<l;U++)O[W+U]=k[G+U];for(let U=l;U<y;U++)O[W+U]=0}O.fill(0,B+f*y,B+R*y);for(let H=C*a;H<(C+1)*a;H++){let G=M*F.batch+H*F.heads;for(let W=0;W<q;W++){let U=E+(W>>2)*y*4+(W&3),Z=G+W*F.seq,le=W<u?l:0;for(let he=0;he<le;he++)O[U+4*he]=b(z[Z+he]*S);for(let he=le;he<y;he++)O[U+4*he]=0}if(s.attendHead(E,I,B,Q,y,u,f,A,h?h[H]*Math.LOG2E:0),w)v.set(O.subarray(Q,Q+u*l),G);else for(let W=0;W<u;W++){let U=Q+W*y,Z=G+W*F.seq;for(let le=0;le<l;le++)v[Z+le]=O[U+le]}}}return{shape:Object.freeze([...e.shape]),data:v}}function Jo(t,e,o){let{batch:r,group:s,kvHeads:n,qSeq:i,kSeq:a,headDim:c,causal:u,scale:f,alibi:l}=t,A=o.kernel,d=c+7&-8,h=a+7&-8,m=i===1&&l===null,g=m?s:i,$=g+3&-4,v=o.end,y=v+$*d,R=A.reserve(y+$*d),q=t.qStrides,I=e.data,B=new Float32Array(I.length),E=Math.fround,Q=E(f*Math.LOG2E);for(let O=0;O<r;O++)for(let F=0;F<n;F++){let T=O*n+F,z=o.kAt+T*o.headFloats,x=o.vAt+T*o.headFloats;for(let b=a;b<h;b++){let S=z+(b>>3)*d*8+(b&7);for(let D=0;D<d;D++)R[S+8*D]=0}R.fill(0,x+a*d,x+h*d);let k=m?1:s;for(let b=0;b<k;b++){for(let D=0;D<$;D++){let w=v+(D>>2)*d*4+(D&3),P=F*s+(m?D:b),M=O*q.batch+P*q.heads+(m?0:D)*q.seq,j=D<g?c:0;for(let p=0;p<j;p++)R[w+4*p]=E(I[M+p]*Q);for(let p=j;p<d;p++)R[w+4*p]=0}let S=F*s+b;A.attendHead(v,z,x,y,d,g,a,u&&!m,l?l[S]*Math.LOG2E:0);for(let D=0;D<g;D++){let w=m?F*s+D:S,P=O*q.batch+w*q.heads+(m?0:D)*q.seq;B.set(R.subarray(y+D*d,y+D*d+c),P)}}}return{shape:Object.freeze([...e.shape]),data:B}}function bs(t,e,o,r={}){ne("q",t),ne("k",e),ne("v",o);let s=ge(t,e,o,r);return Ie(s,t,e,o)}var Ee=Object.freeze({T48:49152,T32:32768,T16:16384});function Gt(t){return t>=Ee.T48?"T48":t>=Ee.T32?"T32":"T16"}function Xo(t){let e=t.headDim/4,o=(e+(t.pad?1:0))*16,r=t.br*o,s=t.bc*o,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return r+s+n+i+a}function zt(t){let e=[];for(let o=1;o<=t;o++)t%o===0&&e.push(o);return e}function Vo(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of zt(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function Zo(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of zt(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var lt=512;function Wt(t,e,o=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>lt)return;let r=Ee[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>o))for(let c of[64,32,16,8,4])for(let u of[64,32,16,8,4]){let f=Vo(c,u,a),l=Zo(c,s,a);if(!(!f||!l))for(let A of[!1,!0])for(let d of[!0,!1]){let[h,m]=f,[g,$]=l,v=Xo({headDim:t,br:c,bc:u,tn:m,sharedKV:A,pad:d});if(v>r)continue;let y=4*h*m/(h+m),R=[c*u,c>=u?1:0,u>=32?1:0,y>=4?1:0,a===128?2:a===64?1:0,y,A?0:1,d?1:0];(!i||er(R,i))&&(i=R,n={tier:e,headDim:t,workgroup:a,br:c,bc:u,tm:h,tn:m,om:g,od4:$,sharedKV:A,pad:d,bytes:v})}}return n}function er(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]>e[o];return!1}var tr=140,or=72,At=9,Kt=1,Ne=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#t=new Map;#o=null;constructor(e,o,r,s=!1){this.device=e,this.f16=s,this.ownsDevice=o,this.limits=r,this.tier=Gt(r.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),e.lost.then(n=>{this.#o??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#o}fail(e){this.#o??=e}cached(e,o){let r=this.#t.get(e);return r===void 0&&(r=o(),this.#t.set(e,r)),r}setCached(e,o){this.#t.set(e,o)}pipeline(e,o){let r=this.#e.get(e);return r||(r=this.#r(e,o()),this.#e.set(e,r),r.catch(()=>this.#e.delete(e))),r}async#r(e,o){let r=this.device.createShaderModule({code:o,label:e}),n=(await r.getCompilationInfo()).messages.filter(i=>i.type==="error");if(n.length>0)throw new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:r,entryPoint:"main"}})}catch(i){throw new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}buffer(e,o){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${o}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`);return this.device.createBuffer({size:Math.max(16,Math.ceil(e/16)*16),usage:tr,label:o})}upload(e,o){let r=this.buffer(e.byteLength,o);return e.byteLength>0&&this.device.queue.writeBuffer(r,0,e.buffer,e.byteOffset,e.byteLength),r}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}uniform(e,o){let r=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:or,label:o});return this.device.queue.writeBuffer(r,0,e),r}bind(e,o,r,s,n){let i=this.uniform(o.pack(r),`${o.name} params`);return n.push(i),this.device.createBindGroup({label:o.name,layout:e.getBindGroupLayout(0),entries:o.entries({...s,params:{buffer:i}})})}encode(e,o){for(let r of o.dispatches)e.setPipeline(r.pipeline),e.setBindGroup(0,r.bindGroup),e.dispatchWorkgroups(r.grid[0],r.grid[1],r.grid[2])}submit(e,o){let r=this.#s(e,o);return this.release(e),r}release(e){for(let o of e.temps)o.destroy()}#s(e,o){let r=this.device.createCommandEncoder();if(e.dispatches.length>0){let n=r.beginComputePass();this.encode(n,e),n.end()}let s;return o&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(o.bytes/16)*16),usage:At,label:"readback"}),o.bytes>0&&r.copyBufferToBuffer(o.source,0,s,0,Math.ceil(o.bytes/4)*4)),this.device.queue.submit([r.finish()]),s}async guarded(e,o){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let r,s,n=!1;try{r=o()}catch(f){s=f,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,u]=await Promise.all([i,a]);if(n)throw s;if(u)throw new Error(`Out of GPU memory while ${e}: ${u.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return r}async profile(e,o,r){r&&(this.#s(e),await this.idle());let s=this.device.createCommandEncoder(),n,i,a;this.timestamps&&(n=this.device.createQuerySet({type:"timestamp",count:2}),i=this.device.createBuffer({size:16,usage:516}),a=this.device.createBuffer({size:16,usage:At}));let c=s.beginComputePass(n?{timestampWrites:{querySet:n,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let l=0;l<o;l++)this.encode(c,e);c.end(),n&&i&&a&&(s.resolveQuerySet(n,0,2,i,0),s.copyBufferToBuffer(i,0,a,0,16));let u=performance.now();this.device.queue.submit([s.finish()]),await this.idle();let f=(performance.now()-u)/1e3;try{if(a){await a.mapAsync(Kt);let[l,A]=new BigUint64Array(a.getMappedRange().slice(0));a.unmap();let d=Number(A-l);if(d>0)return{seconds:d/1e9/o,source:"timestamp-query"}}return{seconds:f/o,source:"wall-clock"}}finally{n?.destroy(),i?.destroy(),a?.destroy()}}gather(e){let o=e.reduce((i,a)=>i+a.size,0),r=this.device.createBuffer({size:Math.max(16,Math.ceil(o/16)*16),usage:At,label:"readback"}),s=this.device.createCommandEncoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,r,n,i.size),n+=i.size;return this.device.queue.submit([s.finish()]),r}async read(e,o){try{return await e.mapAsync(Kt),e.getMappedRange(0,Math.max(16,Math.ceil(o/16)*16)).slice(0,o)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var Yt="This KvCache cannot be used: it was destroyed",Jt="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",rr=512,Nt=4,sr=["split","keys"];function ht(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${K(e)}`)}function He(t,e,o){let r=X(t,e??"f32",{allowed:["f32","f16","auto"]});if(r==="auto")return o.available?"f16":"f32";if(r==="f16"&&!o.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${o.detail}); use "f32", or "auto" to fall back to float32`);return r}function Xt(t){ht("options",t);let e=te("batch",t.batch,{min:1}),o=te("kvHeads",t.kvHeads,{min:1}),r=te("headDim",t.headDim,{min:4,max:rr});if(r%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${r}`);let s=te("maxLength",t.maxLength,{min:1});return{batch:e,kvHeads:o,headDim:r,maxLength:s}}function Vt(t,e,o){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${K(e)}`);let r=Me(`${t}.frequencies`,e.frequencies),s=2*r.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==s)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${s} (2 x the ${r.invFreq.length} frequencies), got ${K(e.rotaryDim)}`);if(s>o)throw new RangeError(`Invalid ${t}.frequencies: rotary dim ${s} (2 x ${r.invFreq.length} frequencies) exceeds the head dim ${o}`);let n=X(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),i=X(`${t}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),a=`${n}|${i}|${r.attentionFactor}|${Array.from(r.invFreq).join(",")}`;return{frequencies:r,pairing:n,rotaryDim:s,angles:i,fingerprint:a}}function Ut(t,e,o,r){let s=de(t,e,o);if(s.batch!==r.batch)throw new RangeError(`Invalid ${t}: expected batch ${r.batch} (as the cache), got ${s.batch}`);if(s.heads!==r.kvHeads)throw new RangeError(`Invalid ${t}: expected ${r.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==r.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${r.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function Ue(t,e,o,r){ht("options",r);let s=X("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Ut("k",e,s,t),i=Ut("v",o,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(r.rope!==void 0){let c=Vt("rope",r.rope,t.headDim),u=r.rope.positions===void 0?null:qe("rope.positions",r.rope.positions,n.seq,t.batch,c.angles==="float32");a={...c,positions:u}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function Zt(t,e,o){if(e+o.n>t.maxLength)throw new RangeError(`Cannot append ${o.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(o.rope&&!o.rope.positions&&o.rope.angles==="float32"){let r=e+o.n-1;if(r>pe)throw new RangeError(`Invalid rope: the last key would sit at position ${r}, above ${pe} (the largest position with angles "float32")`)}}function eo(t,e,o){ht("options",o);let r=X("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=de("q",e,r);if(s.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${s.batch}`);if(s.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${s.headDim}`);if(s.heads<1||s.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${s.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(s.seq<1||s.seq>Nt)throw new RangeError(`Invalid q: expected 1 to ${Nt} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${s.seq}`);let n=o.scale===void 0?1/Math.sqrt(s.headDim):ye("scale",o.scale),i=ct(o.alibiSlopes,s.heads),a=null;if(o.rope!==void 0){let f=Vt("rope",o.rope,t.headDim),l=o.queryPositions===void 0?null:qe("queryPositions",o.queryPositions,s.seq,s.batch,f.angles==="float32");a={...f,queryPositions:l}}else if(o.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let c=o.splits===void 0?void 0:te("splits",o.splits,{min:1}),u=X("kernel",o.kernel??"split",{allowed:sr});return{layout:r,batch:s.batch,heads:s.heads,kvHeads:t.kvHeads,group:s.heads/t.kvHeads,qSeq:s.seq,headDim:s.headDim,qShape:[...e.shape],qStrides:s.strides,scale:n,rope:a,alibi:i,splits:c,kernel:u}}function Ye(t,e,o){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(o.keyRope&&o.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(o.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(t.rope.angles==="float32"&&e-1>pe)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${pe} (the largest position with angles "float32")`)}}}function to(t,e){let o=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==o)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:o,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var dt=Object.freeze({keyRope:void 0,explicitPositions:!1});var Qe=class{owner;batch;kvHeads;headDim;maxLength;#e;#t=0;#o=dt;#r=!1;constructor(e,o,r){this.owner=e,this.#e=o,this.batch=r.batch,this.kvHeads=r.kvHeads,this.headDim=r.headDim,this.maxLength=r.maxLength}get length(){return this.#t}get destroyed(){return this.#r||!this.#e()}get ropeState(){return this.#o}live(){if(this.#r)throw new Error(Yt);if(!this.#e())throw new Error(Jt)}reserve(e){Zt(this,this.#t,e);let o=to(this.#o,e),r=this.#t;return{slot:r,commit:()=>{this.#t=r+e.n,this.#o=o}}}clear(){this.#t=0,this.#o=dt}markDestroyed(){return this.#r?!1:(this.#r=!0,!0)}};function oo(t,e,o){if(!(t instanceof o))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var N=class{shape;dtype;owner;#e;#t;#o;#r=!1;constructor(e,o,r,s,n="float32"){this.owner=e,this.dtype=n,this.#o=s,this.shape=Object.freeze([...o]),this.#e=r instanceof Float32Array?null:r,this.#t=r instanceof Float32Array?r:null}get buffer(){return this.#e}get destroyed(){return this.#r||!this.#o()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#t}}destroy(){this.#r||(this.#r=!0,this.#e?.destroy())}};function V(t,e,o){if(e instanceof N){if(e.owner!==o)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let r=e;if(r===null||typeof r!="object"||!("data"in r))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${K(e)}`);return ne(t,e)}function Je(t,e){if(typeof e!="boolean")throw new TypeError(`Invalid ${t}: expected a boolean, got ${K(e)}`);return e}function ro(t,e,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${K(o)}`);let r=X("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=de("x",t,r),n=Me("frequencies",e),i=2*n.invFreq.length;if(o.rotaryDim!==void 0&&o.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (2 x the ${n.invFreq.length} frequencies), got ${K(o.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (2 x ${n.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=X("pairing",o.pairing??"half",{allowed:["half","interleaved"]}),c=X("angles",o.angles??"float32",{allowed:["float32","float64"]}),u=Rt("",o.positions,o.offset,s.seq,s.batch,c),f=Je("inPlace",o.inPlace??!1);return{call:{layout:r,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:u},inPlace:f}}var nr=["flash","naive"],Te="it was destroyed; create a new one with createGpuAttention()";function so(t){return te("iterations",t,{min:1})}function ir(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${K(e)}`)}var De=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e){return[V("q",e[0],this),V("k",e[1],this),V("v",e[2],this)]}#e(e,o){this.live();let r=this.checkOperands(e);return{operands:r,plan:ge(...r,o)}}#t(e,o,r){let[s,n,i]=o.operands,a=this.elementsOf(s,n,i,r),c=X("kernel",r.kernel??"flash",{allowed:nr});return{args:e,q:s,k:n,v:i,plan:o.plan,elements:a,kernel:c}}async attention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s);return await this.runAttention(this.#t(n,i,s))}async profileAttention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s),a=so(s.iterations??10),c=Je("warmup",s.warmup??!0),u=this.#t(n,i,s);return await this.timeAttention(u,a,c,s)}async applyRope(e,o,r={}){this.live();let s=V("x",e,this),n=ro(s,o,r);return await this.runRope({...n,arg:e,x:s})}upload(e,o={}){this.live();let r=ne("t",e);return ir("options",o),this.store(r,He("precision",o.precision,this.info.f16))}async download(e){this.live();let o=V("t",e,this);if(!(o instanceof N))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(o)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let o=Xt(e),r=He("precision",e.precision,this.info.f16);return await this.makeCache(o,r)}#o(e,o,r){this.live();let s=V("q",e,this),n=oo(o,this,this.cacheClass),i=eo(n,s,r);return this.prepareDecode({arg:e,q:s,cache:n,plan:i})}async decode(e,o,r={}){return await this.runDecode(this.#o(e,o,r),r)}async profileDecode(e,o,r={}){let s=this.#o(e,o,r),n=so(r.iterations??10),i=Je("warmup",r.warmup??!0);return await this.timeDecode(s,n,i,r)}};function Be(t){return t.reduce((e,o)=>e*o,1)}var ar=256,cr=8;function ur(t){let e=t.kp*t.ku*t.rb,o=t.lr*(e+1),r=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(o+e+r+s)}function no(t,e,o,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let A of[1,2,3,4])if(s%A===0&&s/A<=32){n=A;break}let i=s/n,a=Math.min(o==="T16"?64:128,r);if(i>r)return;let c=Math.max(1,Math.floor(a/i)),u=c*i,f=Ee[o],l=Math.max(1,Math.min(e,Math.floor(cr/n)));for(let A=l;A>=1;A--)for(let d=Math.max(1,Math.floor(i/A));d>=1;d--){let h={headDim:t,c:n,lr:i,kp:c,ku:d,rb:A},m=ur(h);if(m<=f)return{...h,workgroup:u,bytes:m}}}function io(t,e,o,r){let s=Math.ceil(o/Math.max(1,e)),n=Math.ceil(t/ar);return je(t,Math.max(1,Math.min(s,n,r)))}function je(t,e){let o=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/o)),keysPerSplit:o}}function se(t,e){return e==="f32"?o=>`${t}[${o}]`:o=>`vec4<f32>(${t}[${o}])`}function Ae(t,e,o,r,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,o=`(${o})`,r=`(${r})`,t.pairing==="interleaved"&&n%4===0)return`if (${r} < ${n/4}u) {
      let tb = ${s} * ${i}u + ${r} * 2u;
      let a = T[tb];
      let e = T[tb + 1u];
      x = vec4<f32>(x.x * a.x - x.y * a.y, x.y * a.x + x.x * a.y,
                    x.z * e.x - x.w * e.y, x.w * e.x + x.z * e.y);
    }`;if(t.pairing==="half"&&i%4===0){let c=i/4;return`if (${r} < ${2*c}u) {
      let lo = ${r} < ${c}u;
      let pc = select(${r} - ${c}u, ${r} + ${c}u, lo);
      let p = ${e(`${o} + pc`)};
      let tb = ${s} * ${i}u + select(${r} - ${c}u, ${r}, lo) * 4u;
      let t0 = T[tb];
      let t1 = T[tb + 1u];
      let t2 = T[tb + 2u];
      let t3 = T[tb + 3u];
      let sg = select(1.0, -1.0, lo);
      x = x * vec4<f32>(t0.x, t1.x, t2.x, t3.x) + (sg * p) * vec4<f32>(t0.y, t1.y, t2.y, t3.y);
    }`}let a=[];for(let c=0;c<4;c++)if(t.pairing==="interleaved"){let u=c^1,f=c%2===0?"-":"+";a.push(`{
        let d = ${r} * 4u + ${c}u;
        if (d < ${n}u) {
          let t = T[${s} * ${i}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${f} x[${u}] * t.y;
        }
      }`)}else a.push(`{
        let d = ${r} * 4u + ${c}u;
        if (d < ${n}u) {
          let lo = d < ${i}u;
          let pd = select(d - ${i}u, d + ${i}u, lo);
          let t = T[${s} * ${i}u + select(d - ${i}u, d, lo)];
          let p = ${e(`${o} + pd / 4u`)}[pd % 4u];
          y[${c}] = x[${c}] * t.x + select(1.0, -1.0, lo) * p * t.y;
        }
      }`);return`if (${r} * 4u < ${n}u) {
      var y = x;
      ${a.join(`
      `)}
      x = y;
    }`}function _(t,e){return{variable:t,access:"read",type:e}}function J(t,e){return{variable:t,access:"read_write",type:e}}var pt=class{name;fields;bindingNames;wgsl;uniformBytes;#e;constructor(e){if(this.name=e.name,this.#e=e.uniforms,this.fields=Object.keys(e.uniforms),this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let o=Object.entries(e.bindings).filter(n=>n[1]!==null);this.bindingNames=["params",...o.map(([n])=>n)],this.uniformBytes=Math.ceil(this.fields.length*4/16)*16;let r=this.fields.map(n=>`  ${n}: ${e.uniforms[n]},`).join(`
`),s=o.map(([,n],i)=>`@group(0) @binding(${i+1}) var<storage, ${n.access}> ${n.variable}: ${n.type};`);this.wgsl=`struct Params {
${r}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}binding(e){let o=this.bindingNames.indexOf(e);if(o<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return o}pack(e){for(let s of Object.keys(e))if(!Object.hasOwn(this.#e,s))throw new Error(`Internal error: kernel ${this.name} has no uniform ${s}`);let o=new ArrayBuffer(this.uniformBytes),r=new DataView(o);return this.fields.forEach((s,n)=>{let i=e[s];if(i===void 0)throw new Error(`Internal error: uniform ${s} of kernel ${this.name} is missing`);let a=this.#e[s],c=u=>new RangeError(`Internal error: uniform ${s} = ${i} of kernel ${this.name} does not fit ${u}`);if(a==="f32"){if(!Number.isFinite(i))throw c("a finite f32");r.setFloat32(n*4,i,!0)}else if(a==="i32"){if(!Number.isInteger(i)||i<-2147483648||i>2147483647)throw c("a signed 32-bit integer");r.setInt32(n*4,i,!0)}else{if(!Number.isInteger(i)||i<0||i>4294967295)throw c("an unsigned 32-bit integer");r.setUint32(n*4,i,!0)}}),o}entries(e){for(let o of Object.keys(e))if(!this.bindingNames.includes(o))throw new Error(`Internal error: kernel ${this.name} declares no binding ${o}`);return this.bindingNames.map((o,r)=>{let s=e[o];if(!s)throw new Error(`Internal error: binding ${o} of kernel ${this.name} is missing`);return{binding:r,resource:s}})}};function ee(t){return new pt(t)}var $e=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function fr(t){let e=[t.q,t.k,t.v,t.o];return e.every(o=>o==="f32")?"":`:${e.join("")}`}var Y=-1e30,lr={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32"};function gt(t){let e=t.elements??$e;return ee({name:"flash",uniforms:lr,bindings:{q:_("Q",`array<vec4<${e.q}>>`),k:_("K",`array<vec4<${e.k}>>`),v:_("V",`array<vec4<${e.v}>>`),o:J("O",`array<vec4<${e.o}>>`),table:t.rope?_("T","array<vec2<f32>>"):null,slopes:t.alibi?_("SL","array<f32>"):null}})}function mt(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${o}:alibi=${t.alibi}`+fr(t.elements??$e)}function me(t){return Array.from({length:t},(e,o)=>o)}function ao(t){let e=t.tiles,o=e.headDim/4,r=e.workgroup,s=e.br,n=e.bc,i=o+(e.pad?1:0),a=e.sharedKV?i:o,c=n+1,u=n/e.tn,f=o/e.od4,l=e.sharedKV?"Ks":"Vs",A=t.elements??$e,d=se("Q",A.q),h=se("K",A.k),m=se("V",A.v),g=[A.q,A.k,A.v,A.o].includes("f16"),$=(p,C)=>`for (var e = lid; e < ${p*o}u; e += ${r}u) {
    let r = e / ${o}u;
    let c = e % ${o}u;
    ${C("r","c")}
  }`,v=t.rope?Ae(t.rope,d,"base","c","P.qTab + b * P.qTabB + pos"):"",y=t.rope?Ae(t.rope,h,"base","c","P.kTab + b * P.kTabB + key"):"",R=$(s,(p,C)=>`let flat = row0 + ${p};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${d(`base + ${C}`)};
      ${v}
    }
    Qs[${p} * ${i}u + ${C}] = x * P.scale2;`),q=$(n,(p,C)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${h(`base + ${C}`)};
      ${y}
    }
    Ks[${p} * ${i}u + ${C}] = x;`),I=$(n,(p,C)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${m(`b * P.vB + kvh * P.vH + key * P.vS - P.vOff + ${C}`)};
    }
    ${l}[${p} * ${a}u + ${C}] = x;`),B=me(e.tm),E=me(e.tn),Q=me(e.om),O=me(e.od4),F=B.flatMap(p=>E.map(C=>`var s${p}_${C} = 0.0;`)).join(" "),T=me(o).map(p=>{let C=B.map(G=>`let q${G} = Qs[qr${G} + ${p}u];`).join(" "),L=E.map(G=>`let k${G} = Ks[kr${G} + ${p}u];`).join(" "),H=B.flatMap(G=>E.map(W=>`s${G}_${W} += dot(q${G}, k${W});`)).join(" ");return`{ ${C} ${L} ${H} }`}).join(`
      `),z=B.flatMap(p=>E.map(C=>{let L=t.alibi?` - sl${p} * f32(abs(qp${p} - i32(key${C})))`:"";return`s${p}_${C} = select(${Y}, s${p}_${C}${L}, ok${p} && key${C} < P.sk && (P.causal == 0u || i32(key${C}) <= qp${p}));`})).join(`
      `),x=B.map(p=>`Mx[(tr * ${e.tm}u + ${p}u) * ${u}u + tc] = max(${E.map(C=>`s${p}_${C}`).reduce((C,L)=>`max(${C}, ${L})`)}, ${Y});`).join(`
      `),k=(p,C)=>`let ${C} = ${me(u).map(L=>`Mx[${p} * ${u}u + ${L}u]`).reduce((L,H)=>`max(${L}, ${H})`)};`,b=B.map(p=>{let C=`(tr * ${e.tm}u + ${p}u)`,L=E.map(H=>`let p${H} = select(0.0, exp2(s${p}_${H} - tmax), s${p}_${H} > ${Y/2});
        Ps[${C} * ${c}u + tc + ${H*u}u] = p${H};`).join(`
        `);return`{
        ${k(C,"tmax")}
        ${L}
        Sm[${C} * ${u}u + tc] = ${E.map(H=>`p${H}`).join(" + ")};
      }`}).join(`
      `),S=Q.flatMap(p=>O.map(C=>`var o${p}_${C} = vec4<f32>(0.0);`)).join(" "),D=Q.map(p=>`var m${p} = ${Y}; var l${p} = 0.0;`).join(" "),w=Q.map(p=>{let C=`orow${p}`;return`{
        ${k(C,"tmax")}
        let tsum = ${me(u).map(L=>`Sm[${C} * ${u}u + ${L}u]`).join(" + ")};
        let mnew = max(m${p}, tmax);
        let alpha = exp2(m${p} - mnew);
        beta${p} = exp2(tmax - mnew);
        l${p} = l${p} * alpha + tsum * beta${p};
        m${p} = mnew;
        ${O.map(L=>`o${p}_${L} *= alpha;`).join(" ")}
      }`}).join(`
      `),P=me(n).map(p=>{let C=Q.map(G=>`let p${G} = Ps[orow${G} * ${c}u + ${p}u] * beta${G};`).join(" "),L=O.map(G=>`let v${G} = ${l}[${p*a}u + oc + ${G*f}u];`).join(" "),H=Q.flatMap(G=>O.map(W=>`o${G}_${W} += p${G} * v${W};`)).join(" ");return`{ ${C} ${L} ${H} }`}).join(`
      `),M=Q.map(p=>`{
    let flat = row0 + orow${p};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = select(0.0, 1.0 / l${p}, l${p} > 0.0);
      ${O.map(C=>A.o==="f32"?`O[base + ${C*f}u] = o${p}_${C} * inv;`:`O[base + ${C*f}u] = vec4<f16>(o${p}_${C} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),j=B.map(p=>`let flat${p} = row0 + tr * ${e.tm}u + ${p}u;
  let pos${p} = flat${p} / P.group;
  let ok${p} = pos${p} < P.sq;
  let qp${p} = i32(pos${p}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${p} = SL[kvh * P.group + flat${p} % P.group];`:""}`).join(`
  `);return`// ${mt(t)}
${g?"enable f16;":""}
${gt(t).wgsl}
var<workgroup> Qs: array<vec4<f32>, ${s*i}>;
var<workgroup> Ks: array<vec4<f32>, ${n*i}>;
${e.sharedKV?"":`var<workgroup> Vs: array<vec4<f32>, ${n*o}>;`}
var<workgroup> Ps: array<f32, ${s*c}>;
var<workgroup> Mx: array<f32, ${s*u}>;
var<workgroup> Sm: array<f32, ${s*u}>;

@compute @workgroup_size(${r})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // Tiles run last-first: under a causal mask the longest ones start first.
  let tile = P.numTiles - 1u - (P.tileBase + wid.x);
  let unit = P.unitBase + wid.y;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let row0 = tile * ${s}u;

  ${R}

  let tr = lid / ${u}u;
  let tc = lid % ${u}u;
  ${B.map(p=>`let qr${p} = (tr * ${e.tm}u + ${p}u) * ${i}u;`).join(" ")}
  ${E.map(p=>`let kr${p} = (tc + ${p*u}u) * ${i}u;`).join(" ")}
  ${j}
  let orr = lid / ${f}u;
  let oc = lid % ${f}u;
  ${Q.map(p=>`let orow${p} = orr * ${e.om}u + ${p}u;`).join(" ")}
  ${S}
  ${D}
  ${Q.map(p=>`var beta${p} = 0.0;`).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${s}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${n-1}u) / ${n}u;
  for (var kt = 0u; kt < tiles; kt++) {
    let k0 = kt * ${n}u;
    ${q}
    ${e.sharedKV?"":I}
    workgroupBarrier();
    {
      ${F}
      ${T}
      ${E.map(p=>`let key${p} = k0 + tc + ${p*u}u;`).join(" ")}
      ${z}
      ${x}
      workgroupBarrier();
      ${b}
    }
    ${e.sharedKV?I:""}
    workgroupBarrier();
    {
      ${w}
      ${P}
    }
    workgroupBarrier();
  }

  ${M}
}
`}var Ar={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmax4:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},hr={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function $t(t){let e=t.elements;return ee({name:"decode",uniforms:Ar,bindings:{q:_("Q",`array<vec4<${e.q}>>`),k:_("K",`array<vec4<${e.kv}>>`),v:_("V",`array<vec4<${e.kv}>>`),o:J("O",`array<vec4<${e.o}>>`),w:J("W","array<vec4<f32>>"),table:t.rope?_("T","array<vec2<f32>>"):null,slopes:t.alibi?_("SL","array<f32>"):null}})}function wt(t){return ee({name:"decode merge",uniforms:hr,bindings:{w:_("W","array<vec4<f32>>"),o:J("O",`array<vec4<${t}>>`)}})}var Le=64;function bt(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function kt(t,e){return`decode-merge:d${t}:${e}`}function we(t){return Array.from({length:t},(e,o)=>o)}function Xe(t){return t.length===0?"0.0":t.join(" + ")}function co(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function uo(t){let e=t.tiles,{c:o,lr:r,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,u=s*n*i,f=u+1,l=s*n,A=t.elements,d=se("Q",A.q),h=se("K",A.kv),m=se("V",A.kv),g=[A.q,A.kv,A.o].includes("f16"),$=we(i),v=we(o),y=we(n),R=t.rope?Ae(t.rope,d,"base","cc","P.tab + b * P.tabB + t"):"",q=$.map(x=>`${v.map(k=>`var q${x}_${k} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${x}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${v.map(k=>`{
        let cc = lr + ${k*r}u;
        var x = ${d("base + cc")};
        ${R}
        q${x}_${k} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),I=$.map(x=>`var m${x} = ${Y}; var l${x} = 0.0; ${v.map(k=>`var a${x}_${k} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),B=y.map(x=>{let k=$.map(b=>`Red[lr * ${f}u + kp * ${i}u + ${x*s*i+b}u] = ${Xe(v.map(S=>`dot(q${b}_${S}, k${x}_${S})`))};`).join(`
      `);return`let kr${x} = kvBase + min(k0 + ${x*s}u + kp, kEnd - 1u) * ${c}u;
      ${v.map(b=>`let k${x}_${b} = ${h(`kr${x} + ${b*r}u`)};`).join(" ")}
      ${v.map(b=>`let v${x}_${b} = ${m(`kr${x} + ${b*r}u`)};`).join(" ")}
      ${k}`}).join(`
      `),E=t.alibi?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          s -= SL[h] * f32(i32(qp) - i32(key));`:"",Q=we(Math.ceil(u/a)).map(x=>{let k=(x+1)*a>u;return`{
        let i = lid + ${x*a}u;
        ${k?`if (i < ${u}u) {`:"{"}
          var s = ${Xe(we(r).map(b=>`Red[${b*f}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${E}
          Sc[i] = select(${Y}, s, key < kEnd && f < P.rows && key <= qp);
        }
      }`}).join(`
      `),O=$.map(x=>{let k=y.map(b=>`s${b}`);return`{
        ${y.map(b=>`let s${b} = Sc[kp * ${i}u + ${b*s*i+x}u];`).join(" ")}
        let mx = max(m${x}, ${k.reduce((b,S)=>`max(${b}, ${S})`)});
        let alpha = exp2(m${x} - mx);
        ${y.map(b=>`let p${b} = select(0.0, exp2(s${b} - mx), s${b} > ${Y/2});`).join(" ")}
        l${x} = l${x} * alpha + ${Xe(y.map(b=>`p${b}`))};
        m${x} = mx;
        ${v.map(b=>`a${x}_${b} = a${x}_${b} * alpha + ${Xe(y.map(S=>`p${S} * v${S}_${b}`))};`).join(`
        `)}
      }`}).join(`
      `),F=$.map(x=>`{
    let mr = ${we(s).map(k=>`Mk[${k*i+x}u]`).reduce((k,b)=>`max(${k}, ${b})`)};
    let g = exp2(m${x} - mr);
    l${x} *= g;
    ${v.map(k=>`a${x}_${k} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${x}u] = mr;
    }
  }`).join(`
  `),T=we(s).map(x=>`if (kp == ${x}u) {
    ${$.flatMap(k=>v.map(b=>{let S=`${k*c}u + lr + ${b*r}u`;return x===0?`X[${S}] = a${k}_${b};`:`X[${S}] += a${k}_${b};`})).join(`
    `)}
    if (lr == 0u) {
      ${$.map(k=>x===0?`Ls[${k}u] = l${k};`:`Ls[${k}u] += l${k};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),z=we(Math.ceil(i*c/a)).map(x=>{let k=(x+1)*a>i*c;return`{
    let e = lid + ${x*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${k?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${co(A.o,"X[e] * select(0.0, 1.0 / total, total > 0.0)")};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${bt(t)}
${g?"enable f16;":""}
${$t(t).wgsl}
var<workgroup> Red: array<f32, ${r*f}>;
var<workgroup> Sc: array<f32, ${u}>;
var<workgroup> X: array<vec4<f32>, ${i*c}>;
var<workgroup> Mk: array<f32, ${s*i}>;
var<workgroup> Ms: array<f32, ${i}>;
var<workgroup> Ls: array<f32, ${i}>;

@compute @workgroup_size(${a})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let split = wid.x;
  let unit = P.unitBase + wid.y;
  let row0 = wid.z * ${i}u;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let kp = lid / ${r}u;
  let lr = lid % ${r}u;
  let kvBase = (unit - P.chunkBase) * P.lmax4 + lr;

  ${q}
  ${I}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${l}u) {
      ${B}
    workgroupBarrier();
      ${Q}
    workgroupBarrier();
      ${O}
  }

  if (lr == 0u) {
    ${$.map(x=>`Mk[kp * ${i}u + ${x}u] = m${x};`).join(" ")}
  }
  workgroupBarrier();
  ${F}
  ${T}
  ${z}
}
`}function fo(t,e){let o=t/4;return`// ${kt(t,e)}
${e==="f16"?"enable f16;":""}
${wt(e).wgsl}
@compute @workgroup_size(${Le})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Le}u + lid;
  if (idx >= P.items) {
    return;
  }
  let row = idx / ${o}u;
  let cc = idx % ${o}u;
  let stats = P.statsOff + row * P.nsplit;
  var mx = ${Y};
  for (var s = 0u; s < P.nsplit; s++) {
    mx = max(mx, W[stats + s].x);
  }
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var s = 0u; s < P.nsplit; s++) {
    let st = W[stats + s];
    let w = exp2(st.x - mx);
    total += w * st.y;
    acc += w * W[(row * P.nsplit + s) * ${o}u + cc];
  }
  let unit = P.unitBase + row / P.rows;
  let f = row % P.rows;
  let b = unit / P.kvHeads;
  let h = (unit % P.kvHeads) * P.group + f % P.group;
  let t = f / P.group;
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${co(e,"acc * select(0.0, 1.0 / total, total > 0.0)")};
}
`}function ie(t,e,o,r=4){let s=Math.max(16,o.minStorageBufferOffsetAlignment),n=Math.floor(t*r/s)*s,i=Math.max(4,Math.ceil((e*r-n)/4)*4);return{offset:n,size:i,base:n/r}}function oe(t,e){return t.size<=e.maxStorageBufferBindingSize}function ue(t,e,o,r){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!o(n,1))throw r(n);let a=1,c=i;if(o(n,c))a=c;else for(;c-a>1;){let u=Math.floor((a+c)/2);o(n,u)?a=u:c=u}s.push([n,a]),n+=a}return s}function ae(t,e){let o=e.maxComputeWorkgroupsPerDimension;if(t<=o)return[Math.max(1,t),1];let r=Math.ceil(t/o);if(r>o)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${o} x ${o}, the device's 2-D grid limit`);return[Math.ceil(t/r),r]}function be(t,e){let o=e.maxComputeWorkgroupsPerDimension;return o*o*t}var dr=32*1024*1024,pr=1024;function gr(t,e){return`rope-table|${e}|${t.attentionFactor}|${Array.from(t.invFreq).join(",")}`}function lo(t,e,o){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${o} bytes; rotate in smaller batches`)}function fe(t,e,o,r){let s=e.invFreq.length*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize);if(r.every(l=>l.positions.kind==="range")){let l=r.map($=>$.positions.start),A=Math.min(...l),d=Math.max(...r.map(($,v)=>l[v]+$.seq)),h=pr;for(;h<d;)h*=2;if(h*s<=Math.min(dr,n)){let $=gr(e,o),v=t.cached($,()=>null);if(!v||v.rows<d){let y=Ke(e,{start:0,count:h},o);v={rows:h,buffer:t.upload(y,"rope table")},t.setCached($,v)}return{buffer:v.buffer,temp:!1,sides:l.map(y=>({tab:y,tabB:0}))}}let m=Math.max(1,d-A);if(m*s>n)throw lo(m,m*s,n);let g=Ke(e,{start:A,count:m},o);return{buffer:t.upload(g,"rope table"),temp:!0,sides:l.map($=>({tab:$-A,tabB:0}))}}let i=[],a=[],c=0;for(let l of r){let A=l.positions,d=A.kind==="list"?A.list:Float64Array.from({length:l.seq},(h,m)=>A.start+m);a.push({tab:c,tabB:A.kind==="list"&&A.perBatch?l.seq:0}),i.push(d),c+=d.length}let u=new Float64Array(Math.max(1,c)),f=0;for(let l of i)u.set(l,f),f+=l.length;if(u.length*s>n)throw lo(u.length,u.length*s,n);return{buffer:t.upload(Ke(e,u,o),"rope table"),temp:!0,sides:a}}function Ao(t,e,o){let r=e.group*e.qSeq,s=no(e.headDim,r,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function ho(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(bt(e),()=>uo(e)),t.pipeline(kt(o,r),()=>fo(o,r))])}function po(t,e,o,r,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let a=Math.min(r,n);if(e.splits>a)throw new RangeError(`Invalid splits: expected at most ${a} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return je(r,e.splits)}let i=Math.ceil(e.group*e.qSeq/o.tiles.rb);return io(r,e.batch*e.kvHeads*i,s,n)}function _e(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function go(t,e,o,r,s,n,i){let a={dispatches:[],temps:[]},[c,u]=r,f=t.limits,{kvHeads:l,group:A,qSeq:d,headDim:h}=e,m=h/4,g=A*d,$=o.tiles,v=Math.ceil(g/$.rb),{splits:y,keysPerSplit:R}=n,q=y===1,I=e.qStrides,B=o.elements.q==="f16"?2:4,E=o.elements.o==="f16"?2:4,Q=(S,D,w)=>{let P=(C,L)=>Math.floor(C/l)*I.batch+L*I.heads,M=S+D-1,j=P(S,S%l*A),p=P(M,M%l*A+A-1)+(d-1)*I.seq+h;return ie(j,p,f,w)},O=S=>S*g*y*(m+1)*16,F=null;e.rope&&(F=fe(t,e.rope.frequencies,e.rope.angles,[{positions:_e(e,s.length),seq:d}]),F.temp&&a.temps.push(F.buffer));let T=null;e.alibi&&(T=t.upload(e.alibi.map(S=>S*Math.LOG2E),"alibi slopes"),a.temps.push(T));let z=f.maxComputeWorkgroupsPerDimension,x=$t(o),k=wt(o.elements.o),b=Math.max(1,Math.floor(be(Le,f)/(g*m)));for(let S of s.chunks){let D=ue(S.n,Math.min(z,b),(w,P)=>oe(Q(S.u0+w,P,B),f)&&oe(Q(S.u0+w,P,E),f)&&(q||O(P)<=f.maxStorageBufferBindingSize),w=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${Q(S.u0+w,1,Math.max(B,E)).size} bytes or their ${y} partial outputs ${O(1)} bytes, more than maxStorageBufferBindingSize (${f.maxStorageBufferBindingSize} bytes)`));for(let[w,P]of D){let M=S.u0+w,j=Q(M,P,B),p=Q(M,P,E),C=P*g*y*m,L=t.dummy();q||(L=t.buffer(O(P),"decode partials"),a.temps.push(L));let H={sq:d,group:A,rows:g,kvHeads:l,len:s.length,nsplit:y,keysPerSplit:R,unitBase:M,chunkBase:S.u0,lmax4:s.maxLength*m,direct:q?1:0,statsOff:C,qB:I.batch/4,qH:I.heads/4,qS:I.seq/4,qOff:j.base/4,oB:I.batch/4,oH:I.heads/4,oS:I.seq/4,oOff:p.base/4,tab:F?.sides[0]?.tab??0,tabB:F?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,x,H,{q:{buffer:i.q,offset:j.offset,size:j.size},k:{buffer:S.k},v:{buffer:S.v},o:{buffer:i.o,offset:p.offset,size:p.size},w:{buffer:L},...F?{table:{buffer:F.buffer}}:{},...T?{slopes:{buffer:T}}:{}},a.temps),grid:[y,P,v]}),q)continue;let G=P*g*m,[W,U]=ae(Math.ceil(G/Le),f),Z={items:G,nsplit:y,rows:g,group:A,kvHeads:l,unitBase:M,statsOff:C,gridX:W,oB:I.batch/4,oH:I.heads/4,oS:I.seq/4,oOff:p.base/4};a.dispatches.push({pipeline:u,bindGroup:t.bind(u,k,Z,{w:{buffer:L},o:{buffer:i.o,offset:p.offset,size:p.size}},a.temps),grid:[W,U,1]})}}return a}function mr(t){let{relaxed:e,plain:o}=ft(),r=e?new ve(e,"relaxed-simd"):o?new ve(o,"simd"):new Oe,s=t.headDim+7&-8,n=(t.maxLength+7&-8)*s,i=t.batch*t.kvHeads*n,a=Fe,c=a+i,u=c+i;if(u*4>2**31)return null;try{r.reserve(u)}catch{return null}return{kernel:r,dp:s,kAt:a,vAt:c,headFloats:n,end:u}}var Ge=class extends Qe{precision="f32";#e;#t;#o;constructor(e,o,r){super(e,o,r);let s=r.batch*r.kvHeads*r.maxLength*r.headDim;this.#e=new Float32Array(s),this.#t=new Float32Array(s),this.#o=mr(r)}append(e,o,r={}){try{this.live();let s=V("k",e,this.owner),n=V("v",o,this.owner),i=Ue(this,s,n,r),{slot:a,commit:c}=this.reserve(i),u=mo(s);i.rope&&(u=re(u,i.rope.frequencies,{layout:i.layout,pairing:i.rope.pairing,angles:i.rope.angles,positions:i.rope.positions??{kind:"range",start:a}}));let f=mo(n),l=this.headDim,A=i.strides;for(let d=0;d<this.batch;d++)for(let h=0;h<this.kvHeads;h++)for(let m=0;m<i.n;m++){let g=d*A.batch+h*A.heads+m*A.seq,$=((d*this.kvHeads+h)*this.maxLength+a+m)*l;this.#e.set(u.data.subarray(g,g+l),$),this.#t.set(f.data.subarray(g,g+l),$)}return this.#r(a,i.n),c(),Promise.resolve()}catch(s){return Promise.reject(s)}}#r(e,o){let r=this.#o;if(r===null)return;let{dp:s,headFloats:n}=r,i=this.headDim,a=r.kernel.reserve(r.end);for(let c=0;c<this.batch*this.kvHeads;c++){let u=r.kAt+c*n,f=r.vAt+c*n;for(let l=e;l<e+o;l++){let A=(c*this.maxLength+l)*i,d=u+(l>>3)*s*8+(l&7);for(let h=0;h<i;h++)a[d+8*h]=this.#e[A+h];for(let h=i;h<s;h++)a[d+8*h]=0;a.set(this.#t.subarray(A,A+i),f+l*s),a.fill(0,f+l*s+i,f+(l+1)*s)}}}tensors(e,o=!1){let{batch:r,kvHeads:s,headDim:n}=this,i=this.length,a=Object.freeze(e==="bhsd"?[r,s,i,n]:[r,i,s,n]),c,u;if(!o&&e==="bhsd"&&i===this.maxLength)c=this.#e,u=this.#t;else{c=new Float32Array(r*s*i*n),u=new Float32Array(c.length);for(let l=0;l<r;l++)for(let A=0;A<s;A++){let d=(l*s+A)*this.maxLength*n;if(e==="bhsd"){let h=(l*s+A)*i*n;c.set(this.#e.subarray(d,d+i*n),h),u.set(this.#t.subarray(d,d+i*n),h);continue}for(let h=0;h<i;h++){let m=d+h*n,g=((l*i+h)*s+A)*n;c.set(this.#e.subarray(m,m+n),g),u.set(this.#t.subarray(m,m+n),g)}}}let f=this.#o;if(!o&&f!==null){let l={kernel:f.kernel,batch:r,kvHeads:s,headDim:n,length:i,kAt:f.kAt,vAt:f.vAt,headFloats:f.headFloats,end:f.end};_t(c,l)}return{k:{shape:a,data:c},v:{shape:a,data:u}}}download(){try{return this.live(),Promise.resolve(this.tensors("bhsd",!0))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function mo(t){return t instanceof N?t.host:t}var $r=1<<23;function wr(t,e){let o=t.batch*t.kvHeads,r=Math.min(e,o),s=[];for(let n=0;n<r;n++){let i=Math.floor(n*o/r),a=Math.floor((n+1)*o/r),c=[];for(let u=i;u<a;){let f=Math.floor(u/t.kvHeads),l=u%t.kvHeads,A=Math.min(t.kvHeads,l+(a-u));c.push({batch:f,kv0:l,kv1:A}),u+=A-l}s.push(c)}return s}function $o(t,e){let o=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return e>1&&t.batch*t.kvHeads>1&&o>=$r}function yt(t,e,o,r,s,n,i){let a=new Float32Array((s-r)*n*i),c=0;for(let u=r;u<s;u++){let f=o*e.batch+u*e.heads;if(e.seq===i){a.set(t.subarray(f,f+n*i),c),c+=n*i;continue}for(let l=0;l<n;l++,c+=i){let A=f+l*e.seq;a.set(t.subarray(A,A+i),c)}}return a}function br(t,e,o){if(!t.rope)return[e,o];let{frequencies:r,pairing:s,angles:n,layout:i}={...t.rope,layout:t.layout};return[re(e,r,{layout:i,pairing:s,angles:n,positions:t.rope.query}),re(o,r,{layout:i,pairing:s,angles:n,positions:t.rope.key})]}function kr(t,e,o,r,s){let{group:n,qSeq:i,kSeq:a,headDim:c}=t,{batch:u,kv0:f,kv1:l}=e;return{q:yt(o.data,t.qStrides,u,f*n,l*n,i,c),k:yt(r.data,t.kStrides,u,f,l,a,c),v:yt(s.data,t.kStrides,u,f,l,a,c),alibi:t.alibi?t.alibi.slice(f*n,l*n):null}}function yr(t,e,o,r){let{group:s,qSeq:n,headDim:i,qStrides:a}=t,c=0;for(let u=e.kv0*s;u<e.kv1*s;u++){let f=e.batch*a.batch+u*a.heads;if(a.seq===i){r.set(o.subarray(c,c+n*i),f),c+=n*i;continue}for(let l=0;l<n;l++,c+=i)r.set(o.subarray(c,c+i),f+l*a.seq)}}function vr(t){let e=[];for(let o of t)e.push(o.q.buffer,o.k.buffer,o.v.buffer),o.alibi&&e.push(o.alibi.buffer);return e}var vt=class{#e;#t=new Map;#o=null;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let o=e.data,r=this.#t.get(o.id);r&&(this.#t.delete(o.id),"error"in o?r.reject(new Error(`A CPU attention worker failed: ${o.error}`)):r.resolve(o.outputs))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#o}run(e){return this.#o?Promise.reject(new Error(this.#o)):new Promise((o,r)=>{this.#t.set(e.id,{resolve:o,reject:r}),this.#e.postMessage(e,vr(e.pieces))})}fail(e){if(!this.#o){this.#o=e,this.#e.terminate();for(let o of this.#t.values())o.reject(new Error(e));this.#t.clear()}}},Ve=class{#e;#t=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,o,r,s){let[n,i]=br(e,o,r),a=new Float32Array(o.data.length),c=Object.freeze([...o.shape]),[u,...f]=wr(e,this.#e.length+1),l={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale},A=f.map((d,h)=>{let m=this.#e[h];(!m||m.failure)&&(m=this.#e[h]=new vt);let g={id:this.#t++,...l,pieces:d.map($=>kr(e,$,n,i,s))};return m.run(g).then($=>{d.forEach((v,y)=>yr(e,v,$[y],a))})});return Ie({...e,rope:null},n,i,s,void 0,{ranges:u,into:a}),await Promise.all(A),{shape:c,data:a}}destroy(e){for(let o of this.#e)o?.fail(e);this.#e.fill(void 0)}};var Ze=class extends De{info;cacheClass=Ge;#e=!1;#t;#o=null;constructor(e,o=1){super(),this.#t=o,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:o})}failure(){return this.#e?Te:null}#r(e){return e instanceof N?e.host:e}#s(e,o){return e instanceof N?new N(this,o.shape,o.data,this.alive):o}elementsOf(){return $e}async runAttention(e){let{plan:o}=e,[r,s,n]=[this.#r(e.q),this.#r(e.k),this.#r(e.v)];return $o(o,this.#t)?(this.#o??=new Ve(this.#t-1),this.#s(e.q,await this.#o.attention(o,r,s,n))):this.#s(e.q,Ie(o,r,s,n))}async timeAttention(e,o,r,s){let[n,i,a]=e.args;r&&await this.attention(n,i,a,s);let c=performance.now();for(let u=0;u<o;u++)await this.attention(n,i,a,s);return{seconds:(performance.now()-c)/1e3/o,iterations:o,source:"wall-clock"}}runRope(e){let{x:o,call:r,inPlace:s}=e,n=this.#r(o),i=re(n,r.frequencies,{layout:r.layout,pairing:r.pairing,angles:r.angles,positions:r.positions});return s?(n.data.set(i.data),Promise.resolve(o)):Promise.resolve(this.#s(o,i))}store(e){return new N(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new Ge(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){let{plan:o,cache:r}=e;Ye(o,r.length,r.ropeState);let s=this.#r(e.q);o.rope&&(s=re(s,o.rope.frequencies,{layout:o.layout,pairing:o.rope.pairing,angles:o.rope.angles,positions:_e(o,r.length)}));let{k:n,v:i}=r.tensors(o.layout),a=ge(s,n,i,{layout:o.layout,causal:!0,scale:o.scale,...o.alibi?{alibiSlopes:o.alibi}:{}});return Promise.resolve(this.#s(e.q,Ie(a,s,n,i)))}async timeDecode(e,o,r,s){let n=e.arg;r&&await this.decode(n,e.cache,s);let i=performance.now();for(let a=0;a<o;a++)await this.decode(n,e.cache,s);return{seconds:(performance.now()-i)/1e3/o,iterations:o,source:"wall-clock",splits:1}}destroy(){this.#e=!0,this.#o?.destroy(`This GpuAttention cannot be used: ${Te}`),this.#o=null}};function bo(t,e,o=$e){let r=Wt(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!r)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:lt}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function ko(t,e){return t.pipeline(mt(e),()=>ao(e))}function wo(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function yo(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:u,headDim:f}=e,l={dispatches:[],temps:[]};if(n===0||c===0||u===0)return l;let A=t.limits,d=e.qStrides,h=e.kStrides,m=n*i,g=o.elements??$e,$=k=>k==="f16"?2:4,v=(k,b,S=$(g.q))=>{let[D,w]=[Math.floor(k/i),k%i],P=k+b-1,[M,j]=[Math.floor(P/i),P%i],p=D*d.batch+w*a*d.heads,C=M*d.batch+(j*a+a-1)*d.heads+(c-1)*d.seq+f;return ie(p,C,A,S)},y=(k,b)=>v(k,b,$(g.o)),R=(k,b,S=$(g.k))=>{let D=k+b-1,w=Math.floor(k/i)*h.batch+k%i*h.heads,P=Math.floor(D/i)*h.batch+D%i*h.heads+(u-1)*h.seq+f;return ie(w,P,A,S)},q=(k,b)=>R(k,b,$(g.v)),I=(k,b)=>($(g.q)>=$(g.o)?v:y)(k,b),B=(k,b)=>($(g.k)>=$(g.v)?R:q)(k,b),E=ue(m,A.maxComputeWorkgroupsPerDimension,(k,b)=>oe(I(k,b),A)&&oe(B(k,b),A),k=>{let b=I(k,1);return oe(b,A)?wo("k and v",B(k,1).size,A.maxStorageBufferBindingSize):wo("q and the output",b.size,A.maxStorageBufferBindingSize)}),Q=null;e.rope&&(Q=fe(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:u}]),Q.temp&&l.temps.push(Q.buffer));let O=null;e.alibi&&(O=t.upload(e.alibi.map(k=>k*Math.LOG2E),"alibi slopes"),l.temps.push(O));let F=o.tiles,T=Math.ceil(c*a/F.br),z=A.maxComputeWorkgroupsPerDimension,x=gt(o);for(let[k,b]of E){let S=v(k,b),D=R(k,b),w=q(k,b),P=y(k,b);for(let M=0;M<T;M+=z){let j={sq:c,sk:u,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:T,tileBase:M,unitBase:k,qB:d.batch/4,qH:d.heads/4,qS:d.seq/4,qOff:S.base/4,kB:h.batch/4,kH:h.heads/4,kS:h.seq/4,kOff:D.base/4,vB:h.batch/4,vH:h.heads/4,vS:h.seq/4,vOff:w.base/4,oB:d.batch/4,oH:d.heads/4,oS:d.seq/4,oOff:P.base/4,qTab:Q?.sides[0]?.tab??0,qTabB:Q?.sides[0]?.tabB??0,kTab:Q?.sides[1]?.tab??0,kTabB:Q?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},p=t.bind(r,x,j,{q:{buffer:s.q,offset:S.offset,size:S.size},k:{buffer:s.k,offset:D.offset,size:D.size},v:{buffer:s.v,offset:w.offset,size:w.size},o:{buffer:s.o,offset:P.offset,size:P.size},...Q?{table:{buffer:Q.buffer}}:{},...O?{slopes:{buffer:O}}:{}},l.temps),[C]=ae(Math.min(z,T-M),A);l.dispatches.push({pipeline:r,bindGroup:p,grid:[C,b,1]})}}return l}var Ir=128,Er=16,Br=8;function xr(t){let e=t.tk*(t.de+1)*16,o=t.rb*(t.headDim/4)*16,r=t.tk*t.rb*4,s=t.rb*4;return e+o+r+s}function vo(t,e,o,r,s=256){let n=o==="f16"?8:4;if(!Number.isInteger(t)||t%n!==0||t<n||t>512)return`the keys kernel reads ${o} rows in 16-byte units of ${n} dims, so it needs a head dim that is a multiple of ${n} up to 512, got ${t}`;let i=t/n,a=Math.min(Ir,s);if(i>a)return`a row of ${i} load units needs more than the ${a} invocations per workgroup`;let c=Math.floor(a/i),u=c*i,f=Math.max(1,Math.min(e,Br)),l=Ee[r];for(let A=f;A>=1;A--){let d;for(let h=Math.min(u,c*Er);h>=c;h-=c){let m=xr({headDim:t,de:i,tk:h,rb:A});if(m>l)continue;let g=Math.ceil(A/Math.max(1,Math.floor(u/h))),$=Math.ceil(A/g),v={headDim:t,kv:o,e:n,de:i,wg:u,kg:c,tk:h,vk:h/c,rb:A,sg:$,rh:g,bytes:m};if(h%32===0||h<32)return v;d??=v}if(d)return d}return`no tile of keys fits ${l} bytes of workgroup storage (tier ${r}) at head dim ${t}`}var Pr=256,Cr=1024,Sr=4;function Io(t,e,o,r,s){let n=Sr*Math.max(1,o),i=Math.ceil(t*Math.max(1,e)/n),a=Math.min(Cr,Math.max(Pr,i)),c=Math.ceil(a/s)*s,u=Math.max(1,Math.ceil(t/c));return u>r&&(u=r,c=Math.ceil(t/u)),u===1?{splits:1,keysPerSplit:Math.max(1,t)}:{splits:Math.ceil(t/c),keysPerSplit:c}}var qr={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmaxU:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},Qr={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function Eo(t){return t.kv==="f16"?"vec4<u32>":"vec4<f32>"}function It(t){let e=t.elements,o=Eo(t.tiles);return ee({name:"decode keys",uniforms:qr,bindings:{q:_("Q",`array<vec4<${e.q}>>`),k:_("K",`array<${o}>`),v:_("V",`array<${o}>`),o:J("O",`array<vec4<${e.o}>>`),w:J("W","array<vec4<f32>>"),table:t.rope?_("T","array<vec2<f32>>"):null,slopes:t.alibi?_("SL","array<f32>"):null}})}function Et(t){return ee({name:"decode keys merge",uniforms:Qr,bindings:{w:_("W","array<vec4<f32>>"),o:J("O",`array<vec4<${t}>>`)}})}function Bt(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode-keys:d${e.headDim}:${e.kv}:wg${e.wg}:tk${e.tk}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function ze(t){let e=t/4,o=[8,4,2,1].find(s=>e%s===0),r=256/o;return{chunks:o,lanes:r,blocks:e/o,workgroup:256}}function xt(t,e){return`decode-keys-merge:d${t}:${e}`}function xe(t){return Array.from({length:t},(e,o)=>o)}function Bo(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function Dr(t){return[4,2,1].find(e=>t%e===0)}function xo(t){let e=t.tiles,{wg:o,tk:r,rb:s,de:n,kg:i,vk:a,sg:c,rh:u}=e,f=e.headDim/4,l=e.e/4,A=n+1,d=t.elements,h=se("Q",d.q),m=[d.q,d.o].includes("f16"),g=xe(s),$=xe(l),v=e.kv==="f16",y=(w,P)=>v?`vec4<f32>(unpack2x16float(${w}.${"xz"[P]}), unpack2x16float(${w}.${"yw"[P]}))`:w,R=t.rope?Ae(t.rope,h,"base","cc","P.tab + b * P.tabB + tq"):"",q=xe(a).map(w=>`let ki${w} = kvBase + min(k0 + g + ${w*i}u, kEnd - 1u) * ${n}u + c;
    Ks[(g + ${w*i}u) * ${A}u + c] = K[ki${w}];
    let v${w} = V[ki${w}];`).join(`
    `),I=xe(u),B=c*u!==s,E=w=>c===1?`${w}u`:`(rg * ${u}u + ${w}u)`,Q=w=>B?`min(${E(w)}, ${s-1}u)`:E(w),O=Dr(n),F=xe(O).map(w=>{let P=$.map(j=>`let x${w}_${j} = ${y(`Ks[kr + u + ${w}u]`,j)};`).join(" "),M=I.map(j=>`s${j} += ${$.map(p=>`dot(Qs[${Q(j)} * ${f}u + (u + ${w}u) * ${l}u + ${p}u], x${w}_${p})`).join(" + ")};`).join(" ");return`${P}
        ${M}`}).join(`
        `),T=t.alibi?"s -= SL[kvh * P.group + min(f, P.rows - 1u) % P.group] * f32(i32(qp) - i32(key));":"",z=I.map(w=>`{
        let row = ${E(w)};
        let f = row0 + row;
        let qp = P.len - P.sq + f / P.group;
        var s = s${w};
        ${T}
        s${w} = select(${Y}, s, key < kEnd && f < P.rows && key <= qp);
        ${B?`if (row < ${s}u && `:"if ("}s${w} > unordered(atomicLoad(&Mx[row]))) {
          atomicMax(&Mx[row], ordered(s${w}));
        }
      }`).join(`
      `),x=g.map(w=>`{
      let mn = unordered(atomicLoad(&Mx[${w}u]));
      let al = exp2(m${w} - mn);
      m${w} = mn;
      l${w} *= al;
      ${$.map(P=>`a${w}_${P} *= al;`).join(" ")}
    }`).join(`
    `),k=I.map(w=>{let P=`Ps[kl * ${s}u + row] = select(0.0, exp2(s${w} - ${c===1?`m${w}`:"unordered(atomicLoad(&Mx[row]))"}), s${w} > ${Y/2});`;return`{
        let row = ${E(w)};
        ${B?`if (row < ${s}u) { ${P} }`:P}
      }`}).join(`
      `),b=xe(a).map(w=>`{
      let pb = (g + ${w*i}u) * ${s}u;
      ${$.map(P=>`let w${P} = ${y(`v${w}`,P)};`).join(" ")}
      ${g.map(P=>`{ let pr = Ps[pb + ${P}u]; l${P} += pr; ${$.map(M=>`a${P}_${M} += pr * w${M};`).join(" ")} }`).join(`
      `)}
    }`).join(`
    `),S=g.map(w=>$.map(P=>{let M=`${w*f}u + c * ${l}u + ${P}u`;return`Qs[${M}] = a${w}_${P} + select(vec4<f32>(0.0), Qs[${M}], gi > 0u);`}).join(" ")).join(`
      `),D=g.map(w=>`Ps[${w}u] = l${w} + select(0.0, Ps[${w}u], gi > 0u);`).join(" ");return`// ${Bt(t)}
${m?"enable f16;":""}
${It(t).wgsl}
var<workgroup> Ks: array<${Eo(e)}, ${r*A}>;
var<workgroup> Qs: array<vec4<f32>, ${s*f}>;
var<workgroup> Ps: array<f32, ${Math.max(r*s,s)}>;
var<workgroup> Mx: array<atomic<u32>, ${s}>;

// f32 <-> u32 keeping the order, so atomicMax on u32 is a max of floats.
fn ordered(x: f32) -> u32 {
  let b = bitcast<u32>(x);
  return select(b | 0x80000000u, ~b, (b & 0x80000000u) != 0u);
}
fn unordered(u: u32) -> f32 {
  return bitcast<f32>(select(~u, u & 0x7fffffffu, (u & 0x80000000u) != 0u));
}

@compute @workgroup_size(${o})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let split = wid.x;
  let unit = P.unitBase + wid.y;
  let row0 = wid.z * ${s}u;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let c = lid % ${n}u;
  let g = lid / ${n}u;
  let kvBase = (unit - P.chunkBase) * P.lmaxU;

  // q of the row block, rotated and scaled, in workgroup memory.
  for (var i = lid; i < ${s*f}u; i += ${o}u) {
    let f = row0 + i / ${f}u;
    let cc = i % ${f}u;
    var x = vec4<f32>(0.0);
    if (f < P.rows) {
      let tq = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + tq * P.qS - P.qOff;
      x = ${h("base + cc")};
      ${R}
    }
    Qs[i] = x * P.scale2;
  }
  if (lid < ${s}u) {
    atomicStore(&Mx[lid], ordered(${Y}));
  }
  ${g.map(w=>`var m${w} = ${Y}; var l${w} = 0.0;`).join(`
  `)}
  ${I.map(w=>`var s${w} = 0.0;`).join(" ")}
  let kl = lid % ${r}u; // the score invocation's key in the tile
  let rg = lid / ${r}u; // and its group of rows
  ${g.flatMap(w=>$.map(P=>`var a${w}_${P} = vec4<f32>(0.0);`)).join(" ")}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${s}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  workgroupBarrier();
  for (var k0 = kBegin; k0 < kEnd; k0 += ${r}u) {
    ${q}
    workgroupBarrier();
    if (lid < ${r*c}u) {
      ${I.map(w=>`s${w} = 0.0;`).join(" ")}
      let kr = kl * ${A}u;
      for (var u = 0u; u < ${n}u; u += ${O}u) {
        ${F}
      }
      let key = k0 + kl;
      ${z}
    }
    workgroupBarrier();
    ${x}
    if (lid < ${r*c}u) {
      ${k}
    }
    workgroupBarrier();
    ${b}
  }

  // The key groups' outputs and sums, added in workgroup memory (Qs and Ps are free now).
  workgroupBarrier();
  for (var gi = 0u; gi < ${i}u; gi++) {
    if (g == gi) {
      ${S}
      if (c == 0u) {
        ${D}
      }
    }
    workgroupBarrier();
  }
  for (var i = lid; i < ${s*f}u; i += ${o}u) {
    let r = i / ${f}u;
    let cc = i % ${f}u;
    let f = row0 + r;
    if (f < P.rows) {
      let total = Ps[r];
      if (P.direct != 0u) {
        let tq = f / P.group;
        let h = kvh * P.group + f % P.group;
        O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + cc] = ${Bo(d.o,"Qs[i] * select(0.0, 1.0 / total, total > 0.0)")};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${f}u + cc] = Qs[i];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] =
            vec4<f32>(unordered(atomicLoad(&Mx[r])), total, 0.0, 0.0);
        }
      }
    }
  }
}
`}function Po(t,e){let o=t/4,{chunks:r,lanes:s,workgroup:n,blocks:i}=ze(t),a=xe(4),c=`vec4<f32>(${Y}, 0.0, 0.0, 0.0)`,u=[];for(let f=s/2;f>=1;f/=2)u.push(`if (sl < ${f}u) {
    let other = lid + ${f*r}u;
    let x = Sm[lid];
    let y = Sm[other];
    let mx = max(x.x, y.x);
    let wx = exp2(x.x - mx);
    let wy = exp2(y.x - mx);
    Am[lid] = Am[lid] * wx + Am[other] * wy;
    Sm[lid] = vec2<f32>(mx, x.y * wx + y.y * wy);
  }
  workgroupBarrier();`);return`// ${xt(t,e)}
${e==="f16"?"enable f16;":""}
${Et(e).wgsl}
var<workgroup> Am: array<vec4<f32>, ${n}>;
var<workgroup> Sm: array<vec2<f32>, ${n}>;

@compute @workgroup_size(${n})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let item = wid.y * P.gridX + wid.x;
  if (item >= P.items) {
    return;
  }
  let row = item / ${i}u;
  let c = (item % ${i}u) * ${r}u + lid % ${r}u;
  let sl = lid / ${r}u;
  let stats = P.statsOff + row * P.nsplit;
  let part = row * P.nsplit;
  let last = P.nsplit - 1u;
  var m = ${Y};
  var l = 0.0;
  var a = vec4<f32>(0.0);
  // Four splits per step, loaded independently; missing ones weigh exactly 0.
  for (var s = sl; s < P.nsplit; s += ${4*s}u) {
    ${a.map(f=>`let ok${f} = s + ${f*s}u < P.nsplit;
    let i${f} = min(s + ${f*s}u, last);
    let st${f} = select(${c}, W[stats + i${f}], ok${f});
    let w${f} = select(vec4<f32>(0.0), W[(part + i${f}) * ${o}u + c], ok${f});`).join(`
    `)}
    let mn = max(max(m, max(st0.x, st1.x)), max(st2.x, st3.x));
    let sc = exp2(m - mn);
    ${a.map(f=>`let e${f} = exp2(st${f}.x - mn);`).join(" ")}
    a = a * sc + ${a.map(f=>`e${f} * w${f}`).join(" + ")};
    l = l * sc + ${a.map(f=>`e${f} * st${f}.y`).join(" + ")};
    m = mn;
  }
  Am[lid] = a;
  Sm[lid] = vec2<f32>(m, l);
  workgroupBarrier();
  // The lanes' states merged pairwise (log-sum-exp), ${Math.log2(s)} rounds.
  ${u.join(`
  `)}
  if (sl == 0u) {
    let total = Sm[lid].y;
    let unit = P.unitBase + row / P.rows;
    let f = row % P.rows;
    let b = unit / P.kvHeads;
    let h = (unit % P.kvHeads) * P.group + f % P.group;
    let tq = f / P.group;
    O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + c] = ${Bo(e,"Am[lid] * select(0.0, 1.0 / total, total > 0.0)")};
  }
}
`}function Co(t,e,o){let r=vo(e.headDim,e.group*e.qSeq,o.kv,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(typeof r=="string")return r;let s=ze(e.headDim).workgroup;if(s>t.limits.maxComputeInvocationsPerWorkgroup)return`its merge kernel needs ${s} invocations per workgroup`;let n=e.group*e.qSeq,i=t.limits.maxComputeWorkgroupsPerDimension;return Math.ceil(n/r.rb)>i||n*ze(e.headDim).blocks>i*i?`${n} query rows per KV head exceed its grid (maxComputeWorkgroupsPerDimension ${i})`:{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function So(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(Bt(e),()=>xo(e)),t.pipeline(xt(o,r),()=>Po(o,r))])}function qo(t,e,o,r,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,n);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return je(r,e.splits)}let i=o.tiles,a=Math.ceil(e.group*e.qSeq/i.rb);return Io(r,e.batch*e.kvHeads*a,s,n,i.tk)}function Qo(t,e,o,r,s,n,i){let a={dispatches:[],temps:[]},[c,u]=r,f=t.limits,{kvHeads:l,group:A,qSeq:d,headDim:h}=e,m=h/4,g=A*d,$=o.tiles,v=Math.ceil(g/$.rb),{splits:y,keysPerSplit:R}=n,q=y===1,I=e.qStrides,B=o.elements.q==="f16"?2:4,E=o.elements.o==="f16"?2:4,Q=(D,w,P)=>{let M=(L,H)=>Math.floor(L/l)*I.batch+H*I.heads,j=D+w-1,p=M(D,D%l*A),C=M(j,j%l*A+A-1)+(d-1)*I.seq+h;return ie(p,C,f,P)},O=D=>D*g*y*(m+1)*16,F=null;e.rope&&(F=fe(t,e.rope.frequencies,e.rope.angles,[{positions:_e(e,s.length),seq:d}]),F.temp&&a.temps.push(F.buffer));let T=null;e.alibi&&(T=t.upload(e.alibi.map(D=>D*Math.LOG2E),"alibi slopes"),a.temps.push(T));let z=f.maxComputeWorkgroupsPerDimension,x=It(o),k=Et(o.elements.o),b=ze(h).blocks,S=Math.max(1,Math.floor(z*z/(g*b)));for(let D of s.chunks){let w=ue(D.n,Math.min(z,S),(P,M)=>oe(Q(D.u0+P,M,B),f)&&oe(Q(D.u0+P,M,E),f)&&(q||O(M)<=f.maxStorageBufferBindingSize),P=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${Q(D.u0+P,1,Math.max(B,E)).size} bytes or their ${y} partial outputs ${O(1)} bytes, more than maxStorageBufferBindingSize (${f.maxStorageBufferBindingSize} bytes)`));for(let[P,M]of w){let j=D.u0+P,p=Q(j,M,B),C=Q(j,M,E),L=M*g*y*m,H=t.dummy();q||(H=t.buffer(O(M),"decode partials"),a.temps.push(H));let G={sq:d,group:A,rows:g,kvHeads:l,len:s.length,nsplit:y,keysPerSplit:R,unitBase:j,chunkBase:D.u0,lmaxU:s.maxLength*$.de,direct:q?1:0,statsOff:L,qB:I.batch/4,qH:I.heads/4,qS:I.seq/4,qOff:p.base/4,oB:I.batch/4,oH:I.heads/4,oS:I.seq/4,oOff:C.base/4,tab:F?.sides[0]?.tab??0,tabB:F?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,x,G,{q:{buffer:i.q,offset:p.offset,size:p.size},k:{buffer:D.k},v:{buffer:D.v},o:{buffer:i.o,offset:C.offset,size:C.size},w:{buffer:H},...F?{table:{buffer:F.buffer}}:{},...T?{slopes:{buffer:T}}:{}},a.temps),grid:[y,M,v]}),q)continue;let W=M*g*b,[U,Z]=ae(W,f),le={items:W,nsplit:y,rows:g,group:A,kvHeads:l,unitBase:j,statsOff:L,gridX:U,oB:I.batch/4,oH:I.heads/4,oS:I.seq/4,oOff:C.base/4};a.dispatches.push({pipeline:u,bindGroup:t.bind(u,k,le,{w:{buffer:H},o:{buffer:i.o,offset:C.offset,size:C.size}},a.temps),grid:[U,Z,1]})}}return a}function Do(t,e,o){let r=null;if(e.kernel==="keys"){let s=Co(t,e,o);if(typeof s!="string")return{kernel:"keys",params:s};r=s}return{kernel:"split",params:Ao(t,e,o),fallback:r}}function Pt(t,e){return e.kernel==="keys"?So(t,e.params):ho(t,e.params)}function Ro(t,e,o,r,s,n,i){if(o.kernel==="keys"){let u=qo(t,e,o.params,s.length,n);return{job:Qo(t,e,o.params,r,s,u,i),splits:u.splits}}let a=po(t,e,o.params,s.length,n);return{job:go(t,e,o.params,r,s,a,i),splits:a.splits}}var Mo=new Float32Array(1),Rr=new Uint32Array(Mo.buffer);function Mr(t){Mo[0]=t;let e=Rr[0],o=e>>>16&32768,r=e>>>23&255,s=e&8388607;if(r===255)return o|31744|(s!==0?512:0);let n=r-112;if(n>=31)return o|31744;if(n<=0){if(n<-10)return o;s|=8388608;let c=14-n,u=s>>>c,f=s&(1<<c)-1,l=1<<c-1;return(f>l||f===l&&(u&1)===1)&&u++,o|u}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,o|i}function Oo(t){let e=(t&32768)!==0?-1:1,o=t>>>10&31,r=t&1023;return o===0?e*r*2**-24:o===31?r!==0?NaN:e*(1/0):e*(1+r/1024)*2**(o-15)}function Ct(t){let e=new Uint16Array(t.length+t.length%2);for(let o=0;o<t.length;o++)e[o]=Mr(t[o]);return e}function et(t,e=t.length){let o=new Float32Array(e);for(let r=0;r<e;r++)o[r]=Oo(t[r]);return o}var ce=64;function Fo(){return Float32Array.from({length:ce},(t,e)=>(e-31)*.125)}var Or=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${ce/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function Fr(t,e){let o=Fo();for(let r=0;r<ce;r++){let s=o[r]*3+.25,n=t[r],i=e[r]===void 0?void 0:Oo(e[r]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${r} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${ce} values was exact`}}async function Ho(t){let n=[],i=(a,c)=>{let u=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(u),u};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:Or,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),u=i(ce*2,136),f=i(ce*4,132),l=i(ce*2,132),A=i(ce*4,9),d=i(ce*2,9),h=Ct(Fo());t.queue.writeBuffer(u,0,h.buffer,h.byteOffset,h.byteLength);let m=t.createCommandEncoder(),g=m.beginComputePass();g.setPipeline(c),g.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[u,f,l].map((R,q)=>({binding:q,resource:{buffer:R}}))})),g.dispatchWorkgroups(1),g.end(),m.copyBufferToBuffer(f,0,A,0,ce*4),m.copyBufferToBuffer(l,0,d,0,ce*2),t.queue.submit([m.finish()]),await Promise.all([A.mapAsync(1),d.mapAsync(1)]);let $=new Float32Array(A.getMappedRange().slice(0)),v=new Uint16Array(d.getMappedRange().slice(0)),y=await t.popErrorScope();return y?{available:!1,detail:`the shader-f16 self-test was rejected: ${y.message}`}:Fr($,v)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var tt=256,Hr={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function To(t){return ee({name:"kv append",uniforms:Hr,bindings:{k:_("K",`array<vec4<${t.k}>>`),v:_("V",`array<vec4<${t.v}>>`),kc:J("KC",`array<vec4<${t.cache}>>`),vc:J("VC",`array<vec4<${t.cache}>>`),table:t.rope?_("T","array<vec2<f32>>"):null}})}function jo(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function Tr(t){let e=t.headDim/4,o=se("K",t.k),r=se("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=a=>t.cache==="f32"?a:`vec4<f16>(${a})`,i=t.rope?Ae(t.rope,o,"base","c","P.tab + b * P.tabB + s"):"";return`// ${jo(t)}
${s?"enable f16;":""}
${To(t).wgsl}
@compute @workgroup_size(${tt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${tt}u + lid;
  if (idx >= P.items) {
    return;
  }
  let c = idx % ${e}u;
  let row = idx / ${e}u;
  let s = P.tokBase + row % P.tokCount;
  let unit = P.unitBase + row / P.tokCount;
  let b = unit / P.kvHeads;
  let h = unit % P.kvHeads;
  let base = b * P.kB + h * P.kH + s * P.kS - P.kOff;
  var x = ${o("base + c")};
  ${i}
  let dst = (unit - P.chunkBase) * P.lmax4 + (P.slot + s) * ${e}u + c;
  KC[dst] = ${n("x")};
  VC[dst] = ${n(r("b * P.vB + h * P.vH + s * P.vS - P.vOff + c"))};
}
`}function Lo(t,e){return t.pipeline(jo(e),()=>Tr(e))}function _o(t,e,o,r,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,u=o.headDim,f=u/4;if(a===0)return i;let l=t.limits,A=o.k==="f16"?2:4,d=o.v==="f16"?2:4,h=(R,q,I)=>{let B=R+q-1,E=Q=>Math.floor(Q/e.kvHeads)*c.batch+Q%e.kvHeads*c.heads;return ie(E(R),E(B)+(a-1)*c.seq+u,l,I)},m=null;e.rope&&(m=fe(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),m.temp&&i.temps.push(m.buffer));let g=be(tt,l),$=Math.min(a,Math.max(1,Math.floor(g/f))),v=Math.max(1,Math.floor(g/($*f))),y=To(o);for(let R of n){let q=ue(R.n,v,(I,B)=>oe(h(R.u0+I,B,A),l)&&oe(h(R.u0+I,B,d),l),I=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${h(R.u0+I,1,Math.max(A,d)).size} bytes, more than maxStorageBufferBindingSize (${l.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[I,B]of q)for(let E=0;E<a;E+=$){let Q=Math.min($,a-E),O=R.u0+I,F=h(O,B,A),T=h(O,B,d),z=B*Q*f,[x,k]=ae(Math.ceil(z/tt),l),b={items:z,kvHeads:e.kvHeads,unitBase:O,chunkBase:R.u0,slot:e.slot,lmax4:e.maxLength*f,gridX:x,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:F.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:T.base/4,tab:m?.sides[0]?.tab??0,tabB:m?.sides[0]?.tabB??0,tokBase:E,tokCount:Q},S=t.bind(r,y,b,{k:{buffer:s.k,offset:F.offset,size:F.size},v:{buffer:s.v,offset:T.offset,size:T.size},kc:{buffer:R.k},vc:{buffer:R.v},...m?{table:{buffer:m.buffer}}:{}},i.temps);i.dispatches.push({pipeline:r,bindGroup:S,grid:[x,k,1]})}}return i}var ot=class{#e=Promise.resolve();run(e,o){let r=this.#e,s,n=new Promise(i=>s=i);return this.#e=r.then(()=>n),(async()=>{try{let i=await e();return await r,await o(i)}finally{s()}})()}};function Pe(t){return t instanceof N&&t.dtype==="float16"?"f16":"f32"}var jr="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",We=class t extends Qe{precision;chunks;#e;#t=new ot;#o=0;constructor(e,o,r,s,n,i){super(o,r,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,o,r,s,n){let i=n==="f16"?2:4,a=s.maxLength*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c)throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of maxLength ${s.maxLength} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller maxLength, precision "f16", or several caches`);let u=s.batch*s.kvHeads,f=Math.floor(c/a),l=2*u*a,A=[];return await e.guarded(`allocating the KV cache (${l} bytes)`,()=>{for(let d=0;d<u;d+=f){let h=Math.min(f,u-d);A.push({u0:d,n:h,k:e.buffer(h*a,"kv cache keys"),v:e.buffer(h*a,"kv cache values")})}}).catch(d=>{for(let h of A)h.k.destroy(),h.v.destroy();throw d}),new t(e,o,r,s,n,A)}view(){return{batch:this.batch,kvHeads:this.kvHeads,maxLength:this.maxLength,length:this.length,chunks:this.chunks}}schedule(e,o,r){let s=this.#o;return this.#t.run(o,n=>{if(this.live(),s!==this.#o)throw new Error(`This ${e} ${jr}`);return r(n)})}append(e,o,r={}){try{this.live();let s=this.#e,n=V("k",e,this.owner),i=V("v",o,this.owner),a=Ue(this,n,i,r),c={headDim:this.headDim,rope:a.rope?{pairing:a.rope.pairing,rotaryDim:a.rope.rotaryDim}:null,k:Pe(n),v:Pe(i),cache:this.precision};return this.schedule("append",()=>Lo(s,c),async u=>{V("k",e,this.owner),V("v",o,this.owner);let{slot:f,commit:l}=this.reserve(a);a.n!==0&&(await s.guarded("the KV-cache append",()=>{let A=[],d=(g,$)=>{if(g instanceof N)return g.buffer;let v=s.upload(g.data,$);return A.push(v),v},h={k:d(n,"k"),v:d(i,"v")},m={kvHeads:this.kvHeads,maxLength:this.maxLength,n:a.n,slot:f,strides:a.strides,rope:a.rope?{frequencies:a.rope.frequencies,angles:a.rope.angles,positions:a.rope.positions??{kind:"range",start:f}}:null};try{let g=_o(s,m,c,u,h,this.chunks);g.temps.push(...A),s.submit(g)}catch(g){for(let $ of A)$.destroy();throw g}}),l())})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,o=this.headDim,r=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let f=this.length,l=f*o*r;if(f===0)return{length:f,target:null,bytes:0};let A=[];for(let h of["k","v"])for(let m of this.chunks)for(let g=0;g<m.n;g++){let $=g*this.maxLength*o*r;A.push({buffer:m[h],offset:$,size:l})}let d=await e.guarded("the KV-cache download",()=>e.gather(A));return{length:f,target:d,bytes:2*s*l}}),i=Object.freeze([this.batch,this.kvHeads,n.length,o]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,u=f=>this.precision==="f16"?et(new Uint16Array(f)):new Float32Array(f);return{k:{shape:i,data:u(a.slice(0,c))},v:{shape:i,data:u(a.slice(c))}}}reset(){this.live(),this.#o++,this.clear()}destroy(){if(this.markDestroyed()){this.#o++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var Se=256,Ce=64,St={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},ke="array<f32>",Re={scores:ee({name:"naive scores",uniforms:St,bindings:{q:_("Q",ke),k:_("K",ke),slopes:_("SL",ke),scores:J("S",ke)}}),softmax:ee({name:"naive softmax",uniforms:St,bindings:{scores:J("S",ke)}}),pv:ee({name:"naive pv",uniforms:St,bindings:{scores:_("S",ke),v:_("V",ke),o:J("O",ke)}})},Go=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function Lr(t){return t==="scores"?`// naive:scores
${Re.scores.wgsl}${Go}
@compute @workgroup_size(${Se})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Se}u + lid;
  if (idx >= P.rows * P.sk) {
    return;
  }
  let c = rowCoords(P.rowBase + idx / P.sk);
  let j = idx % P.sk;
  let kvh = c.y / P.group;
  let aligned = i32(c.z) + i32(P.sk) - i32(P.sq);
  var value = ${Y};
  if (P.causal == 0u || i32(j) <= aligned) {
    let qb = c.x * P.qB + c.y * P.qH + c.z * P.qS;
    let kb = c.x * P.kB + kvh * P.kH + j * P.kS;
    var dot = 0.0;
    for (var d = 0u; d < P.dim; d++) {
      dot += Q[qb + d] * K[kb + d];
    }
    value = P.scale * dot;
    if (P.alibi != 0u) {
      value -= SL[c.y] * f32(abs(aligned - i32(j)));
    }
  }
  S[idx] = value;
}
`:t==="softmax"?`// naive:softmax
${Re.softmax.wgsl}var<workgroup> red: array<f32, ${Ce}>;
@compute @workgroup_size(${Ce})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${Y};
  for (var j = lid; j < P.sk; j += ${Ce}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${Ce/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${Ce}u) {
    let s = S[base + j];
    sum += select(0.0, exp(s - m), s > ${Y/2});
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${Ce/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = select(0.0, 1.0 / total, total > 0.0);
  for (var j = lid; j < P.sk; j += ${Ce}u) {
    let s = S[base + j];
    S[base + j] = select(0.0, exp(s - m) * inv, s > ${Y/2});
  }
}
`:`// naive:pv
${Re.pv.wgsl}${Go}
@compute @workgroup_size(${Se})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Se}u + lid;
  if (idx >= P.rows * P.dim) {
    return;
  }
  let local = idx / P.dim;
  let d = idx % P.dim;
  let c = rowCoords(P.rowBase + local);
  let kvh = c.y / P.group;
  let vb = c.x * P.kB + kvh * P.kH + d;
  var acc = 0.0;
  for (var j = 0u; j < P.sk; j++) {
    acc += S[local * P.sk + j] * V[vb + j * P.kS];
  }
  O[c.x * P.qB + c.y * P.qH + c.z * P.qS + d] = acc;
}
`}function zo(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>Lr(e))))}function Wo(t,e,o,r){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:u}=e,f=n*i*a;if(f===0||c===0)return s;let l=t.limits,A=l.maxStorageBufferBindingSize;for(let[B,E]of[["q",r.q],["k",r.k],["v",r.v]])if(E.size>A)throw new RangeError(`Cannot run the naive kernel: ${B} (${E.size} bytes) exceeds maxStorageBufferBindingSize (${A} bytes); it is a small-size baseline, use the flash kernel`);let d=c*4;if(d>A)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${A} bytes)`);let h=be(Se,l),m=Math.max(1,Math.min(f,Math.floor(A/d),Math.floor(h/c),Math.floor(h/u),l.maxComputeWorkgroupsPerDimension**2)),g=t.buffer(m*d,"naive scores");s.temps.push(g);let $=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push($);let[v,y,R]=o,q=e.qStrides,I=e.kStrides;for(let B=0;B<f;B+=m){let E=Math.min(m,f-B),Q={rowBase:B,rows:E,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:q.batch,qH:q.heads,qS:q.seq,dim:u,kB:I.batch,kH:I.heads,kS:I.seq,scale:e.scale},[O,F,T]=[E*c/Se,E,E*u/Se].map(x=>ae(Math.ceil(x),l)),z=(x,k,[b,S],D)=>s.dispatches.push({pipeline:x,bindGroup:t.bind(x,k,{...Q,gridX:b},D,s.temps),grid:[b,S,1]});z(v,Re.scores,O,{q:{buffer:r.q},k:{buffer:r.k},slopes:{buffer:$},scores:{buffer:g}}),z(y,Re.softmax,F,{scores:{buffer:g}}),z(R,Re.pv,T,{scores:{buffer:g},v:{buffer:r.v},o:{buffer:r.o}})}return s}var rt=256,_r={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function Ko(t){return ee({name:"rope",uniforms:_r,bindings:{x:t?J("X","array<f32>"):_("X","array<f32>"),table:_("T","array<vec2<f32>>"),y:t?null:J("Y","array<f32>")}})}function Gr(t){let e=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
${Ko(t).wgsl}
@compute @workgroup_size(${rt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${rt}u + lid;
  if (idx >= P.items) {
    return;
  }
  let r = P.rowBase + idx / P.perRow;
  let j = idx % P.perRow;
  var b: u32;
  var h: u32;
  var s: u32;
  if (P.bshd != 0u) {
    h = r % P.heads;
    s = (r / P.heads) % P.seq;
    b = r / (P.heads * P.seq);
  } else {
    s = r % P.seq;
    h = (r / P.seq) % P.heads;
    b = r / (P.seq * P.heads);
  }
  let xi = b * P.xB + h * P.xH + s * P.xS - P.xOff;
  let oi = b * P.oB + h * P.oH + s * P.oS - P.oOff;
  if (j < P.rh) {
    var d0 = j;
    var d1 = j + P.rh;
    if (P.interleaved != 0u) {
      d0 = 2u * j;
      d1 = d0 + 1u;
    }
    let t = T[(P.tab + b * P.tabB + s) * P.rh + j];
    let a = X[xi + d0];
    let c = X[xi + d1];
    ${e}[oi + d0] = a * t.x - c * t.y;
    ${e}[oi + d1] = c * t.x + a * t.y;
  } else {
    let d = 2u * P.rh + (j - P.rh);
    ${e}[oi + d] = X[xi + d];
  }
}
`}function qt(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>Gr(e))}function st(t,e,o,r,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:u}=e,f=i*a*c;if(f===0||u===0)return n;let l=e.frequencies.invFreq.length,A=l+(s?u-2*l:0),d=t.limits,h=fe(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);h.temp&&n.temps.push(h.buffer);let m=h.sides[0],g=e.layout==="bhsd"?{b:a*c*u,h:c*u,s:u}:{b:c*a*u,h:u,s:a*u},$=Math.max(1,Math.floor(be(rt,d)/Math.max(1,A))),v=ue(f,$,(R,q)=>oe(ie(R*u,(R+q)*u,d),d),()=>new RangeError(`Cannot rotate: one row of ${u} elements exceeds the device's maxStorageBufferBindingSize`)),y=Ko(s===null);for(let[R,q]of v){let I=ie(R*u,(R+q)*u,d),B=q*A,[E,Q]=ae(Math.ceil(B/rt),d),O={items:B,perRow:A,rh:l,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:R,xB:g.b,xH:g.h,xS:g.s,xOff:I.base,oB:g.b,oH:g.h,oS:g.s,oOff:I.base,tab:m.tab,tabB:m.tabB,gridX:E},F=t.bind(o,y,O,{x:{buffer:r,offset:I.offset,size:I.size},table:{buffer:h.buffer},...s?{y:{buffer:s,offset:I.offset,size:I.size}}:{}},n.temps);n.dispatches.push({pipeline:o,bindGroup:F,grid:[E,Q,1]})}return n}var nt=t=>t==="f16"?2:4,it=class extends De{info;#e;cacheClass=We;constructor(e,o){super(),this.#e=e,this.info=Object.freeze(o)}failure(){return this.#e.failure}#t(e,o,r="f32"){return new N(this,e,o,this.alive,r==="f16"?"float16":"float32")}#o(e,o){return o==="f16"?Ct(e):e}#r(e,o,r){return o==="f16"?et(new Uint16Array(e),r):new Float32Array(e)}#s(e,o,r,s="f32"){if(e instanceof N)return e.buffer;let n=this.#e.upload(this.#o(e.data,s),r);return o.push(n),n}elementsOf(e,o,r,s){let n=He("precision",s.precision,this.info.f16),i=a=>a instanceof N?Pe(a):n;return{q:i(e),k:i(o),v:i(r),o:i(e)}}async runAttention(e){let o=this.#e,{plan:r,elements:s}=e,n=await this.#n(e);this.live(),this.checkOperands(e.args);let i=Be(r.qShape),a=i*nt(s.o),c=o.buffer(a,"attention output"),u=e.q instanceof N,f=await o.guarded("the attention dispatch",()=>{let A=n(e.q,e.k,e.v,c),d=u?void 0:{source:c,bytes:a},h=o.submit(A,d);return u||c.destroy(),h});if(u)return this.#t(r.qShape,c,s.o);let l=this.#r(await o.read(f,a),s.o,i);return{shape:Object.freeze([...r.qShape]),data:l}}async timeAttention(e,o,r,s){let n=this.#e,i=await this.#n(e);this.live();let a=n.buffer(Be(e.plan.qShape)*nt(e.elements.o),"attention output"),c=await n.guarded("the attention dispatch",()=>i(e.q,e.k,e.v,a));try{let u=await n.profile(c,o,r);return{seconds:u.seconds,iterations:o,source:u.source}}finally{n.release(c),a.destroy()}}#n(e){return e.kernel==="flash"?this.#a(e.plan,e.elements):this.#c(e.plan,e.elements)}async#a(e,o){let r=this.#e,s=bo(r,e,o),n=await ko(r,s);return(i,a,c,u)=>{let f=[],l={q:this.#s(i,f,"q",o.q),k:this.#s(a,f,"k",o.k),v:this.#s(c,f,"v",o.v),o:u},A=yo(r,e,s,n,l);return{dispatches:A.dispatches,temps:[...f,...A.temps]}}}async#c(e,o){let r=this.#e,s=Object.entries(o).find(([,a])=>a==="f16");if(s)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${s[0]==="o"?"output":s[0]}; use the flash kernel`);let[n,i]=await Promise.all([zo(r),e.rope?qt(r,!1):Promise.resolve(null)]);return(a,c,u,f)=>{let l=[],A=[],d=this.#s(a,l,"q"),h=this.#s(c,l,"k"),m=this.#s(u,l,"v");if(e.rope&&i){let $=e.rope,v=(y,R,q,I)=>{let B={layout:e.layout,batch:e.batch,heads:R,seq:q,headDim:e.headDim,frequencies:$.frequencies,pairing:$.pairing,angles:$.angles,positions:y},E=r.buffer(e.batch*R*q*e.headDim*4,"rotated");l.push(E);let Q=st(r,B,i,I,E);return A.push(...Q.dispatches),l.push(...Q.temps),E};d=v($.query,e.heads,e.qSeq,d),h=v($.key,e.kvHeads,e.kSeq,h)}let g=Wo(r,e,n,{q:d,k:h,v:m,o:f});return{dispatches:[...A,...g.dispatches],temps:[...l,...g.temps]}}}async runRope(e){let o=this.#e,{x:r,call:s,inPlace:n}=e;if(Pe(r)==="f16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)");let i=r instanceof N,a=await qt(o,n||!i);this.live(),V("x",e.arg,this);let c=Be(r.shape)*4;if(i){let A=r.buffer,d=n?null:o.buffer(c,"rotated");return await o.guarded("the RoPE dispatch",()=>{o.submit(st(o,s,a,A,d))}),d?this.#t(r.shape,d):r}let u=r,f=await o.guarded("the RoPE dispatch",()=>{let A=o.upload(u.data,"x"),d=st(o,s,a,A,null);return d.temps.push(A),o.submit(d,{source:A,bytes:c})}),l=new Float32Array(await o.read(f,c));return n?(u.data.set(l),u):{shape:Object.freeze([...u.shape]),data:l}}store(e,o){let r=this.#e.upload(this.#o(e.data,o),"tensor");return this.#t(e.shape,r,o)}async read(e){let o=this.#e,r=Be(e.shape),s=r*e.elementBytes,n=await o.guarded("the download",()=>o.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),i=this.#r(await o.read(n,s),Pe(e),r);return{shape:Object.freeze([...e.shape]),data:i}}idle(){return this.#e.idle()}async makeCache(e,o){return await We.create(this.#e,this,this.alive,e,o)}prepareDecode(e){let o=Pe(e.q),r={q:o,kv:e.cache.precision,o};return{...e,elements:r,choice:Do(this.#e,e.plan,r)}}async runDecode(e){let o=this.#e,{plan:r,elements:s}=e,n=Be(r.qShape),i=n*nt(s.o),a=e.q instanceof N,{output:c,target:u}=await e.cache.schedule("decode",()=>Pt(o,e.choice),async l=>{this.live(),V("q",e.arg,this);let A=o.buffer(i,"decode output"),d=await o.guarded("the decode dispatch",()=>{let{job:h}=this.#i(e,l,A),m=a?void 0:{source:A,bytes:i},g=o.submit(h,m);return a||A.destroy(),g}).catch(h=>{throw A.destroy(),h});return{output:A,target:d}});if(a)return this.#t(r.qShape,c,s.o);let f=this.#r(await o.read(u,i),s.o,n);return{shape:Object.freeze([...r.qShape]),data:f}}#i(e,o,r){let s=this.#e,{cache:n,plan:i,choice:a}=e;Ye(i,n.length,n.ropeState);let c=[],u=this.#s(e.q,c,"q");try{let f=this.info.decodeWorkgroups??1,l={q:u,o:r},A=Ro(s,i,a,o,n.view(),f,l);return A.job.temps.push(...c),A}catch(f){for(let l of c)l.destroy();throw f}}async timeDecode(e,o,r){let s=this.#e,n=Be(e.plan.qShape)*nt(e.elements.o),{job:i,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>Pt(s,e.choice),async u=>{this.live(),V("q",e.arg,this);let f=s.buffer(n,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#i(e,u,f)),output:f}}catch(l){throw f.destroy(),l}});try{let u=await s.profile(i,o,r);return{seconds:u.seconds,iterations:o,source:u.source,splits:a,kernel:e.choice.kernel}}finally{s.release(i),c.destroy()}}destroy(){this.#e.failure||(this.#e.fail(Te),this.#e.ownsDevice&&this.#e.device.destroy())}};var zr="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",Wr="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",Kr='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',Nr=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],Ur='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function Yr(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function Jr(t,e){let o=t.limits,r=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(te(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${K(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:r("maxStorageBufferBindingSize",o.maxStorageBufferBindingSize,256,4),maxBufferSize:o.maxBufferSize,maxComputeWorkgroupStorageSize:r("maxComputeWorkgroupStorageSize",o.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(o.maxComputeInvocationsPerWorkgroup,o.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:r("maxComputeWorkgroupsPerDimension",o.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:o.minStorageBufferOffsetAlignment}}var Xr=8;function Vr(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,Xr):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${K(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${K(t)}`);return t}async function Ti(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${K(t)}`);let e=X("fallback",t.fallback??"none",{allowed:["none","cpu"]}),o=t.limits??{};if(o===null||typeof o!="object")throw new TypeError(`Invalid limits: expected an object, got ${K(o)}`);let r=t.decodeWorkgroups===void 0?void 0:te("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:Vr(t.threads),n=t.device,i=!1,a;if(!n){let h=t.adapter,m=Wr;if(!h){let v=globalThis.navigator?.gpu;v?h=await v.requestAdapter():m=zr}if(!h){if(e==="cpu")return new Ze(m,s);throw new Error(`${m}. ${Kr}.`)}let g={};for(let v of Nr)g[v]=h.limits[v];let $=[];h.features.has("timestamp-query")&&$.push("timestamp-query"),h.features.has("shader-f16")&&$.push("shader-f16");try{n=await h.requestDevice({requiredLimits:g,requiredFeatures:$})}catch(v){throw new Error(`Requesting a WebGPU device failed: ${v instanceof Error?v.message:String(v)}`,{cause:v})}i=!0,a=h.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,u=r??Yr(c),f;try{f=Jr(n,o)}catch(h){throw i&&n.destroy(),h}let l=n.features.has("shader-f16")?await Ho(n):{available:!1,detail:Ur},A=new Ne(n,i,f,l.available),d=[];return A.timestamps&&d.push("timestamp-query"),l.available&&d.push("shader-f16"),new it(A,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:d,f16:Object.freeze({...l}),decodeWorkgroups:u,tier:A.tier,limits:A.limits,fallbackReason:null,threads:null})}export{bs as attentionCpu,us as attentionReference,Ti as createGpuAttention};
