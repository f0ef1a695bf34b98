import{d as T,g as X,h as Ie,i as Y,j as re,l as vt,q as Et,r as et}from"./chunk-EHSCXNYS.js";var ue=2**24;function fe(t,e,r){return vt(e,r,{name:t})}function Ce(t,e,r,o,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${T(e)}`);if(e.length!==r&&e.length!==o*r)throw new RangeError(`Invalid ${t}: expected ${r} positions (one per token) or ${o*r} (batch x tokens), got ${e.length}`);let n=s?ue:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=X(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==r}}function yr(t,e,r,o,s){let n=e?s:1,i=new Float64Array(n*o);for(let a=0;a<n;a++)i.set(t.subarray(a*r+r-o,a*r+r),a*o);return{kind:"list",list:i,perBatch:e}}function Se(t,e){let r=e;if(r===null||typeof r!="object"||!(r.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${T(r)}`);let o=r.invFreq;if(o.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<o.length;s++)Ie(`${t}.invFreq[${s}]`,o[s],{min:0});return Ie(`${t}.attentionFactor`,r.attentionFactor,{min:0,exclusiveMin:!0}),r}function vr(t,e,r,o,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${T(t)}`);let n=Se("rope.frequencies",t.frequencies),i=n.invFreq,a=2*i.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${i.length} frequencies), got ${T(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${i.length} frequencies) exceeds the head dim ${e}`);let c=Y("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),A=Y("rope.angles",t.angles??"float32",{allowed:["float32","float64"]}),l=A==="float32",f=l?ue:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let u,h;if(t.queryPositions!==void 0&&(h=Ce("rope.queryPositions",t.queryPositions,o,r,l)),t.positions!==void 0){let d=Ce("rope.positions",t.positions,s,r,l);if(u=d,!h){if(o>s)throw new RangeError(`Invalid rope.positions: q has ${o} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);h=yr(d.list,d.perBatch,s,o,r)}}else{let d=X("rope.offset",t.offset??0,{min:0});if(d+Math.max(s,1)-1>f)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${d+s-1}, above ${f} (the largest position with angles "${A}")`);if(u={kind:"range",start:d},!h){let m=d+s-o;if(m<0)throw new RangeError(`Invalid rope.offset: q has ${o} tokens and k ${s}, so bottom-right aligned queries would start at position ${m}; pass rope.offset >= ${o-s} or rope.queryPositions`);h={kind:"range",start:m}}}return{frequencies:n,pairing:c,rotaryDim:a,angles:A,query:h,key:u}}function tt(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${T(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let r=new Float32Array(t.length);for(let o=0;o<t.length;o++)r[o]=Ie(`alibiSlopes[${o}]`,t[o]);return r}function le(t,e,r,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${T(o)}`);let s=Y("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=fe("q",t,s),i=fe("k",e,s),a=fe("v",r,s);if(n.heads<1||n.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${T(t.shape)}`);if(i.batch!==n.batch)throw new RangeError(`Invalid k: expected batch ${n.batch} (as q), got ${i.batch}`);if(a.batch!==n.batch)throw new RangeError(`Invalid v: expected batch ${n.batch} (as q), got ${a.batch}`);if(i.headDim!==n.headDim)throw new RangeError(`Invalid k: expected head dim ${n.headDim} (as q), got ${i.headDim}`);if(a.headDim!==n.headDim)throw new RangeError(`Invalid v: expected head dim ${n.headDim} (as q), got ${a.headDim}`);if(a.seq!==i.seq)throw new RangeError(`Invalid v: expected ${i.seq} tokens (as k), got ${a.seq}`);if(a.heads!==i.heads)throw new RangeError(`Invalid v: expected ${i.heads} heads (as k), got ${a.heads}`);if(i.heads<1||n.heads%i.heads!==0)throw new RangeError(`Invalid k: q has ${n.heads} heads, which is not a multiple of k's ${i.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let c=o.causal??!1;if(typeof c!="boolean")throw new TypeError(`Invalid causal: expected a boolean, got ${T(c)}`);let A=o.scale===void 0?1/Math.sqrt(n.headDim):Ie("scale",o.scale),l=tt(o.alibiSlopes,n.heads),f=o.rope===void 0?null:vr(o.rope,n.headDim,n.batch,n.seq,i.seq);return{layout:s,batch:n.batch,heads:n.heads,kvHeads:i.heads,group:n.heads/i.heads,qSeq:n.seq,kSeq:i.seq,headDim:n.headDim,qShape:[...t.shape],qStrides:n.strides,kStrides:i.strides,causal:c,scale:A,rope:f,alibi:l}}function Bt(t,e,r,o,s,n){let i=n==="float32";if(e!==void 0&&r!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return Ce(`${t}positions`,e,o,s,i);let a=X(`${t}offset`,r??0,{min:0}),c=i?ue:Number.MAX_SAFE_INTEGER;if(a+Math.max(o,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+o-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function Te(t,e,r){let o=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=Et(t,o,{angles:r}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function Z(t,e,r){let{layout:o,pairing:s,angles:n,positions:i}=r;return i.kind==="range"?et(t,e,{layout:o,pairing:s,angles:n,offset:i.start}):et(t,e,{layout:o,pairing:s,angles:n,positions:i.list})}function Ct(t,e,r,o){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:A,causal:l,scale:f,alibi:u}=t,h=e,d=r;if(t.rope){let{frequencies:B,pairing:k,angles:v}=t.rope;h=Z(e,B,{layout:t.layout,pairing:k,angles:v,positions:t.rope.query}),d=Z(r,B,{layout:t.layout,pairing:k,angles:v,positions:t.rope.key})}let m=t.qStrides,g=t.kStrides,w=new Float32Array(e.data.length),b=new Float64Array(c),P=new Float64Array(A),S=h.data,Q=d.data,C=o.data;for(let B=0;B<s;B++)for(let k=0;k<n;k++){let v=Math.floor(k/i),M=u?u[k]:0;for(let O=0;O<a;O++){let _=O+c-a,K=l?Math.min(c,Math.max(0,_+1)):c,y=B*m.batch+k*m.heads+O*m.seq;if(K===0)continue;let I=-1/0;for(let E=0;E<K;E++){let z=B*g.batch+v*g.heads+E*g.seq,j=0;for(let F=0;F<A;F++)j+=S[y+F]*Q[z+F];let q=f*j-M*Math.abs(_-E);b[E]=q,q>I&&(I=q)}P.fill(0);let $=0;for(let E=0;E<K;E++){let z=Math.exp(b[E]-I);$+=z;let j=B*g.batch+v*g.heads+E*g.seq;for(let q=0;q<A;q++)P[q]=P[q]+z*C[j+q]}for(let E=0;E<A;E++)w[y+E]=P[E]/$}}return{shape:Object.freeze([...e.shape]),data:w}}function xo(t,e,r,o={}){re("q",t),re("k",e),re("v",r);let s=le(t,e,r,o);return Ct(s,t,e,r)}var xt=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKyBYHhAQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsgCiAU/YUCIQsgCyAKIBX9hQIhCyALIAog","Fv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQ","aiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0A","Cwu+BAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI/QwAAAAAAAAAAAAAAAAAAAAAIQn9","DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAAAAAAAAAAIQz9DAAAAAAAAAAAAAAA","AAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEGA0AgAf0ABAAhECAB/QAEECERIAb9","CQIAIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIEIRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIIIRIgEiAQIAz9","hQIhDCASIBEgDf2FAiENIAb9CQIMIRIgEiAQIA79hQIhDiASIBEgD/2FAiEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIg","ECAI/YUCIQggEiARIAn9hQIhCSAG/QkCFCESIBIgECAK/YUCIQogEiARIAv9hQIhCyAG/QkCGCESIBIgECAM/YUCIQwgEiAR","IA39hQIhDSAG/QkCHCESIBIgECAO/YUCIQ4gEiARIA/9hQIhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ","/QsEECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0A","CwugAwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAA","BAAAAAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eABIAj9AAQA/YUC/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhAL2AQCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAWIA79hQIhDiAYIBcgD/2FAiEPIAj9CQKAAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkCgAQhGCAYIBYg","Ev2FAiESIBggFyAT/YUCIRMgCP0JAoAGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAK/QAEACEWIAr9AAQQIRcg","CP0JAgQhGCAYIBYgDv2FAiEOIBggFyAP/YUCIQ8gCP0JAoQCIRggGCAWIBD9hQIhECAYIBcgEf2FAiERIAj9CQKEBCEYIBgg","FiAS/YUCIRIgGCAXIBP9hQIhEyAI/QkChAYhGCAYIBYgFP2FAiEUIBggFyAV/YUCIRUgCiAGaiEKIAhBCGohCCAIIAlJDQAL","IAIgB2ogDv0LBAAgAiAHaiAP/QsEECALIBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAH","QSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtq","IRAgECALSgRAIAshEAsLIAQgD0EIdGogBSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEP","IA9BBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0A","BJAI/eQB/QsEICAEIAIgCCAObGogAyAGIAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQL","fwF9AXsCfyAFQQJ0IQogCkECdCELIARBwAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQ","SwRAQRAhDQsgAyAMIApsakEAIA0gC2z8CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0M","AAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEBaiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFB","ACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQBSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIAps","aiABIAIgAyAPIApsaiAEIBQgDkEwbGogBSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAh","DgNAIBQgDkECdkEwbCAOQQNxQQJ0amoqAiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApq","IRgDQCAXIBf9AAQAIBb95gH9CwQAIBdBEGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join(""),Pt=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKwBcHmQQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3kASELIAsgCv3mASAU/eQBIQsgCyAK/eYB","IBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEH","IAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EE","aiEDIARBBGohBCACQQFrIQIgAg0ACwvuBAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI","/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAA","AAAAAAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEG","A0AgAf0ABAAhECAB/QAEECERIAb9CQIAIRIgEiAQ/eYBIAj95AEhCCASIBH95gEgCf3kASEJIAb9CQIEIRIgEiAQ/eYBIAr9","5AEhCiASIBH95gEgC/3kASELIAb9CQIIIRIgEiAQ/eYBIAz95AEhDCASIBH95gEgDf3kASENIAb9CQIMIRIgEiAQ/eYBIA79","5AEhDiASIBH95gEgD/3kASEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIgEP3mASAI/eQBIQggEiAR/eYBIAn95AEhCSAG","/QkCFCESIBIgEP3mASAK/eQBIQogEiAR/eYBIAv95AEhCyAG/QkCGCESIBIgEP3mASAM/eQBIQwgEiAR/eYBIA395AEhDSAG","/QkCHCESIBIgEP3mASAO/eQBIQ4gEiAR/eYBIA/95AEhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ/QsE","ECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0ACwuj","AwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAABAAA","AAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eAB/eYBIAj9AAQA/eQB/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhALiAUCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAW/eYBIA795AEhDiAYIBf95gEgD/3kASEPIAj9CQKAAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI","/QkCgAQhGCAYIBb95gEgEv3kASESIBggF/3mASAT/eQBIRMgCP0JAoAGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEV","IAogBmohCiAK/QAEACEWIAr9AAQQIRcgCP0JAgQhGCAYIBb95gEgDv3kASEOIBggF/3mASAP/eQBIQ8gCP0JAoQCIRggGCAW","/eYBIBD95AEhECAYIBf95gEgEf3kASERIAj9CQKEBCEYIBggFv3mASAS/eQBIRIgGCAX/eYBIBP95AEhEyAI/QkChAYhGCAY","IBb95gEgFP3kASEUIBggF/3mASAV/eQBIRUgCiAGaiEKIAhBCGohCCAIIAlJDQALIAIgB2ogDv0LBAAgAiAHaiAP/QsEECAL","IBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAHQSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0","IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtqIRAgECALSgRAIAshEAsLIAQgD0EIdGog","BSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEPIA9BBEkNAAsgBCAHQQJ0QQQgBEGACGog","BEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAEIAIgCCAObGogAyAG","IAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQLfwF9AXsCfyAFQQJ0IQogCkECdCELIARB","wAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQSwRAQRAhDQsgAyAMIApsakEAIA0gC2z8","CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0MAAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEB","aiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFBACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQ","BSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIApsaiABIAIgAyAPIApsaiAEIBQgDkEwbGog","BSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAhDgNAIBQgDkECdkEwbCAOQQNxQQJ0amoq","AiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApqIRgDQCAXIBf9AAQAIBb95gH9CwQAIBdB","EGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join("");var st=512,He=class{name;#e;#t;#r;constructor(e,r){let o=new WebAssembly.Instance(e);this.name=r,this.#e=o.exports.memory,this.#t=o.exports.attendHead,this.#r=new Float32Array(this.#e.buffer)}reserve(e){let r=e*4,o=this.#e.buffer.byteLength;if(r>o){let s=Math.ceil((r-o)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${r} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#r.buffer!==this.#e.buffer&&(this.#r=new Float32Array(this.#e.buffer)),this.#r}attendHead(e,r,o,s,n,i,a,c,A){this.#t(4*e,4*r,4*o,4*s,0,n,i,a,c?1:0,A)}},ot=class{name="js";#e=new Float32Array(st);#t=new Float64Array(0);#r=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,r,o,s,n,i,a,c,A){let l=this.#e;this.#t.length<a&&(this.#t=new Float64Array(a)),this.#r.length<n&&(this.#r=new Float64Array(n));let f=this.#t,u=this.#r,h=Math.fround;for(let d=0;d<i;d++){let m=d+a-i,g=c?Math.min(a,m+1):a,w=s+d*n;if(g<=0){l.fill(0,w,w+n);continue}let b=e+(d>>2)*n*4+(d&3),P=-1/0;for(let Q=0;Q<g;Q++){let C=r+(Q>>3)*n*8+(Q&7),B=0;for(let v=0;v<n;v++)B+=l[b+4*v]*l[C+8*v];let k=A===0?B:B-h(A)*Math.abs(m-Q);f[Q]=k,k>P&&(P=k)}u.fill(0);let S=0;for(let Q=0;Q<g;Q++){let C=Math.exp((f[Q]-P)*Math.LN2);S+=C;let B=o+Q*n;for(let k=0;k<n;k++)u[k]=u[k]+C*l[B+k]}for(let Q=0;Q<n;Q++)l[w+Q]=u[Q]/S}}};function Er(t){let e=atob(t),r=new Uint8Array(e.length);for(let o=0;o<e.length;o++)r[o]=e.charCodeAt(o);return r}var Qt;function St(t){if(typeof WebAssembly!="object")return null;let e=Er(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function Br(){return Qt??={relaxed:St(xt),plain:St(Pt)},Qt}var rt;function qt(){if(!rt){let{relaxed:t,plain:e}=Br();rt=t?new He(t,"relaxed-simd"):e?new He(e,"simd"):new ot}return rt}function $e(t,e,r,o,s=qt(),n){let{batch:i,group:a,kvHeads:c,qSeq:A,kSeq:l,headDim:f,causal:u,scale:h,alibi:d}=t,m=e,g=r;if(t.rope){let{frequencies:q,pairing:F,angles:N}=t.rope,p=t.layout;m=Z(e,q,{layout:p,pairing:F,angles:N,positions:t.rope.query}),g=Z(r,q,{layout:p,pairing:F,angles:N,positions:t.rope.key})}let w=n?.into??new Float32Array(e.data.length);if(A===0||l===0)return{shape:Object.freeze([...e.shape]),data:w};let b=f+7&-8,P=l+7&-8,S=A+3&-4,Q=st,C=Q+P*b,B=C+P*b,k=B+S*b,v=s.reserve(k+S*b),M=t.qStrides,O=t.kStrides,_=m.data,K=g.data,y=o.data,I=Math.fround,$=I(h*Math.LOG2E),E=O.seq===f&&f===b,z=M.seq===f&&f===b,j=n?.ranges??Array.from({length:i},(q,F)=>({batch:F,kv0:0,kv1:c}));for(let{batch:q,kv0:F,kv1:N}of j)for(let p=F;p<N;p++){let x=q*O.batch+p*O.heads;for(let D=0;D<P;D++){let G=Q+(D>>3)*b*8+(D&7),R=x+D*O.seq,L=D<l?f:0;for(let V=0;V<L;V++)v[G+8*V]=K[R+V];for(let V=L;V<b;V++)v[G+8*V]=0}if(E)v.set(y.subarray(x,x+l*f),C);else for(let D=0;D<l;D++){let G=x+D*O.seq,R=C+D*b;for(let L=0;L<f;L++)v[R+L]=y[G+L];for(let L=f;L<b;L++)v[R+L]=0}v.fill(0,C+l*b,C+P*b);for(let D=p*a;D<(p+1)*a;D++){let G=q*M.batch+D*M.heads;for(let R=0;R<S;R++){let L=B+(R>>2)*b*4+(R&3),V=G+R*M.seq,ce=R<A?f:0;for(let Ae=0;Ae<ce;Ae++)v[L+4*Ae]=I(_[V+Ae]*$);for(let Ae=ce;Ae<b;Ae++)v[L+4*Ae]=0}if(s.attendHead(B,Q,C,k,b,A,l,u,d?d[D]*Math.LOG2E:0),z)w.set(v.subarray(k,k+A*f),G);else for(let R=0;R<A;R++){let L=k+R*b,V=G+R*M.seq;for(let ce=0;ce<f;ce++)w[V+ce]=v[L+ce]}}}return{shape:Object.freeze([...e.shape]),data:w}}function Ho(t,e,r,o={}){re("q",t),re("k",e),re("v",r);let s=le(t,e,r,o);return $e(s,t,e,r)}var qe=Object.freeze({T48:49152,T32:32768,T16:16384});function Dt(t){return t>=qe.T48?"T48":t>=qe.T32?"T32":"T16"}function Cr(t){let e=t.headDim/4,r=(e+(t.pad?1:0))*16,o=t.br*r,s=t.bc*r,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return o+s+n+i+a}function Rt(t){let e=[];for(let r=1;r<=t;r++)t%r===0&&e.push(r);return e}function xr(t,e,r){let o=t*e/r;if(!Number.isInteger(o)||o<1||o>16)return;let s,n=1/0;for(let i of Rt(e)){let a=o/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function Pr(t,e,r){let o=t*e/r;if(!Number.isInteger(o)||o<1||o>16)return;let s,n=1/0;for(let i of Rt(e)){let a=o/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var nt=512;function Mt(t,e,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>nt)return;let o=qe[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>r))for(let c of[64,32,16,8,4])for(let A of[64,32,16,8,4]){let l=xr(c,A,a),f=Pr(c,s,a);if(!(!l||!f))for(let u of[!1,!0])for(let h of[!0,!1]){let[d,m]=l,[g,w]=f,b=Cr({headDim:t,br:c,bc:A,tn:m,sharedKV:u,pad:h});if(b>o)continue;let P=4*d*m/(d+m),S=[c*A,c>=A?1:0,A>=32?1:0,P>=4?1:0,a===128?2:a===64?1:0,P,u?0:1,h?1:0];(!i||Qr(S,i))&&(i=S,n={tier:e,headDim:t,workgroup:a,br:c,bc:A,tm:d,tn:m,om:g,od4:w,sharedKV:u,pad:h,bytes:b})}}return n}function Qr(t,e){for(let r=0;r<t.length;r++)if(t[r]!==e[r])return t[r]>e[r];return!1}var Sr=140,qr=72,it=9,Ot=1,je=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#t=new Map;#r=null;constructor(e,r,o,s=!1){this.device=e,this.f16=s,this.ownsDevice=r,this.limits=o,this.tier=Dt(o.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),e.lost.then(n=>{this.#r??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#r}fail(e){this.#r??=e}cached(e,r){let o=this.#t.get(e);return o===void 0&&(o=r(),this.#t.set(e,o)),o}setCached(e,r){this.#t.set(e,r)}pipeline(e,r){let o=this.#e.get(e);return o||(o=this.#o(e,r()),this.#e.set(e,o),o.catch(()=>this.#e.delete(e))),o}async#o(e,r){let o=this.device.createShaderModule({code:r,label:e}),n=(await o.getCompilationInfo()).messages.filter(i=>i.type==="error");if(n.length>0)throw new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:o,entryPoint:"main"}})}catch(i){throw new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}buffer(e,r){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${r}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`);return this.device.createBuffer({size:Math.max(16,Math.ceil(e/16)*16),usage:Sr,label:r})}upload(e,r){let o=this.buffer(e.byteLength,r);return e.byteLength>0&&this.device.queue.writeBuffer(o,0,e.buffer,e.byteOffset,e.byteLength),o}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}uniform(e,r){let o=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:qr,label:r});return this.device.queue.writeBuffer(o,0,e),o}bind(e,r,o,s,n){let i=this.uniform(r.pack(o),`${r.name} params`);return n.push(i),this.device.createBindGroup({label:r.name,layout:e.getBindGroupLayout(0),entries:r.entries({...s,params:{buffer:i}})})}encode(e,r){for(let o of r.dispatches)e.setPipeline(o.pipeline),e.setBindGroup(0,o.bindGroup),e.dispatchWorkgroups(o.grid[0],o.grid[1],o.grid[2])}submit(e,r){let o=this.#s(e,r);return this.release(e),o}release(e){for(let r of e.temps)r.destroy()}#s(e,r){let o=this.device.createCommandEncoder();if(e.dispatches.length>0){let n=o.beginComputePass();this.encode(n,e),n.end()}let s;return r&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(r.bytes/16)*16),usage:it,label:"readback"}),r.bytes>0&&o.copyBufferToBuffer(r.source,0,s,0,Math.ceil(r.bytes/4)*4)),this.device.queue.submit([o.finish()]),s}async guarded(e,r){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let o,s,n=!1;try{o=r()}catch(l){s=l,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,A]=await Promise.all([i,a]);if(n)throw s;if(A)throw new Error(`Out of GPU memory while ${e}: ${A.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return o}async profile(e,r,o){o&&(this.#s(e),await this.idle());let s=this.device.createCommandEncoder(),n,i,a;this.timestamps&&(n=this.device.createQuerySet({type:"timestamp",count:2}),i=this.device.createBuffer({size:16,usage:516}),a=this.device.createBuffer({size:16,usage:it}));let c=s.beginComputePass(n?{timestampWrites:{querySet:n,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let f=0;f<r;f++)this.encode(c,e);c.end(),n&&i&&a&&(s.resolveQuerySet(n,0,2,i,0),s.copyBufferToBuffer(i,0,a,0,16));let A=performance.now();this.device.queue.submit([s.finish()]),await this.idle();let l=(performance.now()-A)/1e3;try{if(a){await a.mapAsync(Ot);let[f,u]=new BigUint64Array(a.getMappedRange().slice(0));a.unmap();let h=Number(u-f);if(h>0)return{seconds:h/1e9/r,source:"timestamp-query"}}return{seconds:l/r,source:"wall-clock"}}finally{n?.destroy(),i?.destroy(),a?.destroy()}}gather(e){let r=e.reduce((i,a)=>i+a.size,0),o=this.device.createBuffer({size:Math.max(16,Math.ceil(r/16)*16),usage:it,label:"readback"}),s=this.device.createCommandEncoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,o,n,i.size),n+=i.size;return this.device.queue.submit([s.finish()]),o}async read(e,r){try{return await e.mapAsync(Ot),e.getMappedRange(0,Math.max(16,Math.ceil(r/16)*16)).slice(0,r)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var Ht="This KvCache cannot be used: it was destroyed",jt="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",Dr=512,Ft=4;function at(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${T(e)}`)}function De(t,e,r){let o=Y(t,e??"f32",{allowed:["f32","f16","auto"]});if(o==="auto")return r.available?"f16":"f32";if(o==="f16"&&!r.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${r.detail}); use "f32", or "auto" to fall back to float32`);return o}function Lt(t){at("options",t);let e=X("batch",t.batch,{min:1}),r=X("kvHeads",t.kvHeads,{min:1}),o=X("headDim",t.headDim,{min:4,max:Dr});if(o%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${o}`);let s=X("maxLength",t.maxLength,{min:1});return{batch:e,kvHeads:r,headDim:o,maxLength:s}}function Gt(t,e,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${T(e)}`);let o=Se(`${t}.frequencies`,e.frequencies),s=2*o.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==s)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${s} (2 x the ${o.invFreq.length} frequencies), got ${T(e.rotaryDim)}`);if(s>r)throw new RangeError(`Invalid ${t}.frequencies: rotary dim ${s} (2 x ${o.invFreq.length} frequencies) exceeds the head dim ${r}`);let n=Y(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),i=Y(`${t}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),a=`${n}|${i}|${o.attentionFactor}|${Array.from(o.invFreq).join(",")}`;return{frequencies:o,pairing:n,rotaryDim:s,angles:i,fingerprint:a}}function Tt(t,e,r,o){let s=fe(t,e,r);if(s.batch!==o.batch)throw new RangeError(`Invalid ${t}: expected batch ${o.batch} (as the cache), got ${s.batch}`);if(s.heads!==o.kvHeads)throw new RangeError(`Invalid ${t}: expected ${o.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==o.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${o.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function Le(t,e,r,o){at("options",o);let s=Y("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Tt("k",e,s,t),i=Tt("v",r,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(o.rope!==void 0){let c=Gt("rope",o.rope,t.headDim),A=o.rope.positions===void 0?null:Ce("rope.positions",o.rope.positions,n.seq,t.batch,c.angles==="float32");a={...c,positions:A}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function _t(t,e,r){if(e+r.n>t.maxLength)throw new RangeError(`Cannot append ${r.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(r.rope&&!r.rope.positions&&r.rope.angles==="float32"){let o=e+r.n-1;if(o>ue)throw new RangeError(`Invalid rope: the last key would sit at position ${o}, above ${ue} (the largest position with angles "float32")`)}}function zt(t,e,r){at("options",r);let o=Y("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=fe("q",e,o);if(s.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${s.batch}`);if(s.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${s.headDim}`);if(s.heads<1||s.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${s.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(s.seq<1||s.seq>Ft)throw new RangeError(`Invalid q: expected 1 to ${Ft} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${s.seq}`);let n=r.scale===void 0?1/Math.sqrt(s.headDim):Ie("scale",r.scale),i=tt(r.alibiSlopes,s.heads),a=null;if(r.rope!==void 0){let A=Gt("rope",r.rope,t.headDim),l=r.queryPositions===void 0?null:Ce("queryPositions",r.queryPositions,s.seq,s.batch,A.angles==="float32");a={...A,queryPositions:l}}else if(r.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let c=r.splits===void 0?void 0:X("splits",r.splits,{min:1});return{layout:o,batch:s.batch,heads:s.heads,kvHeads:t.kvHeads,group:s.heads/t.kvHeads,qSeq:s.seq,headDim:s.headDim,qShape:[...e.shape],qStrides:s.strides,scale:n,rope:a,alibi:i,splits:c}}function Ge(t,e,r){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(r.keyRope&&r.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(r.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(t.rope.angles==="float32"&&e-1>ue)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${ue} (the largest position with angles "float32")`)}}}function Wt(t,e){let r=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==r)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:r,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var ct=Object.freeze({keyRope:void 0,explicitPositions:!1});var xe=class{owner;batch;kvHeads;headDim;maxLength;#e;#t=0;#r=ct;#o=!1;constructor(e,r,o){this.owner=e,this.#e=r,this.batch=o.batch,this.kvHeads=o.kvHeads,this.headDim=o.headDim,this.maxLength=o.maxLength}get length(){return this.#t}get destroyed(){return this.#o||!this.#e()}get ropeState(){return this.#r}live(){if(this.#o)throw new Error(Ht);if(!this.#e())throw new Error(jt)}reserve(e){_t(this,this.#t,e);let r=Wt(this.#r,e),o=this.#t;return{slot:o,commit:()=>{this.#t=o+e.n,this.#r=r}}}clear(){this.#t=0,this.#r=ct}markDestroyed(){return this.#o?!1:(this.#o=!0,!0)}};function Kt(t,e,r){if(!(t instanceof r))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var W=class{shape;dtype;owner;#e;#t;#r;#o=!1;constructor(e,r,o,s,n="float32"){this.owner=e,this.dtype=n,this.#r=s,this.shape=Object.freeze([...r]),this.#e=o instanceof Float32Array?null:o,this.#t=o instanceof Float32Array?o:null}get buffer(){return this.#e}get destroyed(){return this.#o||!this.#r()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#t}}destroy(){this.#o||(this.#o=!0,this.#e?.destroy())}};function U(t,e,r){if(e instanceof W){if(e.owner!==r)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let o=e;if(o===null||typeof o!="object"||!("data"in o))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${T(e)}`);return re(t,e)}function _e(t,e){if(typeof e!="boolean")throw new TypeError(`Invalid ${t}: expected a boolean, got ${T(e)}`);return e}function Ut(t,e,r){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${T(r)}`);let o=Y("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=fe("x",t,o),n=Se("frequencies",e),i=2*n.invFreq.length;if(r.rotaryDim!==void 0&&r.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (2 x the ${n.invFreq.length} frequencies), got ${T(r.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (2 x ${n.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=Y("pairing",r.pairing??"half",{allowed:["half","interleaved"]}),c=Y("angles",r.angles??"float32",{allowed:["float32","float64"]}),A=Bt("",r.positions,r.offset,s.seq,s.batch,c),l=_e("inPlace",r.inPlace??!1);return{call:{layout:o,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:A},inPlace:l}}var Rr=["flash","naive"],Re="it was destroyed; create a new one with createGpuAttention()";function Yt(t){return X("iterations",t,{min:1})}function Mr(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${T(e)}`)}var Pe=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e){return[U("q",e[0],this),U("k",e[1],this),U("v",e[2],this)]}#e(e,r){this.live();let o=this.checkOperands(e);return{operands:o,plan:le(...o,r)}}#t(e,r,o){let[s,n,i]=r.operands,a=this.elementsOf(s,n,i,o),c=Y("kernel",o.kernel??"flash",{allowed:Rr});return{args:e,q:s,k:n,v:i,plan:r.plan,elements:a,kernel:c}}async attention(e,r,o,s={}){let n=[e,r,o],i=this.#e(n,s);return await this.runAttention(this.#t(n,i,s))}async profileAttention(e,r,o,s={}){let n=[e,r,o],i=this.#e(n,s),a=Yt(s.iterations??10),c=_e("warmup",s.warmup??!0),A=this.#t(n,i,s);return await this.timeAttention(A,a,c,s)}async applyRope(e,r,o={}){this.live();let s=U("x",e,this),n=Ut(s,r,o);return await this.runRope({...n,arg:e,x:s})}upload(e,r={}){this.live();let o=re("t",e);return Mr("options",r),this.store(o,De("precision",r.precision,this.info.f16))}async download(e){this.live();let r=U("t",e,this);if(!(r instanceof W))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(r)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let r=Lt(e),o=De("precision",e.precision,this.info.f16);return await this.makeCache(r,o)}#r(e,r,o){this.live();let s=U("q",e,this),n=Kt(r,this,this.cacheClass),i=zt(n,s,o);return this.prepareDecode({arg:e,q:s,cache:n,plan:i})}async decode(e,r,o={}){return await this.runDecode(this.#r(e,r,o),o)}async profileDecode(e,r,o={}){let s=this.#r(e,r,o),n=Yt(o.iterations??10),i=_e("warmup",o.warmup??!0);return await this.timeDecode(s,n,i,o)}};function ke(t){return t.reduce((e,r)=>e*r,1)}var Or=256,Fr=8;function Tr(t){let e=t.kp*t.ku*t.rb,r=t.lr*(e+1),o=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(r+e+o+s)}function Nt(t,e,r,o=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let u of[1,2,3,4])if(s%u===0&&s/u<=32){n=u;break}let i=s/n,a=Math.min(r==="T16"?64:128,o);if(i>o)return;let c=Math.max(1,Math.floor(a/i)),A=c*i,l=qe[r],f=Math.max(1,Math.min(e,Math.floor(Fr/n)));for(let u=f;u>=1;u--)for(let h=Math.max(1,Math.floor(i/u));h>=1;h--){let d={headDim:t,c:n,lr:i,kp:c,ku:h,rb:u},m=Tr(d);if(m<=l)return{...d,workgroup:A,bytes:m}}}function Jt(t,e,r,o){let s=Math.ceil(r/Math.max(1,e)),n=Math.ceil(t/Or);return At(t,Math.max(1,Math.min(s,n,o)))}function At(t,e){let r=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/r)),keysPerSplit:r}}function se(t,e){return e==="f32"?r=>`${t}[${r}]`:r=>`vec4<f32>(${t}[${r}])`}function ye(t,e,r,o,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,r=`(${r})`,o=`(${o})`,t.pairing==="interleaved"&&n%4===0)return`if (${o} < ${n/4}u) {
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
    }`}function H(t,e){return{variable:t,access:"read",type:e}}function J(t,e){return{variable:t,access:"read_write",type:e}}var ft=class{name;fields;bindingNames;wgsl;uniformBytes;#e;constructor(e){if(this.name=e.name,this.#e=e.uniforms,this.fields=Object.keys(e.uniforms),this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let r=Object.entries(e.bindings).filter(n=>n[1]!==null);this.bindingNames=["params",...r.map(([n])=>n)],this.uniformBytes=Math.ceil(this.fields.length*4/16)*16;let o=this.fields.map(n=>`  ${n}: ${e.uniforms[n]},`).join(`
`),s=r.map(([,n],i)=>`@group(0) @binding(${i+1}) var<storage, ${n.access}> ${n.variable}: ${n.type};`);this.wgsl=`struct Params {
${o}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}binding(e){let r=this.bindingNames.indexOf(e);if(r<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return r}pack(e){for(let s of Object.keys(e))if(!Object.hasOwn(this.#e,s))throw new Error(`Internal error: kernel ${this.name} has no uniform ${s}`);let r=new ArrayBuffer(this.uniformBytes),o=new DataView(r);return this.fields.forEach((s,n)=>{let i=e[s];if(i===void 0)throw new Error(`Internal error: uniform ${s} of kernel ${this.name} is missing`);let a=this.#e[s],c=A=>new RangeError(`Internal error: uniform ${s} = ${i} of kernel ${this.name} does not fit ${A}`);if(a==="f32"){if(!Number.isFinite(i))throw c("a finite f32");o.setFloat32(n*4,i,!0)}else if(a==="i32"){if(!Number.isInteger(i)||i<-2147483648||i>2147483647)throw c("a signed 32-bit integer");o.setInt32(n*4,i,!0)}else{if(!Number.isInteger(i)||i<0||i>4294967295)throw c("an unsigned 32-bit integer");o.setUint32(n*4,i,!0)}}),r}entries(e){for(let r of Object.keys(e))if(!this.bindingNames.includes(r))throw new Error(`Internal error: kernel ${this.name} declares no binding ${r}`);return this.bindingNames.map((r,o)=>{let s=e[r];if(!s)throw new Error(`Internal error: binding ${r} of kernel ${this.name} is missing`);return{binding:o,resource:s}})}};function te(t){return new ft(t)}var de=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function Hr(t){let e=[t.q,t.k,t.v,t.o];return e.every(r=>r==="f32")?"":`:${e.join("")}`}var ee=-1e30,jr={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32"};function ut(t){let e=t.elements??de;return te({name:"flash",uniforms:jr,bindings:{q:H("Q",`array<vec4<${e.q}>>`),k:H("K",`array<vec4<${e.k}>>`),v:H("V",`array<vec4<${e.v}>>`),o:J("O",`array<vec4<${e.o}>>`),table:t.rope?H("T","array<vec2<f32>>"):null,slopes:t.alibi?H("SL","array<f32>"):null}})}function lt(t){let e=t.tiles,r=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${r}:alibi=${t.alibi}`+Hr(t.elements??de)}function he(t){return Array.from({length:t},(e,r)=>r)}function Xt(t){let e=t.tiles,r=e.headDim/4,o=e.workgroup,s=e.br,n=e.bc,i=r+(e.pad?1:0),a=e.sharedKV?i:r,c=n+1,A=n/e.tn,l=r/e.od4,f=e.sharedKV?"Ks":"Vs",u=t.elements??de,h=se("Q",u.q),d=se("K",u.k),m=se("V",u.v),g=[u.q,u.k,u.v,u.o].includes("f16"),w=(p,x)=>`for (var e = lid; e < ${p*r}u; e += ${o}u) {
    let r = e / ${r}u;
    let c = e % ${r}u;
    ${x("r","c")}
  }`,b=t.rope?ye(t.rope,h,"base","c","P.qTab + b * P.qTabB + pos"):"",P=t.rope?ye(t.rope,d,"base","c","P.kTab + b * P.kTabB + key"):"",S=w(s,(p,x)=>`let flat = row0 + ${p};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${h(`base + ${x}`)};
      ${b}
    }
    Qs[${p} * ${i}u + ${x}] = x * P.scale2;`),Q=w(n,(p,x)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${d(`base + ${x}`)};
      ${P}
    }
    Ks[${p} * ${i}u + ${x}] = x;`),C=w(n,(p,x)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${m(`b * P.vB + kvh * P.vH + key * P.vS - P.vOff + ${x}`)};
    }
    ${f}[${p} * ${a}u + ${x}] = x;`),B=he(e.tm),k=he(e.tn),v=he(e.om),M=he(e.od4),O=B.flatMap(p=>k.map(x=>`var s${p}_${x} = 0.0;`)).join(" "),_=he(r).map(p=>{let x=B.map(R=>`let q${R} = Qs[qr${R} + ${p}u];`).join(" "),D=k.map(R=>`let k${R} = Ks[kr${R} + ${p}u];`).join(" "),G=B.flatMap(R=>k.map(L=>`s${R}_${L} += dot(q${R}, k${L});`)).join(" ");return`{ ${x} ${D} ${G} }`}).join(`
      `),K=B.flatMap(p=>k.map(x=>{let D=t.alibi?` - sl${p} * f32(abs(qp${p} - i32(key${x})))`:"";return`s${p}_${x} = select(${ee}, s${p}_${x}${D}, ok${p} && key${x} < P.sk && (P.causal == 0u || i32(key${x}) <= qp${p}));`})).join(`
      `),y=B.map(p=>`Mx[(tr * ${e.tm}u + ${p}u) * ${A}u + tc] = max(${k.map(x=>`s${p}_${x}`).reduce((x,D)=>`max(${x}, ${D})`)}, ${ee});`).join(`
      `),I=(p,x)=>`let ${x} = ${he(A).map(D=>`Mx[${p} * ${A}u + ${D}u]`).reduce((D,G)=>`max(${D}, ${G})`)};`,$=B.map(p=>{let x=`(tr * ${e.tm}u + ${p}u)`,D=k.map(G=>`let p${G} = select(0.0, exp2(s${p}_${G} - tmax), s${p}_${G} > ${ee/2});
        Ps[${x} * ${c}u + tc + ${G*A}u] = p${G};`).join(`
        `);return`{
        ${I(x,"tmax")}
        ${D}
        Sm[${x} * ${A}u + tc] = ${k.map(G=>`p${G}`).join(" + ")};
      }`}).join(`
      `),E=v.flatMap(p=>M.map(x=>`var o${p}_${x} = vec4<f32>(0.0);`)).join(" "),z=v.map(p=>`var m${p} = ${ee}; var l${p} = 0.0;`).join(" "),j=v.map(p=>{let x=`orow${p}`;return`{
        ${I(x,"tmax")}
        let tsum = ${he(A).map(D=>`Sm[${x} * ${A}u + ${D}u]`).join(" + ")};
        let mnew = max(m${p}, tmax);
        let alpha = exp2(m${p} - mnew);
        beta${p} = exp2(tmax - mnew);
        l${p} = l${p} * alpha + tsum * beta${p};
        m${p} = mnew;
        ${M.map(D=>`o${p}_${D} *= alpha;`).join(" ")}
      }`}).join(`
      `),q=he(n).map(p=>{let x=v.map(R=>`let p${R} = Ps[orow${R} * ${c}u + ${p}u] * beta${R};`).join(" "),D=M.map(R=>`let v${R} = ${f}[${p*a}u + oc + ${R*l}u];`).join(" "),G=v.flatMap(R=>M.map(L=>`o${R}_${L} += p${R} * v${L};`)).join(" ");return`{ ${x} ${D} ${G} }`}).join(`
      `),F=v.map(p=>`{
    let flat = row0 + orow${p};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = select(0.0, 1.0 / l${p}, l${p} > 0.0);
      ${M.map(x=>u.o==="f32"?`O[base + ${x*l}u] = o${p}_${x} * inv;`:`O[base + ${x*l}u] = vec4<f16>(o${p}_${x} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),N=B.map(p=>`let flat${p} = row0 + tr * ${e.tm}u + ${p}u;
  let pos${p} = flat${p} / P.group;
  let ok${p} = pos${p} < P.sq;
  let qp${p} = i32(pos${p}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${p} = SL[kvh * P.group + flat${p} % P.group];`:""}`).join(`
  `);return`// ${lt(t)}
${g?"enable f16;":""}
${ut(t).wgsl}
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
  ${k.map(p=>`let kr${p} = (tc + ${p*A}u) * ${i}u;`).join(" ")}
  ${N}
  let orr = lid / ${l}u;
  let oc = lid % ${l}u;
  ${v.map(p=>`let orow${p} = orr * ${e.om}u + ${p}u;`).join(" ")}
  ${E}
  ${z}
  ${v.map(p=>`var beta${p} = 0.0;`).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${s}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${n-1}u) / ${n}u;
  for (var kt = 0u; kt < tiles; kt++) {
    let k0 = kt * ${n}u;
    ${Q}
    ${e.sharedKV?"":C}
    workgroupBarrier();
    {
      ${O}
      ${_}
      ${k.map(p=>`let key${p} = k0 + tc + ${p*A}u;`).join(" ")}
      ${K}
      ${y}
      workgroupBarrier();
      ${$}
    }
    ${e.sharedKV?C:""}
    workgroupBarrier();
    {
      ${j}
      ${q}
    }
    workgroupBarrier();
  }

  ${F}
}
`}var Lr={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmax4:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},Gr={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function ht(t){let e=t.elements;return te({name:"decode",uniforms:Lr,bindings:{q:H("Q",`array<vec4<${e.q}>>`),k:H("K",`array<vec4<${e.kv}>>`),v:H("V",`array<vec4<${e.kv}>>`),o:J("O",`array<vec4<${e.o}>>`),w:J("W","array<vec4<f32>>"),table:t.rope?H("T","array<vec2<f32>>"):null,slopes:t.alibi?H("SL","array<f32>"):null}})}function dt(t){return te({name:"decode merge",uniforms:Gr,bindings:{w:H("W","array<vec4<f32>>"),o:J("O",`array<vec4<${t}>>`)}})}var Me=64;function pt(t){let e=t.tiles,r=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",o=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${r}:alibi=${t.alibi}:${o.q}${o.kv}${o.o}`}function gt(t,e){return`decode-merge:d${t}:${e}`}function pe(t){return Array.from({length:t},(e,r)=>r)}function ze(t){return t.length===0?"0.0":t.join(" + ")}function Vt(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function Zt(t){let e=t.tiles,{c:r,lr:o,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,A=s*n*i,l=A+1,f=s*n,u=t.elements,h=se("Q",u.q),d=se("K",u.kv),m=se("V",u.kv),g=[u.q,u.kv,u.o].includes("f16"),w=pe(i),b=pe(r),P=pe(n),S=t.rope?ye(t.rope,h,"base","cc","P.tab + b * P.tabB + t"):"",Q=w.map(y=>`${b.map(I=>`var q${y}_${I} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${y}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${b.map(I=>`{
        let cc = lr + ${I*o}u;
        var x = ${h("base + cc")};
        ${S}
        q${y}_${I} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),C=w.map(y=>`var m${y} = ${ee}; var l${y} = 0.0; ${b.map(I=>`var a${y}_${I} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),B=P.map(y=>{let I=w.map($=>`Red[lr * ${l}u + kp * ${i}u + ${y*s*i+$}u] = ${ze(b.map(E=>`dot(q${$}_${E}, k${y}_${E})`))};`).join(`
      `);return`let kr${y} = kvBase + min(k0 + ${y*s}u + kp, kEnd - 1u) * ${c}u;
      ${b.map($=>`let k${y}_${$} = ${d(`kr${y} + ${$*o}u`)};`).join(" ")}
      ${b.map($=>`let v${y}_${$} = ${m(`kr${y} + ${$*o}u`)};`).join(" ")}
      ${I}`}).join(`
      `),k=t.alibi?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          s -= SL[h] * f32(i32(qp) - i32(key));`:"",v=pe(Math.ceil(A/a)).map(y=>{let I=(y+1)*a>A;return`{
        let i = lid + ${y*a}u;
        ${I?`if (i < ${A}u) {`:"{"}
          var s = ${ze(pe(o).map($=>`Red[${$*l}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${k}
          Sc[i] = select(${ee}, s, key < kEnd && f < P.rows && key <= qp);
        }
      }`}).join(`
      `),M=w.map(y=>{let I=P.map($=>`s${$}`);return`{
        ${P.map($=>`let s${$} = Sc[kp * ${i}u + ${$*s*i+y}u];`).join(" ")}
        let mx = max(m${y}, ${I.reduce(($,E)=>`max(${$}, ${E})`)});
        let alpha = exp2(m${y} - mx);
        ${P.map($=>`let p${$} = select(0.0, exp2(s${$} - mx), s${$} > ${ee/2});`).join(" ")}
        l${y} = l${y} * alpha + ${ze(P.map($=>`p${$}`))};
        m${y} = mx;
        ${b.map($=>`a${y}_${$} = a${y}_${$} * alpha + ${ze(P.map(E=>`p${E} * v${E}_${$}`))};`).join(`
        `)}
      }`}).join(`
      `),O=w.map(y=>`{
    let mr = ${pe(s).map(I=>`Mk[${I*i+y}u]`).reduce((I,$)=>`max(${I}, ${$})`)};
    let g = exp2(m${y} - mr);
    l${y} *= g;
    ${b.map(I=>`a${y}_${I} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${y}u] = mr;
    }
  }`).join(`
  `),_=pe(s).map(y=>`if (kp == ${y}u) {
    ${w.flatMap(I=>b.map($=>{let E=`${I*c}u + lr + ${$*o}u`;return y===0?`X[${E}] = a${I}_${$};`:`X[${E}] += a${I}_${$};`})).join(`
    `)}
    if (lr == 0u) {
      ${w.map(I=>y===0?`Ls[${I}u] = l${I};`:`Ls[${I}u] += l${I};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),K=pe(Math.ceil(i*c/a)).map(y=>{let I=(y+1)*a>i*c;return`{
    let e = lid + ${y*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${I?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Vt(u.o,"X[e] * select(0.0, 1.0 / total, total > 0.0)")};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${pt(t)}
${g?"enable f16;":""}
${ht(t).wgsl}
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

  ${Q}
  ${C}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${f}u) {
      ${B}
    workgroupBarrier();
      ${v}
    workgroupBarrier();
      ${M}
  }

  if (lr == 0u) {
    ${w.map(y=>`Mk[kp * ${i}u + ${y}u] = m${y};`).join(" ")}
  }
  workgroupBarrier();
  ${O}
  ${_}
  ${K}
}
`}function er(t,e){let r=t/4;return`// ${gt(t,e)}
${e==="f16"?"enable f16;":""}
${dt(e).wgsl}
@compute @workgroup_size(${Me})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Me}u + lid;
  if (idx >= P.items) {
    return;
  }
  let row = idx / ${r}u;
  let cc = idx % ${r}u;
  let stats = P.statsOff + row * P.nsplit;
  var mx = ${ee};
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Vt(e,"acc * select(0.0, 1.0 / total, total > 0.0)")};
}
`}function ie(t,e,r,o=4){let s=Math.max(16,r.minStorageBufferOffsetAlignment),n=Math.floor(t*o/s)*s,i=Math.max(4,Math.ceil((e*o-n)/4)*4);return{offset:n,size:i,base:n/o}}function oe(t,e){return t.size<=e.maxStorageBufferBindingSize}function ge(t,e,r,o){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!r(n,1))throw o(n);let a=1,c=i;if(r(n,c))a=c;else for(;c-a>1;){let A=Math.floor((a+c)/2);r(n,A)?a=A:c=A}s.push([n,a]),n+=a}return s}function ae(t,e){let r=e.maxComputeWorkgroupsPerDimension;if(t<=r)return[Math.max(1,t),1];let o=Math.ceil(t/r);if(o>r)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${r} x ${r}, the device's 2-D grid limit`);return[Math.ceil(t/o),o]}function me(t,e){let r=e.maxComputeWorkgroupsPerDimension;return r*r*t}var _r=32*1024*1024,zr=1024;function Wr(t,e){return`rope-table|${e}|${t.attentionFactor}|${Array.from(t.invFreq).join(",")}`}function tr(t,e,r){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${r} bytes; rotate in smaller batches`)}function we(t,e,r,o){let s=e.invFreq.length*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize);if(o.every(f=>f.positions.kind==="range")){let f=o.map(w=>w.positions.start),u=Math.min(...f),h=Math.max(...o.map((w,b)=>f[b]+w.seq)),d=zr;for(;d<h;)d*=2;if(d*s<=Math.min(_r,n)){let w=Wr(e,r),b=t.cached(w,()=>null);if(!b||b.rows<h){let P=Te(e,{start:0,count:d},r);b={rows:d,buffer:t.upload(P,"rope table")},t.setCached(w,b)}return{buffer:b.buffer,temp:!1,sides:f.map(P=>({tab:P,tabB:0}))}}let m=Math.max(1,h-u);if(m*s>n)throw tr(m,m*s,n);let g=Te(e,{start:u,count:m},r);return{buffer:t.upload(g,"rope table"),temp:!0,sides:f.map(w=>({tab:w-u,tabB:0}))}}let i=[],a=[],c=0;for(let f of o){let u=f.positions,h=u.kind==="list"?u.list:Float64Array.from({length:f.seq},(d,m)=>u.start+m);a.push({tab:c,tabB:u.kind==="list"&&u.perBatch?f.seq:0}),i.push(h),c+=h.length}let A=new Float64Array(Math.max(1,c)),l=0;for(let f of i)A.set(f,l),l+=f.length;if(A.length*s>n)throw tr(A.length,A.length*s,n);return{buffer:t.upload(Te(e,A,r),"rope table"),temp:!0,sides:a}}function rr(t,e,r){let o=e.group*e.qSeq,s=Nt(e.headDim,o,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:r}}function mt(t,e){let r=e.tiles.headDim,o=e.elements.o;return Promise.all([t.pipeline(pt(e),()=>Zt(e)),t.pipeline(gt(r,o),()=>er(r,o))])}function or(t,e,r,o,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let a=Math.min(o,n);if(e.splits>a)throw new RangeError(`Invalid splits: expected at most ${a} (the cache length ${o}${n<o?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return At(o,e.splits)}let i=Math.ceil(e.group*e.qSeq/r.tiles.rb);return Jt(o,e.batch*e.kvHeads*i,s,n)}function wt(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function sr(t,e,r,o,s,n,i){let a={dispatches:[],temps:[]},[c,A]=o,l=t.limits,{kvHeads:f,group:u,qSeq:h,headDim:d}=e,m=d/4,g=u*h,w=r.tiles,b=Math.ceil(g/w.rb),{splits:P,keysPerSplit:S}=n,Q=P===1,C=e.qStrides,B=r.elements.q==="f16"?2:4,k=r.elements.o==="f16"?2:4,v=(E,z,j)=>{let q=(x,D)=>Math.floor(x/f)*C.batch+D*C.heads,F=E+z-1,N=q(E,E%f*u),p=q(F,F%f*u+u-1)+(h-1)*C.seq+d;return ie(N,p,l,j)},M=E=>E*g*P*(m+1)*16,O=null;e.rope&&(O=we(t,e.rope.frequencies,e.rope.angles,[{positions:wt(e,s.length),seq:h}]),O.temp&&a.temps.push(O.buffer));let _=null;e.alibi&&(_=t.upload(e.alibi.map(E=>E*Math.LOG2E),"alibi slopes"),a.temps.push(_));let K=l.maxComputeWorkgroupsPerDimension,y=ht(r),I=dt(r.elements.o),$=Math.max(1,Math.floor(me(Me,l)/(g*m)));for(let E of s.chunks){let z=ge(E.n,Math.min(K,$),(j,q)=>oe(v(E.u0+j,q,B),l)&&oe(v(E.u0+j,q,k),l)&&(Q||M(q)<=l.maxStorageBufferBindingSize),j=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${v(E.u0+j,1,Math.max(B,k)).size} bytes or their ${P} partial outputs ${M(1)} bytes, more than maxStorageBufferBindingSize (${l.maxStorageBufferBindingSize} bytes)`));for(let[j,q]of z){let F=E.u0+j,N=v(F,q,B),p=v(F,q,k),x=q*g*P*m,D=t.dummy();Q||(D=t.buffer(M(q),"decode partials"),a.temps.push(D));let G={sq:h,group:u,rows:g,kvHeads:f,len:s.length,nsplit:P,keysPerSplit:S,unitBase:F,chunkBase:E.u0,lmax4:s.maxLength*m,direct:Q?1:0,statsOff:x,qB:C.batch/4,qH:C.heads/4,qS:C.seq/4,qOff:N.base/4,oB:C.batch/4,oH:C.heads/4,oS:C.seq/4,oOff:p.base/4,tab:O?.sides[0]?.tab??0,tabB:O?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,y,G,{q:{buffer:i.q,offset:N.offset,size:N.size},k:{buffer:E.k},v:{buffer:E.v},o:{buffer:i.o,offset:p.offset,size:p.size},w:{buffer:D},...O?{table:{buffer:O.buffer}}:{},..._?{slopes:{buffer:_}}:{}},a.temps),grid:[P,q,b]}),Q)continue;let R=q*g*m,[L,V]=ae(Math.ceil(R/Me),l),ce={items:R,nsplit:P,rows:g,group:u,kvHeads:f,unitBase:F,statsOff:x,gridX:L,oB:C.batch/4,oH:C.heads/4,oS:C.seq/4,oOff:p.base/4};a.dispatches.push({pipeline:A,bindGroup:t.bind(A,I,ce,{w:{buffer:D},o:{buffer:i.o,offset:p.offset,size:p.size}},a.temps),grid:[L,V,1]})}}return a}var Oe=class extends xe{precision="f32";#e;#t;constructor(e,r,o){super(e,r,o);let s=o.batch*o.kvHeads*o.maxLength*o.headDim;this.#e=new Float32Array(s),this.#t=new Float32Array(s)}append(e,r,o={}){try{this.live();let s=U("k",e,this.owner),n=U("v",r,this.owner),i=Le(this,s,n,o),{slot:a,commit:c}=this.reserve(i),A=nr(s);i.rope&&(A=Z(A,i.rope.frequencies,{layout:i.layout,pairing:i.rope.pairing,angles:i.rope.angles,positions:i.rope.positions??{kind:"range",start:a}}));let l=nr(n),f=this.headDim,u=i.strides;for(let h=0;h<this.batch;h++)for(let d=0;d<this.kvHeads;d++)for(let m=0;m<i.n;m++){let g=h*u.batch+d*u.heads+m*u.seq,w=((h*this.kvHeads+d)*this.maxLength+a+m)*f;this.#e.set(A.data.subarray(g,g+f),w),this.#t.set(l.data.subarray(g,g+f),w)}return c(),Promise.resolve()}catch(s){return Promise.reject(s)}}tensors(e){let{batch:r,kvHeads:o,headDim:s}=this,n=this.length,i=Object.freeze(e==="bhsd"?[r,o,n,s]:[r,n,o,s]),a=new Float32Array(r*o*n*s),c=new Float32Array(a.length);for(let A=0;A<r;A++)for(let l=0;l<o;l++)for(let f=0;f<n;f++){let u=((A*o+l)*this.maxLength+f)*s,h=e==="bhsd"?((A*o+l)*n+f)*s:((A*n+f)*o+l)*s;a.set(this.#e.subarray(u,u+s),h),c.set(this.#t.subarray(u,u+s),h)}return{k:{shape:i,data:a},v:{shape:i,data:c}}}download(){try{return this.live(),Promise.resolve(this.tensors("bhsd"))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function nr(t){return t instanceof W?t.host:t}var Kr=1<<23;function Ur(t,e){let r=t.batch*t.kvHeads,o=Math.min(e,r),s=[];for(let n=0;n<o;n++){let i=Math.floor(n*r/o),a=Math.floor((n+1)*r/o),c=[];for(let A=i;A<a;){let l=Math.floor(A/t.kvHeads),f=A%t.kvHeads,u=Math.min(t.kvHeads,f+(a-A));c.push({batch:l,kv0:f,kv1:u}),A+=u-f}s.push(c)}return s}function ir(t,e){let r=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return e>1&&t.batch*t.kvHeads>1&&r>=Kr}function bt(t,e,r,o,s,n,i){let a=new Float32Array((s-o)*n*i),c=0;for(let A=o;A<s;A++){let l=r*e.batch+A*e.heads;if(e.seq===i){a.set(t.subarray(l,l+n*i),c),c+=n*i;continue}for(let f=0;f<n;f++,c+=i){let u=l+f*e.seq;a.set(t.subarray(u,u+i),c)}}return a}function Yr(t,e,r){if(!t.rope)return[e,r];let{frequencies:o,pairing:s,angles:n,layout:i}={...t.rope,layout:t.layout};return[Z(e,o,{layout:i,pairing:s,angles:n,positions:t.rope.query}),Z(r,o,{layout:i,pairing:s,angles:n,positions:t.rope.key})]}function Nr(t,e,r,o,s){let{group:n,qSeq:i,kSeq:a,headDim:c}=t,{batch:A,kv0:l,kv1:f}=e;return{q:bt(r.data,t.qStrides,A,l*n,f*n,i,c),k:bt(o.data,t.kStrides,A,l,f,a,c),v:bt(s.data,t.kStrides,A,l,f,a,c),alibi:t.alibi?t.alibi.slice(l*n,f*n):null}}function Jr(t,e,r,o){let{group:s,qSeq:n,headDim:i,qStrides:a}=t,c=0;for(let A=e.kv0*s;A<e.kv1*s;A++){let l=e.batch*a.batch+A*a.heads;if(a.seq===i){o.set(r.subarray(c,c+n*i),l),c+=n*i;continue}for(let f=0;f<n;f++,c+=i)o.set(r.subarray(c,c+i),l+f*a.seq)}}function Xr(t){let e=[];for(let r of t)e.push(r.q.buffer,r.k.buffer,r.v.buffer),r.alibi&&e.push(r.alibi.buffer);return e}var It=class{#e;#t=new Map;#r=null;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let r=e.data,o=this.#t.get(r.id);o&&(this.#t.delete(r.id),"error"in r?o.reject(new Error(`A CPU attention worker failed: ${r.error}`)):o.resolve(r.outputs))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#r}run(e){return this.#r?Promise.reject(new Error(this.#r)):new Promise((r,o)=>{this.#t.set(e.id,{resolve:r,reject:o}),this.#e.postMessage(e,Xr(e.pieces))})}fail(e){if(!this.#r){this.#r=e,this.#e.terminate();for(let r of this.#t.values())r.reject(new Error(e));this.#t.clear()}}},We=class{#e;#t=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,r,o,s){let[n,i]=Yr(e,r,o),a=new Float32Array(r.data.length),c=Object.freeze([...r.shape]),[A,...l]=Ur(e,this.#e.length+1),f={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale},u=l.map((h,d)=>{let m=this.#e[d];(!m||m.failure)&&(m=this.#e[d]=new It);let g={id:this.#t++,...f,pieces:h.map(w=>Nr(e,w,n,i,s))};return m.run(g).then(w=>{h.forEach((b,P)=>Jr(e,b,w[P],a))})});return $e({...e,rope:null},n,i,s,void 0,{ranges:A,into:a}),await Promise.all(u),{shape:c,data:a}}destroy(e){for(let r of this.#e)r?.fail(e);this.#e.fill(void 0)}};var Ke=class extends Pe{info;cacheClass=Oe;#e=!1;#t;#r=null;constructor(e,r=1){super(),this.#t=r,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:r})}failure(){return this.#e?Re:null}#o(e){return e instanceof W?e.host:e}#s(e,r){return e instanceof W?new W(this,r.shape,r.data,this.alive):r}elementsOf(){return de}async runAttention(e){let{plan:r}=e,[o,s,n]=[this.#o(e.q),this.#o(e.k),this.#o(e.v)];return ir(r,this.#t)?(this.#r??=new We(this.#t-1),this.#s(e.q,await this.#r.attention(r,o,s,n))):this.#s(e.q,$e(r,o,s,n))}async timeAttention(e,r,o,s){let[n,i,a]=e.args;o&&await this.attention(n,i,a,s);let c=performance.now();for(let A=0;A<r;A++)await this.attention(n,i,a,s);return{seconds:(performance.now()-c)/1e3/r,iterations:r,source:"wall-clock"}}runRope(e){let{x:r,call:o,inPlace:s}=e,n=this.#o(r),i=Z(n,o.frequencies,{layout:o.layout,pairing:o.pairing,angles:o.angles,positions:o.positions});return s?(n.data.set(i.data),Promise.resolve(r)):Promise.resolve(this.#s(r,i))}store(e){return new W(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new Oe(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){let{plan:r,cache:o}=e;Ge(r,o.length,o.ropeState);let s=this.#o(e.q);r.rope&&(s=Z(s,r.rope.frequencies,{layout:r.layout,pairing:r.rope.pairing,angles:r.rope.angles,positions:wt(r,o.length)}));let{k:n,v:i}=o.tensors(r.layout),a=le(s,n,i,{layout:r.layout,causal:!0,scale:r.scale,...r.alibi?{alibiSlopes:r.alibi}:{}});return Promise.resolve(this.#s(e.q,$e(a,s,n,i)))}async timeDecode(e,r,o,s){let n=e.arg;o&&await this.decode(n,e.cache,s);let i=performance.now();for(let a=0;a<r;a++)await this.decode(n,e.cache,s);return{seconds:(performance.now()-i)/1e3/r,iterations:r,source:"wall-clock",splits:1}}destroy(){this.#e=!0,this.#r?.destroy(`This GpuAttention cannot be used: ${Re}`),this.#r=null}};function cr(t,e,r=de){let o=Mt(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!o)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:nt}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:o,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:r}}function Ar(t,e){return t.pipeline(lt(e),()=>Xt(e))}function ar(t,e,r){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${r} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function fr(t,e,r,o,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:A,headDim:l}=e,f={dispatches:[],temps:[]};if(n===0||c===0||A===0)return f;let u=t.limits,h=e.qStrides,d=e.kStrides,m=n*i,g=r.elements??de,w=I=>I==="f16"?2:4,b=(I,$,E=w(g.q))=>{let[z,j]=[Math.floor(I/i),I%i],q=I+$-1,[F,N]=[Math.floor(q/i),q%i],p=z*h.batch+j*a*h.heads,x=F*h.batch+(N*a+a-1)*h.heads+(c-1)*h.seq+l;return ie(p,x,u,E)},P=(I,$)=>b(I,$,w(g.o)),S=(I,$,E=w(g.k))=>{let z=I+$-1,j=Math.floor(I/i)*d.batch+I%i*d.heads,q=Math.floor(z/i)*d.batch+z%i*d.heads+(A-1)*d.seq+l;return ie(j,q,u,E)},Q=(I,$)=>S(I,$,w(g.v)),C=(I,$)=>(w(g.q)>=w(g.o)?b:P)(I,$),B=(I,$)=>(w(g.k)>=w(g.v)?S:Q)(I,$),k=ge(m,u.maxComputeWorkgroupsPerDimension,(I,$)=>oe(C(I,$),u)&&oe(B(I,$),u),I=>{let $=C(I,1);return oe($,u)?ar("k and v",B(I,1).size,u.maxStorageBufferBindingSize):ar("q and the output",$.size,u.maxStorageBufferBindingSize)}),v=null;e.rope&&(v=we(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:A}]),v.temp&&f.temps.push(v.buffer));let M=null;e.alibi&&(M=t.upload(e.alibi.map(I=>I*Math.LOG2E),"alibi slopes"),f.temps.push(M));let O=r.tiles,_=Math.ceil(c*a/O.br),K=u.maxComputeWorkgroupsPerDimension,y=ut(r);for(let[I,$]of k){let E=b(I,$),z=S(I,$),j=Q(I,$),q=P(I,$);for(let F=0;F<_;F+=K){let N={sq:c,sk:A,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:_,tileBase:F,unitBase:I,qB:h.batch/4,qH:h.heads/4,qS:h.seq/4,qOff:E.base/4,kB:d.batch/4,kH:d.heads/4,kS:d.seq/4,kOff:z.base/4,vB:d.batch/4,vH:d.heads/4,vS:d.seq/4,vOff:j.base/4,oB:h.batch/4,oH:h.heads/4,oS:h.seq/4,oOff:q.base/4,qTab:v?.sides[0]?.tab??0,qTabB:v?.sides[0]?.tabB??0,kTab:v?.sides[1]?.tab??0,kTabB:v?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},p=t.bind(o,y,N,{q:{buffer:s.q,offset:E.offset,size:E.size},k:{buffer:s.k,offset:z.offset,size:z.size},v:{buffer:s.v,offset:j.offset,size:j.size},o:{buffer:s.o,offset:q.offset,size:q.size},...v?{table:{buffer:v.buffer}}:{},...M?{slopes:{buffer:M}}:{}},f.temps),[x]=ae(Math.min(K,_-F),u);f.dispatches.push({pipeline:o,bindGroup:p,grid:[x,$,1]})}}return f}var ur=new Float32Array(1),Vr=new Uint32Array(ur.buffer);function Zr(t){ur[0]=t;let e=Vr[0],r=e>>>16&32768,o=e>>>23&255,s=e&8388607;if(o===255)return r|31744|(s!==0?512:0);let n=o-112;if(n>=31)return r|31744;if(n<=0){if(n<-10)return r;s|=8388608;let c=14-n,A=s>>>c,l=s&(1<<c)-1,f=1<<c-1;return(l>f||l===f&&(A&1)===1)&&A++,r|A}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,r|i}function lr(t){let e=(t&32768)!==0?-1:1,r=t>>>10&31,o=t&1023;return r===0?e*o*2**-24:r===31?o!==0?NaN:e*(1/0):e*(1+o/1024)*2**(r-15)}function $t(t){let e=new Uint16Array(t.length+t.length%2);for(let r=0;r<t.length;r++)e[r]=Zr(t[r]);return e}function Ue(t,e=t.length){let r=new Float32Array(e);for(let o=0;o<e;o++)r[o]=lr(t[o]);return r}var ne=64;function hr(){return Float32Array.from({length:ne},(t,e)=>(e-31)*.125)}var eo=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${ne/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function to(t,e){let r=hr();for(let o=0;o<ne;o++){let s=r[o]*3+.25,n=t[o],i=e[o]===void 0?void 0:lr(e[o]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${o} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${ne} values was exact`}}async function dr(t){let n=[],i=(a,c)=>{let A=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(A),A};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:eo,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),A=i(ne*2,136),l=i(ne*4,132),f=i(ne*2,132),u=i(ne*4,9),h=i(ne*2,9),d=$t(hr());t.queue.writeBuffer(A,0,d.buffer,d.byteOffset,d.byteLength);let m=t.createCommandEncoder(),g=m.beginComputePass();g.setPipeline(c),g.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[A,l,f].map((S,Q)=>({binding:Q,resource:{buffer:S}}))})),g.dispatchWorkgroups(1),g.end(),m.copyBufferToBuffer(l,0,u,0,ne*4),m.copyBufferToBuffer(f,0,h,0,ne*2),t.queue.submit([m.finish()]),await Promise.all([u.mapAsync(1),h.mapAsync(1)]);let w=new Float32Array(u.getMappedRange().slice(0)),b=new Uint16Array(h.getMappedRange().slice(0)),P=await t.popErrorScope();return P?{available:!1,detail:`the shader-f16 self-test was rejected: ${P.message}`}:to(w,b)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var Ye=256,ro={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function pr(t){return te({name:"kv append",uniforms:ro,bindings:{k:H("K",`array<vec4<${t.k}>>`),v:H("V",`array<vec4<${t.v}>>`),kc:J("KC",`array<vec4<${t.cache}>>`),vc:J("VC",`array<vec4<${t.cache}>>`),table:t.rope?H("T","array<vec2<f32>>"):null}})}function gr(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function oo(t){let e=t.headDim/4,r=se("K",t.k),o=se("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=a=>t.cache==="f32"?a:`vec4<f16>(${a})`,i=t.rope?ye(t.rope,r,"base","c","P.tab + b * P.tabB + s"):"";return`// ${gr(t)}
${s?"enable f16;":""}
${pr(t).wgsl}
@compute @workgroup_size(${Ye})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ye}u + lid;
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
`}function mr(t,e){return t.pipeline(gr(e),()=>oo(e))}function wr(t,e,r,o,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,A=r.headDim,l=A/4;if(a===0)return i;let f=t.limits,u=r.k==="f16"?2:4,h=r.v==="f16"?2:4,d=(S,Q,C)=>{let B=S+Q-1,k=v=>Math.floor(v/e.kvHeads)*c.batch+v%e.kvHeads*c.heads;return ie(k(S),k(B)+(a-1)*c.seq+A,f,C)},m=null;e.rope&&(m=we(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),m.temp&&i.temps.push(m.buffer));let g=me(Ye,f),w=Math.min(a,Math.max(1,Math.floor(g/l))),b=Math.max(1,Math.floor(g/(w*l))),P=pr(r);for(let S of n){let Q=ge(S.n,b,(C,B)=>oe(d(S.u0+C,B,u),f)&&oe(d(S.u0+C,B,h),f),C=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${d(S.u0+C,1,Math.max(u,h)).size} bytes, more than maxStorageBufferBindingSize (${f.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[C,B]of Q)for(let k=0;k<a;k+=w){let v=Math.min(w,a-k),M=S.u0+C,O=d(M,B,u),_=d(M,B,h),K=B*v*l,[y,I]=ae(Math.ceil(K/Ye),f),$={items:K,kvHeads:e.kvHeads,unitBase:M,chunkBase:S.u0,slot:e.slot,lmax4:e.maxLength*l,gridX:y,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:O.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:_.base/4,tab:m?.sides[0]?.tab??0,tabB:m?.sides[0]?.tabB??0,tokBase:k,tokCount:v},E=t.bind(o,P,$,{k:{buffer:s.k,offset:O.offset,size:O.size},v:{buffer:s.v,offset:_.offset,size:_.size},kc:{buffer:S.k},vc:{buffer:S.v},...m?{table:{buffer:m.buffer}}:{}},i.temps);i.dispatches.push({pipeline:o,bindGroup:E,grid:[y,I,1]})}}return i}var Ne=class{#e=Promise.resolve();run(e,r){let o=this.#e,s,n=new Promise(i=>s=i);return this.#e=o.then(()=>n),(async()=>{try{let i=await e();return await o,await r(i)}finally{s()}})()}};function ve(t){return t instanceof W&&t.dtype==="float16"?"f16":"f32"}var so="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",Fe=class t extends xe{precision;chunks;#e;#t=new Ne;#r=0;constructor(e,r,o,s,n,i){super(r,o,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,r,o,s,n){let i=n==="f16"?2:4,a=s.maxLength*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c)throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of maxLength ${s.maxLength} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller maxLength, precision "f16", or several caches`);let A=s.batch*s.kvHeads,l=Math.floor(c/a),f=2*A*a,u=[];return await e.guarded(`allocating the KV cache (${f} bytes)`,()=>{for(let h=0;h<A;h+=l){let d=Math.min(l,A-h);u.push({u0:h,n:d,k:e.buffer(d*a,"kv cache keys"),v:e.buffer(d*a,"kv cache values")})}}).catch(h=>{for(let d of u)d.k.destroy(),d.v.destroy();throw h}),new t(e,r,o,s,n,u)}view(){return{batch:this.batch,kvHeads:this.kvHeads,maxLength:this.maxLength,length:this.length,chunks:this.chunks}}schedule(e,r,o){let s=this.#r;return this.#t.run(r,n=>{if(this.live(),s!==this.#r)throw new Error(`This ${e} ${so}`);return o(n)})}append(e,r,o={}){try{this.live();let s=this.#e,n=U("k",e,this.owner),i=U("v",r,this.owner),a=Le(this,n,i,o),c={headDim:this.headDim,rope:a.rope?{pairing:a.rope.pairing,rotaryDim:a.rope.rotaryDim}:null,k:ve(n),v:ve(i),cache:this.precision};return this.schedule("append",()=>mr(s,c),async A=>{U("k",e,this.owner),U("v",r,this.owner);let{slot:l,commit:f}=this.reserve(a);a.n!==0&&(await s.guarded("the KV-cache append",()=>{let u=[],h=(g,w)=>{if(g instanceof W)return g.buffer;let b=s.upload(g.data,w);return u.push(b),b},d={k:h(n,"k"),v:h(i,"v")},m={kvHeads:this.kvHeads,maxLength:this.maxLength,n:a.n,slot:l,strides:a.strides,rope:a.rope?{frequencies:a.rope.frequencies,angles:a.rope.angles,positions:a.rope.positions??{kind:"range",start:l}}:null};try{let g=wr(s,m,c,A,d,this.chunks);g.temps.push(...u),s.submit(g)}catch(g){for(let w of u)w.destroy();throw g}}),f())})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,r=this.headDim,o=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let l=this.length,f=l*r*o;if(l===0)return{length:l,target:null,bytes:0};let u=[];for(let d of["k","v"])for(let m of this.chunks)for(let g=0;g<m.n;g++){let w=g*this.maxLength*r*o;u.push({buffer:m[d],offset:w,size:f})}let h=await e.guarded("the KV-cache download",()=>e.gather(u));return{length:l,target:h,bytes:2*s*f}}),i=Object.freeze([this.batch,this.kvHeads,n.length,r]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,A=l=>this.precision==="f16"?Ue(new Uint16Array(l)):new Float32Array(l);return{k:{shape:i,data:A(a.slice(0,c))},v:{shape:i,data:A(a.slice(c))}}}reset(){this.live(),this.#r++,this.clear()}destroy(){if(this.markDestroyed()){this.#r++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var Be=256,Ee=64,kt={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},be="array<f32>",Qe={scores:te({name:"naive scores",uniforms:kt,bindings:{q:H("Q",be),k:H("K",be),slopes:H("SL",be),scores:J("S",be)}}),softmax:te({name:"naive softmax",uniforms:kt,bindings:{scores:J("S",be)}}),pv:te({name:"naive pv",uniforms:kt,bindings:{scores:H("S",be),v:H("V",be),o:J("O",be)}})},br=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function no(t){return t==="scores"?`// naive:scores
${Qe.scores.wgsl}${br}
@compute @workgroup_size(${Be})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Be}u + lid;
  if (idx >= P.rows * P.sk) {
    return;
  }
  let c = rowCoords(P.rowBase + idx / P.sk);
  let j = idx % P.sk;
  let kvh = c.y / P.group;
  let aligned = i32(c.z) + i32(P.sk) - i32(P.sq);
  var value = ${ee};
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
${Qe.softmax.wgsl}var<workgroup> red: array<f32, ${Ee}>;
@compute @workgroup_size(${Ee})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${ee};
  for (var j = lid; j < P.sk; j += ${Ee}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${Ee/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${Ee}u) {
    let s = S[base + j];
    sum += select(0.0, exp(s - m), s > ${ee/2});
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${Ee/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = select(0.0, 1.0 / total, total > 0.0);
  for (var j = lid; j < P.sk; j += ${Ee}u) {
    let s = S[base + j];
    S[base + j] = select(0.0, exp(s - m) * inv, s > ${ee/2});
  }
}
`:`// naive:pv
${Qe.pv.wgsl}${br}
@compute @workgroup_size(${Be})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Be}u + lid;
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
`}function Ir(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>no(e))))}function $r(t,e,r,o){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:A}=e,l=n*i*a;if(l===0||c===0)return s;let f=t.limits,u=f.maxStorageBufferBindingSize;for(let[B,k]of[["q",o.q],["k",o.k],["v",o.v]])if(k.size>u)throw new RangeError(`Cannot run the naive kernel: ${B} (${k.size} bytes) exceeds maxStorageBufferBindingSize (${u} bytes); it is a small-size baseline, use the flash kernel`);let h=c*4;if(h>u)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${u} bytes)`);let d=me(Be,f),m=Math.max(1,Math.min(l,Math.floor(u/h),Math.floor(d/c),Math.floor(d/A),f.maxComputeWorkgroupsPerDimension**2)),g=t.buffer(m*h,"naive scores");s.temps.push(g);let w=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(w);let[b,P,S]=r,Q=e.qStrides,C=e.kStrides;for(let B=0;B<l;B+=m){let k=Math.min(m,l-B),v={rowBase:B,rows:k,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:Q.batch,qH:Q.heads,qS:Q.seq,dim:A,kB:C.batch,kH:C.heads,kS:C.seq,scale:e.scale},[M,O,_]=[k*c/Be,k,k*A/Be].map(y=>ae(Math.ceil(y),f)),K=(y,I,[$,E],z)=>s.dispatches.push({pipeline:y,bindGroup:t.bind(y,I,{...v,gridX:$},z,s.temps),grid:[$,E,1]});K(b,Qe.scores,M,{q:{buffer:o.q},k:{buffer:o.k},slopes:{buffer:w},scores:{buffer:g}}),K(P,Qe.softmax,O,{scores:{buffer:g}}),K(S,Qe.pv,_,{scores:{buffer:g},v:{buffer:o.v},o:{buffer:o.o}})}return s}var Je=256,io={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function kr(t){return te({name:"rope",uniforms:io,bindings:{x:t?J("X","array<f32>"):H("X","array<f32>"),table:H("T","array<vec2<f32>>"),y:t?null:J("Y","array<f32>")}})}function ao(t){let e=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
${kr(t).wgsl}
@compute @workgroup_size(${Je})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Je}u + lid;
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
`}function yt(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>ao(e))}function Xe(t,e,r,o,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:A}=e,l=i*a*c;if(l===0||A===0)return n;let f=e.frequencies.invFreq.length,u=f+(s?A-2*f:0),h=t.limits,d=we(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);d.temp&&n.temps.push(d.buffer);let m=d.sides[0],g=e.layout==="bhsd"?{b:a*c*A,h:c*A,s:A}:{b:c*a*A,h:A,s:a*A},w=Math.max(1,Math.floor(me(Je,h)/Math.max(1,u))),b=ge(l,w,(S,Q)=>oe(ie(S*A,(S+Q)*A,h),h),()=>new RangeError(`Cannot rotate: one row of ${A} elements exceeds the device's maxStorageBufferBindingSize`)),P=kr(s===null);for(let[S,Q]of b){let C=ie(S*A,(S+Q)*A,h),B=Q*u,[k,v]=ae(Math.ceil(B/Je),h),M={items:B,perRow:u,rh:f,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:S,xB:g.b,xH:g.h,xS:g.s,xOff:C.base,oB:g.b,oH:g.h,oS:g.s,oOff:C.base,tab:m.tab,tabB:m.tabB,gridX:k},O=t.bind(r,P,M,{x:{buffer:o,offset:C.offset,size:C.size},table:{buffer:d.buffer},...s?{y:{buffer:s,offset:C.offset,size:C.size}}:{}},n.temps);n.dispatches.push({pipeline:r,bindGroup:O,grid:[k,v,1]})}return n}var Ve=t=>t==="f16"?2:4,Ze=class extends Pe{info;#e;cacheClass=Fe;constructor(e,r){super(),this.#e=e,this.info=Object.freeze(r)}failure(){return this.#e.failure}#t(e,r,o="f32"){return new W(this,e,r,this.alive,o==="f16"?"float16":"float32")}#r(e,r){return r==="f16"?$t(e):e}#o(e,r,o){return r==="f16"?Ue(new Uint16Array(e),o):new Float32Array(e)}#s(e,r,o,s="f32"){if(e instanceof W)return e.buffer;let n=this.#e.upload(this.#r(e.data,s),o);return r.push(n),n}elementsOf(e,r,o,s){let n=De("precision",s.precision,this.info.f16),i=a=>a instanceof W?ve(a):n;return{q:i(e),k:i(r),v:i(o),o:i(e)}}async runAttention(e){let r=this.#e,{plan:o,elements:s}=e,n=await this.#n(e);this.live(),this.checkOperands(e.args);let i=ke(o.qShape),a=i*Ve(s.o),c=r.buffer(a,"attention output"),A=e.q instanceof W,l=await r.guarded("the attention dispatch",()=>{let u=n(e.q,e.k,e.v,c),h=A?void 0:{source:c,bytes:a},d=r.submit(u,h);return A||c.destroy(),d});if(A)return this.#t(o.qShape,c,s.o);let f=this.#o(await r.read(l,a),s.o,i);return{shape:Object.freeze([...o.qShape]),data:f}}async timeAttention(e,r,o,s){let n=this.#e,i=await this.#n(e);this.live();let a=n.buffer(ke(e.plan.qShape)*Ve(e.elements.o),"attention output"),c=await n.guarded("the attention dispatch",()=>i(e.q,e.k,e.v,a));try{let A=await n.profile(c,r,o);return{seconds:A.seconds,iterations:r,source:A.source}}finally{n.release(c),a.destroy()}}#n(e){return e.kernel==="flash"?this.#a(e.plan,e.elements):this.#c(e.plan,e.elements)}async#a(e,r){let o=this.#e,s=cr(o,e,r),n=await Ar(o,s);return(i,a,c,A)=>{let l=[],f={q:this.#s(i,l,"q",r.q),k:this.#s(a,l,"k",r.k),v:this.#s(c,l,"v",r.v),o:A},u=fr(o,e,s,n,f);return{dispatches:u.dispatches,temps:[...l,...u.temps]}}}async#c(e,r){let o=this.#e,s=Object.entries(r).find(([,a])=>a==="f16");if(s)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${s[0]==="o"?"output":s[0]}; use the flash kernel`);let[n,i]=await Promise.all([Ir(o),e.rope?yt(o,!1):Promise.resolve(null)]);return(a,c,A,l)=>{let f=[],u=[],h=this.#s(a,f,"q"),d=this.#s(c,f,"k"),m=this.#s(A,f,"v");if(e.rope&&i){let w=e.rope,b=(P,S,Q,C)=>{let B={layout:e.layout,batch:e.batch,heads:S,seq:Q,headDim:e.headDim,frequencies:w.frequencies,pairing:w.pairing,angles:w.angles,positions:P},k=o.buffer(e.batch*S*Q*e.headDim*4,"rotated");f.push(k);let v=Xe(o,B,i,C,k);return u.push(...v.dispatches),f.push(...v.temps),k};h=b(w.query,e.heads,e.qSeq,h),d=b(w.key,e.kvHeads,e.kSeq,d)}let g=$r(o,e,n,{q:h,k:d,v:m,o:l});return{dispatches:[...u,...g.dispatches],temps:[...f,...g.temps]}}}async runRope(e){let r=this.#e,{x:o,call:s,inPlace:n}=e;if(ve(o)==="f16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)");let i=o instanceof W,a=await yt(r,n||!i);this.live(),U("x",e.arg,this);let c=ke(o.shape)*4;if(i){let u=o.buffer,h=n?null:r.buffer(c,"rotated");return await r.guarded("the RoPE dispatch",()=>{r.submit(Xe(r,s,a,u,h))}),h?this.#t(o.shape,h):o}let A=o,l=await r.guarded("the RoPE dispatch",()=>{let u=r.upload(A.data,"x"),h=Xe(r,s,a,u,null);return h.temps.push(u),r.submit(h,{source:u,bytes:c})}),f=new Float32Array(await r.read(l,c));return n?(A.data.set(f),A):{shape:Object.freeze([...A.shape]),data:f}}store(e,r){let o=this.#e.upload(this.#r(e.data,r),"tensor");return this.#t(e.shape,o,r)}async read(e){let r=this.#e,o=ke(e.shape),s=o*e.elementBytes,n=await r.guarded("the download",()=>r.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),i=this.#o(await r.read(n,s),ve(e),o);return{shape:Object.freeze([...e.shape]),data:i}}idle(){return this.#e.idle()}async makeCache(e,r){return await Fe.create(this.#e,this,this.alive,e,r)}prepareDecode(e){let r=ve(e.q),o={q:r,kv:e.cache.precision,o:r};return{...e,elements:o,params:rr(this.#e,e.plan,o)}}async runDecode(e){let r=this.#e,{plan:o,elements:s}=e,n=ke(o.qShape),i=n*Ve(s.o),a=e.q instanceof W,{output:c,target:A}=await e.cache.schedule("decode",()=>mt(r,e.params),async f=>{this.live(),U("q",e.arg,this);let u=r.buffer(i,"decode output"),h=await r.guarded("the decode dispatch",()=>{let{job:d}=this.#i(e,f,u),m=a?void 0:{source:u,bytes:i},g=r.submit(d,m);return a||u.destroy(),g}).catch(d=>{throw u.destroy(),d});return{output:u,target:h}});if(a)return this.#t(o.qShape,c,s.o);let l=this.#o(await r.read(A,i),s.o,n);return{shape:Object.freeze([...o.qShape]),data:l}}#i(e,r,o){let s=this.#e,{cache:n,plan:i,params:a}=e;Ge(i,n.length,n.ropeState);let c=or(s,i,a,n.length,this.info.decodeWorkgroups??1),A=[],l=this.#s(e.q,A,"q");try{let f=sr(s,i,a,r,n.view(),c,{q:l,o});return f.temps.push(...A),{job:f,splits:c.splits}}catch(f){for(let u of A)u.destroy();throw f}}async timeDecode(e,r,o){let s=this.#e,n=ke(e.plan.qShape)*Ve(e.elements.o),{job:i,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>mt(s,e.params),async A=>{this.live(),U("q",e.arg,this);let l=s.buffer(n,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#i(e,A,l)),output:l}}catch(f){throw l.destroy(),f}});try{let A=await s.profile(i,r,o);return{seconds:A.seconds,iterations:r,source:A.source,splits:a}}finally{s.release(i),c.destroy()}}destroy(){this.#e.failure||(this.#e.fail(Re),this.#e.ownsDevice&&this.#e.device.destroy())}};var co="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",Ao="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",fo='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',uo=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],lo='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function ho(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function po(t,e){let r=t.limits,o=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(X(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${T(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:o("maxStorageBufferBindingSize",r.maxStorageBufferBindingSize,256,4),maxBufferSize:r.maxBufferSize,maxComputeWorkgroupStorageSize:o("maxComputeWorkgroupStorageSize",r.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(r.maxComputeInvocationsPerWorkgroup,r.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:o("maxComputeWorkgroupsPerDimension",r.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:r.minStorageBufferOffsetAlignment}}var go=8;function mo(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,go):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${T(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${T(t)}`);return t}async function jn(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${T(t)}`);let e=Y("fallback",t.fallback??"none",{allowed:["none","cpu"]}),r=t.limits??{};if(r===null||typeof r!="object")throw new TypeError(`Invalid limits: expected an object, got ${T(r)}`);let o=t.decodeWorkgroups===void 0?void 0:X("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:mo(t.threads),n=t.device,i=!1,a;if(!n){let d=t.adapter,m=Ao;if(!d){let b=globalThis.navigator?.gpu;b?d=await b.requestAdapter():m=co}if(!d){if(e==="cpu")return new Ke(m,s);throw new Error(`${m}. ${fo}.`)}let g={};for(let b of uo)g[b]=d.limits[b];let w=[];d.features.has("timestamp-query")&&w.push("timestamp-query"),d.features.has("shader-f16")&&w.push("shader-f16");try{n=await d.requestDevice({requiredLimits:g,requiredFeatures:w})}catch(b){throw new Error(`Requesting a WebGPU device failed: ${b instanceof Error?b.message:String(b)}`,{cause:b})}i=!0,a=d.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,A=o??ho(c),l;try{l=po(n,r)}catch(d){throw i&&n.destroy(),d}let f=n.features.has("shader-f16")?await dr(n):{available:!1,detail:lo},u=new je(n,i,l,f.available),h=[];return u.timestamps&&h.push("timestamp-query"),f.available&&h.push("shader-f16"),new Ze(u,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:h,f16:Object.freeze({...f}),decodeWorkgroups:A,tier:u.tier,limits:u.limits,fallbackReason:null,threads:null})}export{Ho as attentionCpu,xo as attentionReference,jn as createGpuAttention};
