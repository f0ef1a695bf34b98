import{d as Y,h as te,i as Ie,j as V,k as ne,o as jt,t as Ht,u as dt}from"./chunk-XRNOE754.js";var pe=2**24;function de(o,e,t){return jt(e,t,{name:o})}function qe(o,e,t,r,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${o}: expected an array of non-negative integers, got ${Y(e)}`);if(e.length!==t&&e.length!==r*t)throw new RangeError(`Invalid ${o}: expected ${t} positions (one per token) or ${r*t} (batch x tokens), got ${e.length}`);let n=s?pe:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=te(`${o}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==t}}function sr(o,e,t,r,s){let n=e?s:1,i=new Float64Array(n*r);for(let a=0;a<n;a++)i.set(o.subarray(a*t+t-r,a*t+t),a*r);return{kind:"list",list:i,perBatch:e}}function Te(o,e){let t=e;if(t===null||typeof t!="object"||!(t.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${o}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${Y(t)}`);let r=t.invFreq;if(r.length===0)throw new RangeError(`Invalid ${o}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<r.length;s++)Ie(`${o}.invFreq[${s}]`,r[s],{min:0});return Ie(`${o}.attentionFactor`,t.attentionFactor,{min:0,exclusiveMin:!0}),t}function nr(o,e,t,r,s){if(o===null||typeof o!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${Y(o)}`);let n=Te("rope.frequencies",o.frequencies),i=n.invFreq,a=2*i.length;if(o.rotaryDim!==void 0&&o.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${i.length} frequencies), got ${Y(o.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${i.length} frequencies) exceeds the head dim ${e}`);let c=V("rope.pairing",o.pairing??"half",{allowed:["half","interleaved"]}),u=V("rope.angles",o.angles??"float32",{allowed:["float32","float64"]}),l=u==="float32",f=l?pe:Number.MAX_SAFE_INTEGER;if(o.positions!==void 0&&o.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let h,A;if(o.queryPositions!==void 0&&(A=qe("rope.queryPositions",o.queryPositions,r,t,l)),o.positions!==void 0){let d=qe("rope.positions",o.positions,s,t,l);if(h=d,!A){if(r>s)throw new RangeError(`Invalid rope.positions: q has ${r} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);A=sr(d.list,d.perBatch,s,r,t)}}else{let d=te("rope.offset",o.offset??0,{min:0});if(d+Math.max(s,1)-1>f)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${d+s-1}, above ${f} (the largest position with angles "${u}")`);if(h={kind:"range",start:d},!A){let m=d+s-r;if(m<0)throw new RangeError(`Invalid rope.offset: q has ${r} tokens and k ${s}, so bottom-right aligned queries would start at position ${m}; pass rope.offset >= ${r-s} or rope.queryPositions`);A={kind:"range",start:m}}}return{frequencies:n,pairing:c,rotaryDim:a,angles:u,query:A,key:h}}function pt(o,e){if(o===void 0)return null;if(o===null||typeof o!="object"||typeof o.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${Y(o)}`);if(o.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${o.length}`);let t=new Float32Array(o.length);for(let r=0;r<o.length;r++)t[r]=Ie(`alibiSlopes[${r}]`,o[r]);return t}function me(o,e,t,r){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${Y(r)}`);let s=V("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=de("q",o,s),i=de("k",e,s),a=de("v",t,s);if(n.heads<1||n.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${Y(o.shape)}`);if(i.batch!==n.batch)throw new RangeError(`Invalid k: expected batch ${n.batch} (as q), got ${i.batch}`);if(a.batch!==n.batch)throw new RangeError(`Invalid v: expected batch ${n.batch} (as q), got ${a.batch}`);if(i.headDim!==n.headDim)throw new RangeError(`Invalid k: expected head dim ${n.headDim} (as q), got ${i.headDim}`);if(a.headDim!==n.headDim)throw new RangeError(`Invalid v: expected head dim ${n.headDim} (as q), got ${a.headDim}`);if(a.seq!==i.seq)throw new RangeError(`Invalid v: expected ${i.seq} tokens (as k), got ${a.seq}`);if(a.heads!==i.heads)throw new RangeError(`Invalid v: expected ${i.heads} heads (as k), got ${a.heads}`);if(i.heads<1||n.heads%i.heads!==0)throw new RangeError(`Invalid k: q has ${n.heads} heads, which is not a multiple of k's ${i.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let c=r.causal??!1;if(typeof c!="boolean")throw new TypeError(`Invalid causal: expected a boolean, got ${Y(c)}`);let u=r.scale===void 0?1/Math.sqrt(n.headDim):Ie("scale",r.scale),l=pt(r.alibiSlopes,n.heads),f=r.rope===void 0?null:nr(r.rope,n.headDim,n.batch,n.seq,i.seq);return{layout:s,batch:n.batch,heads:n.heads,kvHeads:i.heads,group:n.heads/i.heads,qSeq:n.seq,kSeq:i.seq,headDim:n.headDim,qShape:[...o.shape],qStrides:n.strides,kStrides:i.strides,causal:c,scale:u,rope:f,alibi:l}}function Lt(o,e,t,r,s,n){let i=n==="float32";if(e!==void 0&&t!==void 0)throw new TypeError(`Invalid ${o}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return qe(`${o}positions`,e,r,s,i);let a=te(`${o}offset`,t??0,{min:0}),c=i?pe:Number.MAX_SAFE_INTEGER;if(a+Math.max(r,1)-1>c)throw new RangeError(`Invalid ${o}offset: the last token would sit at position ${a+r-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function Je(o,e,t){let r=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=Ht(o,r,{angles:t}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function oe(o,e,t){let{layout:r,pairing:s,angles:n,positions:i}=t;return i.kind==="range"?dt(o,e,{layout:r,pairing:s,angles:n,offset:i.start}):dt(o,e,{layout:r,pairing:s,angles:n,positions:i.list})}function Gt(o,e,t,r){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:u,causal:l,scale:f,alibi:h}=o,A=e,d=t;if(o.rope){let{frequencies:B,pairing:I,angles:Q}=o.rope;A=oe(e,B,{layout:o.layout,pairing:I,angles:Q,positions:o.rope.query}),d=oe(t,B,{layout:o.layout,pairing:I,angles:Q,positions:o.rope.key})}let m=o.qStrides,g=o.kStrides,w=new Float32Array(e.data.length),E=new Float64Array(c),y=new Float64Array(u),M=A.data,q=d.data,v=r.data;for(let B=0;B<s;B++)for(let I=0;I<n;I++){let Q=Math.floor(I/i),O=h?h[I]:0;for(let T=0;T<a;T++){let _=T+c-a,W=l?Math.min(c,Math.max(0,_+1)):c,x=B*m.batch+I*m.heads+T*m.seq;if(W===0)continue;let k=-1/0;for(let S=0;S<W;S++){let D=B*g.batch+Q*g.heads+S*g.seq,b=0;for(let R=0;R<u;R++)b+=M[x+R]*q[D+R];let P=f*b-O*Math.abs(_-S);E[S]=P,P>k&&(k=P)}y.fill(0);let $=0;for(let S=0;S<W;S++){let D=Math.exp(E[S]-k);$+=D;let b=B*g.batch+Q*g.heads+S*g.seq;for(let P=0;P<u;P++)y[P]=y[P]+D*v[b+P]}for(let S=0;S<u;S++)w[x+S]=y[S]/$}}return{shape:Object.freeze([...e.shape]),data:w}}function ys(o,e,t,r={}){ne("q",o),ne("k",e),ne("v",t);let s=me(o,e,t,r);return Gt(s,o,e,t)}var zt=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKyBYHhAQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsgCiAU/YUCIQsgCyAKIBX9hQIhCyALIAog","Fv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQ","aiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0A","Cwu+BAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI/QwAAAAAAAAAAAAAAAAAAAAAIQn9","DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAAAAAAAAAAIQz9DAAAAAAAAAAAAAAA","AAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEGA0AgAf0ABAAhECAB/QAEECERIAb9","CQIAIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIEIRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIIIRIgEiAQIAz9","hQIhDCASIBEgDf2FAiENIAb9CQIMIRIgEiAQIA79hQIhDiASIBEgD/2FAiEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIg","ECAI/YUCIQggEiARIAn9hQIhCSAG/QkCFCESIBIgECAK/YUCIQogEiARIAv9hQIhCyAG/QkCGCESIBIgECAM/YUCIQwgEiAR","IA39hQIhDSAG/QkCHCESIBIgECAO/YUCIQ4gEiARIA/9hQIhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ","/QsEECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0A","CwugAwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAA","BAAAAAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eABIAj9AAQA/YUC/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhAL2AQCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAWIA79hQIhDiAYIBcgD/2FAiEPIAj9CQKAAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkCgAQhGCAYIBYg","Ev2FAiESIBggFyAT/YUCIRMgCP0JAoAGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAK/QAEACEWIAr9AAQQIRcg","CP0JAgQhGCAYIBYgDv2FAiEOIBggFyAP/YUCIQ8gCP0JAoQCIRggGCAWIBD9hQIhECAYIBcgEf2FAiERIAj9CQKEBCEYIBgg","FiAS/YUCIRIgGCAXIBP9hQIhEyAI/QkChAYhGCAYIBYgFP2FAiEUIBggFyAV/YUCIRUgCiAGaiEKIAhBCGohCCAIIAlJDQAL","IAIgB2ogDv0LBAAgAiAHaiAP/QsEECALIBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAH","QSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtq","IRAgECALSgRAIAshEAsLIAQgD0EIdGogBSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEP","IA9BBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0A","BJAI/eQB/QsEICAEIAIgCCAObGogAyAGIAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQL","fwF9AXsCfyAFQQJ0IQogCkECdCELIARBwAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQ","SwRAQRAhDQsgAyAMIApsakEAIA0gC2z8CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0M","AAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEBaiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFB","ACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQBSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIAps","aiABIAIgAyAPIApsaiAEIBQgDkEwbGogBSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAh","DgNAIBQgDkECdkEwbCAOQQNxQQJ0amoqAiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApq","IRgDQCAXIBf9AAQAIBb95gH9CwQAIBdBEGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join(""),Wt=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKwBcHmQQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3kASELIAsgCv3mASAU/eQBIQsgCyAK/eYB","IBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEH","IAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EE","aiEDIARBBGohBCACQQFrIQIgAg0ACwvuBAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI","/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAA","AAAAAAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEG","A0AgAf0ABAAhECAB/QAEECERIAb9CQIAIRIgEiAQ/eYBIAj95AEhCCASIBH95gEgCf3kASEJIAb9CQIEIRIgEiAQ/eYBIAr9","5AEhCiASIBH95gEgC/3kASELIAb9CQIIIRIgEiAQ/eYBIAz95AEhDCASIBH95gEgDf3kASENIAb9CQIMIRIgEiAQ/eYBIA79","5AEhDiASIBH95gEgD/3kASEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIgEP3mASAI/eQBIQggEiAR/eYBIAn95AEhCSAG","/QkCFCESIBIgEP3mASAK/eQBIQogEiAR/eYBIAv95AEhCyAG/QkCGCESIBIgEP3mASAM/eQBIQwgEiAR/eYBIA395AEhDSAG","/QkCHCESIBIgEP3mASAO/eQBIQ4gEiAR/eYBIA/95AEhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ/QsE","ECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0ACwuj","AwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAABAAA","AAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eAB/eYBIAj9AAQA/eQB/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhALiAUCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAW/eYBIA795AEhDiAYIBf95gEgD/3kASEPIAj9CQKAAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI","/QkCgAQhGCAYIBb95gEgEv3kASESIBggF/3mASAT/eQBIRMgCP0JAoAGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEV","IAogBmohCiAK/QAEACEWIAr9AAQQIRcgCP0JAgQhGCAYIBb95gEgDv3kASEOIBggF/3mASAP/eQBIQ8gCP0JAoQCIRggGCAW","/eYBIBD95AEhECAYIBf95gEgEf3kASERIAj9CQKEBCEYIBggFv3mASAS/eQBIRIgGCAX/eYBIBP95AEhEyAI/QkChAYhGCAY","IBb95gEgFP3kASEUIBggF/3mASAV/eQBIRUgCiAGaiEKIAhBCGohCCAIIAlJDQALIAIgB2ogDv0LBAAgAiAHaiAP/QsEECAL","IBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAHQSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0","IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtqIRAgECALSgRAIAshEAsLIAQgD0EIdGog","BSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEPIA9BBEkNAAsgBCAHQQJ0QQQgBEGACGog","BEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAEIAIgCCAObGogAyAG","IAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQLfwF9AXsCfyAFQQJ0IQogCkECdCELIARB","wAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQSwRAQRAhDQsgAyAMIApsakEAIA0gC2z8","CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0MAAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEB","aiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFBACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQ","BSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIApsaiABIAIgAyAPIApsaiAEIBQgDkEwbGog","BSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAhDgNAIBQgDkECdkEwbCAOQQNxQQJ0amoq","AiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApqIRgDQCAXIBf9AAQAIBb95gH9CwQAIBdB","EGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join("");var _e=512,Ee=class{name;#e;#o;#t;constructor(e,t){let r=new WebAssembly.Instance(e);this.name=t,this.#e=r.exports.memory,this.#o=r.exports.attendHead,this.#t=new Float32Array(this.#e.buffer)}reserve(e){let t=e*4,r=this.#e.buffer.byteLength;if(t>r){let s=Math.ceil((t-r)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${t} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#t.buffer!==this.#e.buffer&&(this.#t=new Float32Array(this.#e.buffer)),this.#t}attendHead(e,t,r,s,n,i,a,c,u){this.#o(4*e,4*t,4*r,4*s,0,n,i,a,c?1:0,u)}},Fe=class{name="js";#e=new Float32Array(_e);#o=new Float64Array(0);#t=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,t,r,s,n,i,a,c,u){let l=this.#e;this.#o.length<a&&(this.#o=new Float64Array(a)),this.#t.length<n&&(this.#t=new Float64Array(n));let f=this.#o,h=this.#t,A=Math.fround;for(let d=0;d<i;d++){let m=d+a-i,g=c?Math.min(a,m+1):a,w=s+d*n;if(g<=0){l.fill(0,w,w+n);continue}let E=e+(d>>2)*n*4+(d&3),y=-1/0;for(let q=0;q<g;q++){let v=t+(q>>3)*n*8+(q&7),B=0;for(let Q=0;Q<n;Q++)B+=l[E+4*Q]*l[v+8*Q];let I=u===0?B:B-A(u)*Math.abs(m-q);f[q]=I,I>y&&(y=I)}h.fill(0);let M=0;for(let q=0;q<g;q++){let v=Math.exp((f[q]-y)*Math.LN2);M+=v;let B=r+q*n;for(let I=0;I<n;I++)h[I]=h[I]+v*l[B+I]}for(let q=0;q<n;q++)l[w+q]=h[q]/M}}};function ir(o){let e=atob(o),t=new Uint8Array(e.length);for(let r=0;r<e.length;r++)t[r]=e.charCodeAt(r);return t}var Kt;function Ut(o){if(typeof WebAssembly!="object")return null;let e=ir(o);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function gt(){return Kt??={relaxed:Ut(zt),plain:Ut(Wt)},Kt}var mt;function Yt(){if(!mt){let{relaxed:o,plain:e}=gt();mt=o?new Ee(o,"relaxed-simd"):e?new Ee(e,"simd"):new Fe}return mt}var Nt=new WeakMap;function Jt(o,e){Nt.set(o,e)}function ge(o,e,t,r,s=Yt(),n){let{batch:i,group:a,kvHeads:c,qSeq:u,kSeq:l,headDim:f,causal:h,scale:A,alibi:d}=o,m=e,g=t;if(o.rope){let{frequencies:R,pairing:j,angles:p}=o.rope,C=o.layout;m=oe(e,R,{layout:C,pairing:j,angles:p,positions:o.rope.query}),g=oe(t,R,{layout:C,pairing:j,angles:p,positions:o.rope.key})}let w=n===void 0&&!o.rope?Nt.get(t.data):void 0;if(w&&w.length===l&&w.batch===i&&w.kvHeads===c&&w.headDim===f&&u>0&&l>0)return ar(o,e,w);let E=n?.into??new Float32Array(e.data.length);if(u===0||l===0)return{shape:Object.freeze([...e.shape]),data:E};let y=f+7&-8,M=l+7&-8,q=u+3&-4,v=_e,B=v+M*y,I=B+M*y,Q=I+q*y,O=s.reserve(Q+q*y),T=o.qStrides,_=o.kStrides,W=m.data,x=g.data,k=r.data,$=Math.fround,S=$(A*Math.LOG2E),D=_.seq===f&&f===y,b=T.seq===f&&f===y,P=n?.ranges??Array.from({length:i},(R,j)=>({batch:j,kv0:0,kv1:c}));for(let{batch:R,kv0:j,kv1:p}of P)for(let C=j;C<p;C++){let G=R*_.batch+C*_.heads;for(let F=0;F<M;F++){let z=v+(F>>3)*y*8+(F&7),U=G+F*_.seq,N=F<l?f:0;for(let Z=0;Z<N;Z++)O[z+8*Z]=x[U+Z];for(let Z=N;Z<y;Z++)O[z+8*Z]=0}if(D)O.set(k.subarray(G,G+l*f),B);else for(let F=0;F<l;F++){let z=G+F*_.seq,U=B+F*y;for(let N=0;N<f;N++)O[U+N]=k[z+N];for(let N=f;N<y;N++)O[U+N]=0}O.fill(0,B+l*y,B+M*y);for(let F=C*a;F<(C+1)*a;F++){let z=R*T.batch+F*T.heads;for(let U=0;U<q;U++){let N=I+(U>>2)*y*4+(U&3),Z=z+U*T.seq,fe=U<u?f:0;for(let Ae=0;Ae<fe;Ae++)O[N+4*Ae]=$(W[Z+Ae]*S);for(let Ae=fe;Ae<y;Ae++)O[N+4*Ae]=0}if(s.attendHead(I,v,B,Q,y,u,l,h,d?d[F]*Math.LOG2E:0),b)E.set(O.subarray(Q,Q+u*f),z);else for(let U=0;U<u;U++){let N=Q+U*y,Z=z+U*T.seq;for(let fe=0;fe<f;fe++)E[Z+fe]=O[N+fe]}}}return{shape:Object.freeze([...e.shape]),data:E}}function ar(o,e,t){let{batch:r,group:s,kvHeads:n,qSeq:i,kSeq:a,headDim:c,causal:u,scale:l,alibi:f}=o,h=t.kernel,A=c+7&-8,d=a+7&-8,m=i===1&&f===null,g=m?s:i,w=g+3&-4,E=t.end,y=E+w*A,M=h.reserve(y+w*A),q=o.qStrides,v=e.data,B=new Float32Array(v.length),I=Math.fround,Q=I(l*Math.LOG2E);for(let O=0;O<r;O++)for(let T=0;T<n;T++){let _=O*n+T,W=t.kAt+_*t.headFloats,x=t.vAt+_*t.headFloats;for(let $=a;$<d;$++){let S=W+($>>3)*A*8+($&7);for(let D=0;D<A;D++)M[S+8*D]=0}M.fill(0,x+a*A,x+d*A);let k=m?1:s;for(let $=0;$<k;$++){for(let D=0;D<w;D++){let b=E+(D>>2)*A*4+(D&3),P=T*s+(m?D:$),R=O*q.batch+P*q.heads+(m?0:D)*q.seq,j=D<g?c:0;for(let p=0;p<j;p++)M[b+4*p]=I(v[R+p]*Q);for(let p=j;p<A;p++)M[b+4*p]=0}let S=T*s+$;h.attendHead(E,W,x,y,A,g,a,u&&!m,f?f[S]*Math.LOG2E:0);for(let D=0;D<g;D++){let b=m?T*s+D:S,P=O*q.batch+b*q.heads+(m?0:D)*q.seq;B.set(M.subarray(y+D*A,y+D*A+c),P)}}}return{shape:Object.freeze([...e.shape]),data:B}}function Ds(o,e,t,r={}){ne("q",o),ne("k",e),ne("v",t);let s=me(o,e,t,r);return ge(s,o,e,t)}var Be=Object.freeze({T48:49152,T32:32768,T16:16384});function Xt(o){return o>=Be.T48?"T48":o>=Be.T32?"T32":"T16"}function cr(o){let e=o.headDim/4,t=(e+(o.pad?1:0))*16,r=o.br*t,s=o.bc*t,n=o.sharedKV?0:o.bc*e*16,i=o.br*(o.bc+1)*4,a=2*o.br*(o.bc/o.tn)*4;return r+s+n+i+a}function Vt(o){let e=[];for(let t=1;t<=o;t++)o%t===0&&e.push(t);return e}function ur(o,e,t){let r=o*e/t;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Vt(e)){let a=r/i;if(!Number.isInteger(a)||o%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function lr(o,e,t){let r=o*e/t;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Vt(e)){let a=r/i;if(!Number.isInteger(a)||o%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var bt=512;function Zt(o,e,t=256){let r=`${o}|${e}|${t}`;return wt.has(r)||wt.set(r,fr(o,e,t)),wt.get(r)}var wt=new Map;function fr(o,e,t){if(!Number.isInteger(o)||o%4!==0||o<4||o>bt)return;let r=Be[e],s=o/4,n,i;for(let a of[128,64,256,32])if(!(a>t))for(let c of[64,32,16,8,4])for(let u of[64,32,16,8,4]){let l=ur(c,u,a),f=lr(c,s,a);if(!(!l||!f))for(let h of[!1,!0])for(let A of[!0,!1]){let[d,m]=l,[g,w]=f,E=cr({headDim:o,br:c,bc:u,tn:m,sharedKV:h,pad:A});if(E>r)continue;let y=4*d*m/(d+m),M=[c*u,c>=u?1:0,u>=32?1:0,y>=4?1:0,a===128?2:a===64?1:0,y,h?0:1,A?1:0];(!i||hr(M,i))&&(i=M,n=Object.freeze({tier:e,headDim:o,workgroup:a,br:c,bc:u,tm:d,tn:m,om:g,od4:w,sharedKV:h,pad:A,bytes:E}))}}return n}function hr(o,e){for(let t=0;t<o.length;t++)if(o[t]!==e[t])return o[t]>e[t];return!1}function eo(){return{next:new WeakMap,groups:null}}var Xe=class{#e;#o;#t=[];#r=new ArrayBuffer(65536);#s=new DataView(this.#r);#n=eo();#a=new WeakMap;#i=-1;#c=0;#u=0;constructor(e){this.#e=e,this.#o=Math.max(16,e.limits.minUniformBufferOffsetAlignment??256)}get open(){return this.#i>=0}get created(){return this.#u}begin(){if(this.#i>=0)throw new Error("Internal error: a frame is already open");this.#i=0,this.#c=0}end(e){let t=this.#i>this.#c;if(this.#i=-1,t&&!e)throw new Error("Internal error: a frame packed uniform blocks it did not submit")}flush(){if(this.#i<0)return;let e=this.#e.queue,t=this.#c;for(;t<this.#i;){let r=Math.floor(t/65536),s=Math.min(this.#i,(r+1)*65536);e.writeBuffer(this.#t[r],t-r*65536,this.#r,t,s-t),t=s}this.#c=this.#i}groupLayout(e){let t=this.#a.get(e);return t||(t=e.getBindGroupLayout(0),this.#a.set(e,t)),t}bind(e,t,r,s){let n=t.uniformBytes;if(n>65536)throw new Error(`Internal error: the uniform block of ${t.name} is over 65536 bytes`);let i=Math.ceil(this.#i/this.#o)*this.#o;Math.floor(i/65536)!==Math.floor((i+n-1)/65536)&&(i=Math.ceil(i/65536)*65536);let a=Math.floor(i/65536);this.#f(a),t.packInto(r,this.#s,i),this.#i=i+n;let c=this.#t[a],u=i-a*65536,l=this.#l(this.#l(this.#n,e),c),f=`${u}`,h=s;for(let d of t.bindingNames){if(d==="params")continue;let m=h[d];m&&(l=this.#l(l,m.buffer),f+=`|${m.offset??0}:${m.size??-1}`)}l.groups??=new Map;let A=l.groups.get(f);return A||(A=this.#e.createBindGroup({label:t.name,layout:this.groupLayout(e),entries:t.entries({...s,params:{buffer:c,offset:u,size:n}})}),this.#u++,l.groups.set(f,A)),A}destroy(){for(let e of this.#t)e.destroy();this.#t.length=0}#l(e,t){let r=e.next.get(t);return r||(r=eo(),e.next.set(t,r)),r}#f(e){for(;this.#t.length<=e;)this.#t.push(this.#e.createBuffer({size:65536,usage:72,label:"uniform arena"}));let t=(e+1)*65536;if(this.#r.byteLength<t){let r=new ArrayBuffer(Math.max(t,2*this.#r.byteLength));new Uint8Array(r).set(new Uint8Array(this.#r)),this.#r=r,this.#s=new DataView(r)}}};var Ve=class o{#e;#o=new Map;#t=0;#r=new WeakSet;#s=[];#n=null;#a=[];#i=!1;constructor(e){this.#e=e}static sizeOf(e){return Math.max(16,Math.ceil(e/16)*16)}create(e,t){return this.#e.createBuffer({size:o.sizeOf(e),usage:140,label:t})}take(e,t,r){let s=o.sizeOf(e),n=this.#o.get(s)?.pop();if(!n)return this.create(e,t);if(this.#t-=s,this.#r.delete(n),r)this.#s.push(n);else{let i=Math.ceil(e/4)*4;i<s&&this.#e.queue.writeBuffer(n,i,new Uint8Array(s-i))}return n}recycle(e){if(this.#r.has(e))return;let t=e.size,r=this.#s.indexOf(e);if(r>=0&&this.#s.splice(r,1),this.#i||e.usage!==140||t>16777216||this.#t+t>67108864){e.destroy();return}let s=this.#o.get(t);s||(s=[],this.#o.set(t,s)),s.push(e),this.#r.add(e),this.#t+=t}scratch(e,t){if(!this.#n||this.#n.size<e){this.#n&&this.#a.push(this.#n);let r=Math.min(Math.max(2*(this.#n?.size??0),65536),t);this.#n=this.create(Math.max(e,r),"scratch")}return this.#n}encodeClears(e){if(this.#s.length!==0){for(let t of this.#s)e.clearBuffer(t);this.#s=[]}}submitted(){for(let e of this.#a.splice(0))e.destroy()}close(){this.#i=!0;for(let e of this.#o.values())for(let t of e)t.destroy();this.#o.clear(),this.#t=0,this.#n?.destroy(),this.#n=null,this.submitted()}};async function to(o,e,t,r){let s=o.device;if(r){let h=o.encoder(),A=h.beginComputePass();o.encode(A,e),A.end(),o.finish(h),await o.idle()}let n=o.encoder(),i,a,c;o.timestamps&&(i=s.createQuerySet({type:"timestamp",count:2}),a=s.createBuffer({size:16,usage:516}),c=s.createBuffer({size:16,usage:9}));let u=n.beginComputePass(i?{timestampWrites:{querySet:i,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let h=0;h<t;h++)o.encode(u,e);u.end(),i&&a&&c&&(n.resolveQuerySet(i,0,2,a,0),n.copyBufferToBuffer(a,0,c,0,16));let l=performance.now();o.finish(n),await o.idle();let f=(performance.now()-l)/1e3;try{if(c){await c.mapAsync(1);let[h,A]=new BigUint64Array(c.getMappedRange().slice(0));c.unmap();let d=Number(A-h);if(d>0)return{seconds:d/1e9/t,source:"timestamp-query"}}return{seconds:f/t,source:"wall-clock"}}finally{i?.destroy(),a?.destroy(),c?.destroy()}}var Ar=72,oo=9,dr=1,Ze=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#o=new Map;#t;#r;#s=null;constructor(e,t,r,s=!1){this.device=e,this.f16=s,this.ownsDevice=t,this.limits=r,this.tier=Xt(r.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),this.#t=new Xe(e),this.#r=new Ve(e),e.lost.then(n=>{this.#s??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#s}fail(e){this.#s??=e}dispose(){this.#t.destroy(),this.#r.close()}get bindGroupsCreated(){return this.#t.created}#n(e){return this.#s!==null?new Error(`This GpuAttention cannot be used: ${this.#s}`):e instanceof Error?e:new Error(String(e))}cached(e,t){let r=this.#o.get(e);return r===void 0&&(r=t(),this.#o.set(e,r)),r}setCached(e,t){this.#o.set(e,t)}pipeline(e,t){let r=this.#e.get(e);return r||(r=this.#a(e,t()),this.#e.set(e,r),r.catch(()=>this.#e.delete(e))),r}async#a(e,t){let r=this.device.createShaderModule({code:t,label:e}),n=(await r.getCompilationInfo().catch(i=>{throw this.#n(i)})).messages.filter(i=>i.type==="error");if(n.length>0)throw this.#s!==null?this.#n(null):new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:r,entryPoint:"main"}})}catch(i){throw this.#s!==null?this.#n(i):new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}#i(e,t){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${t}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`)}buffer(e,t){return this.#i(e,t),this.#r.create(e,t)}output(e,t){return this.#i(e,t),this.#r.take(e,t,!0)}recycle(e){this.#r.recycle(e)}upload(e,t){this.#i(e.byteLength,t);let r=this.#r.take(e.byteLength,t,!1);return e.byteLength>0&&(e.buffer instanceof ArrayBuffer||(e=e.slice()),this.device.queue.writeBuffer(r,0,e.buffer,e.byteOffset,e.byteLength)),r}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}scratch(e){this.#i(e,"scratch");let t=Math.min(this.limits.maxStorageBufferBindingSize,this.limits.maxBufferSize);return this.#r.scratch(e,t)}uniform(e,t){let r=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:Ar,label:t});return this.device.queue.writeBuffer(r,0,e),r}bind(e,t,r,s,n){if(this.#t.open)return this.#t.bind(e,t,r,s);let i=this.uniform(t.pack(r),`${t.name} params`);return n.push(i),this.device.createBindGroup({label:t.name,layout:this.#t.groupLayout(e),entries:t.entries({...s,params:{buffer:i}})})}encode(e,t){for(let r of t.dispatches)e.setPipeline(r.pipeline),e.setBindGroup(0,r.bindGroup),e.dispatchWorkgroups(r.grid[0],r.grid[1],r.grid[2])}submit(e,t){let r=Array.isArray(e)?e:[e];try{return this.#c(r,t)}finally{for(let s of r)this.release(s)}}release(e){for(let t of e.temps)this.#r.recycle(t)}encoder(){let e=this.device.createCommandEncoder();return this.#r.encodeClears(e),e}finish(e){this.#t.flush(),this.device.queue.submit([e.finish()]),this.#r.submitted()}#c(e,t){let r=this.encoder();if(e.some(n=>n.dispatches.length>0)){let n=r.beginComputePass();for(let i of e)this.encode(n,i);n.end()}let s;return t&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(t.bytes/16)*16),usage:oo,label:"readback"}),t.bytes>0&&r.copyBufferToBuffer(t.source,0,s,0,Math.ceil(t.bytes/4)*4)),this.finish(r),s}async guarded(e,t){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let r,s,n=!1;try{r=t()}catch(l){s=l,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,u]=await Promise.all([i,a]);if(n)throw s;if(u)throw new Error(`Out of GPU memory while ${e}: ${u.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return r}submitting(e,t){return this.guarded(e,()=>{this.#t.begin();let r=!1;try{let s=t();return r=!0,s}finally{this.#t.end(!r)}})}profile(e,t,r){return to(this,e,t,r)}gather(e){let t=e.reduce((i,a)=>i+a.size,0),r=this.device.createBuffer({size:Math.max(16,Math.ceil(t/16)*16),usage:oo,label:"readback"}),s=this.encoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,r,n,i.size),n+=i.size;return this.finish(s),r}async read(e,t){try{return await e.mapAsync(dr),e.getMappedRange(0,Math.max(16,Math.ceil(t/16)*16)).slice(0,t)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var ro=new WeakMap;function pr(o,e){if(o.length!==e.length)return!1;for(let t=0;t<o.length;t++)if(o[t]!==e[t])return!1;return!0}function et(o,e){let t=ro.get(e);(!t||t.factor!==e.attentionFactor||!pr(t.invFreq,e.invFreq))&&(t={factor:e.attentionFactor,invFreq:e.invFreq.slice(),texts:new Map},ro.set(e,t));let r=t.texts.get(o);return r===void 0&&(r=`${o}|${t.factor}|${Array.from(t.invFreq).join(",")}`,t.texts.set(o,r)),r}var io="This KvCache cannot be used: it was destroyed",ao="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",mr=512,so=4,gr=["split","keys"];function $t(o,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${o}: expected an object, got ${Y(e)}`)}function je(o,e,t){let r=V(o,e??"f32",{allowed:["f32","f16","auto"]});if(r==="auto")return t.available?"f16":"f32";if(r==="f16"&&!t.available)throw new Error(`Invalid ${o}: "f16" storage is not available here (${t.detail}); use "f32", or "auto" to fall back to float32`);return r}function co(o){$t("options",o);let e=te("batch",o.batch,{min:1}),t=te("kvHeads",o.kvHeads,{min:1}),r=te("headDim",o.headDim,{min:4,max:mr});if(r%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${r}`);let s=te("maxLength",o.maxLength,{min:1});return{batch:e,kvHeads:t,headDim:r,maxLength:s}}function uo(o,e,t){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${o}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${Y(e)}`);let r=Te(`${o}.frequencies`,e.frequencies),s=2*r.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==s)throw new RangeError(`Invalid ${o}.rotaryDim: expected ${s} (2 x the ${r.invFreq.length} frequencies), got ${Y(e.rotaryDim)}`);if(s>t)throw new RangeError(`Invalid ${o}.frequencies: rotary dim ${s} (2 x ${r.invFreq.length} frequencies) exceeds the head dim ${t}`);let n=V(`${o}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),i=V(`${o}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),a=et(`${n}|${i}`,r);return{frequencies:r,pairing:n,rotaryDim:s,angles:i,fingerprint:a}}function no(o,e,t,r){let s=de(o,e,t);if(s.batch!==r.batch)throw new RangeError(`Invalid ${o}: expected batch ${r.batch} (as the cache), got ${s.batch}`);if(s.heads!==r.kvHeads)throw new RangeError(`Invalid ${o}: expected ${r.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==r.headDim)throw new RangeError(`Invalid ${o}: expected head dim ${r.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function Qe(o,e,t,r){$t("options",r);let s=V("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=no("k",e,s,o),i=no("v",t,s,o);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(r.rope!==void 0){let c=uo("rope",r.rope,o.headDim),u=r.rope.positions===void 0?null:qe("rope.positions",r.rope.positions,n.seq,o.batch,c.angles==="float32");a={...c,positions:u}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function lo(o,e,t){if(e+t.n>o.maxLength)throw new RangeError(`Cannot append ${t.n} tokens: the KV cache holds ${e} of its maxLength ${o.maxLength} tokens (${o.maxLength-e} free); create a larger cache or reset() it`);if(t.rope&&!t.rope.positions&&t.rope.angles==="float32"){let r=e+t.n-1;if(r>pe)throw new RangeError(`Invalid rope: the last key would sit at position ${r}, above ${pe} (the largest position with angles "float32")`)}}function fo(o,e,t){$t("options",t);let r=V("layout",t.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=de("q",e,r);if(s.batch!==o.batch)throw new RangeError(`Invalid q: expected batch ${o.batch} (as the cache), got ${s.batch}`);if(s.headDim!==o.headDim)throw new RangeError(`Invalid q: expected head dim ${o.headDim} (as the cache), got ${s.headDim}`);if(s.heads<1||s.heads%o.kvHeads!==0)throw new RangeError(`Invalid q: its ${s.heads} heads are not a multiple of the cache's ${o.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(s.seq<1||s.seq>so)throw new RangeError(`Invalid q: expected 1 to ${so} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${s.seq}`);let n=t.scale===void 0?1/Math.sqrt(s.headDim):Ie("scale",t.scale),i=pt(t.alibiSlopes,s.heads),a=null;if(t.rope!==void 0){let l=uo("rope",t.rope,o.headDim),f=t.queryPositions===void 0?null:qe("queryPositions",t.queryPositions,s.seq,s.batch,l.angles==="float32");a={...l,queryPositions:f}}else if(t.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let c=t.splits===void 0?void 0:te("splits",t.splits,{min:1}),u=V("kernel",t.kernel??"split",{allowed:gr});return{layout:r,batch:s.batch,heads:s.heads,kvHeads:o.kvHeads,group:s.heads/o.kvHeads,qSeq:s.seq,headDim:s.headDim,qShape:[...e.shape],qStrides:s.strides,scale:n,rope:a,alibi:i,splits:c,kernel:u}}function tt(o,e,t){if(o.qSeq>e)throw new RangeError(`Invalid q: ${o.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(o.rope){if(t.keyRope&&t.keyRope!==o.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!o.rope.queryPositions){if(t.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(o.rope.angles==="float32"&&e-1>pe)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${pe} (the largest position with angles "float32")`)}}}function ho(o,e){let t=e.rope?e.rope.fingerprint:null;if(o.keyRope!==void 0&&e.n>0&&o.keyRope!==t)throw new RangeError(`Invalid rope: this cache's keys were ${o.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?o:{keyRope:t,explicitPositions:o.explicitPositions||!!e.rope?.positions}}var kt=Object.freeze({keyRope:void 0,explicitPositions:!1});var De=class{owner;batch;kvHeads;headDim;maxLength;#e;#o=0;#t=kt;#r=!1;constructor(e,t,r){this.owner=e,this.#e=t,this.batch=r.batch,this.kvHeads=r.kvHeads,this.headDim=r.headDim,this.maxLength=r.maxLength}get length(){return this.#o}get destroyed(){return this.#r||!this.#e()}get ropeState(){return this.#t}live(){if(this.#r)throw new Error(io);if(!this.#e())throw new Error(ao)}reserve(e){lo(this,this.#o,e);let t=ho(this.#t,e),r=this.#o;return{slot:r,commit:()=>{this.#o=r+e.n,this.#t=t}}}snapshot(){let e=this.#o,t=this.#t;return()=>{this.#o=e,this.#t=t}}clear(){this.#o=0,this.#t=kt}markDestroyed(){return this.#r?!1:(this.#r=!0,!0)}};function yt(o,e,t){if(!(o instanceof t))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(o.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(o.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return o}var K=class{shape;dtype;owner;#e;#o;#t;#r;#s=!1;#n=!1;#a=null;#i=null;constructor(e,t,r,s,n="float32",i=a=>a.destroy()){this.owner=e,this.dtype=n,this.#t=s,this.#r=i,this.shape=Object.freeze([...t]),this.#e=r instanceof Float32Array?null:r,this.#o=r instanceof Float32Array?r:null}get buffer(){return this.#e}get destroyed(){return this.#s||!this.#t()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#o}}get recording(){return this.#a}get failure(){return this.#i}awaitRecording(e){return this.#a=e,this}settle(e){this.#a=null,e!==null&&(this.#i=e,this.#s=!0),this.#s&&this.#c()}destroy(){this.#s||(this.#s=!0,this.#a===null&&this.#c())}#c(){this.#n||(this.#n=!0,this.#e&&this.#r(this.#e))}};function H(o,e,t,r=null){if(e instanceof K){if(e.owner!==t)throw new Error(`Invalid ${o}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);let n=e.recording;if(n!==null){if(n===r&&e.owner===t)return e;throw new Error(`Invalid ${o}: this GpuTensor is an output of a recording whose submit() has not resolved yet; await submit() before using it outside that recording`)}if(e.failure!==null)throw new Error(`Invalid ${o}: this GpuTensor was never computed: its recording failed (${e.failure})`);if(e.destroyed)throw new Error(`Invalid ${o}: this GpuTensor was destroyed`);return e}let s=e;if(s===null||typeof s!="object"||!("data"in s))throw new TypeError(`Invalid ${o}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${Y(e)}`);return ne(o,e)}function ot(o,e){if(typeof e!="boolean")throw new TypeError(`Invalid ${o}: expected a boolean, got ${Y(e)}`);return e}function vt(o,e,t){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${Y(t)}`);let r=V("layout",t.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=de("x",o,r),n=Te("frequencies",e),i=2*n.invFreq.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (2 x the ${n.invFreq.length} frequencies), got ${Y(t.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (2 x ${n.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=V("pairing",t.pairing??"half",{allowed:["half","interleaved"]}),c=V("angles",t.angles??"float32",{allowed:["float32","float64"]}),u=Lt("",t.positions,t.offset,s.seq,s.batch,c),l=ot("inPlace",t.inPlace??!1);return{call:{layout:r,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:u},inPlace:l}}var rt=class{#e;#o=[];#t="recording";constructor(e){this.#e=e}get state(){return this.#t}get calls(){return this.#o.length}#r(){if(this.#t!=="recording")throw new Error(`This recording cannot take more calls: it was ${this.#t==="submitting"?"submitted":this.#t}; start a new one with gpu.record()`);this.#e.live()}attention(e,t,r,s={}){this.#r();let n=this.#e.attention([e,t,r],s,this),i=this.#e.output(n.plan.qShape,n.elements.o,this);return this.#o.push({kind:"attention",call:n,output:i}),i}applyRope(e,t,r={}){this.#r();let s=this.#e.rope(e,t,r,this);if(s.inPlace&&!(s.x instanceof K))throw new TypeError("Invalid inPlace: a recording writes in place only into a GpuTensor; upload x first or leave inPlace false");let n=s.x instanceof K&&s.inPlace?s.x:this.#e.output(s.x.shape,"f32",this);return this.#o.push({kind:"rope",request:s,output:n}),n}append(e,t,r,s={}){this.#r(),this.#o.push({kind:"append",call:this.#e.append(e,[t,r],s,this)})}decode(e,t,r={}){this.#r();let s=this.#e.decode(e,t,r,this),n=this.#e.decodeOutput(s,this);return this.#o.push({kind:"decode",call:s,output:n}),n}submit(){if(this.#t!=="recording")return Promise.reject(new Error(`This recording cannot be submitted: it was ${this.#t==="submitting"?"submitted":this.#t} already; start a new one with gpu.record()`));this.#t="submitting";let e;try{e=this.#e.run(this.#o,this)}catch(t){e=Promise.reject(t)}return e.then(()=>this.#s("submitted",null),t=>{let r=t instanceof Error?t.message:String(t);throw this.#s("failed",r),t})}discard(){this.#t==="recording"&&this.#s("discarded","it was discarded before submit()")}#s(e,t){this.#t=e;for(let r of this.#o)r.kind==="append"||r.kind==="rope"&&r.request.inPlace||r.output.settle(t)}};var wr=["flash","naive"],He="it was destroyed; create a new one with createGpuAttention()";function Ao(o){return te("iterations",o,{min:1})}function br(o,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${o}: expected an object, got ${Y(e)}`)}var Me=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e,t=null){return[H("q",e[0],this,t),H("k",e[1],this,t),H("v",e[2],this,t)]}#e(e,t,r=null){this.live();let s=this.checkOperands(e,r);return{operands:s,plan:me(...s,t)}}#o(e,t,r){let[s,n,i]=t.operands,a=this.elementsOf(s,n,i,r),c=V("kernel",r.kernel??"flash",{allowed:wr});return{args:e,q:s,k:n,v:i,plan:t.plan,elements:a,kernel:c}}async attention(e,t,r,s={}){let n=[e,t,r],i=this.#e(n,s);return await this.runAttention(this.#o(n,i,s))}async profileAttention(e,t,r,s={}){let n=[e,t,r],i=this.#e(n,s),a=Ao(s.iterations??10),c=ot("warmup",s.warmup??!0),u=this.#o(n,i,s);return await this.timeAttention(u,a,c,s)}async applyRope(e,t,r={}){this.live();let s=H("x",e,this),n=vt(s,t,r);return po(s),await this.runRope({...n,arg:e,x:s})}upload(e,t={}){this.live();let r=ne("t",e);return br("options",t),this.store(r,je("precision",t.precision,this.info.f16))}async download(e){this.live();let t=H("t",e,this);if(!(t instanceof K))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(t)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let t=co(e),r=je("precision",e.precision,this.info.f16);return await this.makeCache(t,r)}#t(e,t,r,s=null){this.live();let n=H("q",e,this,s),i=yt(t,this,this.cacheClass),a=fo(i,n,r);return this.prepareDecode({arg:e,q:n,cache:i,plan:a})}async decode(e,t,r={}){return await this.runDecode(this.#t(e,t,r),r)}async profileDecode(e,t,r={}){let s=this.#t(e,t,r),n=Ao(r.iterations??10),i=ot("warmup",r.warmup??!0);return await this.timeDecode(s,n,i,r)}record(){return this.live(),new rt(this.#r())}#r(){return{live:()=>this.live(),attention:(e,t,r)=>{let s=this.#e(e,t,r);return this.#o(e,s,t)},rope:(e,t,r,s)=>{this.live();let n=H("x",e,this,s),i=vt(n,t,r);return po(n),{...i,arg:e,x:n}},append:(e,t,r,s)=>{this.live();let n=yt(e,this,this.cacheClass),i=H("k",t[0],this,s),a=H("v",t[1],this,s);return{cache:n,args:t,k:i,v:a,plan:Qe(n,i,a,r)}},decode:(e,t,r,s)=>this.#t(e,t,r,s),output:(e,t,r)=>this.recordedOutput(e,t,r),decodeOutput:(e,t)=>this.recordedOutput(e.plan.qShape,this.decodeElement(e),t),run:(e,t)=>this.runRecording(e,t)}}};function po(o){if(o instanceof K&&o.dtype==="float16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)")}function we(o){return o.reduce((e,t)=>e*t,1)}var $r=256,kr=8;function yr(o){let e=o.kp*o.ku*o.rb,t=o.lr*(e+1),r=o.kp*o.rb+2*o.rb,s=o.rb*(o.headDim/4)*4;return 4*(t+e+r+s)}function mo(o,e,t,r=256){if(!Number.isInteger(o)||o%4!==0||o<4||o>512)return;let s=o/4,n=1;for(let h of[1,2,3,4])if(s%h===0&&s/h<=32){n=h;break}let i=s/n,a=Math.min(t==="T16"?64:128,r);if(i>r)return;let c=Math.max(1,Math.floor(a/i)),u=c*i,l=Be[t],f=Math.max(1,Math.min(e,Math.floor(kr/n)));for(let h=f;h>=1;h--)for(let A=Math.max(1,Math.floor(i/h));A>=1;A--){let d={headDim:o,c:n,lr:i,kp:c,ku:A,rb:h},m=yr(d);if(m<=l)return{...d,workgroup:u,bytes:m}}}function go(o,e,t,r){let s=Math.ceil(t/Math.max(1,e)),n=Math.ceil(o/$r);return Le(o,Math.max(1,Math.min(s,n,r)))}function Le(o,e){let t=Math.max(1,Math.ceil(o/e));return{splits:Math.max(1,Math.ceil(o/t)),keysPerSplit:t}}function se(o,e){return e==="f32"?t=>`${o}[${t}]`:t=>`vec4<f32>(${o}[${t}])`}function he(o,e,t,r,s){let n=o.rotaryDim,i=n/2;if(s=`(${s})`,t=`(${t})`,r=`(${r})`,o.pairing==="interleaved"&&n%4===0)return`if (${r} < ${n/4}u) {
      let tb = ${s} * ${i}u + ${r} * 2u;
      let a = T[tb];
      let e = T[tb + 1u];
      x = vec4<f32>(x.x * a.x - x.y * a.y, x.y * a.x + x.x * a.y,
                    x.z * e.x - x.w * e.y, x.w * e.x + x.z * e.y);
    }`;if(o.pairing==="half"&&i%4===0){let c=i/4;return`if (${r} < ${2*c}u) {
      let lo = ${r} < ${c}u;
      let pc = select(${r} - ${c}u, ${r} + ${c}u, lo);
      let p = ${e(`${t} + pc`)};
      let tb = ${s} * ${i}u + select(${r} - ${c}u, ${r}, lo) * 4u;
      let t0 = T[tb];
      let t1 = T[tb + 1u];
      let t2 = T[tb + 2u];
      let t3 = T[tb + 3u];
      let sg = select(1.0, -1.0, lo);
      x = x * vec4<f32>(t0.x, t1.x, t2.x, t3.x) + (sg * p) * vec4<f32>(t0.y, t1.y, t2.y, t3.y);
    }`}let a=[];for(let c=0;c<4;c++)if(o.pairing==="interleaved"){let u=c^1,l=c%2===0?"-":"+";a.push(`{
        let d = ${r} * 4u + ${c}u;
        if (d < ${n}u) {
          let t = T[${s} * ${i}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${l} x[${u}] * t.y;
        }
      }`)}else a.push(`{
        let d = ${r} * 4u + ${c}u;
        if (d < ${n}u) {
          let lo = d < ${i}u;
          let pd = select(d - ${i}u, d + ${i}u, lo);
          let t = T[${s} * ${i}u + select(d - ${i}u, d, lo)];
          let p = ${e(`${t} + pd / 4u`)}[pd % 4u];
          y[${c}] = x[${c}] * t.x + select(1.0, -1.0, lo) * p * t.y;
        }
      }`);return`if (${r} * 4u < ${n}u) {
      var y = x;
      ${a.join(`
      `)}
      x = y;
    }`}var wo=new WeakMap;function L(o,e){return{variable:o,access:"read",type:e}}function X(o,e){return{variable:o,access:"read_write",type:e}}var It=class{name;fields;bindingNames;uniformBytes;#e;#o;#t;#r=null;constructor(e){this.name=e.name,this.#e=e.uniforms;let t=wo.get(e.uniforms);if(!t){let s=Object.keys(e.uniforms);t={names:s,types:s.map(n=>e.uniforms[n])},wo.set(e.uniforms,t)}if(this.fields=t.names,this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let r=["params"];for(let s in e.bindings)e.bindings[s]!==null&&r.push(s);this.bindingNames=r,this.uniformBytes=Math.ceil(this.fields.length*4/16)*16,this.#o=t.types,this.#t=e}get wgsl(){if(this.#r===null){let e=this.#t,t=this.fields.map(n=>`  ${n}: ${e.uniforms[n]},`).join(`
`),s=Object.values(e.bindings).filter(n=>n!==null).map((n,i)=>`@group(0) @binding(${i+1}) var<storage, ${n.access}> ${n.variable}: ${n.type};`);this.#r=`struct Params {
${t}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}return this.#r}binding(e){let t=this.bindingNames.indexOf(e);if(t<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return t}pack(e){let t=new ArrayBuffer(this.uniformBytes);return this.packInto(e,new DataView(t),0),t}packInto(e,t,r){let s=e,n=0;for(let c in s)n++;let i=this.fields;n!==i.length&&this.#s(s);let a=this.#o;for(let c=0;c<i.length;c++){let u=i[c],l=s[u];if(l===void 0)throw Object.hasOwn(s,u)||this.#s(s),new Error(`Internal error: uniform ${u} of kernel ${this.name} is missing`);let f=r+c*4,h=a[c];if(h==="f32"){if(!Number.isFinite(l))throw this.#n(u,l,"a finite f32");t.setFloat32(f,l,!0)}else if(h==="i32"){if(!Number.isInteger(l)||l<-2147483648||l>2147483647)throw this.#n(u,l,"a signed 32-bit integer");t.setInt32(f,l,!0)}else{if(!Number.isInteger(l)||l<0||l>4294967295)throw this.#n(u,l,"an unsigned 32-bit integer");t.setUint32(f,l,!0)}}}#s(e){for(let r of Object.keys(e))if(!Object.hasOwn(this.#e,r))throw new Error(`Internal error: kernel ${this.name} has no uniform ${r}`);let t=this.fields.find(r=>e[r]===void 0);throw new Error(`Internal error: uniform ${t} of kernel ${this.name} is missing`)}#n(e,t,r){return new RangeError(`Internal error: uniform ${e} = ${t} of kernel ${this.name} does not fit ${r}`)}entries(e){for(let t of Object.keys(e))if(!this.bindingNames.includes(t))throw new Error(`Internal error: kernel ${this.name} declares no binding ${t}`);return this.bindingNames.map((t,r)=>{let s=e[t];if(!s)throw new Error(`Internal error: binding ${t} of kernel ${this.name} is missing`);return{binding:r,resource:s}})}};function ee(o){return new It(o)}var $e=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function vr(o){let e=[o.q,o.k,o.v,o.o];return e.every(t=>t==="f32")?"":`:${e.join("")}`}var J=-1e30,Ir={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32"};function Et(o){let e=o.elements??$e;return ee({name:"flash",uniforms:Ir,bindings:{q:L("Q",`array<vec4<${e.q}>>`),k:L("K",`array<vec4<${e.k}>>`),v:L("V",`array<vec4<${e.v}>>`),o:X("O",`array<vec4<${e.o}>>`),table:o.rope?L("T","array<vec2<f32>>"):null,slopes:o.alibi?L("SL","array<f32>"):null}})}function Bt(o){let e=o.tiles,t=o.rope?`${o.rope.pairing}${o.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${t}:alibi=${o.alibi}`+vr(o.elements??$e)}function be(o){return Array.from({length:o},(e,t)=>t)}function bo(o){let e=o.tiles,t=e.headDim/4,r=e.workgroup,s=e.br,n=e.bc,i=t+(e.pad?1:0),a=e.sharedKV?i:t,c=n+1,u=n/e.tn,l=t/e.od4,f=e.sharedKV?"Ks":"Vs",h=o.elements??$e,A=se("Q",h.q),d=se("K",h.k),m=se("V",h.v),g=[h.q,h.k,h.v,h.o].includes("f16"),w=(p,C)=>`for (var e = lid; e < ${p*t}u; e += ${r}u) {
    let r = e / ${t}u;
    let c = e % ${t}u;
    ${C("r","c")}
  }`,E=o.rope?he(o.rope,A,"base","c","P.qTab + b * P.qTabB + pos"):"",y=o.rope?he(o.rope,d,"base","c","P.kTab + b * P.kTabB + key"):"",M=w(s,(p,C)=>`let flat = row0 + ${p};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${A(`base + ${C}`)};
      ${E}
    }
    Qs[${p} * ${i}u + ${C}] = x * P.scale2;`),q=w(n,(p,C)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${d(`base + ${C}`)};
      ${y}
    }
    Ks[${p} * ${i}u + ${C}] = x;`),v=w(n,(p,C)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${m(`b * P.vB + kvh * P.vH + key * P.vS - P.vOff + ${C}`)};
    }
    ${f}[${p} * ${a}u + ${C}] = x;`),B=be(e.tm),I=be(e.tn),Q=be(e.om),O=be(e.od4),T=B.flatMap(p=>I.map(C=>`var s${p}_${C} = 0.0;`)).join(" "),_=be(t).map(p=>{let C=B.map(z=>`let q${z} = Qs[qr${z} + ${p}u];`).join(" "),G=I.map(z=>`let k${z} = Ks[kr${z} + ${p}u];`).join(" "),F=B.flatMap(z=>I.map(U=>`s${z}_${U} += dot(q${z}, k${U});`)).join(" ");return`{ ${C} ${G} ${F} }`}).join(`
      `),W=B.flatMap(p=>I.map(C=>{let G=o.alibi?` - sl${p} * f32(abs(qp${p} - i32(key${C})))`:"";return`s${p}_${C} = select(${J}, s${p}_${C}${G}, ok${p} && key${C} < P.sk && (P.causal == 0u || i32(key${C}) <= qp${p}));`})).join(`
      `),x=B.map(p=>`Mx[(tr * ${e.tm}u + ${p}u) * ${u}u + tc] = max(${I.map(C=>`s${p}_${C}`).reduce((C,G)=>`max(${C}, ${G})`)}, ${J});`).join(`
      `),k=(p,C)=>`let ${C} = ${be(u).map(G=>`Mx[${p} * ${u}u + ${G}u]`).reduce((G,F)=>`max(${G}, ${F})`)};`,$=B.map(p=>{let C=`(tr * ${e.tm}u + ${p}u)`,G=I.map(F=>`let p${F} = select(0.0, exp2(s${p}_${F} - tmax), s${p}_${F} > ${J/2});
        Ps[${C} * ${c}u + tc + ${F*u}u] = p${F};`).join(`
        `);return`{
        ${k(C,"tmax")}
        ${G}
        Sm[${C} * ${u}u + tc] = ${I.map(F=>`p${F}`).join(" + ")};
      }`}).join(`
      `),S=Q.flatMap(p=>O.map(C=>`var o${p}_${C} = vec4<f32>(0.0);`)).join(" "),D=Q.map(p=>`var m${p} = ${J}; var l${p} = 0.0;`).join(" "),b=Q.map(p=>{let C=`orow${p}`;return`{
        ${k(C,"tmax")}
        let tsum = ${be(u).map(G=>`Sm[${C} * ${u}u + ${G}u]`).join(" + ")};
        let mnew = max(m${p}, tmax);
        let alpha = exp2(m${p} - mnew);
        beta${p} = exp2(tmax - mnew);
        l${p} = l${p} * alpha + tsum * beta${p};
        m${p} = mnew;
        ${O.map(G=>`o${p}_${G} *= alpha;`).join(" ")}
      }`}).join(`
      `),P=be(n).map(p=>{let C=Q.map(z=>`let p${z} = Ps[orow${z} * ${c}u + ${p}u] * beta${z};`).join(" "),G=O.map(z=>`let v${z} = ${f}[${p*a}u + oc + ${z*l}u];`).join(" "),F=Q.flatMap(z=>O.map(U=>`o${z}_${U} += p${z} * v${U};`)).join(" ");return`{ ${C} ${G} ${F} }`}).join(`
      `),R=Q.map(p=>`{
    let flat = row0 + orow${p};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = select(0.0, 1.0 / l${p}, l${p} > 0.0);
      ${O.map(C=>h.o==="f32"?`O[base + ${C*l}u] = o${p}_${C} * inv;`:`O[base + ${C*l}u] = vec4<f16>(o${p}_${C} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),j=B.map(p=>`let flat${p} = row0 + tr * ${e.tm}u + ${p}u;
  let pos${p} = flat${p} / P.group;
  let ok${p} = pos${p} < P.sq;
  let qp${p} = i32(pos${p}) + i32(P.sk) - i32(P.sq);${o.alibi?`
  let sl${p} = SL[kvh * P.group + flat${p} % P.group];`:""}`).join(`
  `);return`// ${Bt(o)}
${g?"enable f16;":""}
${Et(o).wgsl}
var<workgroup> Qs: array<vec4<f32>, ${s*i}>;
var<workgroup> Ks: array<vec4<f32>, ${n*i}>;
${e.sharedKV?"":`var<workgroup> Vs: array<vec4<f32>, ${n*t}>;`}
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

  ${M}

  let tr = lid / ${u}u;
  let tc = lid % ${u}u;
  ${B.map(p=>`let qr${p} = (tr * ${e.tm}u + ${p}u) * ${i}u;`).join(" ")}
  ${I.map(p=>`let kr${p} = (tc + ${p*u}u) * ${i}u;`).join(" ")}
  ${j}
  let orr = lid / ${l}u;
  let oc = lid % ${l}u;
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
    ${e.sharedKV?"":v}
    workgroupBarrier();
    {
      ${T}
      ${_}
      ${I.map(p=>`let key${p} = k0 + tc + ${p*u}u;`).join(" ")}
      ${W}
      ${x}
      workgroupBarrier();
      ${$}
    }
    ${e.sharedKV?v:""}
    workgroupBarrier();
    {
      ${b}
      ${P}
    }
    workgroupBarrier();
  }

  ${R}
}
`}var Er={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmax4:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},Br={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function xt(o){let e=o.elements;return ee({name:"decode",uniforms:Er,bindings:{q:L("Q",`array<vec4<${e.q}>>`),k:L("K",`array<vec4<${e.kv}>>`),v:L("V",`array<vec4<${e.kv}>>`),o:X("O",`array<vec4<${e.o}>>`),w:X("W","array<vec4<f32>>"),table:o.rope?L("T","array<vec2<f32>>"):null,slopes:o.alibi?L("SL","array<f32>"):null}})}function Pt(o){return ee({name:"decode merge",uniforms:Br,bindings:{w:L("W","array<vec4<f32>>"),o:X("O",`array<vec4<${o}>>`)}})}var Ge=64;function Ct(o){let e=o.tiles,t=o.rope?`${o.rope.pairing}${o.rope.rotaryDim}`:"none",r=o.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${t}:alibi=${o.alibi}:${r.q}${r.kv}${r.o}`}function St(o,e){return`decode-merge:d${o}:${e}`}function ke(o){return Array.from({length:o},(e,t)=>t)}function st(o){return o.length===0?"0.0":o.join(" + ")}function $o(o,e){return o==="f32"?e:`vec4<f16>(${e})`}function ko(o){let e=o.tiles,{c:t,lr:r,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,u=s*n*i,l=u+1,f=s*n,h=o.elements,A=se("Q",h.q),d=se("K",h.kv),m=se("V",h.kv),g=[h.q,h.kv,h.o].includes("f16"),w=ke(i),E=ke(t),y=ke(n),M=o.rope?he(o.rope,A,"base","cc","P.tab + b * P.tabB + t"):"",q=w.map(x=>`${E.map(k=>`var q${x}_${k} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${x}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${E.map(k=>`{
        let cc = lr + ${k*r}u;
        var x = ${A("base + cc")};
        ${M}
        q${x}_${k} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),v=w.map(x=>`var m${x} = ${J}; var l${x} = 0.0; ${E.map(k=>`var a${x}_${k} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),B=y.map(x=>{let k=w.map($=>`Red[lr * ${l}u + kp * ${i}u + ${x*s*i+$}u] = ${st(E.map(S=>`dot(q${$}_${S}, k${x}_${S})`))};`).join(`
      `);return`let kr${x} = kvBase + min(k0 + ${x*s}u + kp, kEnd - 1u) * ${c}u;
      ${E.map($=>`let k${x}_${$} = ${d(`kr${x} + ${$*r}u`)};`).join(" ")}
      ${E.map($=>`let v${x}_${$} = ${m(`kr${x} + ${$*r}u`)};`).join(" ")}
      ${k}`}).join(`
      `),I=o.alibi?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          s -= SL[h] * f32(i32(qp) - i32(key));`:"",Q=ke(Math.ceil(u/a)).map(x=>{let k=(x+1)*a>u;return`{
        let i = lid + ${x*a}u;
        ${k?`if (i < ${u}u) {`:"{"}
          var s = ${st(ke(r).map($=>`Red[${$*l}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${I}
          Sc[i] = select(${J}, s, key < kEnd && f < P.rows && key <= qp);
        }
      }`}).join(`
      `),O=w.map(x=>{let k=y.map($=>`s${$}`);return`{
        ${y.map($=>`let s${$} = Sc[kp * ${i}u + ${$*s*i+x}u];`).join(" ")}
        let mx = max(m${x}, ${k.reduce(($,S)=>`max(${$}, ${S})`)});
        let alpha = exp2(m${x} - mx);
        ${y.map($=>`let p${$} = select(0.0, exp2(s${$} - mx), s${$} > ${J/2});`).join(" ")}
        l${x} = l${x} * alpha + ${st(y.map($=>`p${$}`))};
        m${x} = mx;
        ${E.map($=>`a${x}_${$} = a${x}_${$} * alpha + ${st(y.map(S=>`p${S} * v${S}_${$}`))};`).join(`
        `)}
      }`}).join(`
      `),T=w.map(x=>`{
    let mr = ${ke(s).map(k=>`Mk[${k*i+x}u]`).reduce((k,$)=>`max(${k}, ${$})`)};
    let g = exp2(m${x} - mr);
    l${x} *= g;
    ${E.map(k=>`a${x}_${k} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${x}u] = mr;
    }
  }`).join(`
  `),_=ke(s).map(x=>`if (kp == ${x}u) {
    ${w.flatMap(k=>E.map($=>{let S=`${k*c}u + lr + ${$*r}u`;return x===0?`X[${S}] = a${k}_${$};`:`X[${S}] += a${k}_${$};`})).join(`
    `)}
    if (lr == 0u) {
      ${w.map(k=>x===0?`Ls[${k}u] = l${k};`:`Ls[${k}u] += l${k};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),W=ke(Math.ceil(i*c/a)).map(x=>{let k=(x+1)*a>i*c;return`{
    let e = lid + ${x*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${k?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${$o(h.o,"X[e] * select(0.0, 1.0 / total, total > 0.0)")};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${Ct(o)}
${g?"enable f16;":""}
${xt(o).wgsl}
var<workgroup> Red: array<f32, ${r*l}>;
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
  ${v}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${f}u) {
      ${B}
    workgroupBarrier();
      ${Q}
    workgroupBarrier();
      ${O}
  }

  if (lr == 0u) {
    ${w.map(x=>`Mk[kp * ${i}u + ${x}u] = m${x};`).join(" ")}
  }
  workgroupBarrier();
  ${T}
  ${_}
  ${W}
}
`}function yo(o,e){let t=o/4;return`// ${St(o,e)}
${e==="f16"?"enable f16;":""}
${Pt(e).wgsl}
@compute @workgroup_size(${Ge})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ge}u + lid;
  if (idx >= P.items) {
    return;
  }
  let row = idx / ${t}u;
  let cc = idx % ${t}u;
  let stats = P.statsOff + row * P.nsplit;
  var mx = ${J};
  for (var s = 0u; s < P.nsplit; s++) {
    mx = max(mx, W[stats + s].x);
  }
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var s = 0u; s < P.nsplit; s++) {
    let st = W[stats + s];
    let w = exp2(st.x - mx);
    total += w * st.y;
    acc += w * W[(row * P.nsplit + s) * ${t}u + cc];
  }
  let unit = P.unitBase + row / P.rows;
  let f = row % P.rows;
  let b = unit / P.kvHeads;
  let h = (unit % P.kvHeads) * P.group + f % P.group;
  let t = f / P.group;
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${$o(e,"acc * select(0.0, 1.0 / total, total > 0.0)")};
}
`}function ie(o,e,t,r=4){let s=Math.max(16,t.minStorageBufferOffsetAlignment),n=Math.floor(o*r/s)*s,i=Math.max(4,Math.ceil((e*r-n)/4)*4);return{offset:n,size:i,base:n/r}}function re(o,e){return o.size<=e.maxStorageBufferBindingSize}function ue(o,e,t,r){let s=[],n=0;for(;n<o;){let i=Math.min(o-n,e);if(!t(n,1))throw r(n);let a=1,c=i;if(t(n,c))a=c;else for(;c-a>1;){let u=Math.floor((a+c)/2);t(n,u)?a=u:c=u}s.push([n,a]),n+=a}return s}function ae(o,e){let t=e.maxComputeWorkgroupsPerDimension;if(o<=t)return[Math.max(1,o),1];let r=Math.ceil(o/t);if(r>t)throw new RangeError(`Cannot dispatch ${o} workgroups: more than ${t} x ${t}, the device's 2-D grid limit`);return[Math.ceil(o/r),r]}function ye(o,e){let t=e.maxComputeWorkgroupsPerDimension;return t*t*o}var xr=32*1024*1024,Pr=1024;function Cr(o,e){return et(`rope-table|${e}`,o)}function vo(o,e,t){return new RangeError(`Cannot bind the RoPE table: ${o} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${t} bytes; rotate in smaller batches`)}function le(o,e,t,r){let s=e.invFreq.length*8,n=Math.min(o.limits.maxStorageBufferBindingSize,o.limits.maxBufferSize);if(r.every(f=>f.positions.kind==="range")){let f=r.map(w=>w.positions.start),h=Math.min(...f),A=Math.max(...r.map((w,E)=>f[E]+w.seq)),d=Pr;for(;d<A;)d*=2;if(d*s<=Math.min(xr,n)){let w=Cr(e,t),E=o.cached(w,()=>null);if(!E||E.rows<A){let y=Je(e,{start:0,count:d},t);E={rows:d,buffer:o.upload(y,"rope table")},o.setCached(w,E)}return{buffer:E.buffer,temp:!1,sides:f.map(y=>({tab:y,tabB:0}))}}let m=Math.max(1,A-h);if(m*s>n)throw vo(m,m*s,n);let g=Je(e,{start:h,count:m},t);return{buffer:o.upload(g,"rope table"),temp:!0,sides:f.map(w=>({tab:w-h,tabB:0}))}}let i=[],a=[],c=0;for(let f of r){let h=f.positions,A=h.kind==="list"?h.list:Float64Array.from({length:f.seq},(d,m)=>h.start+m);a.push({tab:c,tabB:h.kind==="list"&&h.perBatch?f.seq:0}),i.push(A),c+=A.length}let u=new Float64Array(Math.max(1,c)),l=0;for(let f of i)u.set(f,l),l+=f.length;if(u.length*s>n)throw vo(u.length,u.length*s,n);return{buffer:o.upload(Je(e,u,t),"rope table"),temp:!0,sides:a}}function Io(o,e,t){let r=e.group*e.qSeq,s=mo(e.headDim,r,o.tier,o.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${o.tier}, ${o.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${o.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:t}}function nt(o,e){let t=e.tiles.headDim,r=e.elements.o;return Promise.all([o.pipeline(Ct(e),()=>ko(e)),o.pipeline(St(t,r),()=>yo(t,r))])}function Eo(o,e,t,r,s){let n=o.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let a=Math.min(r,n);if(e.splits>a)throw new RangeError(`Invalid splits: expected at most ${a} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return Le(r,e.splits)}let i=Math.ceil(e.group*e.qSeq/t.tiles.rb);return go(r,e.batch*e.kvHeads*i,s,n)}function ze(o,e){return o.rope?.queryPositions??{kind:"range",start:e-o.qSeq}}function Bo(o,e,t,r,s,n,i){let a={dispatches:[],temps:[]},[c,u]=r,l=o.limits,{kvHeads:f,group:h,qSeq:A,headDim:d}=e,m=d/4,g=h*A,w=t.tiles,E=Math.ceil(g/w.rb),{splits:y,keysPerSplit:M}=n,q=y===1,v=e.qStrides,B=t.elements.q==="f16"?2:4,I=t.elements.o==="f16"?2:4,Q=(S,D,b)=>{let P=(C,G)=>Math.floor(C/f)*v.batch+G*v.heads,R=S+D-1,j=P(S,S%f*h),p=P(R,R%f*h+h-1)+(A-1)*v.seq+d;return ie(j,p,l,b)},O=S=>S*g*y*(m+1)*16,T=null;e.rope&&(T=le(o,e.rope.frequencies,e.rope.angles,[{positions:ze(e,s.length),seq:A}]),T.temp&&a.temps.push(T.buffer));let _=null;e.alibi&&(_=o.upload(e.alibi.map(S=>S*Math.LOG2E),"alibi slopes"),a.temps.push(_));let W=l.maxComputeWorkgroupsPerDimension,x=xt(t),k=Pt(t.elements.o),$=Math.max(1,Math.floor(ye(Ge,l)/(g*m)));for(let S of s.chunks){let D=ue(S.n,Math.min(W,$),(b,P)=>re(Q(S.u0+b,P,B),l)&&re(Q(S.u0+b,P,I),l)&&(q||O(P)<=l.maxStorageBufferBindingSize),b=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${Q(S.u0+b,1,Math.max(B,I)).size} bytes or their ${y} partial outputs ${O(1)} bytes, more than maxStorageBufferBindingSize (${l.maxStorageBufferBindingSize} bytes)`));for(let[b,P]of D){let R=S.u0+b,j=Q(R,P,B),p=Q(R,P,I),C=P*g*y*m,G=q?o.dummy():o.scratch(O(P)),F={sq:A,group:h,rows:g,kvHeads:f,len:s.length,nsplit:y,keysPerSplit:M,unitBase:R,chunkBase:S.u0,lmax4:s.maxLength*m,direct:q?1:0,statsOff:C,qB:v.batch/4,qH:v.heads/4,qS:v.seq/4,qOff:j.base/4,oB:v.batch/4,oH:v.heads/4,oS:v.seq/4,oOff:p.base/4,tab:T?.sides[0]?.tab??0,tabB:T?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:o.bind(c,x,F,{q:{buffer:i.q,offset:j.offset,size:j.size},k:{buffer:S.k},v:{buffer:S.v},o:{buffer:i.o,offset:p.offset,size:p.size},w:{buffer:G},...T?{table:{buffer:T.buffer}}:{},..._?{slopes:{buffer:_}}:{}},a.temps),grid:[y,P,E]}),q)continue;let z=P*g*m,[U,N]=ae(Math.ceil(z/Ge),l),Z={items:z,nsplit:y,rows:g,group:h,kvHeads:f,unitBase:R,statsOff:C,gridX:U,oB:v.batch/4,oH:v.heads/4,oS:v.seq/4,oOff:p.base/4};a.dispatches.push({pipeline:u,bindGroup:o.bind(u,k,Z,{w:{buffer:G},o:{buffer:i.o,offset:p.offset,size:p.size}},a.temps),grid:[U,N,1]})}}return a}function Sr(o){let{relaxed:e,plain:t}=gt(),r=e?new Ee(e,"relaxed-simd"):t?new Ee(t,"simd"):new Fe,s=o.headDim+7&-8,n=(o.maxLength+7&-8)*s,i=o.batch*o.kvHeads*n,a=_e,c=a+i,u=c+i;if(u*4>2**31)return null;try{r.reserve(u)}catch{return null}return{kernel:r,dp:s,kAt:a,vAt:c,headFloats:n,end:u}}var We=class extends De{precision="f32";#e;#o;#t;constructor(e,t,r){super(e,t,r);let s=r.batch*r.kvHeads*r.maxLength*r.headDim;this.#e=new Float32Array(s),this.#o=new Float32Array(s),this.#t=Sr(r)}append(e,t,r={}){try{this.live();let s=H("k",e,this.owner),n=H("v",t,this.owner);return this.write(Qe(this,s,n,r),s,n),Promise.resolve()}catch(s){return Promise.reject(s)}}write(e,t,r){let{slot:s,commit:n}=this.reserve(e),i=xo(t);e.rope&&(i=oe(i,e.rope.frequencies,{layout:e.layout,pairing:e.rope.pairing,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:s}}));let a=xo(r),c=this.headDim,u=e.strides;for(let l=0;l<this.batch;l++)for(let f=0;f<this.kvHeads;f++)for(let h=0;h<e.n;h++){let A=l*u.batch+f*u.heads+h*u.seq,d=((l*this.kvHeads+f)*this.maxLength+s+h)*c;this.#e.set(i.data.subarray(A,A+c),d),this.#o.set(a.data.subarray(A,A+c),d)}this.#r(s,e.n),n()}#r(e,t){let r=this.#t;if(r===null)return;let{dp:s,headFloats:n}=r,i=this.headDim,a=r.kernel.reserve(r.end);for(let c=0;c<this.batch*this.kvHeads;c++){let u=r.kAt+c*n,l=r.vAt+c*n;for(let f=e;f<e+t;f++){let h=(c*this.maxLength+f)*i,A=u+(f>>3)*s*8+(f&7);for(let d=0;d<i;d++)a[A+8*d]=this.#e[h+d];for(let d=i;d<s;d++)a[A+8*d]=0;a.set(this.#o.subarray(h,h+i),l+f*s),a.fill(0,l+f*s+i,l+(f+1)*s)}}}tensors(e,t=!1){let{batch:r,kvHeads:s,headDim:n}=this,i=this.length,a=Object.freeze(e==="bhsd"?[r,s,i,n]:[r,i,s,n]),c,u;if(!t&&e==="bhsd"&&i===this.maxLength)c=this.#e,u=this.#o;else{c=new Float32Array(r*s*i*n),u=new Float32Array(c.length);for(let f=0;f<r;f++)for(let h=0;h<s;h++){let A=(f*s+h)*this.maxLength*n;if(e==="bhsd"){let d=(f*s+h)*i*n;c.set(this.#e.subarray(A,A+i*n),d),u.set(this.#o.subarray(A,A+i*n),d);continue}for(let d=0;d<i;d++){let m=A+d*n,g=((f*i+d)*s+h)*n;c.set(this.#e.subarray(m,m+n),g),u.set(this.#o.subarray(m,m+n),g)}}}let l=this.#t;if(!t&&l!==null){let f={kernel:l.kernel,batch:r,kvHeads:s,headDim:n,length:i,kAt:l.kAt,vAt:l.vAt,headFloats:l.headFloats,end:l.end};Jt(c,f)}return{k:{shape:a,data:c},v:{shape:a,data:u}}}download(){try{return this.live(),Promise.resolve(this.tensors("bhsd",!0))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function xo(o){return o instanceof K?o.host:o}var qr=1<<23;function Qr(o,e){let t=o.batch*o.kvHeads,r=Math.min(e,t),s=[];for(let n=0;n<r;n++){let i=Math.floor(n*t/r),a=Math.floor((n+1)*t/r),c=[];for(let u=i;u<a;){let l=Math.floor(u/o.kvHeads),f=u%o.kvHeads,h=Math.min(o.kvHeads,f+(a-u));c.push({batch:l,kv0:f,kv1:h}),u+=h-f}s.push(c)}return s}function Po(o,e){let t=o.batch*o.heads*o.qSeq*o.kSeq*o.headDim;return e>1&&o.batch*o.kvHeads>1&&t>=qr}function qt(o,e,t,r,s,n,i){let a=new Float32Array((s-r)*n*i),c=0;for(let u=r;u<s;u++){let l=t*e.batch+u*e.heads;if(e.seq===i){a.set(o.subarray(l,l+n*i),c),c+=n*i;continue}for(let f=0;f<n;f++,c+=i){let h=l+f*e.seq;a.set(o.subarray(h,h+i),c)}}return a}function Dr(o,e,t){if(!o.rope)return[e,t];let{frequencies:r,pairing:s,angles:n,layout:i}={...o.rope,layout:o.layout};return[oe(e,r,{layout:i,pairing:s,angles:n,positions:o.rope.query}),oe(t,r,{layout:i,pairing:s,angles:n,positions:o.rope.key})]}function Mr(o,e,t,r,s){let{group:n,qSeq:i,kSeq:a,headDim:c}=o,{batch:u,kv0:l,kv1:f}=e;return{q:qt(t.data,o.qStrides,u,l*n,f*n,i,c),k:qt(r.data,o.kStrides,u,l,f,a,c),v:qt(s.data,o.kStrides,u,l,f,a,c),alibi:o.alibi?o.alibi.slice(l*n,f*n):null}}function Rr(o,e,t,r){let{group:s,qSeq:n,headDim:i,qStrides:a}=o,c=0;for(let u=e.kv0*s;u<e.kv1*s;u++){let l=e.batch*a.batch+u*a.heads;if(a.seq===i){r.set(t.subarray(c,c+n*i),l),c+=n*i;continue}for(let f=0;f<n;f++,c+=i)r.set(t.subarray(c,c+i),l+f*a.seq)}}function Or(o){let e=[];for(let t of o)e.push(t.q.buffer,t.k.buffer,t.v.buffer),t.alibi&&e.push(t.alibi.buffer);return e}var Qt=class{#e;#o=new Map;#t=null;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let t=e.data,r=this.#o.get(t.id);r&&(this.#o.delete(t.id),"error"in t?r.reject(new Error(`A CPU attention worker failed: ${t.error}`)):r.resolve(t.outputs))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#t}run(e){return this.#t?Promise.reject(new Error(this.#t)):new Promise((t,r)=>{this.#o.set(e.id,{resolve:t,reject:r}),this.#e.postMessage(e,Or(e.pieces))})}fail(e){if(!this.#t){this.#t=e,this.#e.terminate();for(let t of this.#o.values())t.reject(new Error(e));this.#o.clear()}}},it=class{#e;#o=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,t,r,s){let[n,i]=Dr(e,t,r),a=new Float32Array(t.data.length),c=Object.freeze([...t.shape]),[u,...l]=Qr(e,this.#e.length+1),f={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale},h=l.map((A,d)=>{let m=this.#e[d];(!m||m.failure)&&(m=this.#e[d]=new Qt);let g={id:this.#o++,...f,pieces:A.map(w=>Mr(e,w,n,i,s))};return m.run(g).then(w=>{A.forEach((E,y)=>Rr(e,E,w[y],a))})});return ge({...e,rope:null},n,i,s,void 0,{ranges:u,into:a}),await Promise.all(h),{shape:c,data:a}}destroy(e){for(let t of this.#e)t?.fail(e);this.#e.fill(void 0)}};var at=class extends Me{info;cacheClass=We;#e=!1;#o;#t=null;constructor(e,t=1){super(),this.#o=t,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:t})}failure(){return this.#e?He:null}#r(e){return e instanceof K?e.host:e}#s(e,t){return e instanceof K?new K(this,t.shape,t.data,this.alive):t}elementsOf(){return $e}async runAttention(e){let{plan:t}=e,[r,s,n]=[this.#r(e.q),this.#r(e.k),this.#r(e.v)];return Po(t,this.#o)?(this.#t??=new it(this.#o-1),this.#s(e.q,await this.#t.attention(t,r,s,n))):this.#s(e.q,ge(t,r,s,n))}async timeAttention(e,t,r,s){let[n,i,a]=e.args;r&&await this.attention(n,i,a,s);let c=performance.now();for(let u=0;u<t;u++)await this.attention(n,i,a,s);return{seconds:(performance.now()-c)/1e3/t,iterations:t,source:"wall-clock"}}runRope(e){let{x:t,call:r,inPlace:s}=e,n=this.#r(t),i=oe(n,r.frequencies,{layout:r.layout,pairing:r.pairing,angles:r.angles,positions:r.positions});return s?(n.data.set(i.data),Promise.resolve(t)):Promise.resolve(this.#s(t,i))}store(e){return new K(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new We(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){return Promise.resolve(this.#s(e.q,this.#n(e)))}#n(e){let{plan:t,cache:r}=e;tt(t,r.length,r.ropeState);let s=this.#r(e.q);t.rope&&(s=oe(s,t.rope.frequencies,{layout:t.layout,pairing:t.rope.pairing,angles:t.rope.angles,positions:ze(t,r.length)}));let{k:n,v:i}=r.tensors(t.layout),a=me(s,n,i,{layout:t.layout,causal:!0,scale:t.scale,...t.alibi?{alibiSlopes:t.alibi}:{}});return ge(a,s,n,i)}async timeDecode(e,t,r,s){let n=e.arg;r&&await this.decode(n,e.cache,s);let i=performance.now();for(let a=0;a<t;a++)await this.decode(n,e.cache,s);return{seconds:(performance.now()-i)/1e3/t,iterations:t,source:"wall-clock",splits:1}}recordedOutput(e,t,r){let s=e.reduce((n,i)=>n*i,1);return new K(this,e,new Float32Array(s),this.alive).awaitRecording(r)}decodeElement(){return"f32"}runRecording(e,t){let r=[];try{this.live();for(let s of e)this.#a(s,t);for(let s of e)if(s.kind==="attention"){let{plan:n}=s.call,[i,a,c]=[this.#r(s.call.q),this.#r(s.call.k),this.#r(s.call.v)];s.output.host.data.set(ge(n,i,a,c).data)}else if(s.kind==="rope"){let{x:n,call:i,inPlace:a}=s.request,c=a?n.host.data:s.output.host.data;if(a){let u=c.slice();r.push(()=>c.set(u))}c.set(oe(this.#r(n),i.frequencies,{layout:i.layout,pairing:i.pairing,angles:i.angles,positions:i.positions}).data)}else s.kind==="append"?(r.push(s.call.cache.snapshot()),s.call.cache.write(s.call.plan,s.call.k,s.call.v)):s.output.host.data.set(this.#n(s.call).data);return Promise.resolve()}catch(s){for(let n of r.reverse())n();return Promise.reject(s)}}#a(e,t){e.kind==="attention"?this.checkOperands(e.call.args,t):e.kind==="rope"?H("x",e.request.arg,this,t):e.kind==="append"?(e.call.cache.live(),H("k",e.call.args[0],this,t),H("v",e.call.args[1],this,t)):(e.call.cache.live(),H("q",e.call.arg,this,t))}destroy(){this.#e=!0,this.#t?.destroy(`This GpuAttention cannot be used: ${He}`),this.#t=null}};function So(o,e,t=$e){let r=Zt(e.headDim,o.tier,o.limits.maxComputeInvocationsPerWorkgroup);if(!r)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${o.tier}, ${o.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${o.tier==="T16"?256:bt}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:t}}function qo(o,e){return o.pipeline(Bt(e),()=>bo(e))}function Co(o,e,t){return new RangeError(`Cannot split ${o} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${t} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function Qo(o,e,t,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:u,headDim:l}=e,f={dispatches:[],temps:[]};if(n===0||c===0||u===0)return f;let h=o.limits,A=e.qStrides,d=e.kStrides,m=n*i,g=t.elements??$e,w=k=>k==="f16"?2:4,E=(k,$,S=w(g.q))=>{let[D,b]=[Math.floor(k/i),k%i],P=k+$-1,[R,j]=[Math.floor(P/i),P%i],p=D*A.batch+b*a*A.heads,C=R*A.batch+(j*a+a-1)*A.heads+(c-1)*A.seq+l;return ie(p,C,h,S)},y=(k,$)=>E(k,$,w(g.o)),M=(k,$,S=w(g.k))=>{let D=k+$-1,b=Math.floor(k/i)*d.batch+k%i*d.heads,P=Math.floor(D/i)*d.batch+D%i*d.heads+(u-1)*d.seq+l;return ie(b,P,h,S)},q=(k,$)=>M(k,$,w(g.v)),v=(k,$)=>(w(g.q)>=w(g.o)?E:y)(k,$),B=(k,$)=>(w(g.k)>=w(g.v)?M:q)(k,$),I=ue(m,h.maxComputeWorkgroupsPerDimension,(k,$)=>re(v(k,$),h)&&re(B(k,$),h),k=>{let $=v(k,1);return re($,h)?Co("k and v",B(k,1).size,h.maxStorageBufferBindingSize):Co("q and the output",$.size,h.maxStorageBufferBindingSize)}),Q=null;e.rope&&(Q=le(o,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:u}]),Q.temp&&f.temps.push(Q.buffer));let O=null;e.alibi&&(O=o.upload(e.alibi.map(k=>k*Math.LOG2E),"alibi slopes"),f.temps.push(O));let T=t.tiles,_=Math.ceil(c*a/T.br),W=h.maxComputeWorkgroupsPerDimension,x=Et(t);for(let[k,$]of I){let S=E(k,$),D=M(k,$),b=q(k,$),P=y(k,$);for(let R=0;R<_;R+=W){let j={sq:c,sk:u,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:_,tileBase:R,unitBase:k,qB:A.batch/4,qH:A.heads/4,qS:A.seq/4,qOff:S.base/4,kB:d.batch/4,kH:d.heads/4,kS:d.seq/4,kOff:D.base/4,vB:d.batch/4,vH:d.heads/4,vS:d.seq/4,vOff:b.base/4,oB:A.batch/4,oH:A.heads/4,oS:A.seq/4,oOff:P.base/4,qTab:Q?.sides[0]?.tab??0,qTabB:Q?.sides[0]?.tabB??0,kTab:Q?.sides[1]?.tab??0,kTabB:Q?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},p=o.bind(r,x,j,{q:{buffer:s.q,offset:S.offset,size:S.size},k:{buffer:s.k,offset:D.offset,size:D.size},v:{buffer:s.v,offset:b.offset,size:b.size},o:{buffer:s.o,offset:P.offset,size:P.size},...Q?{table:{buffer:Q.buffer}}:{},...O?{slopes:{buffer:O}}:{}},f.temps),[C]=ae(Math.min(W,_-R),h);f.dispatches.push({pipeline:r,bindGroup:p,grid:[C,$,1]})}}return f}var Tr=128,Fr=16,_r=8;function jr(o){let e=o.tk*(o.de+1)*16,t=o.rb*(o.headDim/4)*16,r=o.tk*o.rb*4,s=o.rb*4;return e+t+r+s}function Do(o,e,t,r,s=256){let n=t==="f16"?8:4;if(!Number.isInteger(o)||o%n!==0||o<n||o>512)return`the keys kernel reads ${t} rows in 16-byte units of ${n} dims, so it needs a head dim that is a multiple of ${n} up to 512, got ${o}`;let i=o/n,a=Math.min(Tr,s);if(i>a)return`a row of ${i} load units needs more than the ${a} invocations per workgroup`;let c=Math.floor(a/i),u=c*i,l=Math.max(1,Math.min(e,_r)),f=Be[r];for(let h=l;h>=1;h--){let A;for(let d=Math.min(u,c*Fr);d>=c;d-=c){let m=jr({headDim:o,de:i,tk:d,rb:h});if(m>f)continue;let g=Math.ceil(h/Math.max(1,Math.floor(u/d))),w=Math.ceil(h/g),E={headDim:o,kv:t,e:n,de:i,wg:u,kg:c,tk:d,vk:d/c,rb:h,sg:w,rh:g,bytes:m};if(d%32===0||d<32)return E;A??=E}if(A)return A}return`no tile of keys fits ${f} bytes of workgroup storage (tier ${r}) at head dim ${o}`}var Hr=256,Lr=1024,Gr=4;function Mo(o,e,t,r,s){let n=Gr*Math.max(1,t),i=Math.ceil(o*Math.max(1,e)/n),a=Math.min(Lr,Math.max(Hr,i)),c=Math.ceil(a/s)*s,u=Math.max(1,Math.ceil(o/c));return u>r&&(u=r,c=Math.ceil(o/u)),u===1?{splits:1,keysPerSplit:Math.max(1,o)}:{splits:Math.ceil(o/c),keysPerSplit:c}}var zr={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmaxU:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},Wr={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function Ro(o){return o.kv==="f16"?"vec4<u32>":"vec4<f32>"}function Dt(o){let e=o.elements,t=Ro(o.tiles);return ee({name:"decode keys",uniforms:zr,bindings:{q:L("Q",`array<vec4<${e.q}>>`),k:L("K",`array<${t}>`),v:L("V",`array<${t}>`),o:X("O",`array<vec4<${e.o}>>`),w:X("W","array<vec4<f32>>"),table:o.rope?L("T","array<vec2<f32>>"):null,slopes:o.alibi?L("SL","array<f32>"):null}})}function Mt(o){return ee({name:"decode keys merge",uniforms:Wr,bindings:{w:L("W","array<vec4<f32>>"),o:X("O",`array<vec4<${o}>>`)}})}function Rt(o){let e=o.tiles,t=o.rope?`${o.rope.pairing}${o.rope.rotaryDim}`:"none",r=o.elements;return`decode-keys:d${e.headDim}:${e.kv}:wg${e.wg}:tk${e.tk}:rb${e.rb}:rope=${t}:alibi=${o.alibi}:${r.q}${r.kv}${r.o}`}function Ke(o){let e=o/4,t=[8,4,2,1].find(s=>e%s===0),r=256/t;return{chunks:t,lanes:r,blocks:e/t,workgroup:256}}function Ot(o,e){return`decode-keys-merge:d${o}:${e}`}function xe(o){return Array.from({length:o},(e,t)=>t)}function Oo(o,e){return o==="f32"?e:`vec4<f16>(${e})`}function Kr(o){return[4,2,1].find(e=>o%e===0)}function To(o){let e=o.tiles,{wg:t,tk:r,rb:s,de:n,kg:i,vk:a,sg:c,rh:u}=e,l=e.headDim/4,f=e.e/4,h=n+1,A=o.elements,d=se("Q",A.q),m=[A.q,A.o].includes("f16"),g=xe(s),w=xe(f),E=e.kv==="f16",y=(b,P)=>E?`vec4<f32>(unpack2x16float(${b}.${"xz"[P]}), unpack2x16float(${b}.${"yw"[P]}))`:b,M=o.rope?he(o.rope,d,"base","cc","P.tab + b * P.tabB + tq"):"",q=xe(a).map(b=>`let ki${b} = kvBase + min(k0 + g + ${b*i}u, kEnd - 1u) * ${n}u + c;
    Ks[(g + ${b*i}u) * ${h}u + c] = K[ki${b}];
    let v${b} = V[ki${b}];`).join(`
    `),v=xe(u),B=c*u!==s,I=b=>c===1?`${b}u`:`(rg * ${u}u + ${b}u)`,Q=b=>B?`min(${I(b)}, ${s-1}u)`:I(b),O=Kr(n),T=xe(O).map(b=>{let P=w.map(j=>`let x${b}_${j} = ${y(`Ks[kr + u + ${b}u]`,j)};`).join(" "),R=v.map(j=>`s${j} += ${w.map(p=>`dot(Qs[${Q(j)} * ${l}u + (u + ${b}u) * ${f}u + ${p}u], x${b}_${p})`).join(" + ")};`).join(" ");return`${P}
        ${R}`}).join(`
        `),_=o.alibi?"s -= SL[kvh * P.group + min(f, P.rows - 1u) % P.group] * f32(i32(qp) - i32(key));":"",W=v.map(b=>`{
        let row = ${I(b)};
        let f = row0 + row;
        let qp = P.len - P.sq + f / P.group;
        var s = s${b};
        ${_}
        s${b} = select(${J}, s, key < kEnd && f < P.rows && key <= qp);
        ${B?`if (row < ${s}u && `:"if ("}s${b} > unordered(atomicLoad(&Mx[row]))) {
          atomicMax(&Mx[row], ordered(s${b}));
        }
      }`).join(`
      `),x=g.map(b=>`{
      let mn = unordered(atomicLoad(&Mx[${b}u]));
      let al = exp2(m${b} - mn);
      m${b} = mn;
      l${b} *= al;
      ${w.map(P=>`a${b}_${P} *= al;`).join(" ")}
    }`).join(`
    `),k=v.map(b=>{let P=`Ps[kl * ${s}u + row] = select(0.0, exp2(s${b} - ${c===1?`m${b}`:"unordered(atomicLoad(&Mx[row]))"}), s${b} > ${J/2});`;return`{
        let row = ${I(b)};
        ${B?`if (row < ${s}u) { ${P} }`:P}
      }`}).join(`
      `),$=xe(a).map(b=>`{
      let pb = (g + ${b*i}u) * ${s}u;
      ${w.map(P=>`let w${P} = ${y(`v${b}`,P)};`).join(" ")}
      ${g.map(P=>`{ let pr = Ps[pb + ${P}u]; l${P} += pr; ${w.map(R=>`a${P}_${R} += pr * w${R};`).join(" ")} }`).join(`
      `)}
    }`).join(`
    `),S=g.map(b=>w.map(P=>{let R=`${b*l}u + c * ${f}u + ${P}u`;return`Qs[${R}] = a${b}_${P} + select(vec4<f32>(0.0), Qs[${R}], gi > 0u);`}).join(" ")).join(`
      `),D=g.map(b=>`Ps[${b}u] = l${b} + select(0.0, Ps[${b}u], gi > 0u);`).join(" ");return`// ${Rt(o)}
${m?"enable f16;":""}
${Dt(o).wgsl}
var<workgroup> Ks: array<${Ro(e)}, ${r*h}>;
var<workgroup> Qs: array<vec4<f32>, ${s*l}>;
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

@compute @workgroup_size(${t})
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
  for (var i = lid; i < ${s*l}u; i += ${t}u) {
    let f = row0 + i / ${l}u;
    let cc = i % ${l}u;
    var x = vec4<f32>(0.0);
    if (f < P.rows) {
      let tq = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + tq * P.qS - P.qOff;
      x = ${d("base + cc")};
      ${M}
    }
    Qs[i] = x * P.scale2;
  }
  if (lid < ${s}u) {
    atomicStore(&Mx[lid], ordered(${J}));
  }
  ${g.map(b=>`var m${b} = ${J}; var l${b} = 0.0;`).join(`
  `)}
  ${v.map(b=>`var s${b} = 0.0;`).join(" ")}
  let kl = lid % ${r}u; // the score invocation's key in the tile
  let rg = lid / ${r}u; // and its group of rows
  ${g.flatMap(b=>w.map(P=>`var a${b}_${P} = vec4<f32>(0.0);`)).join(" ")}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${s}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  workgroupBarrier();
  for (var k0 = kBegin; k0 < kEnd; k0 += ${r}u) {
    ${q}
    workgroupBarrier();
    if (lid < ${r*c}u) {
      ${v.map(b=>`s${b} = 0.0;`).join(" ")}
      let kr = kl * ${h}u;
      for (var u = 0u; u < ${n}u; u += ${O}u) {
        ${T}
      }
      let key = k0 + kl;
      ${W}
    }
    workgroupBarrier();
    ${x}
    if (lid < ${r*c}u) {
      ${k}
    }
    workgroupBarrier();
    ${$}
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
  for (var i = lid; i < ${s*l}u; i += ${t}u) {
    let r = i / ${l}u;
    let cc = i % ${l}u;
    let f = row0 + r;
    if (f < P.rows) {
      let total = Ps[r];
      if (P.direct != 0u) {
        let tq = f / P.group;
        let h = kvh * P.group + f % P.group;
        O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + cc] = ${Oo(A.o,"Qs[i] * select(0.0, 1.0 / total, total > 0.0)")};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${l}u + cc] = Qs[i];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] =
            vec4<f32>(unordered(atomicLoad(&Mx[r])), total, 0.0, 0.0);
        }
      }
    }
  }
}
`}function Fo(o,e){let t=o/4,{chunks:r,lanes:s,workgroup:n,blocks:i}=Ke(o),a=xe(4),c=`vec4<f32>(${J}, 0.0, 0.0, 0.0)`,u=[];for(let l=s/2;l>=1;l/=2)u.push(`if (sl < ${l}u) {
    let other = lid + ${l*r}u;
    let x = Sm[lid];
    let y = Sm[other];
    let mx = max(x.x, y.x);
    let wx = exp2(x.x - mx);
    let wy = exp2(y.x - mx);
    Am[lid] = Am[lid] * wx + Am[other] * wy;
    Sm[lid] = vec2<f32>(mx, x.y * wx + y.y * wy);
  }
  workgroupBarrier();`);return`// ${Ot(o,e)}
${e==="f16"?"enable f16;":""}
${Mt(e).wgsl}
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
  var m = ${J};
  var l = 0.0;
  var a = vec4<f32>(0.0);
  // Four splits per step, loaded independently; missing ones weigh exactly 0.
  for (var s = sl; s < P.nsplit; s += ${4*s}u) {
    ${a.map(l=>`let ok${l} = s + ${l*s}u < P.nsplit;
    let i${l} = min(s + ${l*s}u, last);
    let st${l} = select(${c}, W[stats + i${l}], ok${l});
    let w${l} = select(vec4<f32>(0.0), W[(part + i${l}) * ${t}u + c], ok${l});`).join(`
    `)}
    let mn = max(max(m, max(st0.x, st1.x)), max(st2.x, st3.x));
    let sc = exp2(m - mn);
    ${a.map(l=>`let e${l} = exp2(st${l}.x - mn);`).join(" ")}
    a = a * sc + ${a.map(l=>`e${l} * w${l}`).join(" + ")};
    l = l * sc + ${a.map(l=>`e${l} * st${l}.y`).join(" + ")};
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
    O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + c] = ${Oo(e,"Am[lid] * select(0.0, 1.0 / total, total > 0.0)")};
  }
}
`}function _o(o,e,t){let r=Do(e.headDim,e.group*e.qSeq,t.kv,o.tier,o.limits.maxComputeInvocationsPerWorkgroup);if(typeof r=="string")return r;let s=Ke(e.headDim).workgroup;if(s>o.limits.maxComputeInvocationsPerWorkgroup)return`its merge kernel needs ${s} invocations per workgroup`;let n=e.group*e.qSeq,i=o.limits.maxComputeWorkgroupsPerDimension;return Math.ceil(n/r.rb)>i||n*Ke(e.headDim).blocks>i*i?`${n} query rows per KV head exceed its grid (maxComputeWorkgroupsPerDimension ${i})`:{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:t}}function jo(o,e){let t=e.tiles.headDim,r=e.elements.o;return Promise.all([o.pipeline(Rt(e),()=>To(e)),o.pipeline(Ot(t,r),()=>Fo(t,r))])}function Ho(o,e,t,r,s){let n=o.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,n);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return Le(r,e.splits)}let i=t.tiles,a=Math.ceil(e.group*e.qSeq/i.rb);return Mo(r,e.batch*e.kvHeads*a,s,n,i.tk)}function Lo(o,e,t,r,s,n,i){let a={dispatches:[],temps:[]},[c,u]=r,l=o.limits,{kvHeads:f,group:h,qSeq:A,headDim:d}=e,m=d/4,g=h*A,w=t.tiles,E=Math.ceil(g/w.rb),{splits:y,keysPerSplit:M}=n,q=y===1,v=e.qStrides,B=t.elements.q==="f16"?2:4,I=t.elements.o==="f16"?2:4,Q=(D,b,P)=>{let R=(G,F)=>Math.floor(G/f)*v.batch+F*v.heads,j=D+b-1,p=R(D,D%f*h),C=R(j,j%f*h+h-1)+(A-1)*v.seq+d;return ie(p,C,l,P)},O=D=>D*g*y*(m+1)*16,T=null;e.rope&&(T=le(o,e.rope.frequencies,e.rope.angles,[{positions:ze(e,s.length),seq:A}]),T.temp&&a.temps.push(T.buffer));let _=null;e.alibi&&(_=o.upload(e.alibi.map(D=>D*Math.LOG2E),"alibi slopes"),a.temps.push(_));let W=l.maxComputeWorkgroupsPerDimension,x=Dt(t),k=Mt(t.elements.o),$=Ke(d).blocks,S=Math.max(1,Math.floor(W*W/(g*$)));for(let D of s.chunks){let b=ue(D.n,Math.min(W,S),(P,R)=>re(Q(D.u0+P,R,B),l)&&re(Q(D.u0+P,R,I),l)&&(q||O(R)<=l.maxStorageBufferBindingSize),P=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${Q(D.u0+P,1,Math.max(B,I)).size} bytes or their ${y} partial outputs ${O(1)} bytes, more than maxStorageBufferBindingSize (${l.maxStorageBufferBindingSize} bytes)`));for(let[P,R]of b){let j=D.u0+P,p=Q(j,R,B),C=Q(j,R,I),G=R*g*y*m,F=o.dummy();q||(F=o.buffer(O(R),"decode partials"),a.temps.push(F));let z={sq:A,group:h,rows:g,kvHeads:f,len:s.length,nsplit:y,keysPerSplit:M,unitBase:j,chunkBase:D.u0,lmaxU:s.maxLength*w.de,direct:q?1:0,statsOff:G,qB:v.batch/4,qH:v.heads/4,qS:v.seq/4,qOff:p.base/4,oB:v.batch/4,oH:v.heads/4,oS:v.seq/4,oOff:C.base/4,tab:T?.sides[0]?.tab??0,tabB:T?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:o.bind(c,x,z,{q:{buffer:i.q,offset:p.offset,size:p.size},k:{buffer:D.k},v:{buffer:D.v},o:{buffer:i.o,offset:C.offset,size:C.size},w:{buffer:F},...T?{table:{buffer:T.buffer}}:{},..._?{slopes:{buffer:_}}:{}},a.temps),grid:[y,R,E]}),q)continue;let U=R*g*$,[N,Z]=ae(U,l),fe={items:U,nsplit:y,rows:g,group:h,kvHeads:f,unitBase:j,statsOff:G,gridX:N,oB:v.batch/4,oH:v.heads/4,oS:v.seq/4,oOff:C.base/4};a.dispatches.push({pipeline:u,bindGroup:o.bind(u,k,fe,{w:{buffer:F},o:{buffer:i.o,offset:C.offset,size:C.size}},a.temps),grid:[N,Z,1]})}}return a}function Go(o,e,t){let r=null;if(e.kernel==="keys"){let s=_o(o,e,t);if(typeof s!="string")return{kernel:"keys",params:s};r=s}return{kernel:"split",params:Io(o,e,t),fallback:r}}function Tt(o,e){return e.kernel==="keys"?jo(o,e.params):nt(o,e.params)}function zo(o,e,t,r,s,n,i){if(t.kernel==="keys"){let u=Ho(o,e,t.params,s.length,n);return{job:Lo(o,e,t.params,r,s,u,i),splits:u.splits}}let a=Eo(o,e,t.params,s.length,n);return{job:Bo(o,e,t.params,r,s,a,i),splits:a.splits}}var Wo=new Float32Array(1),Ur=new Uint32Array(Wo.buffer);function Yr(o){Wo[0]=o;let e=Ur[0],t=e>>>16&32768,r=e>>>23&255,s=e&8388607;if(r===255)return t|31744|(s!==0?512:0);let n=r-112;if(n>=31)return t|31744;if(n<=0){if(n<-10)return t;s|=8388608;let c=14-n,u=s>>>c,l=s&(1<<c)-1,f=1<<c-1;return(l>f||l===f&&(u&1)===1)&&u++,t|u}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,t|i}function Ko(o){let e=(o&32768)!==0?-1:1,t=o>>>10&31,r=o&1023;return t===0?e*r*2**-24:t===31?r!==0?NaN:e*(1/0):e*(1+r/1024)*2**(t-15)}function Ft(o){let e=new Uint16Array(o.length+o.length%2);for(let t=0;t<o.length;t++)e[t]=Yr(o[t]);return e}function ct(o,e=o.length){let t=new Float32Array(e);for(let r=0;r<e;r++)t[r]=Ko(o[r]);return t}var ce=64;function Uo(){return Float32Array.from({length:ce},(o,e)=>(e-31)*.125)}var Nr=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${ce/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function Jr(o,e){let t=Uo();for(let r=0;r<ce;r++){let s=t[r]*3+.25,n=o[r],i=e[r]===void 0?void 0:Ko(e[r]);if(n!==s||i!==s){let a=o.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${r} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${ce} values was exact`}}async function Yo(o){let n=[],i=(a,c)=>{let u=o.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(u),u};o.pushErrorScope("validation");try{let a=o.createShaderModule({code:Nr,label:"f16 self-test"}),c=await o.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),u=i(ce*2,136),l=i(ce*4,132),f=i(ce*2,132),h=i(ce*4,9),A=i(ce*2,9),d=Ft(Uo());o.queue.writeBuffer(u,0,d.buffer,d.byteOffset,d.byteLength);let m=o.createCommandEncoder(),g=m.beginComputePass();g.setPipeline(c),g.setBindGroup(0,o.createBindGroup({layout:c.getBindGroupLayout(0),entries:[u,l,f].map((M,q)=>({binding:q,resource:{buffer:M}}))})),g.dispatchWorkgroups(1),g.end(),m.copyBufferToBuffer(l,0,h,0,ce*4),m.copyBufferToBuffer(f,0,A,0,ce*2),o.queue.submit([m.finish()]),await Promise.all([h.mapAsync(1),A.mapAsync(1)]);let w=new Float32Array(h.getMappedRange().slice(0)),E=new Uint16Array(A.getMappedRange().slice(0)),y=await o.popErrorScope();return y?{available:!1,detail:`the shader-f16 self-test was rejected: ${y.message}`}:Jr(w,E)}catch(a){return await o.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var ut=256,Xr={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function No(o){return ee({name:"kv append",uniforms:Xr,bindings:{k:L("K",`array<vec4<${o.k}>>`),v:L("V",`array<vec4<${o.v}>>`),kc:X("KC",`array<vec4<${o.cache}>>`),vc:X("VC",`array<vec4<${o.cache}>>`),table:o.rope?L("T","array<vec2<f32>>"):null}})}function Jo(o){let e=o.rope?`${o.rope.pairing}${o.rope.rotaryDim}`:"none";return`kv-append:d${o.headDim}:rope=${e}:${o.k}${o.v}${o.cache}`}function Vr(o){let e=o.headDim/4,t=se("K",o.k),r=se("V",o.v),s=[o.k,o.v,o.cache].includes("f16"),n=a=>o.cache==="f32"?a:`vec4<f16>(${a})`,i=o.rope?he(o.rope,t,"base","c","P.tab + b * P.tabB + s"):"";return`// ${Jo(o)}
${s?"enable f16;":""}
${No(o).wgsl}
@compute @workgroup_size(${ut})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${ut}u + lid;
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
  var x = ${t("base + c")};
  ${i}
  let dst = (unit - P.chunkBase) * P.lmax4 + (P.slot + s) * ${e}u + c;
  KC[dst] = ${n("x")};
  VC[dst] = ${n(r("b * P.vB + h * P.vH + s * P.vS - P.vOff + c"))};
}
`}function lt(o,e){return o.pipeline(Jo(e),()=>Vr(e))}function Xo(o,e,t,r,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,u=t.headDim,l=u/4;if(a===0)return i;let f=o.limits,h=t.k==="f16"?2:4,A=t.v==="f16"?2:4,d=(M,q,v)=>{let B=M+q-1,I=Q=>Math.floor(Q/e.kvHeads)*c.batch+Q%e.kvHeads*c.heads;return ie(I(M),I(B)+(a-1)*c.seq+u,f,v)},m=null;e.rope&&(m=le(o,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),m.temp&&i.temps.push(m.buffer));let g=ye(ut,f),w=Math.min(a,Math.max(1,Math.floor(g/l))),E=Math.max(1,Math.floor(g/(w*l))),y=No(t);for(let M of n){let q=ue(M.n,E,(v,B)=>re(d(M.u0+v,B,h),f)&&re(d(M.u0+v,B,A),f),v=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${d(M.u0+v,1,Math.max(h,A)).size} bytes, more than maxStorageBufferBindingSize (${f.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[v,B]of q)for(let I=0;I<a;I+=w){let Q=Math.min(w,a-I),O=M.u0+v,T=d(O,B,h),_=d(O,B,A),W=B*Q*l,[x,k]=ae(Math.ceil(W/ut),f),$={items:W,kvHeads:e.kvHeads,unitBase:O,chunkBase:M.u0,slot:e.slot,lmax4:e.maxLength*l,gridX:x,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:T.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:_.base/4,tab:m?.sides[0]?.tab??0,tabB:m?.sides[0]?.tabB??0,tokBase:I,tokCount:Q},S=o.bind(r,y,$,{k:{buffer:s.k,offset:T.offset,size:T.size},v:{buffer:s.v,offset:_.offset,size:_.size},kc:{buffer:M.k},vc:{buffer:M.v},...m?{table:{buffer:m.buffer}}:{}},i.temps);i.dispatches.push({pipeline:r,bindGroup:S,grid:[x,k,1]})}}return i}var ft=class{#e=Promise.resolve();hold(){let e=this.#e,t,r=new Promise(s=>t=s);return this.#e=e.then(()=>r),{ready:e,release:t}}run(e,t){let r=this.#e,s,n=new Promise(i=>s=i);return this.#e=r.then(()=>n),(async()=>{try{let i=await e();return await r,await t(i)}finally{s()}})()}};function Re(o){return o instanceof K&&o.dtype==="float16"?"f16":"f32"}var Zr="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",Ue=class o extends De{precision;chunks;#e;#o=new ft;#t=0;constructor(e,t,r,s,n,i){super(t,r,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,t,r,s,n){let i=n==="f16"?2:4,a=s.maxLength*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c)throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of maxLength ${s.maxLength} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller maxLength, precision "f16", or several caches`);let u=s.batch*s.kvHeads,l=Math.floor(c/a),f=2*u*a,h=[];return await e.guarded(`allocating the KV cache (${f} bytes)`,()=>{for(let A=0;A<u;A+=l){let d=Math.min(l,u-A);h.push({u0:A,n:d,k:e.buffer(d*a,"kv cache keys"),v:e.buffer(d*a,"kv cache values")})}}).catch(A=>{for(let d of h)d.k.destroy(),d.v.destroy();throw A}),new o(e,t,r,s,n,h)}view(){return{batch:this.batch,kvHeads:this.kvHeads,maxLength:this.maxLength,length:this.length,chunks:this.chunks}}schedule(e,t,r){let s=this.#t;return this.#o.run(t,n=>(this.#r(e,s),r(n)))}hold(e){let t=this.#t;return{...this.#o.hold(),check:()=>this.#r(e,t)}}#r(e,t){if(this.live(),t!==this.#t)throw new Error(`This ${e} ${Zr}`)}appendParams(e,t,r){return{headDim:this.headDim,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,k:Re(t),v:Re(r),cache:this.precision}}appendJobNow(e,t,r,s,n){let i=this.#e,{slot:a,commit:c}=this.reserve(e);if(e.n===0)return{job:null,commit:()=>{}};let u=[],l=(f,h)=>{if(f instanceof K)return f.buffer;let A=i.upload(f.data,h);return u.push(A),A};try{let f={k:l(s,"k"),v:l(n,"v")},h={kvHeads:this.kvHeads,maxLength:this.maxLength,n:e.n,slot:a,strides:e.strides,rope:e.rope?{frequencies:e.rope.frequencies,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:a}}:null},A=Xo(i,h,t,r,f,this.chunks);return A.temps.push(...u),{job:A,commit:c}}catch(f){for(let h of u)i.recycle(h);throw f}}append(e,t,r={}){try{this.live();let s=this.#e,n=H("k",e,this.owner),i=H("v",t,this.owner),a=Qe(this,n,i,r),c=this.appendParams(a,n,i);return this.schedule("append",()=>lt(s,c),async u=>{H("k",e,this.owner),H("v",t,this.owner);let l=()=>{};await s.submitting("the KV-cache append",()=>{let f=this.appendJobNow(a,c,u,n,i);l=f.commit,f.job&&s.submit(f.job)}),l()})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,t=this.headDim,r=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let l=this.length,f=l*t*r;if(l===0)return{length:l,target:null,bytes:0};let h=[];for(let d of["k","v"])for(let m of this.chunks)for(let g=0;g<m.n;g++){let w=g*this.maxLength*t*r;h.push({buffer:m[d],offset:w,size:f})}let A=await e.guarded("the KV-cache download",()=>e.gather(h));return{length:l,target:A,bytes:2*s*f}}),i=Object.freeze([this.batch,this.kvHeads,n.length,t]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,u=l=>this.precision==="f16"?ct(new Uint16Array(l)):new Float32Array(l);return{k:{shape:i,data:u(a.slice(0,c))},v:{shape:i,data:u(a.slice(c))}}}reset(){this.live(),this.#t++,this.clear()}destroy(){if(this.markDestroyed()){this.#t++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var Ce=256,Pe=64,_t={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},ve="array<f32>",Oe={scores:ee({name:"naive scores",uniforms:_t,bindings:{q:L("Q",ve),k:L("K",ve),slopes:L("SL",ve),scores:X("S",ve)}}),softmax:ee({name:"naive softmax",uniforms:_t,bindings:{scores:X("S",ve)}}),pv:ee({name:"naive pv",uniforms:_t,bindings:{scores:L("S",ve),v:L("V",ve),o:X("O",ve)}})},Vo=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function es(o){return o==="scores"?`// naive:scores
${Oe.scores.wgsl}${Vo}
@compute @workgroup_size(${Ce})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ce}u + lid;
  if (idx >= P.rows * P.sk) {
    return;
  }
  let c = rowCoords(P.rowBase + idx / P.sk);
  let j = idx % P.sk;
  let kvh = c.y / P.group;
  let aligned = i32(c.z) + i32(P.sk) - i32(P.sq);
  var value = ${J};
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
`:o==="softmax"?`// naive:softmax
${Oe.softmax.wgsl}var<workgroup> red: array<f32, ${Pe}>;
@compute @workgroup_size(${Pe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${J};
  for (var j = lid; j < P.sk; j += ${Pe}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${Pe/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${Pe}u) {
    let s = S[base + j];
    sum += select(0.0, exp(s - m), s > ${J/2});
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${Pe/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = select(0.0, 1.0 / total, total > 0.0);
  for (var j = lid; j < P.sk; j += ${Pe}u) {
    let s = S[base + j];
    S[base + j] = select(0.0, exp(s - m) * inv, s > ${J/2});
  }
}
`:`// naive:pv
${Oe.pv.wgsl}${Vo}
@compute @workgroup_size(${Ce})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ce}u + lid;
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
`}function Zo(o){return Promise.all(["scores","softmax","pv"].map(e=>o.pipeline(`naive:${e}`,()=>es(e))))}function er(o,e,t,r){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:u}=e,l=n*i*a;if(l===0||c===0)return s;let f=o.limits,h=f.maxStorageBufferBindingSize;for(let[B,I]of[["q",r.q],["k",r.k],["v",r.v]])if(I.size>h)throw new RangeError(`Cannot run the naive kernel: ${B} (${I.size} bytes) exceeds maxStorageBufferBindingSize (${h} bytes); it is a small-size baseline, use the flash kernel`);let A=c*4;if(A>h)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${h} bytes)`);let d=ye(Ce,f),m=Math.max(1,Math.min(l,Math.floor(h/A),Math.floor(d/c),Math.floor(d/u),f.maxComputeWorkgroupsPerDimension**2)),g=o.buffer(m*A,"naive scores");s.temps.push(g);let w=o.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(w);let[E,y,M]=t,q=e.qStrides,v=e.kStrides;for(let B=0;B<l;B+=m){let I=Math.min(m,l-B),Q={rowBase:B,rows:I,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:q.batch,qH:q.heads,qS:q.seq,dim:u,kB:v.batch,kH:v.heads,kS:v.seq,scale:e.scale},[O,T,_]=[I*c/Ce,I,I*u/Ce].map(x=>ae(Math.ceil(x),f)),W=(x,k,[$,S],D)=>s.dispatches.push({pipeline:x,bindGroup:o.bind(x,k,{...Q,gridX:$},D,s.temps),grid:[$,S,1]});W(E,Oe.scores,O,{q:{buffer:r.q},k:{buffer:r.k},slopes:{buffer:w},scores:{buffer:g}}),W(y,Oe.softmax,T,{scores:{buffer:g}}),W(M,Oe.pv,_,{scores:{buffer:g},v:{buffer:r.v},o:{buffer:r.o}})}return s}var ht=256,ts={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function tr(o){return ee({name:"rope",uniforms:ts,bindings:{x:o?X("X","array<f32>"):L("X","array<f32>"),table:L("T","array<vec2<f32>>"),y:o?null:X("Y","array<f32>")}})}function os(o){let e=o?"X":"Y";return`// rope:${o?"inplace":"copy"}
${tr(o).wgsl}
@compute @workgroup_size(${ht})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${ht}u + lid;
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
`}function Ye(o,e){return o.pipeline(`rope:${e?"inplace":"copy"}`,()=>os(e))}function Se(o,e,t,r,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:u}=e,l=i*a*c;if(l===0||u===0)return n;let f=e.frequencies.invFreq.length,h=f+(s?u-2*f:0),A=o.limits,d=le(o,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);d.temp&&n.temps.push(d.buffer);let m=d.sides[0],g=e.layout==="bhsd"?{b:a*c*u,h:c*u,s:u}:{b:c*a*u,h:u,s:a*u},w=Math.max(1,Math.floor(ye(ht,A)/Math.max(1,h))),E=ue(l,w,(M,q)=>re(ie(M*u,(M+q)*u,A),A),()=>new RangeError(`Cannot rotate: one row of ${u} elements exceeds the device's maxStorageBufferBindingSize`)),y=tr(s===null);for(let[M,q]of E){let v=ie(M*u,(M+q)*u,A),B=q*h,[I,Q]=ae(Math.ceil(B/ht),A),O={items:B,perRow:h,rh:f,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:M,xB:g.b,xH:g.h,xS:g.s,xOff:v.base,oB:g.b,oH:g.h,oS:g.s,oOff:v.base,tab:m.tab,tabB:m.tabB,gridX:I},T=o.bind(t,y,O,{x:{buffer:r,offset:v.offset,size:v.size},table:{buffer:d.buffer},...s?{y:{buffer:s,offset:v.offset,size:v.size}}:{}},n.temps);n.dispatches.push({pipeline:t,bindGroup:T,grid:[I,Q,1]})}return n}async function or(o,e,t){let{ctx:r,owner:s}=o;switch(e.kind){case"attention":{let{call:n,output:i}=e,a=await o.prepareAttention(n);return{recheck:()=>{for(let[c,u]of["q","k","v"].entries())H(u,n.args[c],s,t)},build:()=>a(n.q,n.k,n.v,i.buffer)}}case"rope":{let{request:n,output:i}=e,a=n.x,c=await Ye(r,n.inPlace);return{recheck:()=>void H("x",n.arg,s,t),build:()=>{let u=n.inPlace?null:i.buffer;if(a instanceof K)return Se(r,n.call,c,a.buffer,u);let l=r.upload(a.data,"x");try{let f=Se(r,n.call,c,l,u);return f.temps.push(l),f}catch(f){throw r.recycle(l),f}}}}case"append":{let{cache:n,plan:i,k:a,v:c,args:u}=e.call,l=n.appendParams(i,a,c),f=await lt(r,l);return{recheck:()=>{H("k",u[0],s,t),H("v",u[1],s,t)},build:()=>{let{job:h,commit:A}=n.appendJobNow(i,l,f,a,c);return A(),h}}}case"decode":{let{call:n,output:i}=e,a=await nt(r,n.params);return{recheck:()=>void H("q",n.arg,s,t),build:()=>o.decodeJob(n,a,i.buffer)}}}}function rr(o,e,t,r){let s=e.map(i=>i.hold("recording")),n=Promise.all(t);return n.catch(()=>{}),(async()=>{try{let[i]=await Promise.all([n,...s.map(c=>c.ready)]);r();for(let c of s)c.check();for(let c of i)c.recheck();let a=e.map(c=>c.snapshot());try{await o.submitting("the recorded calls",()=>{let c=[];try{for(let u of i){let l=u.build();l&&c.push(l)}}catch(u){for(let l of c)o.release(l);throw u}o.submit(c)})}catch(c){for(let u of a)u();throw c}}finally{for(let i of s)i.release()}})()}var Ne=o=>o==="f16"?2:4,At=class extends Me{info;#e;cacheClass=Ue;constructor(e,t){super(),this.#e=e,this.info=Object.freeze(t)}failure(){return this.#e.failure}#o(e,t,r="f32"){return new K(this,e,t,this.alive,r==="f16"?"float16":"float32",this.#t)}#t=e=>this.#e.recycle(e);#r(e,t){return t==="f16"?Ft(e):e}#s(e,t,r){return t==="f16"?ct(new Uint16Array(e),r):new Float32Array(e)}#n(e,t,r,s="f32"){if(e instanceof K)return e.buffer;let n=this.#e.upload(this.#r(e.data,s),r);return t.push(n),n}elementsOf(e,t,r,s){let n=je("precision",s.precision,this.info.f16),i=a=>a instanceof K?Re(a):n;return{q:i(e),k:i(t),v:i(r),o:i(e)}}async runAttention(e){let t=this.#e,{plan:r,elements:s}=e,n=await this.#a(e);this.live(),this.checkOperands(e.args);let i=we(r.qShape),a=i*Ne(s.o),c=t.output(a,"attention output"),u=e.q instanceof K,l=await t.submitting("the attention dispatch",()=>{let h=n(e.q,e.k,e.v,c),A=u?void 0:{source:c,bytes:a};return t.submit(h,A)}).finally(()=>{u||t.recycle(c)}).catch(h=>{throw u&&t.recycle(c),h});if(u)return this.#o(r.qShape,c,s.o);let f=this.#s(await t.read(l,a),s.o,i);return{shape:Object.freeze([...r.qShape]),data:f}}async timeAttention(e,t,r,s){let n=this.#e,i=await this.#a(e);this.live();let a=n.buffer(we(e.plan.qShape)*Ne(e.elements.o),"attention output"),c=await n.guarded("the attention dispatch",()=>i(e.q,e.k,e.v,a));try{let u=await n.profile(c,t,r);return{seconds:u.seconds,iterations:t,source:u.source}}finally{n.release(c),a.destroy()}}#a(e){return e.kernel==="flash"?this.#i(e.plan,e.elements):this.#c(e.plan,e.elements)}async#i(e,t){let r=this.#e,s=So(r,e,t),n=await qo(r,s);return(i,a,c,u)=>{let l=[],f={q:this.#n(i,l,"q",t.q),k:this.#n(a,l,"k",t.k),v:this.#n(c,l,"v",t.v),o:u},h=Qo(r,e,s,n,f);return{dispatches:h.dispatches,temps:[...l,...h.temps]}}}async#c(e,t){let r=this.#e,s=Object.entries(t).find(([,a])=>a==="f16");if(s)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${s[0]==="o"?"output":s[0]}; use the flash kernel`);let[n,i]=await Promise.all([Zo(r),e.rope?Ye(r,!1):Promise.resolve(null)]);return(a,c,u,l)=>{let f=[],h=[],A=this.#n(a,f,"q"),d=this.#n(c,f,"k"),m=this.#n(u,f,"v");if(e.rope&&i){let w=e.rope,E=(y,M,q,v)=>{let B={layout:e.layout,batch:e.batch,heads:M,seq:q,headDim:e.headDim,frequencies:w.frequencies,pairing:w.pairing,angles:w.angles,positions:y},I=r.buffer(e.batch*M*q*e.headDim*4,"rotated");f.push(I);let Q=Se(r,B,i,v,I);return h.push(...Q.dispatches),f.push(...Q.temps),I};A=E(w.query,e.heads,e.qSeq,A),d=E(w.key,e.kvHeads,e.kSeq,d)}let g=er(r,e,n,{q:A,k:d,v:m,o:l});return{dispatches:[...h,...g.dispatches],temps:[...f,...g.temps]}}}async runRope(e){let t=this.#e,{x:r,call:s,inPlace:n}=e,i=r instanceof K,a=await Ye(t,n||!i);this.live(),H("x",e.arg,this);let c=we(r.shape)*4;if(i){let h=r.buffer,A=n?null:t.output(c,"rotated");return await t.submitting("the RoPE dispatch",()=>{t.submit(Se(t,s,a,h,A))}).catch(d=>{throw A&&t.recycle(A),d}),A?this.#o(r.shape,A):r}let u=r,l=await t.submitting("the RoPE dispatch",()=>{let h=t.upload(u.data,"x"),A=Se(t,s,a,h,null);return A.temps.push(h),t.submit(A,{source:h,bytes:c})}),f=new Float32Array(await t.read(l,c));return n?(u.data.set(f),u):{shape:Object.freeze([...u.shape]),data:f}}store(e,t){let r=this.#e.upload(this.#r(e.data,t),"tensor");return this.#o(e.shape,r,t)}async read(e){let t=this.#e,r=we(e.shape),s=r*e.elementBytes,n=await t.guarded("the download",()=>t.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),i=this.#s(await t.read(n,s),Re(e),r);return{shape:Object.freeze([...e.shape]),data:i}}idle(){return this.#e.idle()}async makeCache(e,t){return await Ue.create(this.#e,this,this.alive,e,t)}prepareDecode(e){let t=Re(e.q),r={q:t,kv:e.cache.precision,o:t};return{...e,elements:r,choice:Go(this.#e,e.plan,r)}}async runDecode(e){let t=this.#e,{plan:r,elements:s}=e,n=we(r.qShape),i=n*Ne(s.o),a=e.q instanceof K,{output:c,target:u}=await e.cache.schedule("decode",()=>Tt(t,e.choice),async f=>{this.live(),H("q",e.arg,this);let h=t.output(i,"decode output"),A=await t.submitting("the decode dispatch",()=>{let{job:d}=this.#u(e,f,h),m=a?void 0:{source:h,bytes:i};return t.submit(d,m)}).finally(()=>{a||t.recycle(h)}).catch(d=>{throw a&&t.recycle(h),d});return{output:h,target:A}});if(a)return this.#o(r.qShape,c,s.o);let l=this.#s(await t.read(u,i),s.o,n);return{shape:Object.freeze([...r.qShape]),data:l}}#u(e,t,r){let s=this.#e,{cache:n,plan:i,choice:a}=e;tt(i,n.length,n.ropeState);let c=[],u=this.#n(e.q,c,"q");try{let l=this.info.decodeWorkgroups??1,f={q:u,o:r},h=zo(s,i,a,t,n.view(),l,f);return h.job.temps.push(...c),h}catch(l){for(let f of c)s.recycle(f);throw l}}async timeDecode(e,t,r){let s=this.#e,n=we(e.plan.qShape)*Ne(e.elements.o),{job:i,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>Tt(s,e.choice),async u=>{this.live(),H("q",e.arg,this);let l=s.buffer(n,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#u(e,u,l)),output:l}}catch(f){throw l.destroy(),f}});try{let u=await s.profile(i,t,r);return{seconds:u.seconds,iterations:t,source:u.source,splits:a,kernel:e.choice.kernel}}finally{s.release(i),c.destroy()}}recordedOutput(e,t,r){let s=we(e)*Ne(t);return this.#o(e,this.#e.output(s,"recorded output"),t).awaitRecording(r)}decodeElement(e){return e.elements.o}runRecording(e,t){let r=new Set;for(let i of e)(i.kind==="append"||i.kind==="decode")&&r.add(i.call.cache);let s={ctx:this.#e,owner:this,prepareAttention:i=>this.#a(i),decodeJob:(i,a,c)=>this.#u(i,a,c).job},n=e.map(i=>or(s,i,t));return rr(this.#e,[...r],n,()=>this.live())}destroy(){this.#e.failure||(this.#e.fail(He),this.#e.ownsDevice?this.#e.device.destroy():this.#e.dispose())}};var rs="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",ss="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",ns='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',is=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],as='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function cs(o){if(!o)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function us(o,e){let t=o.limits,r=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(te(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${Y(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:r("maxStorageBufferBindingSize",t.maxStorageBufferBindingSize,256,4),maxBufferSize:t.maxBufferSize,maxComputeWorkgroupStorageSize:r("maxComputeWorkgroupStorageSize",t.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(t.maxComputeInvocationsPerWorkgroup,t.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:r("maxComputeWorkgroupsPerDimension",t.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:t.minStorageBufferOffsetAlignment}}var ls=8;function fs(o){if(o==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,ls):1}if(typeof o!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${Y(o)}`);if(!Number.isInteger(o)||o<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${Y(o)}`);return o}async function ba(o={}){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${Y(o)}`);let e=V("fallback",o.fallback??"none",{allowed:["none","cpu"]}),t=o.limits??{};if(t===null||typeof t!="object")throw new TypeError(`Invalid limits: expected an object, got ${Y(t)}`);let r=o.decodeWorkgroups===void 0?void 0:te("decodeWorkgroups",o.decodeWorkgroups,{min:1}),s=o.threads===void 0?1:fs(o.threads),n=o.device,i=!1,a;if(!n){let d=o.adapter,m=ss;if(!d){let E=globalThis.navigator?.gpu;E?d=await E.requestAdapter():m=rs}if(!d){if(e==="cpu")return new at(m,s);throw new Error(`${m}. ${ns}.`)}let g={};for(let E of is)g[E]=d.limits[E];let w=[];d.features.has("timestamp-query")&&w.push("timestamp-query"),d.features.has("shader-f16")&&w.push("shader-f16");try{n=await d.requestDevice({requiredLimits:g,requiredFeatures:w})}catch(E){throw new Error(`Requesting a WebGPU device failed: ${E instanceof Error?E.message:String(E)}`,{cause:E})}i=!0,a=d.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,u=r??cs(c),l;try{l=us(n,t)}catch(d){throw i&&n.destroy(),d}let f=n.features.has("shader-f16")?await Yo(n):{available:!1,detail:as},h=new Ze(n,i,l,f.available),A=[];return h.timestamps&&A.push("timestamp-query"),f.available&&A.push("shader-f16"),new At(h,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:A,f16:Object.freeze({...f}),decodeWorkgroups:u,tier:h.tier,limits:h.limits,fallbackReason:null,threads:null})}export{Ds as attentionCpu,ys as attentionReference,ba as createGpuAttention};
