import{d as G,g as V,h as $e,i as J,j as oe,l as Bt,q as Ct,r as ot}from"./chunk-H62OIH6D.js";var ue=2**24;function fe(t,e,r){return Bt(e,r,{name:t})}function Pe(t,e,r,o,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${G(e)}`);if(e.length!==r&&e.length!==o*r)throw new RangeError(`Invalid ${t}: expected ${r} positions (one per token) or ${o*r} (batch x tokens), got ${e.length}`);let n=s?ue:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=V(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==r}}function Cr(t,e,r,o,s){let n=e?s:1,i=new Float64Array(n*o);for(let a=0;a<n;a++)i.set(t.subarray(a*r+r-o,a*r+r),a*o);return{kind:"list",list:i,perBatch:e}}function De(t,e){let r=e;if(r===null||typeof r!="object"||!(r.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${G(r)}`);let o=r.invFreq;if(o.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<o.length;s++)$e(`${t}.invFreq[${s}]`,o[s],{min:0});return $e(`${t}.attentionFactor`,r.attentionFactor,{min:0,exclusiveMin:!0}),r}function xr(t,e,r,o,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${G(t)}`);let n=De("rope.frequencies",t.frequencies),i=n.invFreq,a=2*i.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${i.length} frequencies), got ${G(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${i.length} frequencies) exceeds the head dim ${e}`);let c=J("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),A=J("rope.angles",t.angles??"float32",{allowed:["float32","float64"]}),l=A==="float32",f=l?ue:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let u,d;if(t.queryPositions!==void 0&&(d=Pe("rope.queryPositions",t.queryPositions,o,r,l)),t.positions!==void 0){let h=Pe("rope.positions",t.positions,s,r,l);if(u=h,!d){if(o>s)throw new RangeError(`Invalid rope.positions: q has ${o} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);d=Cr(h.list,h.perBatch,s,o,r)}}else{let h=V("rope.offset",t.offset??0,{min:0});if(h+Math.max(s,1)-1>f)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${h+s-1}, above ${f} (the largest position with angles "${A}")`);if(u={kind:"range",start:h},!d){let g=h+s-o;if(g<0)throw new RangeError(`Invalid rope.offset: q has ${o} tokens and k ${s}, so bottom-right aligned queries would start at position ${g}; pass rope.offset >= ${o-s} or rope.queryPositions`);d={kind:"range",start:g}}}return{frequencies:n,pairing:c,rotaryDim:a,angles:A,query:d,key:u}}function st(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${G(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let r=new Float32Array(t.length);for(let o=0;o<t.length;o++)r[o]=$e(`alibiSlopes[${o}]`,t[o]);return r}function le(t,e,r,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${G(o)}`);let s=J("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=fe("q",t,s),i=fe("k",e,s),a=fe("v",r,s);if(n.heads<1||n.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${G(t.shape)}`);if(i.batch!==n.batch)throw new RangeError(`Invalid k: expected batch ${n.batch} (as q), got ${i.batch}`);if(a.batch!==n.batch)throw new RangeError(`Invalid v: expected batch ${n.batch} (as q), got ${a.batch}`);if(i.headDim!==n.headDim)throw new RangeError(`Invalid k: expected head dim ${n.headDim} (as q), got ${i.headDim}`);if(a.headDim!==n.headDim)throw new RangeError(`Invalid v: expected head dim ${n.headDim} (as q), got ${a.headDim}`);if(a.seq!==i.seq)throw new RangeError(`Invalid v: expected ${i.seq} tokens (as k), got ${a.seq}`);if(a.heads!==i.heads)throw new RangeError(`Invalid v: expected ${i.heads} heads (as k), got ${a.heads}`);if(i.heads<1||n.heads%i.heads!==0)throw new RangeError(`Invalid k: q has ${n.heads} heads, which is not a multiple of k's ${i.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let c=o.causal??!1;if(typeof c!="boolean")throw new TypeError(`Invalid causal: expected a boolean, got ${G(c)}`);let A=o.scale===void 0?1/Math.sqrt(n.headDim):$e("scale",o.scale),l=st(o.alibiSlopes,n.heads),f=o.rope===void 0?null:xr(o.rope,n.headDim,n.batch,n.seq,i.seq);return{layout:s,batch:n.batch,heads:n.heads,kvHeads:i.heads,group:n.heads/i.heads,qSeq:n.seq,kSeq:i.seq,headDim:n.headDim,qShape:[...t.shape],qStrides:n.strides,kStrides:i.strides,causal:c,scale:A,rope:f,alibi:l}}function xt(t,e,r,o,s,n){let i=n==="float32";if(e!==void 0&&r!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return Pe(`${t}positions`,e,o,s,i);let a=V(`${t}offset`,r??0,{min:0}),c=i?ue:Number.MAX_SAFE_INTEGER;if(a+Math.max(o,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+o-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function Ge(t,e,r){let o=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=Ct(t,o,{angles:r}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function ee(t,e,r){let{layout:o,pairing:s,angles:n,positions:i}=r;return i.kind==="range"?ot(t,e,{layout:o,pairing:s,angles:n,offset:i.start}):ot(t,e,{layout:o,pairing:s,angles:n,positions:i.list})}function Pt(t,e,r,o){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:A,causal:l,scale:f,alibi:u}=t,d=e,h=r;if(t.rope){let{frequencies:B,pairing:y,angles:P}=t.rope;d=ee(e,B,{layout:t.layout,pairing:y,angles:P,positions:t.rope.query}),h=ee(r,B,{layout:t.layout,pairing:y,angles:P,positions:t.rope.key})}let g=t.qStrides,m=t.kStrides,b=new Float32Array(e.data.length),k=new Float64Array(c),$=new Float64Array(A),S=d.data,x=h.data,Q=o.data;for(let B=0;B<s;B++)for(let y=0;y<n;y++){let P=Math.floor(y/i),q=u?u[y]:0;for(let M=0;M<a;M++){let F=M+c-a,W=l?Math.min(c,Math.max(0,F+1)):c,v=B*g.batch+y*g.heads+M*g.seq;if(W===0)continue;let I=-1/0;for(let E=0;E<W;E++){let D=B*m.batch+P*m.heads+E*m.seq,T=0;for(let H=0;H<A;H++)T+=S[v+H]*x[D+H];let R=f*T-q*Math.abs(F-E);k[E]=R,R>I&&(I=R)}$.fill(0);let w=0;for(let E=0;E<W;E++){let D=Math.exp(k[E]-I);w+=D;let T=B*m.batch+P*m.heads+E*m.seq;for(let R=0;R<A;R++)$[R]=$[R]+D*Q[T+R]}for(let E=0;E<A;E++)b[v+E]=$[E]/w}}return{shape:Object.freeze([...e.shape]),data:b}}function Do(t,e,r,o={}){oe("q",t),oe("k",e),oe("v",r);let s=le(t,e,r,o);return Pt(s,t,e,r)}var Qt=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKyBYHhAQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsgCiAU/YUCIQsgCyAKIBX9hQIhCyALIAog","Fv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQ","aiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0A","Cwu+BAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI/QwAAAAAAAAAAAAAAAAAAAAAIQn9","DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAAAAAAAAAAIQz9DAAAAAAAAAAAAAAA","AAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEGA0AgAf0ABAAhECAB/QAEECERIAb9","CQIAIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIEIRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIIIRIgEiAQIAz9","hQIhDCASIBEgDf2FAiENIAb9CQIMIRIgEiAQIA79hQIhDiASIBEgD/2FAiEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIg","ECAI/YUCIQggEiARIAn9hQIhCSAG/QkCFCESIBIgECAK/YUCIQogEiARIAv9hQIhCyAG/QkCGCESIBIgECAM/YUCIQwgEiAR","IA39hQIhDSAG/QkCHCESIBIgECAO/YUCIQ4gEiARIA/9hQIhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ","/QsEECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0A","CwugAwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAA","BAAAAAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eABIAj9AAQA/YUC/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhAL2AQCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAWIA79hQIhDiAYIBcgD/2FAiEPIAj9CQKAAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkCgAQhGCAYIBYg","Ev2FAiESIBggFyAT/YUCIRMgCP0JAoAGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAK/QAEACEWIAr9AAQQIRcg","CP0JAgQhGCAYIBYgDv2FAiEOIBggFyAP/YUCIQ8gCP0JAoQCIRggGCAWIBD9hQIhECAYIBcgEf2FAiERIAj9CQKEBCEYIBgg","FiAS/YUCIRIgGCAXIBP9hQIhEyAI/QkChAYhGCAYIBYgFP2FAiEUIBggFyAV/YUCIRUgCiAGaiEKIAhBCGohCCAIIAlJDQAL","IAIgB2ogDv0LBAAgAiAHaiAP/QsEECALIBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAH","QSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtq","IRAgECALSgRAIAshEAsLIAQgD0EIdGogBSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEP","IA9BBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0A","BJAI/eQB/QsEICAEIAIgCCAObGogAyAGIAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQL","fwF9AXsCfyAFQQJ0IQogCkECdCELIARBwAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQ","SwRAQRAhDQsgAyAMIApsakEAIA0gC2z8CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0M","AAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEBaiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFB","ACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQBSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIAps","aiABIAIgAyAPIApsaiAEIBQgDkEwbGogBSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAh","DgNAIBQgDkECdkEwbCAOQQNxQQJ0amoqAiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApq","IRgDQCAXIBf9AAQAIBb95gH9CwQAIBdBEGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join(""),St=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKwBcHmQQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3kASELIAsgCv3mASAU/eQBIQsgCyAK/eYB","IBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEH","IAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EE","aiEDIARBBGohBCACQQFrIQIgAg0ACwvuBAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI","/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAA","AAAAAAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEG","A0AgAf0ABAAhECAB/QAEECERIAb9CQIAIRIgEiAQ/eYBIAj95AEhCCASIBH95gEgCf3kASEJIAb9CQIEIRIgEiAQ/eYBIAr9","5AEhCiASIBH95gEgC/3kASELIAb9CQIIIRIgEiAQ/eYBIAz95AEhDCASIBH95gEgDf3kASENIAb9CQIMIRIgEiAQ/eYBIA79","5AEhDiASIBH95gEgD/3kASEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIgEP3mASAI/eQBIQggEiAR/eYBIAn95AEhCSAG","/QkCFCESIBIgEP3mASAK/eQBIQogEiAR/eYBIAv95AEhCyAG/QkCGCESIBIgEP3mASAM/eQBIQwgEiAR/eYBIA395AEhDSAG","/QkCHCESIBIgEP3mASAO/eQBIQ4gEiAR/eYBIA/95AEhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ/QsE","ECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0ACwuj","AwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAABAAA","AAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eAB/eYBIAj9AAQA/eQB/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhALiAUCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAW/eYBIA795AEhDiAYIBf95gEgD/3kASEPIAj9CQKAAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI","/QkCgAQhGCAYIBb95gEgEv3kASESIBggF/3mASAT/eQBIRMgCP0JAoAGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEV","IAogBmohCiAK/QAEACEWIAr9AAQQIRcgCP0JAgQhGCAYIBb95gEgDv3kASEOIBggF/3mASAP/eQBIQ8gCP0JAoQCIRggGCAW","/eYBIBD95AEhECAYIBf95gEgEf3kASERIAj9CQKEBCEYIBggFv3mASAS/eQBIRIgGCAX/eYBIBP95AEhEyAI/QkChAYhGCAY","IBb95gEgFP3kASEUIBggF/3mASAV/eQBIRUgCiAGaiEKIAhBCGohCCAIIAlJDQALIAIgB2ogDv0LBAAgAiAHaiAP/QsEECAL","IBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAHQSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0","IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtqIRAgECALSgRAIAshEAsLIAQgD0EIdGog","BSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEPIA9BBEkNAAsgBCAHQQJ0QQQgBEGACGog","BEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAEIAIgCCAObGogAyAG","IAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQLfwF9AXsCfyAFQQJ0IQogCkECdCELIARB","wAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQSwRAQRAhDQsgAyAMIApsakEAIA0gC2z8","CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0MAAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEB","aiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFBACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQ","BSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIApsaiABIAIgAyAPIApsaiAEIBQgDkEwbGog","BSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAhDgNAIBQgDkECdkEwbCAOQQNxQQJ0amoq","AiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApqIRgDQCAXIBf9AAQAIBb95gH9CwQAIBdB","EGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join("");var Me=512,ke=class{name;#e;#t;#r;constructor(e,r){let o=new WebAssembly.Instance(e);this.name=r,this.#e=o.exports.memory,this.#t=o.exports.attendHead,this.#r=new Float32Array(this.#e.buffer)}reserve(e){let r=e*4,o=this.#e.buffer.byteLength;if(r>o){let s=Math.ceil((r-o)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${r} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#r.buffer!==this.#e.buffer&&(this.#r=new Float32Array(this.#e.buffer)),this.#r}attendHead(e,r,o,s,n,i,a,c,A){this.#t(4*e,4*r,4*o,4*s,0,n,i,a,c?1:0,A)}},Re=class{name="js";#e=new Float32Array(Me);#t=new Float64Array(0);#r=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,r,o,s,n,i,a,c,A){let l=this.#e;this.#t.length<a&&(this.#t=new Float64Array(a)),this.#r.length<n&&(this.#r=new Float64Array(n));let f=this.#t,u=this.#r,d=Math.fround;for(let h=0;h<i;h++){let g=h+a-i,m=c?Math.min(a,g+1):a,b=s+h*n;if(m<=0){l.fill(0,b,b+n);continue}let k=e+(h>>2)*n*4+(h&3),$=-1/0;for(let x=0;x<m;x++){let Q=r+(x>>3)*n*8+(x&7),B=0;for(let P=0;P<n;P++)B+=l[k+4*P]*l[Q+8*P];let y=A===0?B:B-d(A)*Math.abs(g-x);f[x]=y,y>$&&($=y)}u.fill(0);let S=0;for(let x=0;x<m;x++){let Q=Math.exp((f[x]-$)*Math.LN2);S+=Q;let B=o+x*n;for(let y=0;y<n;y++)u[y]=u[y]+Q*l[B+y]}for(let x=0;x<n;x++)l[b+x]=u[x]/S}}};function Pr(t){let e=atob(t),r=new Uint8Array(e.length);for(let o=0;o<e.length;o++)r[o]=e.charCodeAt(o);return r}var qt;function Dt(t){if(typeof WebAssembly!="object")return null;let e=Pr(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function it(){return qt??={relaxed:Dt(Qt),plain:Dt(St)},qt}var nt;function Rt(){if(!nt){let{relaxed:t,plain:e}=it();nt=t?new ke(t,"relaxed-simd"):e?new ke(e,"simd"):new Re}return nt}var Mt=new WeakMap;function Ot(t,e){Mt.set(t,e)}function ve(t,e,r,o,s=Rt(),n){let{batch:i,group:a,kvHeads:c,qSeq:A,kSeq:l,headDim:f,causal:u,scale:d,alibi:h}=t,g=e,m=r;if(t.rope){let{frequencies:H,pairing:U,angles:p}=t.rope,C=t.layout;g=ee(e,H,{layout:C,pairing:U,angles:p,positions:t.rope.query}),m=ee(r,H,{layout:C,pairing:U,angles:p,positions:t.rope.key})}let b=n===void 0&&!t.rope?Mt.get(r.data):void 0;if(b&&b.length===l&&b.batch===i&&b.kvHeads===c&&b.headDim===f&&A>0&&l>0)return Qr(t,e,b);let k=n?.into??new Float32Array(e.data.length);if(A===0||l===0)return{shape:Object.freeze([...e.shape]),data:k};let $=f+7&-8,S=l+7&-8,x=A+3&-4,Q=Me,B=Q+S*$,y=B+S*$,P=y+x*$,q=s.reserve(P+x*$),M=t.qStrides,F=t.kStrides,W=g.data,v=m.data,I=o.data,w=Math.fround,E=w(d*Math.LOG2E),D=F.seq===f&&f===$,T=M.seq===f&&f===$,R=n?.ranges??Array.from({length:i},(H,U)=>({batch:U,kv0:0,kv1:c}));for(let{batch:H,kv0:U,kv1:p}of R)for(let C=U;C<p;C++){let L=H*F.batch+C*F.heads;for(let O=0;O<S;O++){let j=Q+(O>>3)*$*8+(O&7),z=L+O*F.seq,Y=O<l?f:0;for(let Z=0;Z<Y;Z++)q[j+8*Z]=v[z+Z];for(let Z=Y;Z<$;Z++)q[j+8*Z]=0}if(D)q.set(I.subarray(L,L+l*f),B);else for(let O=0;O<l;O++){let j=L+O*F.seq,z=B+O*$;for(let Y=0;Y<f;Y++)q[z+Y]=I[j+Y];for(let Y=f;Y<$;Y++)q[z+Y]=0}q.fill(0,B+l*$,B+S*$);for(let O=C*a;O<(C+1)*a;O++){let j=H*M.batch+O*M.heads;for(let z=0;z<x;z++){let Y=y+(z>>2)*$*4+(z&3),Z=j+z*M.seq,Ie=z<A?f:0;for(let Ae=0;Ae<Ie;Ae++)q[Y+4*Ae]=w(W[Z+Ae]*E);for(let Ae=Ie;Ae<$;Ae++)q[Y+4*Ae]=0}if(s.attendHead(y,Q,B,P,$,A,l,u,h?h[O]*Math.LOG2E:0),T)k.set(q.subarray(P,P+A*f),j);else for(let z=0;z<A;z++){let Y=P+z*$,Z=j+z*M.seq;for(let Ie=0;Ie<f;Ie++)k[Z+Ie]=q[Y+Ie]}}}return{shape:Object.freeze([...e.shape]),data:k}}function Qr(t,e,r){let{batch:o,group:s,kvHeads:n,qSeq:i,kSeq:a,headDim:c,causal:A,scale:l,alibi:f}=t,u=r.kernel,d=c+7&-8,h=a+7&-8,g=i===1&&f===null,m=g?s:i,b=m+3&-4,k=r.end,$=k+b*d,S=u.reserve($+b*d),x=t.qStrides,Q=e.data,B=new Float32Array(Q.length),y=Math.fround,P=y(l*Math.LOG2E);for(let q=0;q<o;q++)for(let M=0;M<n;M++){let F=q*n+M,W=r.kAt+F*r.headFloats,v=r.vAt+F*r.headFloats;for(let w=a;w<h;w++){let E=W+(w>>3)*d*8+(w&7);for(let D=0;D<d;D++)S[E+8*D]=0}S.fill(0,v+a*d,v+h*d);let I=g?1:s;for(let w=0;w<I;w++){for(let D=0;D<b;D++){let T=k+(D>>2)*d*4+(D&3),R=M*s+(g?D:w),H=q*x.batch+R*x.heads+(g?0:D)*x.seq,U=D<m?c:0;for(let p=0;p<U;p++)S[T+4*p]=y(Q[H+p]*P);for(let p=U;p<d;p++)S[T+4*p]=0}let E=M*s+w;u.attendHead(k,W,v,$,d,m,a,A&&!g,f?f[E]*Math.LOG2E:0);for(let D=0;D<m;D++){let T=g?M*s+D:E,R=q*x.batch+T*x.heads+(g?0:D)*x.seq;B.set(S.subarray($+D*d,$+D*d+c),R)}}}return{shape:Object.freeze([...e.shape]),data:B}}function zo(t,e,r,o={}){oe("q",t),oe("k",e),oe("v",r);let s=le(t,e,r,o);return ve(s,t,e,r)}var Oe=Object.freeze({T48:49152,T32:32768,T16:16384});function Ft(t){return t>=Oe.T48?"T48":t>=Oe.T32?"T32":"T16"}function Sr(t){let e=t.headDim/4,r=(e+(t.pad?1:0))*16,o=t.br*r,s=t.bc*r,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return o+s+n+i+a}function Tt(t){let e=[];for(let r=1;r<=t;r++)t%r===0&&e.push(r);return e}function qr(t,e,r){let o=t*e/r;if(!Number.isInteger(o)||o<1||o>16)return;let s,n=1/0;for(let i of Tt(e)){let a=o/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function Dr(t,e,r){let o=t*e/r;if(!Number.isInteger(o)||o<1||o>16)return;let s,n=1/0;for(let i of Tt(e)){let a=o/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var at=512;function Ht(t,e,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>at)return;let o=Oe[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>r))for(let c of[64,32,16,8,4])for(let A of[64,32,16,8,4]){let l=qr(c,A,a),f=Dr(c,s,a);if(!(!l||!f))for(let u of[!1,!0])for(let d of[!0,!1]){let[h,g]=l,[m,b]=f,k=Sr({headDim:t,br:c,bc:A,tn:g,sharedKV:u,pad:d});if(k>o)continue;let $=4*h*g/(h+g),S=[c*A,c>=A?1:0,A>=32?1:0,$>=4?1:0,a===128?2:a===64?1:0,$,u?0:1,d?1:0];(!i||Rr(S,i))&&(i=S,n={tier:e,headDim:t,workgroup:a,br:c,bc:A,tm:h,tn:g,om:m,od4:b,sharedKV:u,pad:d,bytes:k})}}return n}function Rr(t,e){for(let r=0;r<t.length;r++)if(t[r]!==e[r])return t[r]>e[r];return!1}var Mr=140,Or=72,ct=9,jt=1,_e=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#t=new Map;#r=null;constructor(e,r,o,s=!1){this.device=e,this.f16=s,this.ownsDevice=r,this.limits=o,this.tier=Ft(o.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),e.lost.then(n=>{this.#r??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#r}fail(e){this.#r??=e}cached(e,r){let o=this.#t.get(e);return o===void 0&&(o=r(),this.#t.set(e,o)),o}setCached(e,r){this.#t.set(e,r)}pipeline(e,r){let o=this.#e.get(e);return o||(o=this.#o(e,r()),this.#e.set(e,o),o.catch(()=>this.#e.delete(e))),o}async#o(e,r){let o=this.device.createShaderModule({code:r,label:e}),n=(await o.getCompilationInfo()).messages.filter(i=>i.type==="error");if(n.length>0)throw new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:o,entryPoint:"main"}})}catch(i){throw new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}buffer(e,r){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${r}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`);return this.device.createBuffer({size:Math.max(16,Math.ceil(e/16)*16),usage:Mr,label:r})}upload(e,r){let o=this.buffer(e.byteLength,r);return e.byteLength>0&&this.device.queue.writeBuffer(o,0,e.buffer,e.byteOffset,e.byteLength),o}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}uniform(e,r){let o=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:Or,label:r});return this.device.queue.writeBuffer(o,0,e),o}bind(e,r,o,s,n){let i=this.uniform(r.pack(o),`${r.name} params`);return n.push(i),this.device.createBindGroup({label:r.name,layout:e.getBindGroupLayout(0),entries:r.entries({...s,params:{buffer:i}})})}encode(e,r){for(let o of r.dispatches)e.setPipeline(o.pipeline),e.setBindGroup(0,o.bindGroup),e.dispatchWorkgroups(o.grid[0],o.grid[1],o.grid[2])}submit(e,r){let o=this.#s(e,r);return this.release(e),o}release(e){for(let r of e.temps)r.destroy()}#s(e,r){let o=this.device.createCommandEncoder();if(e.dispatches.length>0){let n=o.beginComputePass();this.encode(n,e),n.end()}let s;return r&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(r.bytes/16)*16),usage:ct,label:"readback"}),r.bytes>0&&o.copyBufferToBuffer(r.source,0,s,0,Math.ceil(r.bytes/4)*4)),this.device.queue.submit([o.finish()]),s}async guarded(e,r){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let o,s,n=!1;try{o=r()}catch(l){s=l,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,A]=await Promise.all([i,a]);if(n)throw s;if(A)throw new Error(`Out of GPU memory while ${e}: ${A.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return o}async profile(e,r,o){o&&(this.#s(e),await this.idle());let s=this.device.createCommandEncoder(),n,i,a;this.timestamps&&(n=this.device.createQuerySet({type:"timestamp",count:2}),i=this.device.createBuffer({size:16,usage:516}),a=this.device.createBuffer({size:16,usage:ct}));let c=s.beginComputePass(n?{timestampWrites:{querySet:n,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let f=0;f<r;f++)this.encode(c,e);c.end(),n&&i&&a&&(s.resolveQuerySet(n,0,2,i,0),s.copyBufferToBuffer(i,0,a,0,16));let A=performance.now();this.device.queue.submit([s.finish()]),await this.idle();let l=(performance.now()-A)/1e3;try{if(a){await a.mapAsync(jt);let[f,u]=new BigUint64Array(a.getMappedRange().slice(0));a.unmap();let d=Number(u-f);if(d>0)return{seconds:d/1e9/r,source:"timestamp-query"}}return{seconds:l/r,source:"wall-clock"}}finally{n?.destroy(),i?.destroy(),a?.destroy()}}gather(e){let r=e.reduce((i,a)=>i+a.size,0),o=this.device.createBuffer({size:Math.max(16,Math.ceil(r/16)*16),usage:ct,label:"readback"}),s=this.device.createCommandEncoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,o,n,i.size),n+=i.size;return this.device.queue.submit([s.finish()]),o}async read(e,r){try{return await e.mapAsync(jt),e.getMappedRange(0,Math.max(16,Math.ceil(r/16)*16)).slice(0,r)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var _t="This KvCache cannot be used: it was destroyed",zt="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",Fr=512,Lt=4;function At(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${G(e)}`)}function Fe(t,e,r){let o=J(t,e??"f32",{allowed:["f32","f16","auto"]});if(o==="auto")return r.available?"f16":"f32";if(o==="f16"&&!r.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${r.detail}); use "f32", or "auto" to fall back to float32`);return o}function Wt(t){At("options",t);let e=V("batch",t.batch,{min:1}),r=V("kvHeads",t.kvHeads,{min:1}),o=V("headDim",t.headDim,{min:4,max:Fr});if(o%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${o}`);let s=V("maxLength",t.maxLength,{min:1});return{batch:e,kvHeads:r,headDim:o,maxLength:s}}function Kt(t,e,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${G(e)}`);let o=De(`${t}.frequencies`,e.frequencies),s=2*o.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==s)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${s} (2 x the ${o.invFreq.length} frequencies), got ${G(e.rotaryDim)}`);if(s>r)throw new RangeError(`Invalid ${t}.frequencies: rotary dim ${s} (2 x ${o.invFreq.length} frequencies) exceeds the head dim ${r}`);let n=J(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),i=J(`${t}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),a=`${n}|${i}|${o.attentionFactor}|${Array.from(o.invFreq).join(",")}`;return{frequencies:o,pairing:n,rotaryDim:s,angles:i,fingerprint:a}}function Gt(t,e,r,o){let s=fe(t,e,r);if(s.batch!==o.batch)throw new RangeError(`Invalid ${t}: expected batch ${o.batch} (as the cache), got ${s.batch}`);if(s.heads!==o.kvHeads)throw new RangeError(`Invalid ${t}: expected ${o.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==o.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${o.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function ze(t,e,r,o){At("options",o);let s=J("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Gt("k",e,s,t),i=Gt("v",r,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(o.rope!==void 0){let c=Kt("rope",o.rope,t.headDim),A=o.rope.positions===void 0?null:Pe("rope.positions",o.rope.positions,n.seq,t.batch,c.angles==="float32");a={...c,positions:A}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function Ut(t,e,r){if(e+r.n>t.maxLength)throw new RangeError(`Cannot append ${r.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(r.rope&&!r.rope.positions&&r.rope.angles==="float32"){let o=e+r.n-1;if(o>ue)throw new RangeError(`Invalid rope: the last key would sit at position ${o}, above ${ue} (the largest position with angles "float32")`)}}function Nt(t,e,r){At("options",r);let o=J("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=fe("q",e,o);if(s.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${s.batch}`);if(s.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${s.headDim}`);if(s.heads<1||s.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${s.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(s.seq<1||s.seq>Lt)throw new RangeError(`Invalid q: expected 1 to ${Lt} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${s.seq}`);let n=r.scale===void 0?1/Math.sqrt(s.headDim):$e("scale",r.scale),i=st(r.alibiSlopes,s.heads),a=null;if(r.rope!==void 0){let A=Kt("rope",r.rope,t.headDim),l=r.queryPositions===void 0?null:Pe("queryPositions",r.queryPositions,s.seq,s.batch,A.angles==="float32");a={...A,queryPositions:l}}else if(r.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let c=r.splits===void 0?void 0:V("splits",r.splits,{min:1});return{layout:o,batch:s.batch,heads:s.heads,kvHeads:t.kvHeads,group:s.heads/t.kvHeads,qSeq:s.seq,headDim:s.headDim,qShape:[...e.shape],qStrides:s.strides,scale:n,rope:a,alibi:i,splits:c}}function We(t,e,r){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(r.keyRope&&r.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(r.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(t.rope.angles==="float32"&&e-1>ue)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${ue} (the largest position with angles "float32")`)}}}function Yt(t,e){let r=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==r)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:r,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var ft=Object.freeze({keyRope:void 0,explicitPositions:!1});var Qe=class{owner;batch;kvHeads;headDim;maxLength;#e;#t=0;#r=ft;#o=!1;constructor(e,r,o){this.owner=e,this.#e=r,this.batch=o.batch,this.kvHeads=o.kvHeads,this.headDim=o.headDim,this.maxLength=o.maxLength}get length(){return this.#t}get destroyed(){return this.#o||!this.#e()}get ropeState(){return this.#r}live(){if(this.#o)throw new Error(_t);if(!this.#e())throw new Error(zt)}reserve(e){Ut(this,this.#t,e);let r=Yt(this.#r,e),o=this.#t;return{slot:o,commit:()=>{this.#t=o+e.n,this.#r=r}}}clear(){this.#t=0,this.#r=ft}markDestroyed(){return this.#o?!1:(this.#o=!0,!0)}};function Jt(t,e,r){if(!(t instanceof r))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var K=class{shape;dtype;owner;#e;#t;#r;#o=!1;constructor(e,r,o,s,n="float32"){this.owner=e,this.dtype=n,this.#r=s,this.shape=Object.freeze([...r]),this.#e=o instanceof Float32Array?null:o,this.#t=o instanceof Float32Array?o:null}get buffer(){return this.#e}get destroyed(){return this.#o||!this.#r()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#t}}destroy(){this.#o||(this.#o=!0,this.#e?.destroy())}};function N(t,e,r){if(e instanceof K){if(e.owner!==r)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let o=e;if(o===null||typeof o!="object"||!("data"in o))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${G(e)}`);return oe(t,e)}function Ke(t,e){if(typeof e!="boolean")throw new TypeError(`Invalid ${t}: expected a boolean, got ${G(e)}`);return e}function Xt(t,e,r){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${G(r)}`);let o=J("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=fe("x",t,o),n=De("frequencies",e),i=2*n.invFreq.length;if(r.rotaryDim!==void 0&&r.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (2 x the ${n.invFreq.length} frequencies), got ${G(r.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (2 x ${n.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=J("pairing",r.pairing??"half",{allowed:["half","interleaved"]}),c=J("angles",r.angles??"float32",{allowed:["float32","float64"]}),A=xt("",r.positions,r.offset,s.seq,s.batch,c),l=Ke("inPlace",r.inPlace??!1);return{call:{layout:o,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:A},inPlace:l}}var Tr=["flash","naive"],Te="it was destroyed; create a new one with createGpuAttention()";function Vt(t){return V("iterations",t,{min:1})}function Hr(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${G(e)}`)}var Se=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e){return[N("q",e[0],this),N("k",e[1],this),N("v",e[2],this)]}#e(e,r){this.live();let o=this.checkOperands(e);return{operands:o,plan:le(...o,r)}}#t(e,r,o){let[s,n,i]=r.operands,a=this.elementsOf(s,n,i,o),c=J("kernel",o.kernel??"flash",{allowed:Tr});return{args:e,q:s,k:n,v:i,plan:r.plan,elements:a,kernel:c}}async attention(e,r,o,s={}){let n=[e,r,o],i=this.#e(n,s);return await this.runAttention(this.#t(n,i,s))}async profileAttention(e,r,o,s={}){let n=[e,r,o],i=this.#e(n,s),a=Vt(s.iterations??10),c=Ke("warmup",s.warmup??!0),A=this.#t(n,i,s);return await this.timeAttention(A,a,c,s)}async applyRope(e,r,o={}){this.live();let s=N("x",e,this),n=Xt(s,r,o);return await this.runRope({...n,arg:e,x:s})}upload(e,r={}){this.live();let o=oe("t",e);return Hr("options",r),this.store(o,Fe("precision",r.precision,this.info.f16))}async download(e){this.live();let r=N("t",e,this);if(!(r instanceof K))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(r)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let r=Wt(e),o=Fe("precision",e.precision,this.info.f16);return await this.makeCache(r,o)}#r(e,r,o){this.live();let s=N("q",e,this),n=Jt(r,this,this.cacheClass),i=Nt(n,s,o);return this.prepareDecode({arg:e,q:s,cache:n,plan:i})}async decode(e,r,o={}){return await this.runDecode(this.#r(e,r,o),o)}async profileDecode(e,r,o={}){let s=this.#r(e,r,o),n=Vt(o.iterations??10),i=Ke("warmup",o.warmup??!0);return await this.timeDecode(s,n,i,o)}};function ye(t){return t.reduce((e,r)=>e*r,1)}var jr=256,Lr=8;function Gr(t){let e=t.kp*t.ku*t.rb,r=t.lr*(e+1),o=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(r+e+o+s)}function Zt(t,e,r,o=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let u of[1,2,3,4])if(s%u===0&&s/u<=32){n=u;break}let i=s/n,a=Math.min(r==="T16"?64:128,o);if(i>o)return;let c=Math.max(1,Math.floor(a/i)),A=c*i,l=Oe[r],f=Math.max(1,Math.min(e,Math.floor(Lr/n)));for(let u=f;u>=1;u--)for(let d=Math.max(1,Math.floor(i/u));d>=1;d--){let h={headDim:t,c:n,lr:i,kp:c,ku:d,rb:u},g=Gr(h);if(g<=l)return{...h,workgroup:A,bytes:g}}}function er(t,e,r,o){let s=Math.ceil(r/Math.max(1,e)),n=Math.ceil(t/jr);return ut(t,Math.max(1,Math.min(s,n,o)))}function ut(t,e){let r=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/r)),keysPerSplit:r}}function ne(t,e){return e==="f32"?r=>`${t}[${r}]`:r=>`vec4<f32>(${t}[${r}])`}function Ee(t,e,r,o,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,r=`(${r})`,o=`(${o})`,t.pairing==="interleaved"&&n%4===0)return`if (${o} < ${n/4}u) {
      let tb = ${s} * ${i}u + ${o} * 2u;
      let a = T[tb];
      let e = T[tb + 1u];
      x = vec4<f32>(x.x * a.x - x.y * a.y, x.y * a.x + x.x * a.y,
                    x.z * e.x - x.w * e.y, x.w * e.x + x.z * e.y);
    }`;if(t.pairing==="half"&&i%4===0){let c=i/4;return`if (${o} < ${2*c}u) {
      let lo = ${o} < ${c}u;
      let pc = select(${o} - ${c}u, ${o} + ${c}u, lo);
      let p = ${e(`${r} + pc`)};
      let tb = ${s} * ${i}u + select(${o} - ${c}u, ${o}, lo) * 4u;
      let t0 = T[tb];
      let t1 = T[tb + 1u];
      let t2 = T[tb + 2u];
      let t3 = T[tb + 3u];
      let sg = select(1.0, -1.0, lo);
      x = x * vec4<f32>(t0.x, t1.x, t2.x, t3.x) + (sg * p) * vec4<f32>(t0.y, t1.y, t2.y, t3.y);
    }`}let a=[];for(let c=0;c<4;c++)if(t.pairing==="interleaved"){let A=c^1,l=c%2===0?"-":"+";a.push(`{
        let d = ${o} * 4u + ${c}u;
        if (d < ${n}u) {
          let t = T[${s} * ${i}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${l} x[${A}] * t.y;
        }
      }`)}else a.push(`{
        let d = ${o} * 4u + ${c}u;
        if (d < ${n}u) {
          let lo = d < ${i}u;
          let pd = select(d - ${i}u, d + ${i}u, lo);
          let t = T[${s} * ${i}u + select(d - ${i}u, d, lo)];
          let p = ${e(`${r} + pd / 4u`)}[pd % 4u];
          y[${c}] = x[${c}] * t.x + select(1.0, -1.0, lo) * p * t.y;
        }
      }`);return`if (${o} * 4u < ${n}u) {
      var y = x;
      ${a.join(`
      `)}
      x = y;
    }`}function _(t,e){return{variable:t,access:"read",type:e}}function X(t,e){return{variable:t,access:"read_write",type:e}}var lt=class{name;fields;bindingNames;wgsl;uniformBytes;#e;constructor(e){if(this.name=e.name,this.#e=e.uniforms,this.fields=Object.keys(e.uniforms),this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let r=Object.entries(e.bindings).filter(n=>n[1]!==null);this.bindingNames=["params",...r.map(([n])=>n)],this.uniformBytes=Math.ceil(this.fields.length*4/16)*16;let o=this.fields.map(n=>`  ${n}: ${e.uniforms[n]},`).join(`
`),s=r.map(([,n],i)=>`@group(0) @binding(${i+1}) var<storage, ${n.access}> ${n.variable}: ${n.type};`);this.wgsl=`struct Params {
${o}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}binding(e){let r=this.bindingNames.indexOf(e);if(r<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return r}pack(e){for(let s of Object.keys(e))if(!Object.hasOwn(this.#e,s))throw new Error(`Internal error: kernel ${this.name} has no uniform ${s}`);let r=new ArrayBuffer(this.uniformBytes),o=new DataView(r);return this.fields.forEach((s,n)=>{let i=e[s];if(i===void 0)throw new Error(`Internal error: uniform ${s} of kernel ${this.name} is missing`);let a=this.#e[s],c=A=>new RangeError(`Internal error: uniform ${s} = ${i} of kernel ${this.name} does not fit ${A}`);if(a==="f32"){if(!Number.isFinite(i))throw c("a finite f32");o.setFloat32(n*4,i,!0)}else if(a==="i32"){if(!Number.isInteger(i)||i<-2147483648||i>2147483647)throw c("a signed 32-bit integer");o.setInt32(n*4,i,!0)}else{if(!Number.isInteger(i)||i<0||i>4294967295)throw c("an unsigned 32-bit integer");o.setUint32(n*4,i,!0)}}),r}entries(e){for(let r of Object.keys(e))if(!this.bindingNames.includes(r))throw new Error(`Internal error: kernel ${this.name} declares no binding ${r}`);return this.bindingNames.map((r,o)=>{let s=e[r];if(!s)throw new Error(`Internal error: binding ${r} of kernel ${this.name} is missing`);return{binding:o,resource:s}})}};function re(t){return new lt(t)}var de=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function _r(t){let e=[t.q,t.k,t.v,t.o];return e.every(r=>r==="f32")?"":`:${e.join("")}`}var te=-1e30,zr={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32"};function ht(t){let e=t.elements??de;return re({name:"flash",uniforms:zr,bindings:{q:_("Q",`array<vec4<${e.q}>>`),k:_("K",`array<vec4<${e.k}>>`),v:_("V",`array<vec4<${e.v}>>`),o:X("O",`array<vec4<${e.o}>>`),table:t.rope?_("T","array<vec2<f32>>"):null,slopes:t.alibi?_("SL","array<f32>"):null}})}function dt(t){let e=t.tiles,r=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${r}:alibi=${t.alibi}`+_r(t.elements??de)}function he(t){return Array.from({length:t},(e,r)=>r)}function tr(t){let e=t.tiles,r=e.headDim/4,o=e.workgroup,s=e.br,n=e.bc,i=r+(e.pad?1:0),a=e.sharedKV?i:r,c=n+1,A=n/e.tn,l=r/e.od4,f=e.sharedKV?"Ks":"Vs",u=t.elements??de,d=ne("Q",u.q),h=ne("K",u.k),g=ne("V",u.v),m=[u.q,u.k,u.v,u.o].includes("f16"),b=(p,C)=>`for (var e = lid; e < ${p*r}u; e += ${o}u) {
    let r = e / ${r}u;
    let c = e % ${r}u;
    ${C("r","c")}
  }`,k=t.rope?Ee(t.rope,d,"base","c","P.qTab + b * P.qTabB + pos"):"",$=t.rope?Ee(t.rope,h,"base","c","P.kTab + b * P.kTabB + key"):"",S=b(s,(p,C)=>`let flat = row0 + ${p};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${d(`base + ${C}`)};
      ${k}
    }
    Qs[${p} * ${i}u + ${C}] = x * P.scale2;`),x=b(n,(p,C)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${h(`base + ${C}`)};
      ${$}
    }
    Ks[${p} * ${i}u + ${C}] = x;`),Q=b(n,(p,C)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${g(`b * P.vB + kvh * P.vH + key * P.vS - P.vOff + ${C}`)};
    }
    ${f}[${p} * ${a}u + ${C}] = x;`),B=he(e.tm),y=he(e.tn),P=he(e.om),q=he(e.od4),M=B.flatMap(p=>y.map(C=>`var s${p}_${C} = 0.0;`)).join(" "),F=he(r).map(p=>{let C=B.map(j=>`let q${j} = Qs[qr${j} + ${p}u];`).join(" "),L=y.map(j=>`let k${j} = Ks[kr${j} + ${p}u];`).join(" "),O=B.flatMap(j=>y.map(z=>`s${j}_${z} += dot(q${j}, k${z});`)).join(" ");return`{ ${C} ${L} ${O} }`}).join(`
      `),W=B.flatMap(p=>y.map(C=>{let L=t.alibi?` - sl${p} * f32(abs(qp${p} - i32(key${C})))`:"";return`s${p}_${C} = select(${te}, s${p}_${C}${L}, ok${p} && key${C} < P.sk && (P.causal == 0u || i32(key${C}) <= qp${p}));`})).join(`
      `),v=B.map(p=>`Mx[(tr * ${e.tm}u + ${p}u) * ${A}u + tc] = max(${y.map(C=>`s${p}_${C}`).reduce((C,L)=>`max(${C}, ${L})`)}, ${te});`).join(`
      `),I=(p,C)=>`let ${C} = ${he(A).map(L=>`Mx[${p} * ${A}u + ${L}u]`).reduce((L,O)=>`max(${L}, ${O})`)};`,w=B.map(p=>{let C=`(tr * ${e.tm}u + ${p}u)`,L=y.map(O=>`let p${O} = select(0.0, exp2(s${p}_${O} - tmax), s${p}_${O} > ${te/2});
        Ps[${C} * ${c}u + tc + ${O*A}u] = p${O};`).join(`
        `);return`{
        ${I(C,"tmax")}
        ${L}
        Sm[${C} * ${A}u + tc] = ${y.map(O=>`p${O}`).join(" + ")};
      }`}).join(`
      `),E=P.flatMap(p=>q.map(C=>`var o${p}_${C} = vec4<f32>(0.0);`)).join(" "),D=P.map(p=>`var m${p} = ${te}; var l${p} = 0.0;`).join(" "),T=P.map(p=>{let C=`orow${p}`;return`{
        ${I(C,"tmax")}
        let tsum = ${he(A).map(L=>`Sm[${C} * ${A}u + ${L}u]`).join(" + ")};
        let mnew = max(m${p}, tmax);
        let alpha = exp2(m${p} - mnew);
        beta${p} = exp2(tmax - mnew);
        l${p} = l${p} * alpha + tsum * beta${p};
        m${p} = mnew;
        ${q.map(L=>`o${p}_${L} *= alpha;`).join(" ")}
      }`}).join(`
      `),R=he(n).map(p=>{let C=P.map(j=>`let p${j} = Ps[orow${j} * ${c}u + ${p}u] * beta${j};`).join(" "),L=q.map(j=>`let v${j} = ${f}[${p*a}u + oc + ${j*l}u];`).join(" "),O=P.flatMap(j=>q.map(z=>`o${j}_${z} += p${j} * v${z};`)).join(" ");return`{ ${C} ${L} ${O} }`}).join(`
      `),H=P.map(p=>`{
    let flat = row0 + orow${p};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = select(0.0, 1.0 / l${p}, l${p} > 0.0);
      ${q.map(C=>u.o==="f32"?`O[base + ${C*l}u] = o${p}_${C} * inv;`:`O[base + ${C*l}u] = vec4<f16>(o${p}_${C} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),U=B.map(p=>`let flat${p} = row0 + tr * ${e.tm}u + ${p}u;
  let pos${p} = flat${p} / P.group;
  let ok${p} = pos${p} < P.sq;
  let qp${p} = i32(pos${p}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${p} = SL[kvh * P.group + flat${p} % P.group];`:""}`).join(`
  `);return`// ${dt(t)}
${m?"enable f16;":""}
${ht(t).wgsl}
var<workgroup> Qs: array<vec4<f32>, ${s*i}>;
var<workgroup> Ks: array<vec4<f32>, ${n*i}>;
${e.sharedKV?"":`var<workgroup> Vs: array<vec4<f32>, ${n*r}>;`}
var<workgroup> Ps: array<f32, ${s*c}>;
var<workgroup> Mx: array<f32, ${s*A}>;
var<workgroup> Sm: array<f32, ${s*A}>;

@compute @workgroup_size(${o})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // Tiles run last-first: under a causal mask the longest ones start first.
  let tile = P.numTiles - 1u - (P.tileBase + wid.x);
  let unit = P.unitBase + wid.y;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let row0 = tile * ${s}u;

  ${S}

  let tr = lid / ${A}u;
  let tc = lid % ${A}u;
  ${B.map(p=>`let qr${p} = (tr * ${e.tm}u + ${p}u) * ${i}u;`).join(" ")}
  ${y.map(p=>`let kr${p} = (tc + ${p*A}u) * ${i}u;`).join(" ")}
  ${U}
  let orr = lid / ${l}u;
  let oc = lid % ${l}u;
  ${P.map(p=>`let orow${p} = orr * ${e.om}u + ${p}u;`).join(" ")}
  ${E}
  ${D}
  ${P.map(p=>`var beta${p} = 0.0;`).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${s}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${n-1}u) / ${n}u;
  for (var kt = 0u; kt < tiles; kt++) {
    let k0 = kt * ${n}u;
    ${x}
    ${e.sharedKV?"":Q}
    workgroupBarrier();
    {
      ${M}
      ${F}
      ${y.map(p=>`let key${p} = k0 + tc + ${p*A}u;`).join(" ")}
      ${W}
      ${v}
      workgroupBarrier();
      ${w}
    }
    ${e.sharedKV?Q:""}
    workgroupBarrier();
    {
      ${T}
      ${R}
    }
    workgroupBarrier();
  }

  ${H}
}
`}var Wr={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmax4:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},Kr={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function pt(t){let e=t.elements;return re({name:"decode",uniforms:Wr,bindings:{q:_("Q",`array<vec4<${e.q}>>`),k:_("K",`array<vec4<${e.kv}>>`),v:_("V",`array<vec4<${e.kv}>>`),o:X("O",`array<vec4<${e.o}>>`),w:X("W","array<vec4<f32>>"),table:t.rope?_("T","array<vec2<f32>>"):null,slopes:t.alibi?_("SL","array<f32>"):null}})}function gt(t){return re({name:"decode merge",uniforms:Kr,bindings:{w:_("W","array<vec4<f32>>"),o:X("O",`array<vec4<${t}>>`)}})}var He=64;function mt(t){let e=t.tiles,r=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",o=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${r}:alibi=${t.alibi}:${o.q}${o.kv}${o.o}`}function bt(t,e){return`decode-merge:d${t}:${e}`}function pe(t){return Array.from({length:t},(e,r)=>r)}function Ue(t){return t.length===0?"0.0":t.join(" + ")}function rr(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function or(t){let e=t.tiles,{c:r,lr:o,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,A=s*n*i,l=A+1,f=s*n,u=t.elements,d=ne("Q",u.q),h=ne("K",u.kv),g=ne("V",u.kv),m=[u.q,u.kv,u.o].includes("f16"),b=pe(i),k=pe(r),$=pe(n),S=t.rope?Ee(t.rope,d,"base","cc","P.tab + b * P.tabB + t"):"",x=b.map(v=>`${k.map(I=>`var q${v}_${I} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${v}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${k.map(I=>`{
        let cc = lr + ${I*o}u;
        var x = ${d("base + cc")};
        ${S}
        q${v}_${I} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),Q=b.map(v=>`var m${v} = ${te}; var l${v} = 0.0; ${k.map(I=>`var a${v}_${I} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),B=$.map(v=>{let I=b.map(w=>`Red[lr * ${l}u + kp * ${i}u + ${v*s*i+w}u] = ${Ue(k.map(E=>`dot(q${w}_${E}, k${v}_${E})`))};`).join(`
      `);return`let kr${v} = kvBase + min(k0 + ${v*s}u + kp, kEnd - 1u) * ${c}u;
      ${k.map(w=>`let k${v}_${w} = ${h(`kr${v} + ${w*o}u`)};`).join(" ")}
      ${k.map(w=>`let v${v}_${w} = ${g(`kr${v} + ${w*o}u`)};`).join(" ")}
      ${I}`}).join(`
      `),y=t.alibi?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          s -= SL[h] * f32(i32(qp) - i32(key));`:"",P=pe(Math.ceil(A/a)).map(v=>{let I=(v+1)*a>A;return`{
        let i = lid + ${v*a}u;
        ${I?`if (i < ${A}u) {`:"{"}
          var s = ${Ue(pe(o).map(w=>`Red[${w*l}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${y}
          Sc[i] = select(${te}, s, key < kEnd && f < P.rows && key <= qp);
        }
      }`}).join(`
      `),q=b.map(v=>{let I=$.map(w=>`s${w}`);return`{
        ${$.map(w=>`let s${w} = Sc[kp * ${i}u + ${w*s*i+v}u];`).join(" ")}
        let mx = max(m${v}, ${I.reduce((w,E)=>`max(${w}, ${E})`)});
        let alpha = exp2(m${v} - mx);
        ${$.map(w=>`let p${w} = select(0.0, exp2(s${w} - mx), s${w} > ${te/2});`).join(" ")}
        l${v} = l${v} * alpha + ${Ue($.map(w=>`p${w}`))};
        m${v} = mx;
        ${k.map(w=>`a${v}_${w} = a${v}_${w} * alpha + ${Ue($.map(E=>`p${E} * v${E}_${w}`))};`).join(`
        `)}
      }`}).join(`
      `),M=b.map(v=>`{
    let mr = ${pe(s).map(I=>`Mk[${I*i+v}u]`).reduce((I,w)=>`max(${I}, ${w})`)};
    let g = exp2(m${v} - mr);
    l${v} *= g;
    ${k.map(I=>`a${v}_${I} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${v}u] = mr;
    }
  }`).join(`
  `),F=pe(s).map(v=>`if (kp == ${v}u) {
    ${b.flatMap(I=>k.map(w=>{let E=`${I*c}u + lr + ${w*o}u`;return v===0?`X[${E}] = a${I}_${w};`:`X[${E}] += a${I}_${w};`})).join(`
    `)}
    if (lr == 0u) {
      ${b.map(I=>v===0?`Ls[${I}u] = l${I};`:`Ls[${I}u] += l${I};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),W=pe(Math.ceil(i*c/a)).map(v=>{let I=(v+1)*a>i*c;return`{
    let e = lid + ${v*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${I?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${rr(u.o,"X[e] * select(0.0, 1.0 / total, total > 0.0)")};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${mt(t)}
${m?"enable f16;":""}
${pt(t).wgsl}
var<workgroup> Red: array<f32, ${o*l}>;
var<workgroup> Sc: array<f32, ${A}>;
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
  let kp = lid / ${o}u;
  let lr = lid % ${o}u;
  let kvBase = (unit - P.chunkBase) * P.lmax4 + lr;

  ${x}
  ${Q}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${f}u) {
      ${B}
    workgroupBarrier();
      ${P}
    workgroupBarrier();
      ${q}
  }

  if (lr == 0u) {
    ${b.map(v=>`Mk[kp * ${i}u + ${v}u] = m${v};`).join(" ")}
  }
  workgroupBarrier();
  ${M}
  ${F}
  ${W}
}
`}function sr(t,e){let r=t/4;return`// ${bt(t,e)}
${e==="f16"?"enable f16;":""}
${gt(e).wgsl}
@compute @workgroup_size(${He})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${He}u + lid;
  if (idx >= P.items) {
    return;
  }
  let row = idx / ${r}u;
  let cc = idx % ${r}u;
  let stats = P.statsOff + row * P.nsplit;
  var mx = ${te};
  for (var s = 0u; s < P.nsplit; s++) {
    mx = max(mx, W[stats + s].x);
  }
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var s = 0u; s < P.nsplit; s++) {
    let st = W[stats + s];
    let w = exp2(st.x - mx);
    total += w * st.y;
    acc += w * W[(row * P.nsplit + s) * ${r}u + cc];
  }
  let unit = P.unitBase + row / P.rows;
  let f = row % P.rows;
  let b = unit / P.kvHeads;
  let h = (unit % P.kvHeads) * P.group + f % P.group;
  let t = f / P.group;
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${rr(e,"acc * select(0.0, 1.0 / total, total > 0.0)")};
}
`}function ae(t,e,r,o=4){let s=Math.max(16,r.minStorageBufferOffsetAlignment),n=Math.floor(t*o/s)*s,i=Math.max(4,Math.ceil((e*o-n)/4)*4);return{offset:n,size:i,base:n/o}}function se(t,e){return t.size<=e.maxStorageBufferBindingSize}function ge(t,e,r,o){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!r(n,1))throw o(n);let a=1,c=i;if(r(n,c))a=c;else for(;c-a>1;){let A=Math.floor((a+c)/2);r(n,A)?a=A:c=A}s.push([n,a]),n+=a}return s}function ce(t,e){let r=e.maxComputeWorkgroupsPerDimension;if(t<=r)return[Math.max(1,t),1];let o=Math.ceil(t/r);if(o>r)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${r} x ${r}, the device's 2-D grid limit`);return[Math.ceil(t/o),o]}function me(t,e){let r=e.maxComputeWorkgroupsPerDimension;return r*r*t}var Ur=32*1024*1024,Nr=1024;function Yr(t,e){return`rope-table|${e}|${t.attentionFactor}|${Array.from(t.invFreq).join(",")}`}function nr(t,e,r){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${r} bytes; rotate in smaller batches`)}function be(t,e,r,o){let s=e.invFreq.length*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize);if(o.every(f=>f.positions.kind==="range")){let f=o.map(b=>b.positions.start),u=Math.min(...f),d=Math.max(...o.map((b,k)=>f[k]+b.seq)),h=Nr;for(;h<d;)h*=2;if(h*s<=Math.min(Ur,n)){let b=Yr(e,r),k=t.cached(b,()=>null);if(!k||k.rows<d){let $=Ge(e,{start:0,count:h},r);k={rows:h,buffer:t.upload($,"rope table")},t.setCached(b,k)}return{buffer:k.buffer,temp:!1,sides:f.map($=>({tab:$,tabB:0}))}}let g=Math.max(1,d-u);if(g*s>n)throw nr(g,g*s,n);let m=Ge(e,{start:u,count:g},r);return{buffer:t.upload(m,"rope table"),temp:!0,sides:f.map(b=>({tab:b-u,tabB:0}))}}let i=[],a=[],c=0;for(let f of o){let u=f.positions,d=u.kind==="list"?u.list:Float64Array.from({length:f.seq},(h,g)=>u.start+g);a.push({tab:c,tabB:u.kind==="list"&&u.perBatch?f.seq:0}),i.push(d),c+=d.length}let A=new Float64Array(Math.max(1,c)),l=0;for(let f of i)A.set(f,l),l+=f.length;if(A.length*s>n)throw nr(A.length,A.length*s,n);return{buffer:t.upload(Ge(e,A,r),"rope table"),temp:!0,sides:a}}function ir(t,e,r){let o=e.group*e.qSeq,s=Zt(e.headDim,o,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:r}}function wt(t,e){let r=e.tiles.headDim,o=e.elements.o;return Promise.all([t.pipeline(mt(e),()=>or(e)),t.pipeline(bt(r,o),()=>sr(r,o))])}function ar(t,e,r,o,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let a=Math.min(o,n);if(e.splits>a)throw new RangeError(`Invalid splits: expected at most ${a} (the cache length ${o}${n<o?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return ut(o,e.splits)}let i=Math.ceil(e.group*e.qSeq/r.tiles.rb);return er(o,e.batch*e.kvHeads*i,s,n)}function It(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function cr(t,e,r,o,s,n,i){let a={dispatches:[],temps:[]},[c,A]=o,l=t.limits,{kvHeads:f,group:u,qSeq:d,headDim:h}=e,g=h/4,m=u*d,b=r.tiles,k=Math.ceil(m/b.rb),{splits:$,keysPerSplit:S}=n,x=$===1,Q=e.qStrides,B=r.elements.q==="f16"?2:4,y=r.elements.o==="f16"?2:4,P=(E,D,T)=>{let R=(C,L)=>Math.floor(C/f)*Q.batch+L*Q.heads,H=E+D-1,U=R(E,E%f*u),p=R(H,H%f*u+u-1)+(d-1)*Q.seq+h;return ae(U,p,l,T)},q=E=>E*m*$*(g+1)*16,M=null;e.rope&&(M=be(t,e.rope.frequencies,e.rope.angles,[{positions:It(e,s.length),seq:d}]),M.temp&&a.temps.push(M.buffer));let F=null;e.alibi&&(F=t.upload(e.alibi.map(E=>E*Math.LOG2E),"alibi slopes"),a.temps.push(F));let W=l.maxComputeWorkgroupsPerDimension,v=pt(r),I=gt(r.elements.o),w=Math.max(1,Math.floor(me(He,l)/(m*g)));for(let E of s.chunks){let D=ge(E.n,Math.min(W,w),(T,R)=>se(P(E.u0+T,R,B),l)&&se(P(E.u0+T,R,y),l)&&(x||q(R)<=l.maxStorageBufferBindingSize),T=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${P(E.u0+T,1,Math.max(B,y)).size} bytes or their ${$} partial outputs ${q(1)} bytes, more than maxStorageBufferBindingSize (${l.maxStorageBufferBindingSize} bytes)`));for(let[T,R]of D){let H=E.u0+T,U=P(H,R,B),p=P(H,R,y),C=R*m*$*g,L=t.dummy();x||(L=t.buffer(q(R),"decode partials"),a.temps.push(L));let O={sq:d,group:u,rows:m,kvHeads:f,len:s.length,nsplit:$,keysPerSplit:S,unitBase:H,chunkBase:E.u0,lmax4:s.maxLength*g,direct:x?1:0,statsOff:C,qB:Q.batch/4,qH:Q.heads/4,qS:Q.seq/4,qOff:U.base/4,oB:Q.batch/4,oH:Q.heads/4,oS:Q.seq/4,oOff:p.base/4,tab:M?.sides[0]?.tab??0,tabB:M?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,v,O,{q:{buffer:i.q,offset:U.offset,size:U.size},k:{buffer:E.k},v:{buffer:E.v},o:{buffer:i.o,offset:p.offset,size:p.size},w:{buffer:L},...M?{table:{buffer:M.buffer}}:{},...F?{slopes:{buffer:F}}:{}},a.temps),grid:[$,R,k]}),x)continue;let j=R*m*g,[z,Y]=ce(Math.ceil(j/He),l),Z={items:j,nsplit:$,rows:m,group:u,kvHeads:f,unitBase:H,statsOff:C,gridX:z,oB:Q.batch/4,oH:Q.heads/4,oS:Q.seq/4,oOff:p.base/4};a.dispatches.push({pipeline:A,bindGroup:t.bind(A,I,Z,{w:{buffer:L},o:{buffer:i.o,offset:p.offset,size:p.size}},a.temps),grid:[z,Y,1]})}}return a}function Jr(t){let{relaxed:e,plain:r}=it(),o=e?new ke(e,"relaxed-simd"):r?new ke(r,"simd"):new Re,s=t.headDim+7&-8,n=(t.maxLength+7&-8)*s,i=t.batch*t.kvHeads*n,a=Me,c=a+i,A=c+i;if(A*4>2**31)return null;try{o.reserve(A)}catch{return null}return{kernel:o,dp:s,kAt:a,vAt:c,headFloats:n,end:A}}var je=class extends Qe{precision="f32";#e;#t;#r;constructor(e,r,o){super(e,r,o);let s=o.batch*o.kvHeads*o.maxLength*o.headDim;this.#e=new Float32Array(s),this.#t=new Float32Array(s),this.#r=Jr(o)}append(e,r,o={}){try{this.live();let s=N("k",e,this.owner),n=N("v",r,this.owner),i=ze(this,s,n,o),{slot:a,commit:c}=this.reserve(i),A=Ar(s);i.rope&&(A=ee(A,i.rope.frequencies,{layout:i.layout,pairing:i.rope.pairing,angles:i.rope.angles,positions:i.rope.positions??{kind:"range",start:a}}));let l=Ar(n),f=this.headDim,u=i.strides;for(let d=0;d<this.batch;d++)for(let h=0;h<this.kvHeads;h++)for(let g=0;g<i.n;g++){let m=d*u.batch+h*u.heads+g*u.seq,b=((d*this.kvHeads+h)*this.maxLength+a+g)*f;this.#e.set(A.data.subarray(m,m+f),b),this.#t.set(l.data.subarray(m,m+f),b)}return this.#o(a,i.n),c(),Promise.resolve()}catch(s){return Promise.reject(s)}}#o(e,r){let o=this.#r;if(o===null)return;let{dp:s,headFloats:n}=o,i=this.headDim,a=o.kernel.reserve(o.end);for(let c=0;c<this.batch*this.kvHeads;c++){let A=o.kAt+c*n,l=o.vAt+c*n;for(let f=e;f<e+r;f++){let u=(c*this.maxLength+f)*i,d=A+(f>>3)*s*8+(f&7);for(let h=0;h<i;h++)a[d+8*h]=this.#e[u+h];for(let h=i;h<s;h++)a[d+8*h]=0;a.set(this.#t.subarray(u,u+i),l+f*s),a.fill(0,l+f*s+i,l+(f+1)*s)}}}tensors(e,r=!1){let{batch:o,kvHeads:s,headDim:n}=this,i=this.length,a=Object.freeze(e==="bhsd"?[o,s,i,n]:[o,i,s,n]),c,A;if(!r&&e==="bhsd"&&i===this.maxLength)c=this.#e,A=this.#t;else{c=new Float32Array(o*s*i*n),A=new Float32Array(c.length);for(let f=0;f<o;f++)for(let u=0;u<s;u++){let d=(f*s+u)*this.maxLength*n;if(e==="bhsd"){let h=(f*s+u)*i*n;c.set(this.#e.subarray(d,d+i*n),h),A.set(this.#t.subarray(d,d+i*n),h);continue}for(let h=0;h<i;h++){let g=d+h*n,m=((f*i+h)*s+u)*n;c.set(this.#e.subarray(g,g+n),m),A.set(this.#t.subarray(g,g+n),m)}}}let l=this.#r;if(!r&&l!==null){let f={kernel:l.kernel,batch:o,kvHeads:s,headDim:n,length:i,kAt:l.kAt,vAt:l.vAt,headFloats:l.headFloats,end:l.end};Ot(c,f)}return{k:{shape:a,data:c},v:{shape:a,data:A}}}download(){try{return this.live(),Promise.resolve(this.tensors("bhsd",!0))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function Ar(t){return t instanceof K?t.host:t}var Xr=1<<23;function Vr(t,e){let r=t.batch*t.kvHeads,o=Math.min(e,r),s=[];for(let n=0;n<o;n++){let i=Math.floor(n*r/o),a=Math.floor((n+1)*r/o),c=[];for(let A=i;A<a;){let l=Math.floor(A/t.kvHeads),f=A%t.kvHeads,u=Math.min(t.kvHeads,f+(a-A));c.push({batch:l,kv0:f,kv1:u}),A+=u-f}s.push(c)}return s}function fr(t,e){let r=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return e>1&&t.batch*t.kvHeads>1&&r>=Xr}function $t(t,e,r,o,s,n,i){let a=new Float32Array((s-o)*n*i),c=0;for(let A=o;A<s;A++){let l=r*e.batch+A*e.heads;if(e.seq===i){a.set(t.subarray(l,l+n*i),c),c+=n*i;continue}for(let f=0;f<n;f++,c+=i){let u=l+f*e.seq;a.set(t.subarray(u,u+i),c)}}return a}function Zr(t,e,r){if(!t.rope)return[e,r];let{frequencies:o,pairing:s,angles:n,layout:i}={...t.rope,layout:t.layout};return[ee(e,o,{layout:i,pairing:s,angles:n,positions:t.rope.query}),ee(r,o,{layout:i,pairing:s,angles:n,positions:t.rope.key})]}function eo(t,e,r,o,s){let{group:n,qSeq:i,kSeq:a,headDim:c}=t,{batch:A,kv0:l,kv1:f}=e;return{q:$t(r.data,t.qStrides,A,l*n,f*n,i,c),k:$t(o.data,t.kStrides,A,l,f,a,c),v:$t(s.data,t.kStrides,A,l,f,a,c),alibi:t.alibi?t.alibi.slice(l*n,f*n):null}}function to(t,e,r,o){let{group:s,qSeq:n,headDim:i,qStrides:a}=t,c=0;for(let A=e.kv0*s;A<e.kv1*s;A++){let l=e.batch*a.batch+A*a.heads;if(a.seq===i){o.set(r.subarray(c,c+n*i),l),c+=n*i;continue}for(let f=0;f<n;f++,c+=i)o.set(r.subarray(c,c+i),l+f*a.seq)}}function ro(t){let e=[];for(let r of t)e.push(r.q.buffer,r.k.buffer,r.v.buffer),r.alibi&&e.push(r.alibi.buffer);return e}var kt=class{#e;#t=new Map;#r=null;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let r=e.data,o=this.#t.get(r.id);o&&(this.#t.delete(r.id),"error"in r?o.reject(new Error(`A CPU attention worker failed: ${r.error}`)):o.resolve(r.outputs))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#r}run(e){return this.#r?Promise.reject(new Error(this.#r)):new Promise((r,o)=>{this.#t.set(e.id,{resolve:r,reject:o}),this.#e.postMessage(e,ro(e.pieces))})}fail(e){if(!this.#r){this.#r=e,this.#e.terminate();for(let r of this.#t.values())r.reject(new Error(e));this.#t.clear()}}},Ne=class{#e;#t=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,r,o,s){let[n,i]=Zr(e,r,o),a=new Float32Array(r.data.length),c=Object.freeze([...r.shape]),[A,...l]=Vr(e,this.#e.length+1),f={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale},u=l.map((d,h)=>{let g=this.#e[h];(!g||g.failure)&&(g=this.#e[h]=new kt);let m={id:this.#t++,...f,pieces:d.map(b=>eo(e,b,n,i,s))};return g.run(m).then(b=>{d.forEach((k,$)=>to(e,k,b[$],a))})});return ve({...e,rope:null},n,i,s,void 0,{ranges:A,into:a}),await Promise.all(u),{shape:c,data:a}}destroy(e){for(let r of this.#e)r?.fail(e);this.#e.fill(void 0)}};var Ye=class extends Se{info;cacheClass=je;#e=!1;#t;#r=null;constructor(e,r=1){super(),this.#t=r,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:r})}failure(){return this.#e?Te:null}#o(e){return e instanceof K?e.host:e}#s(e,r){return e instanceof K?new K(this,r.shape,r.data,this.alive):r}elementsOf(){return de}async runAttention(e){let{plan:r}=e,[o,s,n]=[this.#o(e.q),this.#o(e.k),this.#o(e.v)];return fr(r,this.#t)?(this.#r??=new Ne(this.#t-1),this.#s(e.q,await this.#r.attention(r,o,s,n))):this.#s(e.q,ve(r,o,s,n))}async timeAttention(e,r,o,s){let[n,i,a]=e.args;o&&await this.attention(n,i,a,s);let c=performance.now();for(let A=0;A<r;A++)await this.attention(n,i,a,s);return{seconds:(performance.now()-c)/1e3/r,iterations:r,source:"wall-clock"}}runRope(e){let{x:r,call:o,inPlace:s}=e,n=this.#o(r),i=ee(n,o.frequencies,{layout:o.layout,pairing:o.pairing,angles:o.angles,positions:o.positions});return s?(n.data.set(i.data),Promise.resolve(r)):Promise.resolve(this.#s(r,i))}store(e){return new K(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new je(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){let{plan:r,cache:o}=e;We(r,o.length,o.ropeState);let s=this.#o(e.q);r.rope&&(s=ee(s,r.rope.frequencies,{layout:r.layout,pairing:r.rope.pairing,angles:r.rope.angles,positions:It(r,o.length)}));let{k:n,v:i}=o.tensors(r.layout),a=le(s,n,i,{layout:r.layout,causal:!0,scale:r.scale,...r.alibi?{alibiSlopes:r.alibi}:{}});return Promise.resolve(this.#s(e.q,ve(a,s,n,i)))}async timeDecode(e,r,o,s){let n=e.arg;o&&await this.decode(n,e.cache,s);let i=performance.now();for(let a=0;a<r;a++)await this.decode(n,e.cache,s);return{seconds:(performance.now()-i)/1e3/r,iterations:r,source:"wall-clock",splits:1}}destroy(){this.#e=!0,this.#r?.destroy(`This GpuAttention cannot be used: ${Te}`),this.#r=null}};function lr(t,e,r=de){let o=Ht(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!o)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:at}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:o,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:r}}function hr(t,e){return t.pipeline(dt(e),()=>tr(e))}function ur(t,e,r){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${r} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function dr(t,e,r,o,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:A,headDim:l}=e,f={dispatches:[],temps:[]};if(n===0||c===0||A===0)return f;let u=t.limits,d=e.qStrides,h=e.kStrides,g=n*i,m=r.elements??de,b=I=>I==="f16"?2:4,k=(I,w,E=b(m.q))=>{let[D,T]=[Math.floor(I/i),I%i],R=I+w-1,[H,U]=[Math.floor(R/i),R%i],p=D*d.batch+T*a*d.heads,C=H*d.batch+(U*a+a-1)*d.heads+(c-1)*d.seq+l;return ae(p,C,u,E)},$=(I,w)=>k(I,w,b(m.o)),S=(I,w,E=b(m.k))=>{let D=I+w-1,T=Math.floor(I/i)*h.batch+I%i*h.heads,R=Math.floor(D/i)*h.batch+D%i*h.heads+(A-1)*h.seq+l;return ae(T,R,u,E)},x=(I,w)=>S(I,w,b(m.v)),Q=(I,w)=>(b(m.q)>=b(m.o)?k:$)(I,w),B=(I,w)=>(b(m.k)>=b(m.v)?S:x)(I,w),y=ge(g,u.maxComputeWorkgroupsPerDimension,(I,w)=>se(Q(I,w),u)&&se(B(I,w),u),I=>{let w=Q(I,1);return se(w,u)?ur("k and v",B(I,1).size,u.maxStorageBufferBindingSize):ur("q and the output",w.size,u.maxStorageBufferBindingSize)}),P=null;e.rope&&(P=be(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:A}]),P.temp&&f.temps.push(P.buffer));let q=null;e.alibi&&(q=t.upload(e.alibi.map(I=>I*Math.LOG2E),"alibi slopes"),f.temps.push(q));let M=r.tiles,F=Math.ceil(c*a/M.br),W=u.maxComputeWorkgroupsPerDimension,v=ht(r);for(let[I,w]of y){let E=k(I,w),D=S(I,w),T=x(I,w),R=$(I,w);for(let H=0;H<F;H+=W){let U={sq:c,sk:A,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:F,tileBase:H,unitBase:I,qB:d.batch/4,qH:d.heads/4,qS:d.seq/4,qOff:E.base/4,kB:h.batch/4,kH:h.heads/4,kS:h.seq/4,kOff:D.base/4,vB:h.batch/4,vH:h.heads/4,vS:h.seq/4,vOff:T.base/4,oB:d.batch/4,oH:d.heads/4,oS:d.seq/4,oOff:R.base/4,qTab:P?.sides[0]?.tab??0,qTabB:P?.sides[0]?.tabB??0,kTab:P?.sides[1]?.tab??0,kTabB:P?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},p=t.bind(o,v,U,{q:{buffer:s.q,offset:E.offset,size:E.size},k:{buffer:s.k,offset:D.offset,size:D.size},v:{buffer:s.v,offset:T.offset,size:T.size},o:{buffer:s.o,offset:R.offset,size:R.size},...P?{table:{buffer:P.buffer}}:{},...q?{slopes:{buffer:q}}:{}},f.temps),[C]=ce(Math.min(W,F-H),u);f.dispatches.push({pipeline:o,bindGroup:p,grid:[C,w,1]})}}return f}var pr=new Float32Array(1),oo=new Uint32Array(pr.buffer);function so(t){pr[0]=t;let e=oo[0],r=e>>>16&32768,o=e>>>23&255,s=e&8388607;if(o===255)return r|31744|(s!==0?512:0);let n=o-112;if(n>=31)return r|31744;if(n<=0){if(n<-10)return r;s|=8388608;let c=14-n,A=s>>>c,l=s&(1<<c)-1,f=1<<c-1;return(l>f||l===f&&(A&1)===1)&&A++,r|A}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,r|i}function gr(t){let e=(t&32768)!==0?-1:1,r=t>>>10&31,o=t&1023;return r===0?e*o*2**-24:r===31?o!==0?NaN:e*(1/0):e*(1+o/1024)*2**(r-15)}function vt(t){let e=new Uint16Array(t.length+t.length%2);for(let r=0;r<t.length;r++)e[r]=so(t[r]);return e}function Je(t,e=t.length){let r=new Float32Array(e);for(let o=0;o<e;o++)r[o]=gr(t[o]);return r}var ie=64;function mr(){return Float32Array.from({length:ie},(t,e)=>(e-31)*.125)}var no=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${ie/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function io(t,e){let r=mr();for(let o=0;o<ie;o++){let s=r[o]*3+.25,n=t[o],i=e[o]===void 0?void 0:gr(e[o]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${o} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${ie} values was exact`}}async function br(t){let n=[],i=(a,c)=>{let A=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(A),A};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:no,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),A=i(ie*2,136),l=i(ie*4,132),f=i(ie*2,132),u=i(ie*4,9),d=i(ie*2,9),h=vt(mr());t.queue.writeBuffer(A,0,h.buffer,h.byteOffset,h.byteLength);let g=t.createCommandEncoder(),m=g.beginComputePass();m.setPipeline(c),m.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[A,l,f].map((S,x)=>({binding:x,resource:{buffer:S}}))})),m.dispatchWorkgroups(1),m.end(),g.copyBufferToBuffer(l,0,u,0,ie*4),g.copyBufferToBuffer(f,0,d,0,ie*2),t.queue.submit([g.finish()]),await Promise.all([u.mapAsync(1),d.mapAsync(1)]);let b=new Float32Array(u.getMappedRange().slice(0)),k=new Uint16Array(d.getMappedRange().slice(0)),$=await t.popErrorScope();return $?{available:!1,detail:`the shader-f16 self-test was rejected: ${$.message}`}:io(b,k)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var Xe=256,ao={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function wr(t){return re({name:"kv append",uniforms:ao,bindings:{k:_("K",`array<vec4<${t.k}>>`),v:_("V",`array<vec4<${t.v}>>`),kc:X("KC",`array<vec4<${t.cache}>>`),vc:X("VC",`array<vec4<${t.cache}>>`),table:t.rope?_("T","array<vec2<f32>>"):null}})}function Ir(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function co(t){let e=t.headDim/4,r=ne("K",t.k),o=ne("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=a=>t.cache==="f32"?a:`vec4<f16>(${a})`,i=t.rope?Ee(t.rope,r,"base","c","P.tab + b * P.tabB + s"):"";return`// ${Ir(t)}
${s?"enable f16;":""}
${wr(t).wgsl}
@compute @workgroup_size(${Xe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Xe}u + lid;
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
  var x = ${r("base + c")};
  ${i}
  let dst = (unit - P.chunkBase) * P.lmax4 + (P.slot + s) * ${e}u + c;
  KC[dst] = ${n("x")};
  VC[dst] = ${n(o("b * P.vB + h * P.vH + s * P.vS - P.vOff + c"))};
}
`}function $r(t,e){return t.pipeline(Ir(e),()=>co(e))}function kr(t,e,r,o,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,A=r.headDim,l=A/4;if(a===0)return i;let f=t.limits,u=r.k==="f16"?2:4,d=r.v==="f16"?2:4,h=(S,x,Q)=>{let B=S+x-1,y=P=>Math.floor(P/e.kvHeads)*c.batch+P%e.kvHeads*c.heads;return ae(y(S),y(B)+(a-1)*c.seq+A,f,Q)},g=null;e.rope&&(g=be(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),g.temp&&i.temps.push(g.buffer));let m=me(Xe,f),b=Math.min(a,Math.max(1,Math.floor(m/l))),k=Math.max(1,Math.floor(m/(b*l))),$=wr(r);for(let S of n){let x=ge(S.n,k,(Q,B)=>se(h(S.u0+Q,B,u),f)&&se(h(S.u0+Q,B,d),f),Q=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${h(S.u0+Q,1,Math.max(u,d)).size} bytes, more than maxStorageBufferBindingSize (${f.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[Q,B]of x)for(let y=0;y<a;y+=b){let P=Math.min(b,a-y),q=S.u0+Q,M=h(q,B,u),F=h(q,B,d),W=B*P*l,[v,I]=ce(Math.ceil(W/Xe),f),w={items:W,kvHeads:e.kvHeads,unitBase:q,chunkBase:S.u0,slot:e.slot,lmax4:e.maxLength*l,gridX:v,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:M.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:F.base/4,tab:g?.sides[0]?.tab??0,tabB:g?.sides[0]?.tabB??0,tokBase:y,tokCount:P},E=t.bind(o,$,w,{k:{buffer:s.k,offset:M.offset,size:M.size},v:{buffer:s.v,offset:F.offset,size:F.size},kc:{buffer:S.k},vc:{buffer:S.v},...g?{table:{buffer:g.buffer}}:{}},i.temps);i.dispatches.push({pipeline:o,bindGroup:E,grid:[v,I,1]})}}return i}var Ve=class{#e=Promise.resolve();run(e,r){let o=this.#e,s,n=new Promise(i=>s=i);return this.#e=o.then(()=>n),(async()=>{try{let i=await e();return await o,await r(i)}finally{s()}})()}};function Be(t){return t instanceof K&&t.dtype==="float16"?"f16":"f32"}var Ao="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",Le=class t extends Qe{precision;chunks;#e;#t=new Ve;#r=0;constructor(e,r,o,s,n,i){super(r,o,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,r,o,s,n){let i=n==="f16"?2:4,a=s.maxLength*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c)throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of maxLength ${s.maxLength} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller maxLength, precision "f16", or several caches`);let A=s.batch*s.kvHeads,l=Math.floor(c/a),f=2*A*a,u=[];return await e.guarded(`allocating the KV cache (${f} bytes)`,()=>{for(let d=0;d<A;d+=l){let h=Math.min(l,A-d);u.push({u0:d,n:h,k:e.buffer(h*a,"kv cache keys"),v:e.buffer(h*a,"kv cache values")})}}).catch(d=>{for(let h of u)h.k.destroy(),h.v.destroy();throw d}),new t(e,r,o,s,n,u)}view(){return{batch:this.batch,kvHeads:this.kvHeads,maxLength:this.maxLength,length:this.length,chunks:this.chunks}}schedule(e,r,o){let s=this.#r;return this.#t.run(r,n=>{if(this.live(),s!==this.#r)throw new Error(`This ${e} ${Ao}`);return o(n)})}append(e,r,o={}){try{this.live();let s=this.#e,n=N("k",e,this.owner),i=N("v",r,this.owner),a=ze(this,n,i,o),c={headDim:this.headDim,rope:a.rope?{pairing:a.rope.pairing,rotaryDim:a.rope.rotaryDim}:null,k:Be(n),v:Be(i),cache:this.precision};return this.schedule("append",()=>$r(s,c),async A=>{N("k",e,this.owner),N("v",r,this.owner);let{slot:l,commit:f}=this.reserve(a);a.n!==0&&(await s.guarded("the KV-cache append",()=>{let u=[],d=(m,b)=>{if(m instanceof K)return m.buffer;let k=s.upload(m.data,b);return u.push(k),k},h={k:d(n,"k"),v:d(i,"v")},g={kvHeads:this.kvHeads,maxLength:this.maxLength,n:a.n,slot:l,strides:a.strides,rope:a.rope?{frequencies:a.rope.frequencies,angles:a.rope.angles,positions:a.rope.positions??{kind:"range",start:l}}:null};try{let m=kr(s,g,c,A,h,this.chunks);m.temps.push(...u),s.submit(m)}catch(m){for(let b of u)b.destroy();throw m}}),f())})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,r=this.headDim,o=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let l=this.length,f=l*r*o;if(l===0)return{length:l,target:null,bytes:0};let u=[];for(let h of["k","v"])for(let g of this.chunks)for(let m=0;m<g.n;m++){let b=m*this.maxLength*r*o;u.push({buffer:g[h],offset:b,size:f})}let d=await e.guarded("the KV-cache download",()=>e.gather(u));return{length:l,target:d,bytes:2*s*f}}),i=Object.freeze([this.batch,this.kvHeads,n.length,r]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,A=l=>this.precision==="f16"?Je(new Uint16Array(l)):new Float32Array(l);return{k:{shape:i,data:A(a.slice(0,c))},v:{shape:i,data:A(a.slice(c))}}}reset(){this.live(),this.#r++,this.clear()}destroy(){if(this.markDestroyed()){this.#r++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var xe=256,Ce=64,yt={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},we="array<f32>",qe={scores:re({name:"naive scores",uniforms:yt,bindings:{q:_("Q",we),k:_("K",we),slopes:_("SL",we),scores:X("S",we)}}),softmax:re({name:"naive softmax",uniforms:yt,bindings:{scores:X("S",we)}}),pv:re({name:"naive pv",uniforms:yt,bindings:{scores:_("S",we),v:_("V",we),o:X("O",we)}})},vr=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function fo(t){return t==="scores"?`// naive:scores
${qe.scores.wgsl}${vr}
@compute @workgroup_size(${xe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${xe}u + lid;
  if (idx >= P.rows * P.sk) {
    return;
  }
  let c = rowCoords(P.rowBase + idx / P.sk);
  let j = idx % P.sk;
  let kvh = c.y / P.group;
  let aligned = i32(c.z) + i32(P.sk) - i32(P.sq);
  var value = ${te};
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
${qe.softmax.wgsl}var<workgroup> red: array<f32, ${Ce}>;
@compute @workgroup_size(${Ce})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${te};
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
    sum += select(0.0, exp(s - m), s > ${te/2});
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
    S[base + j] = select(0.0, exp(s - m) * inv, s > ${te/2});
  }
}
`:`// naive:pv
${qe.pv.wgsl}${vr}
@compute @workgroup_size(${xe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${xe}u + lid;
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
`}function yr(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>fo(e))))}function Er(t,e,r,o){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:A}=e,l=n*i*a;if(l===0||c===0)return s;let f=t.limits,u=f.maxStorageBufferBindingSize;for(let[B,y]of[["q",o.q],["k",o.k],["v",o.v]])if(y.size>u)throw new RangeError(`Cannot run the naive kernel: ${B} (${y.size} bytes) exceeds maxStorageBufferBindingSize (${u} bytes); it is a small-size baseline, use the flash kernel`);let d=c*4;if(d>u)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${u} bytes)`);let h=me(xe,f),g=Math.max(1,Math.min(l,Math.floor(u/d),Math.floor(h/c),Math.floor(h/A),f.maxComputeWorkgroupsPerDimension**2)),m=t.buffer(g*d,"naive scores");s.temps.push(m);let b=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(b);let[k,$,S]=r,x=e.qStrides,Q=e.kStrides;for(let B=0;B<l;B+=g){let y=Math.min(g,l-B),P={rowBase:B,rows:y,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:x.batch,qH:x.heads,qS:x.seq,dim:A,kB:Q.batch,kH:Q.heads,kS:Q.seq,scale:e.scale},[q,M,F]=[y*c/xe,y,y*A/xe].map(v=>ce(Math.ceil(v),f)),W=(v,I,[w,E],D)=>s.dispatches.push({pipeline:v,bindGroup:t.bind(v,I,{...P,gridX:w},D,s.temps),grid:[w,E,1]});W(k,qe.scores,q,{q:{buffer:o.q},k:{buffer:o.k},slopes:{buffer:b},scores:{buffer:m}}),W($,qe.softmax,M,{scores:{buffer:m}}),W(S,qe.pv,F,{scores:{buffer:m},v:{buffer:o.v},o:{buffer:o.o}})}return s}var Ze=256,uo={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function Br(t){return re({name:"rope",uniforms:uo,bindings:{x:t?X("X","array<f32>"):_("X","array<f32>"),table:_("T","array<vec2<f32>>"),y:t?null:X("Y","array<f32>")}})}function lo(t){let e=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
${Br(t).wgsl}
@compute @workgroup_size(${Ze})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ze}u + lid;
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
`}function Et(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>lo(e))}function et(t,e,r,o,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:A}=e,l=i*a*c;if(l===0||A===0)return n;let f=e.frequencies.invFreq.length,u=f+(s?A-2*f:0),d=t.limits,h=be(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);h.temp&&n.temps.push(h.buffer);let g=h.sides[0],m=e.layout==="bhsd"?{b:a*c*A,h:c*A,s:A}:{b:c*a*A,h:A,s:a*A},b=Math.max(1,Math.floor(me(Ze,d)/Math.max(1,u))),k=ge(l,b,(S,x)=>se(ae(S*A,(S+x)*A,d),d),()=>new RangeError(`Cannot rotate: one row of ${A} elements exceeds the device's maxStorageBufferBindingSize`)),$=Br(s===null);for(let[S,x]of k){let Q=ae(S*A,(S+x)*A,d),B=x*u,[y,P]=ce(Math.ceil(B/Ze),d),q={items:B,perRow:u,rh:f,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:S,xB:m.b,xH:m.h,xS:m.s,xOff:Q.base,oB:m.b,oH:m.h,oS:m.s,oOff:Q.base,tab:g.tab,tabB:g.tabB,gridX:y},M=t.bind(r,$,q,{x:{buffer:o,offset:Q.offset,size:Q.size},table:{buffer:h.buffer},...s?{y:{buffer:s,offset:Q.offset,size:Q.size}}:{}},n.temps);n.dispatches.push({pipeline:r,bindGroup:M,grid:[y,P,1]})}return n}var tt=t=>t==="f16"?2:4,rt=class extends Se{info;#e;cacheClass=Le;constructor(e,r){super(),this.#e=e,this.info=Object.freeze(r)}failure(){return this.#e.failure}#t(e,r,o="f32"){return new K(this,e,r,this.alive,o==="f16"?"float16":"float32")}#r(e,r){return r==="f16"?vt(e):e}#o(e,r,o){return r==="f16"?Je(new Uint16Array(e),o):new Float32Array(e)}#s(e,r,o,s="f32"){if(e instanceof K)return e.buffer;let n=this.#e.upload(this.#r(e.data,s),o);return r.push(n),n}elementsOf(e,r,o,s){let n=Fe("precision",s.precision,this.info.f16),i=a=>a instanceof K?Be(a):n;return{q:i(e),k:i(r),v:i(o),o:i(e)}}async runAttention(e){let r=this.#e,{plan:o,elements:s}=e,n=await this.#n(e);this.live(),this.checkOperands(e.args);let i=ye(o.qShape),a=i*tt(s.o),c=r.buffer(a,"attention output"),A=e.q instanceof K,l=await r.guarded("the attention dispatch",()=>{let u=n(e.q,e.k,e.v,c),d=A?void 0:{source:c,bytes:a},h=r.submit(u,d);return A||c.destroy(),h});if(A)return this.#t(o.qShape,c,s.o);let f=this.#o(await r.read(l,a),s.o,i);return{shape:Object.freeze([...o.qShape]),data:f}}async timeAttention(e,r,o,s){let n=this.#e,i=await this.#n(e);this.live();let a=n.buffer(ye(e.plan.qShape)*tt(e.elements.o),"attention output"),c=await n.guarded("the attention dispatch",()=>i(e.q,e.k,e.v,a));try{let A=await n.profile(c,r,o);return{seconds:A.seconds,iterations:r,source:A.source}}finally{n.release(c),a.destroy()}}#n(e){return e.kernel==="flash"?this.#a(e.plan,e.elements):this.#c(e.plan,e.elements)}async#a(e,r){let o=this.#e,s=lr(o,e,r),n=await hr(o,s);return(i,a,c,A)=>{let l=[],f={q:this.#s(i,l,"q",r.q),k:this.#s(a,l,"k",r.k),v:this.#s(c,l,"v",r.v),o:A},u=dr(o,e,s,n,f);return{dispatches:u.dispatches,temps:[...l,...u.temps]}}}async#c(e,r){let o=this.#e,s=Object.entries(r).find(([,a])=>a==="f16");if(s)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${s[0]==="o"?"output":s[0]}; use the flash kernel`);let[n,i]=await Promise.all([yr(o),e.rope?Et(o,!1):Promise.resolve(null)]);return(a,c,A,l)=>{let f=[],u=[],d=this.#s(a,f,"q"),h=this.#s(c,f,"k"),g=this.#s(A,f,"v");if(e.rope&&i){let b=e.rope,k=($,S,x,Q)=>{let B={layout:e.layout,batch:e.batch,heads:S,seq:x,headDim:e.headDim,frequencies:b.frequencies,pairing:b.pairing,angles:b.angles,positions:$},y=o.buffer(e.batch*S*x*e.headDim*4,"rotated");f.push(y);let P=et(o,B,i,Q,y);return u.push(...P.dispatches),f.push(...P.temps),y};d=k(b.query,e.heads,e.qSeq,d),h=k(b.key,e.kvHeads,e.kSeq,h)}let m=Er(o,e,n,{q:d,k:h,v:g,o:l});return{dispatches:[...u,...m.dispatches],temps:[...f,...m.temps]}}}async runRope(e){let r=this.#e,{x:o,call:s,inPlace:n}=e;if(Be(o)==="f16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)");let i=o instanceof K,a=await Et(r,n||!i);this.live(),N("x",e.arg,this);let c=ye(o.shape)*4;if(i){let u=o.buffer,d=n?null:r.buffer(c,"rotated");return await r.guarded("the RoPE dispatch",()=>{r.submit(et(r,s,a,u,d))}),d?this.#t(o.shape,d):o}let A=o,l=await r.guarded("the RoPE dispatch",()=>{let u=r.upload(A.data,"x"),d=et(r,s,a,u,null);return d.temps.push(u),r.submit(d,{source:u,bytes:c})}),f=new Float32Array(await r.read(l,c));return n?(A.data.set(f),A):{shape:Object.freeze([...A.shape]),data:f}}store(e,r){let o=this.#e.upload(this.#r(e.data,r),"tensor");return this.#t(e.shape,o,r)}async read(e){let r=this.#e,o=ye(e.shape),s=o*e.elementBytes,n=await r.guarded("the download",()=>r.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),i=this.#o(await r.read(n,s),Be(e),o);return{shape:Object.freeze([...e.shape]),data:i}}idle(){return this.#e.idle()}async makeCache(e,r){return await Le.create(this.#e,this,this.alive,e,r)}prepareDecode(e){let r=Be(e.q),o={q:r,kv:e.cache.precision,o:r};return{...e,elements:o,params:ir(this.#e,e.plan,o)}}async runDecode(e){let r=this.#e,{plan:o,elements:s}=e,n=ye(o.qShape),i=n*tt(s.o),a=e.q instanceof K,{output:c,target:A}=await e.cache.schedule("decode",()=>wt(r,e.params),async f=>{this.live(),N("q",e.arg,this);let u=r.buffer(i,"decode output"),d=await r.guarded("the decode dispatch",()=>{let{job:h}=this.#i(e,f,u),g=a?void 0:{source:u,bytes:i},m=r.submit(h,g);return a||u.destroy(),m}).catch(h=>{throw u.destroy(),h});return{output:u,target:d}});if(a)return this.#t(o.qShape,c,s.o);let l=this.#o(await r.read(A,i),s.o,n);return{shape:Object.freeze([...o.qShape]),data:l}}#i(e,r,o){let s=this.#e,{cache:n,plan:i,params:a}=e;We(i,n.length,n.ropeState);let c=ar(s,i,a,n.length,this.info.decodeWorkgroups??1),A=[],l=this.#s(e.q,A,"q");try{let f=cr(s,i,a,r,n.view(),c,{q:l,o});return f.temps.push(...A),{job:f,splits:c.splits}}catch(f){for(let u of A)u.destroy();throw f}}async timeDecode(e,r,o){let s=this.#e,n=ye(e.plan.qShape)*tt(e.elements.o),{job:i,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>wt(s,e.params),async A=>{this.live(),N("q",e.arg,this);let l=s.buffer(n,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#i(e,A,l)),output:l}}catch(f){throw l.destroy(),f}});try{let A=await s.profile(i,r,o);return{seconds:A.seconds,iterations:r,source:A.source,splits:a}}finally{s.release(i),c.destroy()}}destroy(){this.#e.failure||(this.#e.fail(Te),this.#e.ownsDevice&&this.#e.device.destroy())}};var ho="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",po="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",go='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',mo=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],bo='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function wo(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function Io(t,e){let r=t.limits,o=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(V(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${G(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:o("maxStorageBufferBindingSize",r.maxStorageBufferBindingSize,256,4),maxBufferSize:r.maxBufferSize,maxComputeWorkgroupStorageSize:o("maxComputeWorkgroupStorageSize",r.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(r.maxComputeInvocationsPerWorkgroup,r.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:o("maxComputeWorkgroupsPerDimension",r.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:r.minStorageBufferOffsetAlignment}}var $o=8;function ko(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,$o):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${G(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${G(t)}`);return t}async function Un(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${G(t)}`);let e=J("fallback",t.fallback??"none",{allowed:["none","cpu"]}),r=t.limits??{};if(r===null||typeof r!="object")throw new TypeError(`Invalid limits: expected an object, got ${G(r)}`);let o=t.decodeWorkgroups===void 0?void 0:V("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:ko(t.threads),n=t.device,i=!1,a;if(!n){let h=t.adapter,g=po;if(!h){let k=globalThis.navigator?.gpu;k?h=await k.requestAdapter():g=ho}if(!h){if(e==="cpu")return new Ye(g,s);throw new Error(`${g}. ${go}.`)}let m={};for(let k of mo)m[k]=h.limits[k];let b=[];h.features.has("timestamp-query")&&b.push("timestamp-query"),h.features.has("shader-f16")&&b.push("shader-f16");try{n=await h.requestDevice({requiredLimits:m,requiredFeatures:b})}catch(k){throw new Error(`Requesting a WebGPU device failed: ${k instanceof Error?k.message:String(k)}`,{cause:k})}i=!0,a=h.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,A=o??wo(c),l;try{l=Io(n,r)}catch(h){throw i&&n.destroy(),h}let f=n.features.has("shader-f16")?await br(n):{available:!1,detail:bo},u=new _e(n,i,l,f.available),d=[];return u.timestamps&&d.push("timestamp-query"),f.available&&d.push("shader-f16"),new rt(u,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:d,f16:Object.freeze({...f}),decodeWorkgroups:A,tier:u.tier,limits:u.limits,fallbackReason:null,threads:null})}export{zo as attentionCpu,Do as attentionReference,Un as createGpuAttention};
