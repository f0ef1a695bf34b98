import{d as G,g as X,h as me,i as N,j as ee,l as yt,q as Et,r as Je}from"./chunk-NYHUZBXW.js";var ue=2**24;function fe(t,e,r){return yt(e,r,{name:t})}function ye(t,e,r,o,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${G(e)}`);if(e.length!==r&&e.length!==o*r)throw new RangeError(`Invalid ${t}: expected ${r} positions (one per token) or ${o*r} (batch x tokens), got ${e.length}`);let n=s?ue:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=X(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==r}}function kr(t,e,r,o,s){let n=e?s:1,i=new Float64Array(n*o);for(let a=0;a<n;a++)i.set(t.subarray(a*r+r-o,a*r+r),a*o);return{kind:"list",list:i,perBatch:e}}function Pe(t,e){let r=e;if(r===null||typeof r!="object"||!(r.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${G(r)}`);let o=r.invFreq;if(o.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<o.length;s++)me(`${t}.invFreq[${s}]`,o[s],{min:0});return me(`${t}.attentionFactor`,r.attentionFactor,{min:0,exclusiveMin:!0}),r}function yr(t,e,r,o,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${G(t)}`);let n=Pe("rope.frequencies",t.frequencies),i=n.invFreq,a=2*i.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${i.length} frequencies), got ${G(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${i.length} frequencies) exceeds the head dim ${e}`);let c=N("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),A=N("rope.angles",t.angles??"float32",{allowed:["float32","float64"]}),h=A==="float32",f=h?ue:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let l,d;if(t.queryPositions!==void 0&&(d=ye("rope.queryPositions",t.queryPositions,o,r,h)),t.positions!==void 0){let u=ye("rope.positions",t.positions,s,r,h);if(l=u,!d){if(o>s)throw new RangeError(`Invalid rope.positions: q has ${o} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);d=kr(u.list,u.perBatch,s,o,r)}}else{let u=X("rope.offset",t.offset??0,{min:0});if(u+Math.max(s,1)-1>f)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${u+s-1}, above ${f} (the largest position with angles "${A}")`);if(l={kind:"range",start:u},!d){let p=u+s-o;if(p<0)throw new RangeError(`Invalid rope.offset: q has ${o} tokens and k ${s}, so bottom-right aligned queries would start at position ${p}; pass rope.offset >= ${o-s} or rope.queryPositions`);d={kind:"range",start:p}}}return{frequencies:n,pairing:c,rotaryDim:a,angles:A,query:d,key:l}}function Xe(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${G(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let r=new Float32Array(t.length);for(let o=0;o<t.length;o++)r[o]=me(`alibiSlopes[${o}]`,t[o]);return r}function Ae(t,e,r,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${G(o)}`);let s=N("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=fe("q",t,s),i=fe("k",e,s),a=fe("v",r,s);if(n.heads<1||n.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${G(t.shape)}`);if(i.batch!==n.batch)throw new RangeError(`Invalid k: expected batch ${n.batch} (as q), got ${i.batch}`);if(a.batch!==n.batch)throw new RangeError(`Invalid v: expected batch ${n.batch} (as q), got ${a.batch}`);if(i.headDim!==n.headDim)throw new RangeError(`Invalid k: expected head dim ${n.headDim} (as q), got ${i.headDim}`);if(a.headDim!==n.headDim)throw new RangeError(`Invalid v: expected head dim ${n.headDim} (as q), got ${a.headDim}`);if(a.seq!==i.seq)throw new RangeError(`Invalid v: expected ${i.seq} tokens (as k), got ${a.seq}`);if(a.heads!==i.heads)throw new RangeError(`Invalid v: expected ${i.heads} heads (as k), got ${a.heads}`);if(i.heads<1||n.heads%i.heads!==0)throw new RangeError(`Invalid k: q has ${n.heads} heads, which is not a multiple of k's ${i.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let c=o.causal??!1;if(typeof c!="boolean")throw new TypeError(`Invalid causal: expected a boolean, got ${G(c)}`);let A=o.scale===void 0?1/Math.sqrt(n.headDim):me("scale",o.scale),h=Xe(o.alibiSlopes,n.heads),f=o.rope===void 0?null:yr(o.rope,n.headDim,n.batch,n.seq,i.seq);return{layout:s,batch:n.batch,heads:n.heads,kvHeads:i.heads,group:n.heads/i.heads,qSeq:n.seq,kSeq:i.seq,headDim:n.headDim,qShape:[...t.shape],qStrides:n.strides,kStrides:i.strides,causal:c,scale:A,rope:f,alibi:h}}function Bt(t,e,r,o,s,n){let i=n==="float32";if(e!==void 0&&r!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return ye(`${t}positions`,e,o,s,i);let a=X(`${t}offset`,r??0,{min:0}),c=i?ue:Number.MAX_SAFE_INTEGER;if(a+Math.max(o,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+o-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function Fe(t,e,r){let o=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=Et(t,o,{angles:r}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function V(t,e,r){let{layout:o,pairing:s,angles:n,positions:i}=r;return i.kind==="range"?Je(t,e,{layout:o,pairing:s,angles:n,offset:i.start}):Je(t,e,{layout:o,pairing:s,angles:n,positions:i.list})}function Ct(t,e,r,o){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:A,causal:h,scale:f,alibi:l}=t,d=e,u=r;if(t.rope){let{frequencies:D,pairing:x,angles:C}=t.rope;d=V(e,D,{layout:t.layout,pairing:x,angles:C,positions:t.rope.query}),u=V(r,D,{layout:t.layout,pairing:x,angles:C,positions:t.rope.key})}let p=t.qStrides,g=t.kStrides,$=new Float32Array(e.data.length),y=new Float64Array(c),b=new Float64Array(A),B=d.data,v=u.data,q=o.data;for(let D=0;D<s;D++)for(let x=0;x<n;x++){let C=Math.floor(x/i),Q=l?l[x]:0;for(let S=0;S<a;S++){let O=S+c-a,L=h?Math.min(c,Math.max(0,O+1)):c,Y=D*p.batch+x*p.heads+S*p.seq;if(L===0)continue;let R=-1/0;for(let w=0;w<L;w++){let I=D*g.batch+C*g.heads+w*g.seq,k=0;for(let j=0;j<A;j++)k+=B[Y+j]*v[I+j];let M=f*k-Q*Math.abs(O-w);y[w]=M,M>R&&(R=M)}b.fill(0);let E=0;for(let w=0;w<L;w++){let I=Math.exp(y[w]-R);E+=I;let k=D*g.batch+C*g.heads+w*g.seq;for(let M=0;M<A;M++)b[M]=b[M]+I*q[k+M]}for(let w=0;w<A;w++)$[Y+w]=b[w]/E}}return{shape:Object.freeze([...e.shape]),data:$}}function vo(t,e,r,o={}){ee("q",t),ee("k",e),ee("v",r);let s=Ae(t,e,r,o);return Ct(s,t,e,r)}var Pt=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKyBYHhAQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsgCiAU/YUCIQsgCyAKIBX9hQIhCyALIAog","Fv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQ","aiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0A","Cwu+BAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI/QwAAAAAAAAAAAAAAAAAAAAAIQn9","DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAAAAAAAAAAIQz9DAAAAAAAAAAAAAAA","AAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEGA0AgAf0ABAAhECAB/QAEECERIAb9","CQIAIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIEIRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIIIRIgEiAQIAz9","hQIhDCASIBEgDf2FAiENIAb9CQIMIRIgEiAQIA79hQIhDiASIBEgD/2FAiEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIg","ECAI/YUCIQggEiARIAn9hQIhCSAG/QkCFCESIBIgECAK/YUCIQogEiARIAv9hQIhCyAG/QkCGCESIBIgECAM/YUCIQwgEiAR","IA39hQIhDSAG/QkCHCESIBIgECAO/YUCIQ4gEiARIA/9hQIhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ","/QsEECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0A","CwugAwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAA","BAAAAAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eABIAj9AAQA/YUC/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhAL2AQCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAWIA79hQIhDiAYIBcgD/2FAiEPIAj9CQKAAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkCgAQhGCAYIBYg","Ev2FAiESIBggFyAT/YUCIRMgCP0JAoAGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAK/QAEACEWIAr9AAQQIRcg","CP0JAgQhGCAYIBYgDv2FAiEOIBggFyAP/YUCIQ8gCP0JAoQCIRggGCAWIBD9hQIhECAYIBcgEf2FAiERIAj9CQKEBCEYIBgg","FiAS/YUCIRIgGCAXIBP9hQIhEyAI/QkChAYhGCAYIBYgFP2FAiEUIBggFyAV/YUCIRUgCiAGaiEKIAhBCGohCCAIIAlJDQAL","IAIgB2ogDv0LBAAgAiAHaiAP/QsEECALIBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAH","QSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtq","IRAgECALSgRAIAshEAsLIAQgD0EIdGogBSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEP","IA9BBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0A","BJAI/eQB/QsEICAEIAIgCCAObGogAyAGIAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQL","fwF9AXsCfyAFQQJ0IQogCkECdCELIARBwAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQ","SwRAQRAhDQsgAyAMIApsakEAIA0gC2z8CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0M","AAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEBaiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFB","ACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQBSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIAps","aiABIAIgAyAPIApsaiAEIBQgDkEwbGogBSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAh","DgNAIBQgDkECdkEwbCAOQQNxQQJ0amoqAiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApq","IRgDQCAXIBf9AAQAIBb95gH9CwQAIBdBEGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join(""),xt=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKwBcHmQQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3kASELIAsgCv3mASAU/eQBIQsgCyAK/eYB","IBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEH","IAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EE","aiEDIARBBGohBCACQQFrIQIgAg0ACwvuBAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI","/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAA","AAAAAAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEG","A0AgAf0ABAAhECAB/QAEECERIAb9CQIAIRIgEiAQ/eYBIAj95AEhCCASIBH95gEgCf3kASEJIAb9CQIEIRIgEiAQ/eYBIAr9","5AEhCiASIBH95gEgC/3kASELIAb9CQIIIRIgEiAQ/eYBIAz95AEhDCASIBH95gEgDf3kASENIAb9CQIMIRIgEiAQ/eYBIA79","5AEhDiASIBH95gEgD/3kASEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIgEP3mASAI/eQBIQggEiAR/eYBIAn95AEhCSAG","/QkCFCESIBIgEP3mASAK/eQBIQogEiAR/eYBIAv95AEhCyAG/QkCGCESIBIgEP3mASAM/eQBIQwgEiAR/eYBIA395AEhDSAG","/QkCHCESIBIgEP3mASAO/eQBIQ4gEiAR/eYBIA/95AEhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ/QsE","ECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0ACwuj","AwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAABAAA","AAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eAB/eYBIAj9AAQA/eQB/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhALiAUCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAW/eYBIA795AEhDiAYIBf95gEgD/3kASEPIAj9CQKAAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI","/QkCgAQhGCAYIBb95gEgEv3kASESIBggF/3mASAT/eQBIRMgCP0JAoAGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEV","IAogBmohCiAK/QAEACEWIAr9AAQQIRcgCP0JAgQhGCAYIBb95gEgDv3kASEOIBggF/3mASAP/eQBIQ8gCP0JAoQCIRggGCAW","/eYBIBD95AEhECAYIBf95gEgEf3kASERIAj9CQKEBCEYIBggFv3mASAS/eQBIRIgGCAX/eYBIBP95AEhEyAI/QkChAYhGCAY","IBb95gEgFP3kASEUIBggF/3mASAV/eQBIRUgCiAGaiEKIAhBCGohCCAIIAlJDQALIAIgB2ogDv0LBAAgAiAHaiAP/QsEECAL","IBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAHQSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0","IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtqIRAgECALSgRAIAshEAsLIAQgD0EIdGog","BSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEPIA9BBEkNAAsgBCAHQQJ0QQQgBEGACGog","BEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAEIAIgCCAObGogAyAG","IAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQLfwF9AXsCfyAFQQJ0IQogCkECdCELIARB","wAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQSwRAQRAhDQsgAyAMIApsakEAIA0gC2z8","CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0MAAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEB","aiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFBACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQ","BSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIApsaiABIAIgAyAPIApsaiAEIBQgDkEwbGog","BSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAhDgNAIBQgDkECdkEwbCAOQQNxQQJ0amoq","AiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApqIRgDQCAXIBf9AAQAIBb95gH9CwQAIBdB","EGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join("");var Qe=512,be=class{name;#e;#t;#r;constructor(e,r){let o=new WebAssembly.Instance(e);this.name=r,this.#e=o.exports.memory,this.#t=o.exports.attendHead,this.#r=new Float32Array(this.#e.buffer)}reserve(e){let r=e*4,o=this.#e.buffer.byteLength;if(r>o){let s=Math.ceil((r-o)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${r} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#r.buffer!==this.#e.buffer&&(this.#r=new Float32Array(this.#e.buffer)),this.#r}attendHead(e,r,o,s,n,i,a,c,A){this.#t(4*e,4*r,4*o,4*s,0,n,i,a,c?1:0,A)}},xe=class{name="js";#e=new Float32Array(Qe);#t=new Float64Array(0);#r=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,r,o,s,n,i,a,c,A){let h=this.#e;this.#t.length<a&&(this.#t=new Float64Array(a)),this.#r.length<n&&(this.#r=new Float64Array(n));let f=this.#t,l=this.#r,d=Math.fround;for(let u=0;u<i;u++){let p=u+a-i,g=c?Math.min(a,p+1):a,$=s+u*n;if(g<=0){h.fill(0,$,$+n);continue}let y=e+(u>>2)*n*4+(u&3),b=-1/0;for(let v=0;v<g;v++){let q=r+(v>>3)*n*8+(v&7),D=0;for(let C=0;C<n;C++)D+=h[y+4*C]*h[q+8*C];let x=A===0?D:D-d(A)*Math.abs(p-v);f[v]=x,x>b&&(b=x)}l.fill(0);let B=0;for(let v=0;v<g;v++){let q=Math.exp((f[v]-b)*Math.LN2);B+=q;let D=o+v*n;for(let x=0;x<n;x++)l[x]=l[x]+q*h[D+x]}for(let v=0;v<n;v++)h[$+v]=l[v]/B}}};function Er(t){let e=atob(t),r=new Uint8Array(e.length);for(let o=0;o<e.length;o++)r[o]=e.charCodeAt(o);return r}var Qt;function St(t){if(typeof WebAssembly!="object")return null;let e=Er(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function Ze(){return Qt??={relaxed:St(Pt),plain:St(xt)},Qt}var Ve;function qt(){if(!Ve){let{relaxed:t,plain:e}=Ze();Ve=t?new be(t,"relaxed-simd"):e?new be(e,"simd"):new xe}return Ve}var Dt=new WeakMap;function Rt(t,e){Dt.set(t,e)}function we(t,e,r,o,s=qt(),n){let{batch:i,group:a,kvHeads:c,qSeq:A,kSeq:h,headDim:f,causal:l,scale:d,alibi:u}=t,p=e,g=r;if(t.rope){let{frequencies:j,pairing:W,angles:z}=t.rope,U=t.layout;p=V(e,j,{layout:U,pairing:W,angles:z,positions:t.rope.query}),g=V(r,j,{layout:U,pairing:W,angles:z,positions:t.rope.key})}let $=n===void 0&&!t.rope?Dt.get(r.data):void 0;if($&&$.length===h&&$.batch===i&&$.kvHeads===c&&$.headDim===f&&A>0&&h>0)return Br(t,e,$);let y=n?.into??new Float32Array(e.data.length);if(A===0||h===0)return{shape:Object.freeze([...e.shape]),data:y};let b=f+7&-8,B=h+7&-8,v=A+3&-4,q=Qe,D=q+B*b,x=D+B*b,C=x+v*b,Q=s.reserve(C+v*b),S=t.qStrides,O=t.kStrides,L=p.data,Y=g.data,R=o.data,E=Math.fround,w=E(d*Math.LOG2E),I=O.seq===f&&f===b,k=S.seq===f&&f===b,M=n?.ranges??Array.from({length:i},(j,W)=>({batch:W,kv0:0,kv1:c}));for(let{batch:j,kv0:W,kv1:z}of M)for(let U=W;U<z;U++){let ne=j*O.batch+U*O.heads;for(let m=0;m<B;m++){let P=q+(m>>3)*b*8+(m&7),F=ne+m*O.seq,H=m<h?f:0;for(let T=0;T<H;T++)Q[P+8*T]=Y[F+T];for(let T=H;T<b;T++)Q[P+8*T]=0}if(I)Q.set(R.subarray(ne,ne+h*f),D);else for(let m=0;m<h;m++){let P=ne+m*O.seq,F=D+m*b;for(let H=0;H<f;H++)Q[F+H]=R[P+H];for(let H=f;H<b;H++)Q[F+H]=0}Q.fill(0,D+h*b,D+B*b);for(let m=U*a;m<(U+1)*a;m++){let P=j*S.batch+m*S.heads;for(let F=0;F<v;F++){let H=x+(F>>2)*b*4+(F&3),T=P+F*S.seq,J=F<A?f:0;for(let ie=0;ie<J;ie++)Q[H+4*ie]=E(L[T+ie]*w);for(let ie=J;ie<b;ie++)Q[H+4*ie]=0}if(s.attendHead(x,q,D,C,b,A,h,l,u?u[m]*Math.LOG2E:0),k)y.set(Q.subarray(C,C+A*f),P);else for(let F=0;F<A;F++){let H=C+F*b,T=P+F*S.seq;for(let J=0;J<f;J++)y[T+J]=Q[H+J]}}}return{shape:Object.freeze([...e.shape]),data:y}}function Br(t,e,r){let{batch:o,group:s,kvHeads:n,qSeq:i,kSeq:a,headDim:c,causal:A,scale:h,alibi:f}=t,l=r.kernel,d=c+7&-8,u=a+7&-8,p=i===1&&f===null,g=p?s:i,$=g+3&-4,y=r.end,b=y+$*d,B=l.reserve(b+$*d),v=t.qStrides,q=e.data,D=new Float32Array(q.length),x=Math.fround,C=x(h*Math.LOG2E);for(let Q=0;Q<o;Q++)for(let S=0;S<n;S++){let O=Q*n+S,L=r.kAt+O*r.headFloats,Y=r.vAt+O*r.headFloats;for(let E=a;E<u;E++){let w=L+(E>>3)*d*8+(E&7);for(let I=0;I<d;I++)B[w+8*I]=0}B.fill(0,Y+a*d,Y+u*d);let R=p?1:s;for(let E=0;E<R;E++){for(let I=0;I<$;I++){let k=y+(I>>2)*d*4+(I&3),M=S*s+(p?I:E),j=Q*v.batch+M*v.heads+(p?0:I)*v.seq,W=I<g?c:0;for(let z=0;z<W;z++)B[k+4*z]=x(q[j+z]*C);for(let z=W;z<d;z++)B[k+4*z]=0}let w=S*s+E;l.attendHead(y,L,Y,b,d,g,a,A&&!p,f?f[w]*Math.LOG2E:0);for(let I=0;I<g;I++){let k=p?S*s+I:w,M=Q*v.batch+k*v.heads+(p?0:I)*v.seq;D.set(B.subarray(b+I*d,b+I*d+c),M)}}}return{shape:Object.freeze([...e.shape]),data:D}}function Do(t,e,r,o={}){ee("q",t),ee("k",e),ee("v",r);let s=Ae(t,e,r,o);return we(s,t,e,r)}var Se=Object.freeze({T48:49152,T32:32768,T16:16384});function Mt(t){return t>=Se.T48?"T48":t>=Se.T32?"T32":"T16"}function Cr(t){let e=t.headDim/4,r=(e+(t.pad?1:0))*16,o=t.br*r,s=t.bc*r,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return o+s+n+i+a}function Ot(t){let e=[];for(let r=1;r<=t;r++)t%r===0&&e.push(r);return e}function Pr(t,e,r){let o=t*e/r;if(!Number.isInteger(o)||o<1||o>16)return;let s,n=1/0;for(let i of Ot(e)){let a=o/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function xr(t,e,r){let o=t*e/r;if(!Number.isInteger(o)||o<1||o>16)return;let s,n=1/0;for(let i of Ot(e)){let a=o/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var et=512;function Ft(t,e,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>et)return;let o=Se[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>r))for(let c of[64,32,16,8,4])for(let A of[64,32,16,8,4]){let h=Pr(c,A,a),f=xr(c,s,a);if(!(!h||!f))for(let l of[!1,!0])for(let d of[!0,!1]){let[u,p]=h,[g,$]=f,y=Cr({headDim:t,br:c,bc:A,tn:p,sharedKV:l,pad:d});if(y>o)continue;let b=4*u*p/(u+p),B=[c*A,c>=A?1:0,A>=32?1:0,b>=4?1:0,a===128?2:a===64?1:0,b,l?0:1,d?1:0];(!i||Qr(B,i))&&(i=B,n={tier:e,headDim:t,workgroup:a,br:c,bc:A,tm:u,tn:p,om:g,od4:$,sharedKV:l,pad:d,bytes:y})}}return n}function Qr(t,e){for(let r=0;r<t.length;r++)if(t[r]!==e[r])return t[r]>e[r];return!1}var Sr=140,qr=72,tt=9,Ht=1,He=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#t=new Map;#r=null;constructor(e,r,o,s=!1){this.device=e,this.f16=s,this.ownsDevice=r,this.limits=o,this.tier=Mt(o.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),e.lost.then(n=>{this.#r??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#r}fail(e){this.#r??=e}cached(e,r){let o=this.#t.get(e);return o===void 0&&(o=r(),this.#t.set(e,o)),o}setCached(e,r){this.#t.set(e,r)}pipeline(e,r){let o=this.#e.get(e);return o||(o=this.#o(e,r()),this.#e.set(e,o),o.catch(()=>this.#e.delete(e))),o}async#o(e,r){let o=this.device.createShaderModule({code:r,label:e}),n=(await o.getCompilationInfo()).messages.filter(i=>i.type==="error");if(n.length>0)throw new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:o,entryPoint:"main"}})}catch(i){throw new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}buffer(e,r){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${r}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`);return this.device.createBuffer({size:Math.max(16,Math.ceil(e/16)*16),usage:Sr,label:r})}upload(e,r){let o=this.buffer(e.byteLength,r);return e.byteLength>0&&this.device.queue.writeBuffer(o,0,e.buffer,e.byteOffset,e.byteLength),o}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}uniform(e,r){let o=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:qr,label:r});return this.device.queue.writeBuffer(o,0,e),o}encode(e,r){for(let o of r.dispatches)e.setPipeline(o.pipeline),e.setBindGroup(0,o.bindGroup),e.dispatchWorkgroups(o.grid[0],o.grid[1],o.grid[2])}submit(e,r){let o=this.#s(e,r);return this.release(e),o}release(e){for(let r of e.temps)r.destroy()}#s(e,r){let o=this.device.createCommandEncoder();if(e.dispatches.length>0){let n=o.beginComputePass();this.encode(n,e),n.end()}let s;return r&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(r.bytes/16)*16),usage:tt,label:"readback"}),r.bytes>0&&o.copyBufferToBuffer(r.source,0,s,0,Math.ceil(r.bytes/4)*4)),this.device.queue.submit([o.finish()]),s}async guarded(e,r){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let o,s,n=!1;try{o=r()}catch(h){s=h,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,A]=await Promise.all([i,a]);if(n)throw s;if(A)throw new Error(`Out of GPU memory while ${e}: ${A.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return o}async profile(e,r,o){o&&(this.#s(e),await this.idle());let s=this.device.createCommandEncoder(),n,i,a;this.timestamps&&(n=this.device.createQuerySet({type:"timestamp",count:2}),i=this.device.createBuffer({size:16,usage:516}),a=this.device.createBuffer({size:16,usage:tt}));let c=s.beginComputePass(n?{timestampWrites:{querySet:n,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let f=0;f<r;f++)this.encode(c,e);c.end(),n&&i&&a&&(s.resolveQuerySet(n,0,2,i,0),s.copyBufferToBuffer(i,0,a,0,16));let A=performance.now();this.device.queue.submit([s.finish()]),await this.idle();let h=(performance.now()-A)/1e3;try{if(a){await a.mapAsync(Ht);let[f,l]=new BigUint64Array(a.getMappedRange().slice(0));a.unmap();let d=Number(l-f);if(d>0)return{seconds:d/1e9/r,source:"timestamp-query"}}return{seconds:h/r,source:"wall-clock"}}finally{n?.destroy(),i?.destroy(),a?.destroy()}}gather(e){let r=e.reduce((i,a)=>i+a.size,0),o=this.device.createBuffer({size:Math.max(16,Math.ceil(r/16)*16),usage:tt,label:"readback"}),s=this.device.createCommandEncoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,o,n,i.size),n+=i.size;return this.device.queue.submit([s.finish()]),o}async read(e,r){try{return await e.mapAsync(Ht),e.getMappedRange(0,Math.max(16,Math.ceil(r/16)*16)).slice(0,r)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};function re(t,e,r=[]){let o=new ArrayBuffer(Math.ceil(t.length*4/16)*16),s=new DataView(o);return t.forEach((n,i)=>{let a=e[n]??0;if(r.includes(n))s.setFloat32(i*4,a,!0);else{if(!Number.isInteger(a)||a<0||a>4294967295)throw new RangeError(`Internal error: uniform ${n} = ${a} does not fit an unsigned 32-bit integer`);s.setUint32(i*4,a,!0)}}),o}function oe(t,e){return e==="f32"?r=>`${t}[${r}]`:r=>`vec4<f32>(${t}[${r}])`}function $e(t,e,r,o,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,r=`(${r})`,o=`(${o})`,t.pairing==="interleaved"&&n%4===0)return`if (${o} < ${n/4}u) {
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
    }`}let a=[];for(let c=0;c<4;c++)if(t.pairing==="interleaved"){let A=c^1,h=c%2===0?"-":"+";a.push(`{
        let d = ${o} * 4u + ${c}u;
        if (d < ${n}u) {
          let t = T[${s} * ${i}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${h} x[${A}] * t.y;
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
    }`}var qe=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function Dr(t){let e=[t.q,t.k,t.v,t.o];return e.every(r=>r==="f32")?"":`:${e.join("")}`}var Z=-1e30,rt=["sq","sk","group","kvHeads","causal","numTiles","tileBase","unitBase","qB","qH","qS","qOff","kB","kH","kS","kOff","vB","vH","vS","vOff","oB","oH","oS","oOff","qTab","qTabB","kTab","kTabB","scale2","pad0","pad1","pad2"];function ot(t){let e=["params","q","k","v","o"];return t.rope&&e.push("table"),t.alibi&&e.push("slopes"),e}function st(t){let e=t.tiles,r=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${r}:alibi=${t.alibi}`+Dr(t.elements??qe)}function le(t){return Array.from({length:t},(e,r)=>r)}function Tt(t){let e=t.tiles,r=e.headDim/4,o=e.workgroup,s=e.br,n=e.bc,i=r+(e.pad?1:0),a=e.sharedKV?i:r,c=n+1,A=n/e.tn,h=r/e.od4,f=ot(t),l=m=>f.indexOf(m),d=e.sharedKV?"Ks":"Vs",u=t.elements??qe,p=oe("Q",u.q),g=oe("K",u.k),$=oe("V",u.v),y=[u.q,u.k,u.v,u.o].includes("f16"),b=rt.map(m=>`  ${m}: ${m==="scale2"?"f32":"u32"},`).join(`
`),B=(m,P)=>`for (var e = lid; e < ${m*r}u; e += ${o}u) {
    let r = e / ${r}u;
    let c = e % ${r}u;
    ${P("r","c")}
  }`,v=t.rope?$e(t.rope,p,"base","c","P.qTab + b * P.qTabB + pos"):"",q=t.rope?$e(t.rope,g,"base","c","P.kTab + b * P.kTabB + key"):"",D=B(s,(m,P)=>`let flat = row0 + ${m};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${p(`base + ${P}`)};
      ${v}
    }
    Qs[${m} * ${i}u + ${P}] = x * P.scale2;`),x=B(n,(m,P)=>`let key = k0 + ${m};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${g(`base + ${P}`)};
      ${q}
    }
    Ks[${m} * ${i}u + ${P}] = x;`),C=B(n,(m,P)=>`let key = k0 + ${m};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${$(`b * P.vB + kvh * P.vH + key * P.vS - P.vOff + ${P}`)};
    }
    ${d}[${m} * ${a}u + ${P}] = x;`),Q=le(e.tm),S=le(e.tn),O=le(e.om),L=le(e.od4),Y=Q.flatMap(m=>S.map(P=>`var s${m}_${P} = 0.0;`)).join(" "),R=le(r).map(m=>{let P=Q.map(T=>`let q${T} = Qs[qr${T} + ${m}u];`).join(" "),F=S.map(T=>`let k${T} = Ks[kr${T} + ${m}u];`).join(" "),H=Q.flatMap(T=>S.map(J=>`s${T}_${J} += dot(q${T}, k${J});`)).join(" ");return`{ ${P} ${F} ${H} }`}).join(`
      `),E=Q.flatMap(m=>S.map(P=>{let F=t.alibi?` - sl${m} * f32(abs(qp${m} - i32(key${P})))`:"";return`s${m}_${P} = select(${Z}, s${m}_${P}${F}, ok${m} && key${P} < P.sk && (P.causal == 0u || i32(key${P}) <= qp${m}));`})).join(`
      `),w=Q.map(m=>`Mx[(tr * ${e.tm}u + ${m}u) * ${A}u + tc] = max(${S.map(P=>`s${m}_${P}`).reduce((P,F)=>`max(${P}, ${F})`)}, ${Z});`).join(`
      `),I=(m,P)=>`let ${P} = ${le(A).map(F=>`Mx[${m} * ${A}u + ${F}u]`).reduce((F,H)=>`max(${F}, ${H})`)};`,k=Q.map(m=>{let P=`(tr * ${e.tm}u + ${m}u)`,F=S.map(H=>`let p${H} = select(0.0, exp2(s${m}_${H} - tmax), s${m}_${H} > ${Z/2});
        Ps[${P} * ${c}u + tc + ${H*A}u] = p${H};`).join(`
        `);return`{
        ${I(P,"tmax")}
        ${F}
        Sm[${P} * ${A}u + tc] = ${S.map(H=>`p${H}`).join(" + ")};
      }`}).join(`
      `),M=O.flatMap(m=>L.map(P=>`var o${m}_${P} = vec4<f32>(0.0);`)).join(" "),j=O.map(m=>`var m${m} = ${Z}; var l${m} = 0.0;`).join(" "),W=O.map(m=>{let P=`orow${m}`;return`{
        ${I(P,"tmax")}
        let tsum = ${le(A).map(F=>`Sm[${P} * ${A}u + ${F}u]`).join(" + ")};
        let mnew = max(m${m}, tmax);
        let alpha = exp2(m${m} - mnew);
        beta${m} = exp2(tmax - mnew);
        l${m} = l${m} * alpha + tsum * beta${m};
        m${m} = mnew;
        ${L.map(F=>`o${m}_${F} *= alpha;`).join(" ")}
      }`}).join(`
      `),z=le(n).map(m=>{let P=O.map(T=>`let p${T} = Ps[orow${T} * ${c}u + ${m}u] * beta${T};`).join(" "),F=L.map(T=>`let v${T} = ${d}[${m*a}u + oc + ${T*h}u];`).join(" "),H=O.flatMap(T=>L.map(J=>`o${T}_${J} += p${T} * v${J};`)).join(" ");return`{ ${P} ${F} ${H} }`}).join(`
      `),U=O.map(m=>`{
    let flat = row0 + orow${m};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = select(0.0, 1.0 / l${m}, l${m} > 0.0);
      ${L.map(P=>u.o==="f32"?`O[base + ${P*h}u] = o${m}_${P} * inv;`:`O[base + ${P*h}u] = vec4<f16>(o${m}_${P} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),ne=Q.map(m=>`let flat${m} = row0 + tr * ${e.tm}u + ${m}u;
  let pos${m} = flat${m} / P.group;
  let ok${m} = pos${m} < P.sq;
  let qp${m} = i32(pos${m}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${m} = SL[kvh * P.group + flat${m} % P.group];`:""}`).join(`
  `);return`// ${st(t)}
${y?"enable f16;":""}
struct Params {
${b}
}
@group(0) @binding(${l("params")}) var<uniform> P: Params;
@group(0) @binding(${l("q")}) var<storage, read> Q: array<vec4<${u.q}>>;
@group(0) @binding(${l("k")}) var<storage, read> K: array<vec4<${u.k}>>;
@group(0) @binding(${l("v")}) var<storage, read> V: array<vec4<${u.v}>>;
@group(0) @binding(${l("o")}) var<storage, read_write> O: array<vec4<${u.o}>>;
${t.rope?`@group(0) @binding(${l("table")}) var<storage, read> T: array<vec2<f32>>;`:""}
${t.alibi?`@group(0) @binding(${l("slopes")}) var<storage, read> SL: array<f32>;`:""}

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

  ${D}

  let tr = lid / ${A}u;
  let tc = lid % ${A}u;
  ${Q.map(m=>`let qr${m} = (tr * ${e.tm}u + ${m}u) * ${i}u;`).join(" ")}
  ${S.map(m=>`let kr${m} = (tc + ${m*A}u) * ${i}u;`).join(" ")}
  ${ne}
  let orr = lid / ${h}u;
  let oc = lid % ${h}u;
  ${O.map(m=>`let orow${m} = orr * ${e.om}u + ${m}u;`).join(" ")}
  ${M}
  ${j}
  ${O.map(m=>`var beta${m} = 0.0;`).join(" ")}

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
    ${e.sharedKV?"":C}
    workgroupBarrier();
    {
      ${Y}
      ${R}
      ${S.map(m=>`let key${m} = k0 + tc + ${m*A}u;`).join(" ")}
      ${E}
      ${w}
      workgroupBarrier();
      ${k}
    }
    ${e.sharedKV?C:""}
    workgroupBarrier();
    {
      ${W}
      ${z}
    }
    workgroupBarrier();
  }

  ${U}
}
`}function ae(t,e,r,o=4){let s=Math.max(16,r.minStorageBufferOffsetAlignment),n=Math.floor(t*o/s)*s,i=Math.max(4,Math.ceil((e*o-n)/4)*4);return{offset:n,size:i,base:n/o}}function te(t,e){return t.size<=e.maxStorageBufferBindingSize}function he(t,e,r,o){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!r(n,1))throw o(n);let a=1,c=i;if(r(n,c))a=c;else for(;c-a>1;){let A=Math.floor((a+c)/2);r(n,A)?a=A:c=A}s.push([n,a]),n+=a}return s}function ce(t,e){let r=e.maxComputeWorkgroupsPerDimension;if(t<=r)return[Math.max(1,t),1];let o=Math.ceil(t/r);if(o>r)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${r} x ${r}, the device's 2-D grid limit`);return[Math.ceil(t/o),o]}function de(t,e){let r=e.maxComputeWorkgroupsPerDimension;return r*r*t}var Rr=32*1024*1024,Mr=1024;function Or(t,e){return`rope-table|${e}|${t.attentionFactor}|${Array.from(t.invFreq).join(",")}`}function jt(t,e,r){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${r} bytes; rotate in smaller batches`)}function pe(t,e,r,o){let s=e.invFreq.length*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize);if(o.every(f=>f.positions.kind==="range")){let f=o.map($=>$.positions.start),l=Math.min(...f),d=Math.max(...o.map(($,y)=>f[y]+$.seq)),u=Mr;for(;u<d;)u*=2;if(u*s<=Math.min(Rr,n)){let $=Or(e,r),y=t.cached($,()=>null);if(!y||y.rows<d){let b=Fe(e,{start:0,count:u},r);y={rows:u,buffer:t.upload(b,"rope table")},t.setCached($,y)}return{buffer:y.buffer,temp:!1,sides:f.map(b=>({tab:b,tabB:0}))}}let p=Math.max(1,d-l);if(p*s>n)throw jt(p,p*s,n);let g=Fe(e,{start:l,count:p},r);return{buffer:t.upload(g,"rope table"),temp:!0,sides:f.map($=>({tab:$-l,tabB:0}))}}let i=[],a=[],c=0;for(let f of o){let l=f.positions,d=l.kind==="list"?l.list:Float64Array.from({length:f.seq},(u,p)=>l.start+p);a.push({tab:c,tabB:l.kind==="list"&&l.perBatch?f.seq:0}),i.push(d),c+=d.length}let A=new Float64Array(Math.max(1,c)),h=0;for(let f of i)A.set(f,h),h+=f.length;if(A.length*s>n)throw jt(A.length,A.length*s,n);return{buffer:t.upload(Fe(e,A,r),"rope table"),temp:!0,sides:a}}function Lt(t,e,r=qe){let o=Ft(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!o)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:et}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:o,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:r}}function _t(t,e){return t.pipeline(st(e),()=>Tt(e))}function Gt(t,e,r){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${r} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function zt(t,e,r,o,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:A,headDim:h}=e,f={dispatches:[],temps:[]};if(n===0||c===0||A===0)return f;let l=t.limits,d=e.qStrides,u=e.kStrides,p=n*i,g=r.elements??qe,$=R=>R==="f16"?2:4,y=(R,E,w=$(g.q))=>{let[I,k]=[Math.floor(R/i),R%i],M=R+E-1,[j,W]=[Math.floor(M/i),M%i],z=I*d.batch+k*a*d.heads,U=j*d.batch+(W*a+a-1)*d.heads+(c-1)*d.seq+h;return ae(z,U,l,w)},b=(R,E)=>y(R,E,$(g.o)),B=(R,E,w=$(g.k))=>{let I=R+E-1,k=Math.floor(R/i)*u.batch+R%i*u.heads,M=Math.floor(I/i)*u.batch+I%i*u.heads+(A-1)*u.seq+h;return ae(k,M,l,w)},v=(R,E)=>B(R,E,$(g.v)),q=(R,E)=>($(g.q)>=$(g.o)?y:b)(R,E),D=(R,E)=>($(g.k)>=$(g.v)?B:v)(R,E),x=he(p,l.maxComputeWorkgroupsPerDimension,(R,E)=>te(q(R,E),l)&&te(D(R,E),l),R=>{let E=q(R,1);return te(E,l)?Gt("k and v",D(R,1).size,l.maxStorageBufferBindingSize):Gt("q and the output",E.size,l.maxStorageBufferBindingSize)}),C=null;e.rope&&(C=pe(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:A}]),C.temp&&f.temps.push(C.buffer));let Q=null;e.alibi&&(Q=t.upload(e.alibi.map(R=>R*Math.LOG2E),"alibi slopes"),f.temps.push(Q));let S=r.tiles,O=Math.ceil(c*a/S.br),L=l.maxComputeWorkgroupsPerDimension,Y=ot(r);for(let[R,E]of x){let w=y(R,E),I=B(R,E),k=v(R,E),M=b(R,E);for(let j=0;j<O;j+=L){let W={sq:c,sk:A,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:O,tileBase:j,unitBase:R,qB:d.batch/4,qH:d.heads/4,qS:d.seq/4,qOff:w.base/4,kB:u.batch/4,kH:u.heads/4,kS:u.seq/4,kOff:I.base/4,vB:u.batch/4,vH:u.heads/4,vS:u.seq/4,vOff:k.base/4,oB:d.batch/4,oH:d.heads/4,oS:d.seq/4,oOff:M.base/4,qTab:C?.sides[0]?.tab??0,qTabB:C?.sides[0]?.tabB??0,kTab:C?.sides[1]?.tab??0,kTabB:C?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},z=t.uniform(re(rt,W,["scale2"]),"flash params");f.temps.push(z);let U={params:{buffer:z},q:{buffer:s.q,offset:w.offset,size:w.size},k:{buffer:s.k,offset:I.offset,size:I.size},v:{buffer:s.v,offset:k.offset,size:k.size},o:{buffer:s.o,offset:M.offset,size:M.size}};C&&(U.table={buffer:C.buffer}),Q&&(U.slopes={buffer:Q});let ne=t.device.createBindGroup({layout:o.getBindGroupLayout(0),entries:Y.map((P,F)=>({binding:F,resource:U[P]}))}),[m]=ce(Math.min(L,O-j),l);f.dispatches.push({pipeline:o,bindGroup:ne,grid:[m,E,1]})}}return f}var Fr=256,Hr=8;function Tr(t){let e=t.kp*t.ku*t.rb,r=t.lr*(e+1),o=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(r+e+o+s)}function Wt(t,e,r,o=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let l of[1,2,3,4])if(s%l===0&&s/l<=32){n=l;break}let i=s/n,a=Math.min(r==="T16"?64:128,o);if(i>o)return;let c=Math.max(1,Math.floor(a/i)),A=c*i,h=Se[r],f=Math.max(1,Math.min(e,Math.floor(Hr/n)));for(let l=f;l>=1;l--)for(let d=Math.max(1,Math.floor(i/l));d>=1;d--){let u={headDim:t,c:n,lr:i,kp:c,ku:d,rb:l},p=Tr(u);if(p<=h)return{...u,workgroup:A,bytes:p}}}function Ut(t,e,r,o){let s=Math.ceil(r/Math.max(1,e)),n=Math.ceil(t/Fr);return nt(t,Math.max(1,Math.min(s,n,o)))}function nt(t,e){let r=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/r)),keysPerSplit:r}}var it=["sq","group","rows","kvHeads","len","nsplit","keysPerSplit","unitBase","chunkBase","lmax4","direct","statsOff","qB","qH","qS","qOff","oB","oH","oS","oOff","tab","tabB","pad0","scale2"],at=["items","nsplit","rows","group","kvHeads","unitBase","statsOff","gridX","oB","oH","oS","oOff"],De=64;function ct(t){let e=["params","q","k","v","o","w"];return t.rope&&e.push("table"),t.alibi&&e.push("slopes"),e}function At(t){let e=t.tiles,r=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",o=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${r}:alibi=${t.alibi}:${o.q}${o.kv}${o.o}`}function ft(t,e){return`decode-merge:d${t}:${e}`}function ge(t){return Array.from({length:t},(e,r)=>r)}function Te(t){return t.length===0?"0.0":t.join(" + ")}function Kt(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function Yt(t){let e=t.tiles,{c:r,lr:o,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,A=s*n*i,h=A+1,f=s*n,l=t.elements,d=ct(t),u=w=>d.indexOf(w),p=oe("Q",l.q),g=oe("K",l.kv),$=oe("V",l.kv),y=[l.q,l.kv,l.o].includes("f16"),b=ge(i),B=ge(r),v=ge(n),q=it.map(w=>`  ${w}: ${w==="scale2"?"f32":"u32"},`).join(`
`),D=t.rope?$e(t.rope,p,"base","cc","P.tab + b * P.tabB + t"):"",x=b.map(w=>`${B.map(I=>`var q${w}_${I} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${w}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${B.map(I=>`{
        let cc = lr + ${I*o}u;
        var x = ${p("base + cc")};
        ${D}
        q${w}_${I} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),C=b.map(w=>`var m${w} = ${Z}; var l${w} = 0.0; ${B.map(I=>`var a${w}_${I} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),Q=v.map(w=>{let I=b.map(k=>`Red[lr * ${h}u + kp * ${i}u + ${w*s*i+k}u] = ${Te(B.map(M=>`dot(q${k}_${M}, k${w}_${M})`))};`).join(`
      `);return`let kr${w} = kvBase + min(k0 + ${w*s}u + kp, kEnd - 1u) * ${c}u;
      ${B.map(k=>`let k${w}_${k} = ${g(`kr${w} + ${k*o}u`)};`).join(" ")}
      ${B.map(k=>`let v${w}_${k} = ${$(`kr${w} + ${k*o}u`)};`).join(" ")}
      ${I}`}).join(`
      `),S=t.alibi?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          s -= SL[h] * f32(i32(qp) - i32(key));`:"",O=ge(Math.ceil(A/a)).map(w=>{let I=(w+1)*a>A;return`{
        let i = lid + ${w*a}u;
        ${I?`if (i < ${A}u) {`:"{"}
          var s = ${Te(ge(o).map(k=>`Red[${k*h}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${S}
          Sc[i] = select(${Z}, s, key < kEnd && f < P.rows && key <= qp);
        }
      }`}).join(`
      `),L=b.map(w=>{let I=v.map(k=>`s${k}`);return`{
        ${v.map(k=>`let s${k} = Sc[kp * ${i}u + ${k*s*i+w}u];`).join(" ")}
        let mx = max(m${w}, ${I.reduce((k,M)=>`max(${k}, ${M})`)});
        let alpha = exp2(m${w} - mx);
        ${v.map(k=>`let p${k} = select(0.0, exp2(s${k} - mx), s${k} > ${Z/2});`).join(" ")}
        l${w} = l${w} * alpha + ${Te(v.map(k=>`p${k}`))};
        m${w} = mx;
        ${B.map(k=>`a${w}_${k} = a${w}_${k} * alpha + ${Te(v.map(M=>`p${M} * v${M}_${k}`))};`).join(`
        `)}
      }`}).join(`
      `),Y=b.map(w=>`{
    let mr = ${ge(s).map(I=>`Mk[${I*i+w}u]`).reduce((I,k)=>`max(${I}, ${k})`)};
    let g = exp2(m${w} - mr);
    l${w} *= g;
    ${B.map(I=>`a${w}_${I} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${w}u] = mr;
    }
  }`).join(`
  `),R=ge(s).map(w=>`if (kp == ${w}u) {
    ${b.flatMap(I=>B.map(k=>{let M=`${I*c}u + lr + ${k*o}u`;return w===0?`X[${M}] = a${I}_${k};`:`X[${M}] += a${I}_${k};`})).join(`
    `)}
    if (lr == 0u) {
      ${b.map(I=>w===0?`Ls[${I}u] = l${I};`:`Ls[${I}u] += l${I};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),E=ge(Math.ceil(i*c/a)).map(w=>{let I=(w+1)*a>i*c;return`{
    let e = lid + ${w*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${I?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Kt(l.o,"X[e] * select(0.0, 1.0 / total, total > 0.0)")};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${At(t)}
${y?"enable f16;":""}
struct Params {
${q}
}
@group(0) @binding(${u("params")}) var<uniform> P: Params;
@group(0) @binding(${u("q")}) var<storage, read> Q: array<vec4<${l.q}>>;
@group(0) @binding(${u("k")}) var<storage, read> K: array<vec4<${l.kv}>>;
@group(0) @binding(${u("v")}) var<storage, read> V: array<vec4<${l.kv}>>;
@group(0) @binding(${u("o")}) var<storage, read_write> O: array<vec4<${l.o}>>;
@group(0) @binding(${u("w")}) var<storage, read_write> W: array<vec4<f32>>;
${t.rope?`@group(0) @binding(${u("table")}) var<storage, read> T: array<vec2<f32>>;`:""}
${t.alibi?`@group(0) @binding(${u("slopes")}) var<storage, read> SL: array<f32>;`:""}

var<workgroup> Red: array<f32, ${o*h}>;
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
  ${C}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${f}u) {
      ${Q}
    workgroupBarrier();
      ${O}
    workgroupBarrier();
      ${L}
  }

  if (lr == 0u) {
    ${b.map(w=>`Mk[kp * ${i}u + ${w}u] = m${w};`).join(" ")}
  }
  workgroupBarrier();
  ${Y}
  ${R}
  ${E}
}
`}function Nt(t,e){let r=t/4,o=at.map(s=>`  ${s}: u32,`).join(`
`);return`// ${ft(t,e)}
${e==="f16"?"enable f16;":""}
struct Params {
${o}
}
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> W: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> O: array<vec4<${e}>>;

@compute @workgroup_size(${De})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${De}u + lid;
  if (idx >= P.items) {
    return;
  }
  let row = idx / ${r}u;
  let cc = idx % ${r}u;
  let stats = P.statsOff + row * P.nsplit;
  var mx = ${Z};
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Kt(e,"acc * select(0.0, 1.0 / total, total > 0.0)")};
}
`}function Jt(t,e,r){let o=e.group*e.qSeq,s=Wt(e.headDim,o,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:r}}function ut(t,e){let r=e.tiles.headDim,o=e.elements.o;return Promise.all([t.pipeline(At(e),()=>Yt(e)),t.pipeline(ft(r,o),()=>Nt(r,o))])}function Xt(t,e,r,o,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let a=Math.min(o,n);if(e.splits>a)throw new RangeError(`Invalid splits: expected at most ${a} (the cache length ${o}${n<o?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return nt(o,e.splits)}let i=Math.ceil(e.group*e.qSeq/r.tiles.rb);return Ut(o,e.batch*e.kvHeads*i,s,n)}function lt(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function Vt(t,e,r,o,s,n,i){let a={dispatches:[],temps:[]},[c,A]=o,h=t.limits,{kvHeads:f,group:l,qSeq:d,headDim:u}=e,p=u/4,g=l*d,$=r.tiles,y=Math.ceil(g/$.rb),{splits:b,keysPerSplit:B}=n,v=b===1,q=e.qStrides,D=r.elements.q==="f16"?2:4,x=r.elements.o==="f16"?2:4,C=(E,w,I)=>{let k=(z,U)=>Math.floor(z/f)*q.batch+U*q.heads,M=E+w-1,j=k(E,E%f*l),W=k(M,M%f*l+l-1)+(d-1)*q.seq+u;return ae(j,W,h,I)},Q=E=>E*g*b*(p+1)*16,S=null;e.rope&&(S=pe(t,e.rope.frequencies,e.rope.angles,[{positions:lt(e,s.length),seq:d}]),S.temp&&a.temps.push(S.buffer));let O=null;e.alibi&&(O=t.upload(e.alibi.map(E=>E*Math.LOG2E),"alibi slopes"),a.temps.push(O));let L=h.maxComputeWorkgroupsPerDimension,Y=ct(r),R=Math.max(1,Math.floor(de(De,h)/(g*p)));for(let E of s.chunks){let w=he(E.n,Math.min(L,R),(I,k)=>te(C(E.u0+I,k,D),h)&&te(C(E.u0+I,k,x),h)&&(v||Q(k)<=h.maxStorageBufferBindingSize),I=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${C(E.u0+I,1,Math.max(D,x)).size} bytes or their ${b} partial outputs ${Q(1)} bytes, more than maxStorageBufferBindingSize (${h.maxStorageBufferBindingSize} bytes)`));for(let[I,k]of w){let M=E.u0+I,j=C(M,k,D),W=C(M,k,x),z=k*g*b*p,U=t.dummy();v||(U=t.buffer(Q(k),"decode partials"),a.temps.push(U));let ne={sq:d,group:l,rows:g,kvHeads:f,len:s.length,nsplit:b,keysPerSplit:B,unitBase:M,chunkBase:E.u0,lmax4:s.maxLength*p,direct:v?1:0,statsOff:z,qB:q.batch/4,qH:q.heads/4,qS:q.seq/4,qOff:j.base/4,oB:q.batch/4,oH:q.heads/4,oS:q.seq/4,oOff:W.base/4,tab:S?.sides[0]?.tab??0,tabB:S?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E},m=t.uniform(re(it,ne,["scale2"]),"decode params");a.temps.push(m);let P={params:{buffer:m},q:{buffer:i.q,offset:j.offset,size:j.size},k:{buffer:E.k},v:{buffer:E.v},o:{buffer:i.o,offset:W.offset,size:W.size},w:{buffer:U}};if(S&&(P.table={buffer:S.buffer}),O&&(P.slopes={buffer:O}),a.dispatches.push({pipeline:c,bindGroup:t.device.createBindGroup({layout:c.getBindGroupLayout(0),entries:Y.map((ie,vr)=>({binding:vr,resource:P[ie]}))}),grid:[b,k,y]}),v)continue;let F=k*g*p,[H,T]=ce(Math.ceil(F/De),h),J=t.uniform(re(at,{items:F,nsplit:b,rows:g,group:l,kvHeads:f,unitBase:M,statsOff:z,gridX:H,oB:q.batch/4,oH:q.heads/4,oS:q.seq/4,oOff:W.base/4}),"decode merge params");a.temps.push(J),a.dispatches.push({pipeline:A,bindGroup:t.device.createBindGroup({layout:A.getBindGroupLayout(0),entries:[{binding:0,resource:{buffer:J}},{binding:1,resource:{buffer:U}},{binding:2,resource:{buffer:i.o,offset:W.offset,size:W.size}}]}),grid:[H,T,1]})}}return a}var Zt=new Float32Array(1),jr=new Uint32Array(Zt.buffer);function Gr(t){Zt[0]=t;let e=jr[0],r=e>>>16&32768,o=e>>>23&255,s=e&8388607;if(o===255)return r|31744|(s!==0?512:0);let n=o-112;if(n>=31)return r|31744;if(n<=0){if(n<-10)return r;s|=8388608;let c=14-n,A=s>>>c,h=s&(1<<c)-1,f=1<<c-1;return(h>f||h===f&&(A&1)===1)&&A++,r|A}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,r|i}function er(t){let e=(t&32768)!==0?-1:1,r=t>>>10&31,o=t&1023;return r===0?e*o*2**-24:r===31?o!==0?NaN:e*(1/0):e*(1+o/1024)*2**(r-15)}function ht(t){let e=new Uint16Array(t.length+t.length%2);for(let r=0;r<t.length;r++)e[r]=Gr(t[r]);return e}function je(t,e=t.length){let r=new Float32Array(e);for(let o=0;o<e;o++)r[o]=er(t[o]);return r}var se=64;function tr(){return Float32Array.from({length:se},(t,e)=>(e-31)*.125)}var Lr=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${se/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function _r(t,e){let r=tr();for(let o=0;o<se;o++){let s=r[o]*3+.25,n=t[o],i=e[o]===void 0?void 0:er(e[o]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${o} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${se} values was exact`}}async function rr(t){let n=[],i=(a,c)=>{let A=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(A),A};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:Lr,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),A=i(se*2,136),h=i(se*4,132),f=i(se*2,132),l=i(se*4,9),d=i(se*2,9),u=ht(tr());t.queue.writeBuffer(A,0,u.buffer,u.byteOffset,u.byteLength);let p=t.createCommandEncoder(),g=p.beginComputePass();g.setPipeline(c),g.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[A,h,f].map((B,v)=>({binding:v,resource:{buffer:B}}))})),g.dispatchWorkgroups(1),g.end(),p.copyBufferToBuffer(h,0,l,0,se*4),p.copyBufferToBuffer(f,0,d,0,se*2),t.queue.submit([p.finish()]),await Promise.all([l.mapAsync(1),d.mapAsync(1)]);let $=new Float32Array(l.getMappedRange().slice(0)),y=new Uint16Array(d.getMappedRange().slice(0)),b=await t.popErrorScope();return b?{available:!1,detail:`the shader-f16 self-test was rejected: ${b.message}`}:_r($,y)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var Ge=256,or=["items","pad0","kvHeads","unitBase","chunkBase","slot","lmax4","gridX","kB","kH","kS","kOff","vB","vH","vS","vOff","tab","tabB","tokBase","tokCount"];function sr(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function zr(t){let e=t.headDim/4,r=oe("K",t.k),o=oe("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=c=>t.cache==="f32"?c:`vec4<f16>(${c})`,i=or.map(c=>`  ${c}: u32,`).join(`
`),a=t.rope?$e(t.rope,r,"base","c","P.tab + b * P.tabB + s"):"";return`// ${sr(t)}
${s?"enable f16;":""}
struct Params {
${i}
}
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> K: array<vec4<${t.k}>>;
@group(0) @binding(2) var<storage, read> V: array<vec4<${t.v}>>;
@group(0) @binding(3) var<storage, read_write> KC: array<vec4<${t.cache}>>;
@group(0) @binding(4) var<storage, read_write> VC: array<vec4<${t.cache}>>;
${t.rope?"@group(0) @binding(5) var<storage, read> T: array<vec2<f32>>;":""}

@compute @workgroup_size(${Ge})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ge}u + lid;
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
  ${a}
  let dst = (unit - P.chunkBase) * P.lmax4 + (P.slot + s) * ${e}u + c;
  KC[dst] = ${n("x")};
  VC[dst] = ${n(o("b * P.vB + h * P.vH + s * P.vS - P.vOff + c"))};
}
`}function nr(t,e){return t.pipeline(sr(e),()=>zr(e))}function ir(t,e,r,o,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,A=r.headDim,h=A/4;if(a===0)return i;let f=t.limits,l=r.k==="f16"?2:4,d=r.v==="f16"?2:4,u=(b,B,v)=>{let q=b+B-1,D=x=>Math.floor(x/e.kvHeads)*c.batch+x%e.kvHeads*c.heads;return ae(D(b),D(q)+(a-1)*c.seq+A,f,v)},p=null;e.rope&&(p=pe(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),p.temp&&i.temps.push(p.buffer));let g=de(Ge,f),$=Math.min(a,Math.max(1,Math.floor(g/h))),y=Math.max(1,Math.floor(g/($*h)));for(let b of n){let B=he(b.n,y,(v,q)=>te(u(b.u0+v,q,l),f)&&te(u(b.u0+v,q,d),f),v=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${u(b.u0+v,1,Math.max(l,d)).size} bytes, more than maxStorageBufferBindingSize (${f.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[v,q]of B)for(let D=0;D<a;D+=$){let x=Math.min($,a-D),C=b.u0+v,Q=u(C,q,l),S=u(C,q,d),O=q*x*h,[L,Y]=ce(Math.ceil(O/Ge),f),R={items:O,n:a,kvHeads:e.kvHeads,unitBase:C,chunkBase:b.u0,slot:e.slot,lmax4:e.maxLength*h,gridX:L,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:Q.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:S.base/4,tab:p?.sides[0]?.tab??0,tabB:p?.sides[0]?.tabB??0,tokBase:D,tokCount:x},E=t.uniform(re(or,R),"kv append params");i.temps.push(E);let w=[{binding:0,resource:{buffer:E}},{binding:1,resource:{buffer:s.k,offset:Q.offset,size:Q.size}},{binding:2,resource:{buffer:s.v,offset:S.offset,size:S.size}},{binding:3,resource:{buffer:b.k}},{binding:4,resource:{buffer:b.v}}];p&&w.push({binding:5,resource:{buffer:p.buffer}});let I=t.device.createBindGroup({layout:o.getBindGroupLayout(0),entries:w});i.dispatches.push({pipeline:o,bindGroup:I,grid:[L,Y,1]})}}return i}var Ar="This KvCache cannot be used: it was destroyed",fr="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",Wr=512,ar=4;function dt(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${G(e)}`)}function Ee(t,e,r){let o=N(t,e??"f32",{allowed:["f32","f16","auto"]});if(o==="auto")return r.available?"f16":"f32";if(o==="f16"&&!r.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${r.detail}); use "f32", or "auto" to fall back to float32`);return o}function pt(t){dt("options",t);let e=X("batch",t.batch,{min:1}),r=X("kvHeads",t.kvHeads,{min:1}),o=X("headDim",t.headDim,{min:4,max:Wr});if(o%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${o}`);let s=X("maxLength",t.maxLength,{min:1});return{batch:e,kvHeads:r,headDim:o,maxLength:s}}function ur(t,e,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${G(e)}`);let o=Pe(`${t}.frequencies`,e.frequencies),s=2*o.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==s)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${s} (2 x the ${o.invFreq.length} frequencies), got ${G(e.rotaryDim)}`);if(s>r)throw new RangeError(`Invalid ${t}.frequencies: rotary dim ${s} (2 x ${o.invFreq.length} frequencies) exceeds the head dim ${r}`);let n=N(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),i=N(`${t}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),a=`${n}|${i}|${o.attentionFactor}|${Array.from(o.invFreq).join(",")}`;return{frequencies:o,pairing:n,rotaryDim:s,angles:i,fingerprint:a}}function cr(t,e,r,o){let s=fe(t,e,r);if(s.batch!==o.batch)throw new RangeError(`Invalid ${t}: expected batch ${o.batch} (as the cache), got ${s.batch}`);if(s.heads!==o.kvHeads)throw new RangeError(`Invalid ${t}: expected ${o.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==o.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${o.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function Le(t,e,r,o){dt("options",o);let s=N("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=cr("k",e,s,t),i=cr("v",r,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(o.rope!==void 0){let c=ur("rope",o.rope,t.headDim),A=o.rope.positions===void 0?null:ye("rope.positions",o.rope.positions,n.seq,t.batch,c.angles==="float32");a={...c,positions:A}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function lr(t,e,r){if(e+r.n>t.maxLength)throw new RangeError(`Cannot append ${r.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(r.rope&&!r.rope.positions&&r.rope.angles==="float32"){let o=e+r.n-1;if(o>ue)throw new RangeError(`Invalid rope: the last key would sit at position ${o}, above ${ue} (the largest position with angles "float32")`)}}function gt(t,e,r){dt("options",r);let o=N("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=fe("q",e,o);if(s.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${s.batch}`);if(s.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${s.headDim}`);if(s.heads<1||s.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${s.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(s.seq<1||s.seq>ar)throw new RangeError(`Invalid q: expected 1 to ${ar} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${s.seq}`);let n=r.scale===void 0?1/Math.sqrt(s.headDim):me("scale",r.scale),i=Xe(r.alibiSlopes,s.heads),a=null;if(r.rope!==void 0){let A=ur("rope",r.rope,t.headDim),h=r.queryPositions===void 0?null:ye("queryPositions",r.queryPositions,s.seq,s.batch,A.angles==="float32");a={...A,queryPositions:h}}else if(r.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let c=r.splits===void 0?void 0:X("splits",r.splits,{min:1});return{layout:o,batch:s.batch,heads:s.heads,kvHeads:t.kvHeads,group:s.heads/t.kvHeads,qSeq:s.seq,headDim:s.headDim,qShape:[...e.shape],qStrides:s.strides,scale:n,rope:a,alibi:i,splits:c}}function mt(t,e,r){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(r.keyRope&&r.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(r.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(t.rope.angles==="float32"&&e-1>ue)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${ue} (the largest position with angles "float32")`)}}}function hr(t,e){let r=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==r)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:r,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var bt=Object.freeze({keyRope:void 0,explicitPositions:!1});var Be=class{owner;batch;kvHeads;headDim;maxLength;#e;#t=0;#r=bt;#o=!1;constructor(e,r,o){this.owner=e,this.#e=r,this.batch=o.batch,this.kvHeads=o.kvHeads,this.headDim=o.headDim,this.maxLength=o.maxLength}get length(){return this.#t}get destroyed(){return this.#o||!this.#e()}get ropeState(){return this.#r}live(){if(this.#o)throw new Error(Ar);if(!this.#e())throw new Error(fr)}reserve(e){lr(this,this.#t,e);let r=hr(this.#r,e),o=this.#t;return{slot:o,commit:()=>{this.#t=o+e.n,this.#r=r}}}clear(){this.#t=0,this.#r=bt}markDestroyed(){return this.#o?!1:(this.#o=!0,!0)}};var _=class{shape;dtype;owner;#e;#t;#r;#o=!1;constructor(e,r,o,s,n="float32"){this.owner=e,this.dtype=n,this.#r=s,this.shape=Object.freeze([...r]),this.#e=o instanceof Float32Array?null:o,this.#t=o instanceof Float32Array?o:null}get buffer(){return this.#e}get destroyed(){return this.#o||!this.#r()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#t}}destroy(){this.#o||(this.#o=!0,this.#e?.destroy())}};function K(t,e,r){if(e instanceof _){if(e.owner!==r)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let o=e;if(o===null||typeof o!="object"||!("data"in o))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${G(e)}`);return ee(t,e)}var _e=class{#e=Promise.resolve();run(e,r){let o=this.#e,s,n=new Promise(i=>s=i);return this.#e=o.then(()=>n),(async()=>{try{let i=await e();return await o,await r(i)}finally{s()}})()}};function Ie(t){return t instanceof _&&t.dtype==="float16"?"f16":"f32"}function wt(t,e,r){if(!(t instanceof r))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var Ur="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",Re=class t extends Be{precision;chunks;#e;#t=new _e;#r=0;constructor(e,r,o,s,n,i){super(r,o,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,r,o,s,n){let i=n==="f16"?2:4,a=s.maxLength*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c)throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of maxLength ${s.maxLength} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller maxLength, precision "f16", or several caches`);let A=s.batch*s.kvHeads,h=Math.floor(c/a),f=2*A*a,l=[];return await e.guarded(`allocating the KV cache (${f} bytes)`,()=>{for(let d=0;d<A;d+=h){let u=Math.min(h,A-d);l.push({u0:d,n:u,k:e.buffer(u*a,"kv cache keys"),v:e.buffer(u*a,"kv cache values")})}}).catch(d=>{for(let u of l)u.k.destroy(),u.v.destroy();throw d}),new t(e,r,o,s,n,l)}view(){return{batch:this.batch,kvHeads:this.kvHeads,maxLength:this.maxLength,length:this.length,chunks:this.chunks}}schedule(e,r,o){let s=this.#r;return this.#t.run(r,n=>{if(this.live(),s!==this.#r)throw new Error(`This ${e} ${Ur}`);return o(n)})}append(e,r,o={}){try{this.live();let s=this.#e,n=K("k",e,this.owner),i=K("v",r,this.owner),a=Le(this,n,i,o),c={headDim:this.headDim,rope:a.rope?{pairing:a.rope.pairing,rotaryDim:a.rope.rotaryDim}:null,k:Ie(n),v:Ie(i),cache:this.precision};return this.schedule("append",()=>nr(s,c),async A=>{K("k",e,this.owner),K("v",r,this.owner);let{slot:h,commit:f}=this.reserve(a);a.n!==0&&(await s.guarded("the KV-cache append",()=>{let l=[],d=(g,$)=>{if(g instanceof _)return g.buffer;let y=s.upload(g.data,$);return l.push(y),y},u={k:d(n,"k"),v:d(i,"v")},p={kvHeads:this.kvHeads,maxLength:this.maxLength,n:a.n,slot:h,strides:a.strides,rope:a.rope?{frequencies:a.rope.frequencies,angles:a.rope.angles,positions:a.rope.positions??{kind:"range",start:h}}:null};try{let g=ir(s,p,c,A,u,this.chunks);g.temps.push(...l),s.submit(g)}catch(g){for(let $ of l)$.destroy();throw g}}),f())})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,r=this.headDim,o=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let h=this.length,f=h*r*o;if(h===0)return{length:h,target:null,bytes:0};let l=[];for(let u of["k","v"])for(let p of this.chunks)for(let g=0;g<p.n;g++){let $=g*this.maxLength*r*o;l.push({buffer:p[u],offset:$,size:f})}let d=await e.guarded("the KV-cache download",()=>e.gather(l));return{length:h,target:d,bytes:2*s*f}}),i=Object.freeze([this.batch,this.kvHeads,n.length,r]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,A=h=>this.precision==="f16"?je(new Uint16Array(h)):new Float32Array(h);return{k:{shape:i,data:A(a.slice(0,c))},v:{shape:i,data:A(a.slice(c))}}}reset(){this.live(),this.#r++,this.clear()}destroy(){if(this.markDestroyed()){this.#r++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};function Kr(t){let{relaxed:e,plain:r}=Ze(),o=e?new be(e,"relaxed-simd"):r?new be(r,"simd"):new xe,s=t.headDim+7&-8,n=(t.maxLength+7&-8)*s,i=t.batch*t.kvHeads*n,a=Qe,c=a+i,A=c+i;if(A*4>2**31)return null;try{o.reserve(A)}catch{return null}return{kernel:o,dp:s,kAt:a,vAt:c,headFloats:n,end:A}}var Me=class extends Be{precision="f32";#e;#t;#r;constructor(e,r,o){super(e,r,o);let s=o.batch*o.kvHeads*o.maxLength*o.headDim;this.#e=new Float32Array(s),this.#t=new Float32Array(s),this.#r=Kr(o)}append(e,r,o={}){try{this.live();let s=K("k",e,this.owner),n=K("v",r,this.owner),i=Le(this,s,n,o),{slot:a,commit:c}=this.reserve(i),A=dr(s);i.rope&&(A=V(A,i.rope.frequencies,{layout:i.layout,pairing:i.rope.pairing,angles:i.rope.angles,positions:i.rope.positions??{kind:"range",start:a}}));let h=dr(n),f=this.headDim,l=i.strides;for(let d=0;d<this.batch;d++)for(let u=0;u<this.kvHeads;u++)for(let p=0;p<i.n;p++){let g=d*l.batch+u*l.heads+p*l.seq,$=((d*this.kvHeads+u)*this.maxLength+a+p)*f;this.#e.set(A.data.subarray(g,g+f),$),this.#t.set(h.data.subarray(g,g+f),$)}return this.#o(a,i.n),c(),Promise.resolve()}catch(s){return Promise.reject(s)}}#o(e,r){let o=this.#r;if(o===null)return;let{dp:s,headFloats:n}=o,i=this.headDim,a=o.kernel.reserve(o.end);for(let c=0;c<this.batch*this.kvHeads;c++){let A=o.kAt+c*n,h=o.vAt+c*n;for(let f=e;f<e+r;f++){let l=(c*this.maxLength+f)*i,d=A+(f>>3)*s*8+(f&7);for(let u=0;u<i;u++)a[d+8*u]=this.#e[l+u];for(let u=i;u<s;u++)a[d+8*u]=0;a.set(this.#t.subarray(l,l+i),h+f*s),a.fill(0,h+f*s+i,h+(f+1)*s)}}}tensors(e,r=!1){let{batch:o,kvHeads:s,headDim:n}=this,i=this.length,a=Object.freeze(e==="bhsd"?[o,s,i,n]:[o,i,s,n]),c,A;if(!r&&e==="bhsd"&&i===this.maxLength)c=this.#e,A=this.#t;else{c=new Float32Array(o*s*i*n),A=new Float32Array(c.length);for(let f=0;f<o;f++)for(let l=0;l<s;l++){let d=(f*s+l)*this.maxLength*n;if(e==="bhsd"){let u=(f*s+l)*i*n;c.set(this.#e.subarray(d,d+i*n),u),A.set(this.#t.subarray(d,d+i*n),u);continue}for(let u=0;u<i;u++){let p=d+u*n,g=((f*i+u)*s+l)*n;c.set(this.#e.subarray(p,p+n),g),A.set(this.#t.subarray(p,p+n),g)}}}let h=this.#r;if(!r&&h!==null){let f={kernel:h.kernel,batch:o,kvHeads:s,headDim:n,length:i,kAt:h.kAt,vAt:h.vAt,headFloats:h.headFloats,end:h.end};Rt(c,f)}return{k:{shape:a,data:c},v:{shape:a,data:A}}}download(){try{return this.live(),Promise.resolve(this.tensors("bhsd",!0))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function dr(t){return t instanceof _?t.host:t}var ke=256,ve=64,gr=["rowBase","rows","sq","sk","heads","group","causal","alibi","qB","qH","qS","dim","kB","kH","kS","gridX","scale","pad0","pad1","pad2"];function $t(){return`struct Params {
${gr.map(e=>`  ${e}: ${e==="scale"?"f32":"u32"},`).join(`
`)}
}
@group(0) @binding(0) var<uniform> P: Params;
`}var pr=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function Yr(t){return t==="scores"?`// naive:scores
${$t()}
@group(0) @binding(1) var<storage, read> Q: array<f32>;
@group(0) @binding(2) var<storage, read> K: array<f32>;
@group(0) @binding(3) var<storage, read> SL: array<f32>;
@group(0) @binding(4) var<storage, read_write> S: array<f32>;
${pr}
@compute @workgroup_size(${ke})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${ke}u + lid;
  if (idx >= P.rows * P.sk) {
    return;
  }
  let c = rowCoords(P.rowBase + idx / P.sk);
  let j = idx % P.sk;
  let kvh = c.y / P.group;
  let aligned = i32(c.z) + i32(P.sk) - i32(P.sq);
  var value = ${Z};
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
${$t()}
@group(0) @binding(1) var<storage, read_write> S: array<f32>;
var<workgroup> red: array<f32, ${ve}>;
@compute @workgroup_size(${ve})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${Z};
  for (var j = lid; j < P.sk; j += ${ve}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${ve/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${ve}u) {
    let s = S[base + j];
    sum += select(0.0, exp(s - m), s > ${Z/2});
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${ve/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = select(0.0, 1.0 / total, total > 0.0);
  for (var j = lid; j < P.sk; j += ${ve}u) {
    let s = S[base + j];
    S[base + j] = select(0.0, exp(s - m) * inv, s > ${Z/2});
  }
}
`:`// naive:pv
${$t()}
@group(0) @binding(1) var<storage, read> S: array<f32>;
@group(0) @binding(2) var<storage, read> V: array<f32>;
@group(0) @binding(3) var<storage, read_write> O: array<f32>;
${pr}
@compute @workgroup_size(${ke})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${ke}u + lid;
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
`}function mr(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>Yr(e))))}function br(t,e,r,o){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:A}=e,h=n*i*a;if(h===0||c===0)return s;let f=t.limits,l=f.maxStorageBufferBindingSize;for(let[x,C]of[["q",o.q],["k",o.k],["v",o.v]])if(C.size>l)throw new RangeError(`Cannot run the naive kernel: ${x} (${C.size} bytes) exceeds maxStorageBufferBindingSize (${l} bytes); it is a small-size baseline, use the flash kernel`);let d=c*4;if(d>l)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${l} bytes)`);let u=de(ke,f),p=Math.max(1,Math.min(h,Math.floor(l/d),Math.floor(u/c),Math.floor(u/A),f.maxComputeWorkgroupsPerDimension**2)),g=t.buffer(p*d,"naive scores");s.temps.push(g);let $=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push($);let[y,b,B]=r,v=e.qStrides,q=e.kStrides,D=(x,C,Q)=>t.device.createBindGroup({layout:x.getBindGroupLayout(0),entries:[C,...Q].map((S,O)=>({binding:O,resource:{buffer:S}}))});for(let x=0;x<h;x+=p){let C=Math.min(p,h-x),Q={rowBase:x,rows:C,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:v.batch,qH:v.heads,qS:v.seq,dim:A,kB:q.batch,kH:q.heads,kS:q.seq,scale:e.scale},S=[[y,Math.ceil(C*c/ke),[o.q,o.k,$,g]],[b,C,[g]],[B,Math.ceil(C*A/ke),[g,o.v,o.o]]];for(let[O,L,Y]of S){let[R,E]=ce(L,f),w=t.uniform(re(gr,{...Q,gridX:R},["scale"]),"naive params");s.temps.push(w),s.dispatches.push({pipeline:O,bindGroup:D(O,w,Y),grid:[R,E,1]})}}return s}var Nr=1<<23;function Jr(t,e){let r=t.batch*t.kvHeads,o=Math.min(e,r),s=[];for(let n=0;n<o;n++){let i=Math.floor(n*r/o),a=Math.floor((n+1)*r/o),c=[];for(let A=i;A<a;){let h=Math.floor(A/t.kvHeads),f=A%t.kvHeads,l=Math.min(t.kvHeads,f+(a-A));c.push({batch:h,kv0:f,kv1:l}),A+=l-f}s.push(c)}return s}function wr(t,e){let r=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return e>1&&t.batch*t.kvHeads>1&&r>=Nr}function It(t,e,r,o,s,n,i){let a=new Float32Array((s-o)*n*i),c=0;for(let A=o;A<s;A++){let h=r*e.batch+A*e.heads;if(e.seq===i){a.set(t.subarray(h,h+n*i),c),c+=n*i;continue}for(let f=0;f<n;f++,c+=i){let l=h+f*e.seq;a.set(t.subarray(l,l+i),c)}}return a}function Xr(t,e,r){if(!t.rope)return[e,r];let{frequencies:o,pairing:s,angles:n,layout:i}={...t.rope,layout:t.layout};return[V(e,o,{layout:i,pairing:s,angles:n,positions:t.rope.query}),V(r,o,{layout:i,pairing:s,angles:n,positions:t.rope.key})]}function Vr(t,e,r,o,s){let{group:n,qSeq:i,kSeq:a,headDim:c}=t,{batch:A,kv0:h,kv1:f}=e;return{q:It(r.data,t.qStrides,A,h*n,f*n,i,c),k:It(o.data,t.kStrides,A,h,f,a,c),v:It(s.data,t.kStrides,A,h,f,a,c),alibi:t.alibi?t.alibi.slice(h*n,f*n):null}}function Zr(t,e,r,o){let{group:s,qSeq:n,headDim:i,qStrides:a}=t,c=0;for(let A=e.kv0*s;A<e.kv1*s;A++){let h=e.batch*a.batch+A*a.heads;if(a.seq===i){o.set(r.subarray(c,c+n*i),h),c+=n*i;continue}for(let f=0;f<n;f++,c+=i)o.set(r.subarray(c,c+i),h+f*a.seq)}}function eo(t){let e=[];for(let r of t)e.push(r.q.buffer,r.k.buffer,r.v.buffer),r.alibi&&e.push(r.alibi.buffer);return e}var vt=class{#e;#t=new Map;#r=null;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let r=e.data,o=this.#t.get(r.id);o&&(this.#t.delete(r.id),"error"in r?o.reject(new Error(`A CPU attention worker failed: ${r.error}`)):o.resolve(r.outputs))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#r}run(e){return this.#r?Promise.reject(new Error(this.#r)):new Promise((r,o)=>{this.#t.set(e.id,{resolve:r,reject:o}),this.#e.postMessage(e,eo(e.pieces))})}fail(e){if(!this.#r){this.#r=e,this.#e.terminate();for(let r of this.#t.values())r.reject(new Error(e));this.#t.clear()}}},ze=class{#e;#t=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,r,o,s){let[n,i]=Xr(e,r,o),a=new Float32Array(r.data.length),c=Object.freeze([...r.shape]),[A,...h]=Jr(e,this.#e.length+1),f={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale},l=h.map((d,u)=>{let p=this.#e[u];(!p||p.failure)&&(p=this.#e[u]=new vt);let g={id:this.#t++,...f,pieces:d.map($=>Vr(e,$,n,i,s))};return p.run(g).then($=>{d.forEach((y,b)=>Zr(e,y,$[b],a))})});return we({...e,rope:null},n,i,s,void 0,{ranges:A,into:a}),await Promise.all(l),{shape:c,data:a}}destroy(e){for(let r of this.#e)r?.fail(e);this.#e.fill(void 0)}};var We=256,$r=["items","perRow","rh","interleaved","heads","seq","bshd","rowBase","xB","xH","xS","xOff","oB","oH","oS","oOff","tab","tabB","gridX","pad0"];function to(t){let e=$r.map(o=>`  ${o}: u32,`).join(`
`),r=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
struct Params {
${e}
}
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, ${t?"read_write":"read"}> X: array<f32>;
@group(0) @binding(2) var<storage, read> T: array<vec2<f32>>;
${t?"":"@group(0) @binding(3) var<storage, read_write> Y: array<f32>;"}

@compute @workgroup_size(${We})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${We}u + lid;
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
    ${r}[oi + d0] = a * t.x - c * t.y;
    ${r}[oi + d1] = c * t.x + a * t.y;
  } else {
    let d = 2u * P.rh + (j - P.rh);
    ${r}[oi + d] = X[xi + d];
  }
}
`}function kt(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>to(e))}function Ue(t,e,r,o,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:A}=e,h=i*a*c;if(h===0||A===0)return n;let f=e.frequencies.invFreq.length,l=f+(s?A-2*f:0),d=t.limits,u=pe(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);u.temp&&n.temps.push(u.buffer);let p=u.sides[0],g=e.layout==="bhsd"?{b:a*c*A,h:c*A,s:A}:{b:c*a*A,h:A,s:a*A},$=Math.max(1,Math.floor(de(We,d)/Math.max(1,l))),y=he(h,$,(b,B)=>te(ae(b*A,(b+B)*A,d),d),()=>new RangeError(`Cannot rotate: one row of ${A} elements exceeds the device's maxStorageBufferBindingSize`));for(let[b,B]of y){let v=ae(b*A,(b+B)*A,d),q=B*l,[D,x]=ce(Math.ceil(q/We),d),C={items:q,perRow:l,rh:f,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:b,xB:g.b,xH:g.h,xS:g.s,xOff:v.base,oB:g.b,oH:g.h,oS:g.s,oOff:v.base,tab:p.tab,tabB:p.tabB,gridX:D},Q=t.uniform(re($r,C),"rope params");n.temps.push(Q);let S=[{binding:0,resource:{buffer:Q}},{binding:1,resource:{buffer:o,offset:v.offset,size:v.size}},{binding:2,resource:{buffer:u.buffer}}];s&&S.push({binding:3,resource:{buffer:s,offset:v.offset,size:v.size}});let O=t.device.createBindGroup({layout:r.getBindGroupLayout(0),entries:S});n.dispatches.push({pipeline:r,bindGroup:O,grid:[D,x,1]})}return n}function Oe(t,e){if(typeof e!="boolean")throw new TypeError(`Invalid ${t}: expected a boolean, got ${G(e)}`);return e}function Ke(t){return X("iterations",t,{min:1})}function Ir(t,e,r){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${G(r)}`);let o=N("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=fe("x",t,o),n=Pe("frequencies",e),i=2*n.invFreq.length;if(r.rotaryDim!==void 0&&r.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (2 x the ${n.invFreq.length} frequencies), got ${G(r.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (2 x ${n.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=N("pairing",r.pairing??"half",{allowed:["half","interleaved"]}),c=N("angles",r.angles??"float32",{allowed:["float32","float64"]}),A=Bt("",r.positions,r.offset,s.seq,s.batch,c),h=Oe("inPlace",r.inPlace??!1);return{call:{layout:o,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:A},inPlace:h}}function Ce(t){return t.reduce((e,r)=>e*r,1)}var Ye=class{info;#e;constructor(e,r){this.#e=e,this.info=Object.freeze(r)}#t(){let e=this.#e.failure;if(e)throw new Error(`This GpuAttention cannot be used: ${e}`);return this.#e}#r=()=>this.#e.failure===null;#o(e,r,o="f32"){return new _(this,e,r,this.#r,o==="f16"?"float16":"float32")}#s(e,r){return r==="f16"?ht(e):e}#n(e,r,o){return r==="f16"?je(new Uint16Array(e),o):new Float32Array(e)}#i(e,r,o,s="f32"){if(e instanceof _)return e.buffer;let n=this.#e.upload(this.#s(e.data,s),o);return r.push(n),n}#c(e,r,o,s){let n=Ee("precision",s.precision,this.info.f16),i=a=>a instanceof _?Ie(a):n;return{q:i(e),k:i(r),v:i(o),o:i(e)}}#a(e){return e.map(([r,o])=>K(r,o,this))}async attention(e,r,o,s={}){let n=this.#t(),[i,a,c]=this.#a([["q",e],["k",r],["v",o]]),A=Ae(i,a,c,s),h=this.#c(i,a,c,s),f=await this.#A(A,s,h);this.#t(),this.#a([["q",e],["k",r],["v",o]]);let l=Ce(A.qShape),d=l*(h.o==="f16"?2:4),u=n.buffer(d,"attention output"),p=i instanceof _,g=await n.guarded("the attention dispatch",()=>{let y=f(i,a,c,u),b=p?void 0:{source:u,bytes:d},B=n.submit(y,b);return p||u.destroy(),B});if(p)return this.#o(A.qShape,u,h.o);let $=this.#n(await n.read(g,d),h.o,l);return{shape:Object.freeze([...A.qShape]),data:$}}async#A(e,r,o){let s=this.#e;if(N("kernel",r.kernel??"flash",{allowed:["flash","naive"]})==="flash"){let A=Lt(s,e,o),h=await _t(s,A);return(f,l,d,u)=>{let p=[],g={q:this.#i(f,p,"q",o.q),k:this.#i(l,p,"k",o.k),v:this.#i(d,p,"v",o.v),o:u},$=zt(s,e,A,h,g);return{dispatches:$.dispatches,temps:[...p,...$.temps]}}}let i=Object.entries(o).find(([,A])=>A==="f16");if(i)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${i[0]==="o"?"output":i[0]}; use the flash kernel`);let[a,c]=await Promise.all([mr(s),e.rope?kt(s,!1):Promise.resolve(null)]);return(A,h,f,l)=>{let d=[],u=[],p=this.#i(A,d,"q"),g=this.#i(h,d,"k"),$=this.#i(f,d,"v");if(e.rope&&c){let b=e.rope,B=(v,q,D,x)=>{let C={layout:e.layout,batch:e.batch,heads:q,seq:D,headDim:e.headDim,frequencies:b.frequencies,pairing:b.pairing,angles:b.angles,positions:v},Q=s.buffer(e.batch*q*D*e.headDim*4,"rotated");d.push(Q);let S=Ue(s,C,c,x,Q);return u.push(...S.dispatches),d.push(...S.temps),Q};p=B(b.query,e.heads,e.qSeq,p),g=B(b.key,e.kvHeads,e.kSeq,g)}let y=br(s,e,a,{q:p,k:g,v:$,o:l});return{dispatches:[...u,...y.dispatches],temps:[...d,...y.temps]}}}async applyRope(e,r,o={}){let s=this.#t(),n=K("x",e,this),{call:i,inPlace:a}=Ir(n,r,o);if(Ie(n)==="f16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)");let c=n instanceof _,A=await kt(s,a||!c);this.#t(),K("x",e,this);let h=Ce(n.shape)*4;if(c){let u=n.buffer,p=a?null:s.buffer(h,"rotated");return await s.guarded("the RoPE dispatch",()=>{s.submit(Ue(s,i,A,u,p))}),p?this.#o(n.shape,p):n}let f=n,l=await s.guarded("the RoPE dispatch",()=>{let u=s.upload(f.data,"x"),p=Ue(s,i,A,u,null);return p.temps.push(u),s.submit(p,{source:u,bytes:h})}),d=new Float32Array(await s.read(l,h));return a?(f.data.set(d),f):{shape:Object.freeze([...f.shape]),data:d}}upload(e,r={}){let o=this.#t(),s=ee("t",e);if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${G(r)}`);let n=Ee("precision",r.precision,this.info.f16),i=o.upload(this.#s(s.data,n),"tensor");return this.#o(s.shape,i,n)}async download(e){let r=this.#t(),o=K("t",e,this);if(!(o instanceof _))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");let s=Ce(o.shape),n=s*o.elementBytes,i=await r.guarded("the download",()=>r.submit({dispatches:[],temps:[]},{source:o.buffer,bytes:n})),a=this.#n(await r.read(i,n),Ie(o),s);return{shape:Object.freeze([...o.shape]),data:a}}async synchronize(){await this.#t().idle()}async profileAttention(e,r,o,s={}){let n=this.#t(),[i,a,c]=this.#a([["q",e],["k",r],["v",o]]),A=Ae(i,a,c,s),h=Ke(s.iterations??10),f=Oe("warmup",s.warmup??!0),l=this.#c(i,a,c,s),d=await this.#A(A,s,l);this.#t();let u=n.buffer(Ce(A.qShape)*(l.o==="f16"?2:4),"attention output"),p=await n.guarded("the attention dispatch",()=>d(i,a,c,u));try{let g=await n.profile(p,h,f);return{seconds:g.seconds,iterations:h,source:g.source}}finally{n.release(p),u.destroy()}}async createKvCache(e){let r=this.#t(),o=pt(e),s=Ee("precision",e.precision,this.info.f16);return await Re.create(r,this,this.#r,o,s)}async decode(e,r,o={}){let s=this.#t(),n=this.#f(e,r,o),{plan:i,qo:a,elements:c}=n,A=Ce(i.qShape),h=A*(c.o==="f16"?2:4),f=a instanceof _,{output:l,target:d}=await n.cache.schedule("decode",()=>ut(s,n.params),async p=>{this.#t(),K("q",e,this);let g=s.buffer(h,"decode output"),$=await s.guarded("the decode dispatch",()=>{let{job:y}=this.#u(n,p,g),b=f?void 0:{source:g,bytes:h},B=s.submit(y,b);return f||g.destroy(),B}).catch(y=>{throw g.destroy(),y});return{output:g,target:$}});if(f)return this.#o(i.qShape,l,c.o);let u=this.#n(await s.read(d,h),c.o,A);return{shape:Object.freeze([...i.qShape]),data:u}}#f(e,r,o){let s=K("q",e,this),n=wt(r,this,Re),i=gt(n,s,o),a=Ie(s),c={q:a,kv:n.precision,o:a},A=Jt(this.#e,i,c);return{qo:s,cache:n,plan:i,elements:c,params:A}}#u(e,r,o){let s=this.#e,{cache:n,plan:i,params:a,qo:c}=e;mt(i,n.length,n.ropeState);let A=Xt(s,i,a,n.length,this.info.decodeWorkgroups??1),h=[],f=this.#i(c,h,"q");try{let l=Vt(s,i,a,r,n.view(),A,{q:f,o});return l.temps.push(...h),{job:l,splits:A.splits}}catch(l){for(let d of h)d.destroy();throw l}}async profileDecode(e,r,o={}){let s=this.#t(),n=this.#f(e,r,o),i=Ke(o.iterations??10),a=Oe("warmup",o.warmup??!0),c=Ce(n.plan.qShape)*(n.elements.o==="f16"?2:4),{job:A,splits:h,output:f}=await n.cache.schedule("profileDecode",()=>ut(s,n.params),async l=>{this.#t(),K("q",e,this);let d=s.buffer(c,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#u(n,l,d)),output:d}}catch(u){throw d.destroy(),u}});try{let l=await s.profile(A,i,a);return{seconds:l.seconds,iterations:i,source:l.source,splits:h}}finally{s.release(A),f.destroy()}}destroy(){this.#e.failure||(this.#e.fail("it was destroyed; create a new one with createGpuAttention()"),this.#e.ownsDevice&&this.#e.device.destroy())}},Ne=class{info;#e=!1;#t;#r=null;constructor(e,r=1){this.#t=r,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:r})}#o(){if(this.#e)throw new Error("This GpuAttention cannot be used: it was destroyed; create a new one with createGpuAttention()")}#s=()=>!this.#e;#n(e){return e instanceof _?e.host:e}attention(e,r,o,s={}){try{this.#o();let n=K("q",e,this),i=K("k",r,this),a=K("v",o,this),c=Ae(n,i,a,s);N("kernel",s.kernel??"flash",{allowed:["flash","naive"]});let[A,h,f]=[this.#n(n),this.#n(i),this.#n(a)],l=d=>n instanceof _?new _(this,d.shape,d.data,this.#s):d;return wr(c,this.#t)?(this.#r??=new ze(this.#t-1),this.#r.attention(c,A,h,f).then(l)):Promise.resolve(l(we(c,A,h,f)))}catch(n){return Promise.reject(n)}}applyRope(e,r,o={}){try{this.#o();let s=K("x",e,this),{call:n,inPlace:i}=Ir(s,r,o),a=this.#n(s),c=V(a,n.frequencies,{layout:n.layout,pairing:n.pairing,angles:n.angles,positions:n.positions});return i?(a.data.set(c.data),Promise.resolve(s)):Promise.resolve(s instanceof _?new _(this,c.shape,c.data,this.#s):c)}catch(s){return Promise.reject(s)}}upload(e,r={}){this.#o();let o=ee("t",e);if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${G(r)}`);return Ee("precision",r.precision,this.info.f16),new _(this,o.shape,new Float32Array(o.data),this.#s)}createKvCache(e){try{this.#o();let r=pt(e);return Ee("precision",e.precision,this.info.f16),Promise.resolve(new Me(this,this.#s,r))}catch(r){return Promise.reject(r)}}decode(e,r,o={}){try{this.#o();let s=K("q",e,this),n=wt(r,this,Me),i=gt(n,s,o);mt(i,n.length,n.ropeState);let a=this.#n(s);i.rope&&(a=V(a,i.rope.frequencies,{layout:i.layout,pairing:i.rope.pairing,angles:i.rope.angles,positions:lt(i,n.length)}));let{k:c,v:A}=n.tensors(i.layout),h=Ae(a,c,A,{layout:i.layout,causal:!0,scale:i.scale,...i.alibi?{alibiSlopes:i.alibi}:{}}),f=we(h,a,c,A);return Promise.resolve(s instanceof _?new _(this,f.shape,f.data,this.#s):f)}catch(s){return Promise.reject(s)}}async profileDecode(e,r,o={}){this.#o();let s=Ke(o.iterations??10);Oe("warmup",o.warmup??!0)&&await this.decode(e,r,o);let n=performance.now();for(let i=0;i<s;i++)await this.decode(e,r,o);return{seconds:(performance.now()-n)/1e3/s,iterations:s,source:"wall-clock",splits:1}}download(e){try{this.#o();let r=K("t",e,this);if(!(r instanceof _))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return Promise.resolve({shape:r.shape,data:new Float32Array(r.host.data)})}catch(r){return Promise.reject(r)}}synchronize(){try{return this.#o(),Promise.resolve()}catch(e){return Promise.reject(e)}}async profileAttention(e,r,o,s={}){this.#o();let n=Ke(s.iterations??10);Oe("warmup",s.warmup??!0)&&await this.attention(e,r,o,s);let i=performance.now();for(let a=0;a<n;a++)await this.attention(e,r,o,s);return{seconds:(performance.now()-i)/1e3/n,iterations:n,source:"wall-clock"}}destroy(){this.#e=!0,this.#r?.destroy("This GpuAttention cannot be used: it was destroyed; create a new one with createGpuAttention()"),this.#r=null}};var ro="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",oo="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",so='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',no=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],io='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function ao(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function co(t,e){let r=t.limits,o=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(X(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${G(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:o("maxStorageBufferBindingSize",r.maxStorageBufferBindingSize,256,4),maxBufferSize:r.maxBufferSize,maxComputeWorkgroupStorageSize:o("maxComputeWorkgroupStorageSize",r.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(r.maxComputeInvocationsPerWorkgroup,r.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:o("maxComputeWorkgroupsPerDimension",r.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:r.minStorageBufferOffsetAlignment}}var Ao=8;function fo(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,Ao):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${G(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${G(t)}`);return t}async function mn(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${G(t)}`);let e=N("fallback",t.fallback??"none",{allowed:["none","cpu"]}),r=t.limits??{};if(r===null||typeof r!="object")throw new TypeError(`Invalid limits: expected an object, got ${G(r)}`);let o=t.decodeWorkgroups===void 0?void 0:X("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:fo(t.threads),n=t.device,i=!1,a;if(!n){let u=t.adapter,p=oo;if(!u){let y=globalThis.navigator?.gpu;y?u=await y.requestAdapter():p=ro}if(!u){if(e==="cpu")return new Ne(p,s);throw new Error(`${p}. ${so}.`)}let g={};for(let y of no)g[y]=u.limits[y];let $=[];u.features.has("timestamp-query")&&$.push("timestamp-query"),u.features.has("shader-f16")&&$.push("shader-f16");try{n=await u.requestDevice({requiredLimits:g,requiredFeatures:$})}catch(y){throw new Error(`Requesting a WebGPU device failed: ${y instanceof Error?y.message:String(y)}`,{cause:y})}i=!0,a=u.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,A=o??ao(c),h;try{h=co(n,r)}catch(u){throw i&&n.destroy(),u}let f=n.features.has("shader-f16")?await rr(n):{available:!1,detail:io},l=new He(n,i,h,f.available),d=[];return l.timestamps&&d.push("timestamp-query"),f.available&&d.push("shader-f16"),new Ye(l,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:d,f16:Object.freeze({...f}),decodeWorkgroups:A,tier:l.tier,limits:l.limits,fallbackReason:null,threads:null})}export{Do as attentionCpu,vo as attentionReference,mn as createGpuAttention};
