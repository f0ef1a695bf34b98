import{d as j,g as X,h as ge,i as Y,j as Z,l as vt,q as Et,r as Je}from"./chunk-6XZCXJ52.js";var fe=2**24;function Ae(t,e,r){return vt(e,r,{name:t})}function $e(t,e,r,o,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${j(e)}`);if(e.length!==r&&e.length!==o*r)throw new RangeError(`Invalid ${t}: expected ${r} positions (one per token) or ${o*r} (batch x tokens), got ${e.length}`);let n=s?fe:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=X(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==r}}function pr(t,e,r,o,s){let n=e?s:1,i=new Float64Array(n*o);for(let a=0;a<n;a++)i.set(t.subarray(a*r+r-o,a*r+r),a*o);return{kind:"list",list:i,perBatch:e}}function Be(t,e){let r=e;if(r===null||typeof r!="object"||!(r.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${j(r)}`);let o=r.invFreq;if(o.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<o.length;s++)ge(`${t}.invFreq[${s}]`,o[s],{min:0});return ge(`${t}.attentionFactor`,r.attentionFactor,{min:0,exclusiveMin:!0}),r}function gr(t,e,r,o,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${j(t)}`);let n=Be("rope.frequencies",t.frequencies),i=n.invFreq,a=2*i.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${i.length} frequencies), got ${j(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${i.length} frequencies) exceeds the head dim ${e}`);let c=Y("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),A=Y("rope.angles",t.angles??"float32",{allowed:["float32","float64"]}),u=A==="float32",d=u?fe:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let f,h;if(t.queryPositions!==void 0&&(h=$e("rope.queryPositions",t.queryPositions,o,r,u)),t.positions!==void 0){let l=$e("rope.positions",t.positions,s,r,u);if(f=l,!h){if(o>s)throw new RangeError(`Invalid rope.positions: q has ${o} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);h=pr(l.list,l.perBatch,s,o,r)}}else{let l=X("rope.offset",t.offset??0,{min:0});if(l+Math.max(s,1)-1>d)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${l+s-1}, above ${d} (the largest position with angles "${A}")`);if(f={kind:"range",start:l},!h){let p=l+s-o;if(p<0)throw new RangeError(`Invalid rope.offset: q has ${o} tokens and k ${s}, so bottom-right aligned queries would start at position ${p}; pass rope.offset >= ${o-s} or rope.queryPositions`);h={kind:"range",start:p}}}return{frequencies:n,pairing:c,rotaryDim:a,angles:A,query:h,key:f}}function Xe(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${j(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let r=new Float32Array(t.length);for(let o=0;o<t.length;o++)r[o]=ge(`alibiSlopes[${o}]`,t[o]);return r}function ae(t,e,r,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${j(o)}`);let s=Y("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Ae("q",t,s),i=Ae("k",e,s),a=Ae("v",r,s);if(n.heads<1||n.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${j(t.shape)}`);if(i.batch!==n.batch)throw new RangeError(`Invalid k: expected batch ${n.batch} (as q), got ${i.batch}`);if(a.batch!==n.batch)throw new RangeError(`Invalid v: expected batch ${n.batch} (as q), got ${a.batch}`);if(i.headDim!==n.headDim)throw new RangeError(`Invalid k: expected head dim ${n.headDim} (as q), got ${i.headDim}`);if(a.headDim!==n.headDim)throw new RangeError(`Invalid v: expected head dim ${n.headDim} (as q), got ${a.headDim}`);if(a.seq!==i.seq)throw new RangeError(`Invalid v: expected ${i.seq} tokens (as k), got ${a.seq}`);if(a.heads!==i.heads)throw new RangeError(`Invalid v: expected ${i.heads} heads (as k), got ${a.heads}`);if(i.heads<1||n.heads%i.heads!==0)throw new RangeError(`Invalid k: q has ${n.heads} heads, which is not a multiple of k's ${i.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let c=o.causal??!1;if(typeof c!="boolean")throw new TypeError(`Invalid causal: expected a boolean, got ${j(c)}`);let A=o.scale===void 0?1/Math.sqrt(n.headDim):ge("scale",o.scale),u=Xe(o.alibiSlopes,n.heads),d=o.rope===void 0?null:gr(o.rope,n.headDim,n.batch,n.seq,i.seq);return{layout:s,batch:n.batch,heads:n.heads,kvHeads:i.heads,group:n.heads/i.heads,qSeq:n.seq,kSeq:i.seq,headDim:n.headDim,qShape:[...t.shape],qStrides:n.strides,kStrides:i.strides,causal:c,scale:A,rope:d,alibi:u}}function yt(t,e,r,o,s,n){let i=n==="float32";if(e!==void 0&&r!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return $e(`${t}positions`,e,o,s,i);let a=X(`${t}offset`,r??0,{min:0}),c=i?fe:Number.MAX_SAFE_INTEGER;if(a+Math.max(o,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+o-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function De(t,e,r){let o=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=Et(t,o,{angles:r}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function te(t,e,r){let{layout:o,pairing:s,angles:n,positions:i}=r;return i.kind==="range"?Je(t,e,{layout:o,pairing:s,angles:n,offset:i.start}):Je(t,e,{layout:o,pairing:s,angles:n,positions:i.list})}function Bt(t,e,r,o){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:A,causal:u,scale:d,alibi:f}=t,h=e,l=r;if(t.rope){let{frequencies:q,pairing:y,angles:k}=t.rope;h=te(e,q,{layout:t.layout,pairing:y,angles:k,positions:t.rope.query}),l=te(r,q,{layout:t.layout,pairing:y,angles:k,positions:t.rope.key})}let p=t.qStrides,g=t.kStrides,b=new Float32Array(e.data.length),x=new Float64Array(c),I=new Float64Array(A),P=h.data,v=l.data,Q=o.data;for(let q=0;q<s;q++)for(let y=0;y<n;y++){let k=Math.floor(y/i),R=f?f[y]:0;for(let M=0;M<a;M++){let F=M+c-a,L=u?Math.min(c,Math.max(0,F+1)):c,N=q*p.batch+y*p.heads+M*p.seq;if(L===0)continue;let S=-1/0;for(let w=0;w<L;w++){let E=q*g.batch+k*g.heads+w*g.seq,$=0;for(let O=0;O<A;O++)$+=P[N+O]*v[E+O];let D=d*$-R*Math.abs(F-w);x[w]=D,D>S&&(S=D)}I.fill(0);let C=0;for(let w=0;w<L;w++){let E=Math.exp(x[w]-S);C+=E;let $=q*g.batch+k*g.heads+w*g.seq;for(let D=0;D<A;D++)I[D]=I[D]+E*Q[$+D]}for(let w=0;w<A;w++)b[N+w]=I[w]/C}}return{shape:Object.freeze([...e.shape]),data:b}}function so(t,e,r,o={}){Z("q",t),Z("k",e),Z("v",r);let s=ae(t,e,r,o);return Bt(s,t,e,r)}var kt=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKyBYHhAQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsgCiAU/YUCIQsgCyAKIBX9hQIhCyALIAog","Fv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQ","aiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0A","Cwu+BAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI/QwAAAAAAAAAAAAAAAAAAAAAIQn9","DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAAAAAAAAAAIQz9DAAAAAAAAAAAAAAA","AAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEGA0AgAf0ABAAhECAB/QAEECERIAb9","CQIAIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIEIRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIIIRIgEiAQIAz9","hQIhDCASIBEgDf2FAiENIAb9CQIMIRIgEiAQIA79hQIhDiASIBEgD/2FAiEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIg","ECAI/YUCIQggEiARIAn9hQIhCSAG/QkCFCESIBIgECAK/YUCIQogEiARIAv9hQIhCyAG/QkCGCESIBIgECAM/YUCIQwgEiAR","IA39hQIhDSAG/QkCHCESIBIgECAO/YUCIQ4gEiARIA/9hQIhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ","/QsEECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0A","CwugAwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAA","BAAAAAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eABIAj9AAQA/YUC/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhAL2AQCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAWIA79hQIhDiAYIBcgD/2FAiEPIAj9CQKAAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkCgAQhGCAYIBYg","Ev2FAiESIBggFyAT/YUCIRMgCP0JAoAGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAK/QAEACEWIAr9AAQQIRcg","CP0JAgQhGCAYIBYgDv2FAiEOIBggFyAP/YUCIQ8gCP0JAoQCIRggGCAWIBD9hQIhECAYIBcgEf2FAiERIAj9CQKEBCEYIBgg","FiAS/YUCIRIgGCAXIBP9hQIhEyAI/QkChAYhGCAYIBYgFP2FAiEUIBggFyAV/YUCIRUgCiAGaiEKIAhBCGohCCAIIAlJDQAL","IAIgB2ogDv0LBAAgAiAHaiAP/QsEECALIBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAH","QSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtq","IRAgECALSgRAIAshEAsLIAQgD0EIdGogBSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEP","IA9BBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0A","BJAI/eQB/QsEICAEIAIgCCAObGogAyAGIAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQL","fwF9AXsCfyAFQQJ0IQogCkECdCELIARBwAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQ","SwRAQRAhDQsgAyAMIApsakEAIA0gC2z8CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0M","AAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEBaiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFB","ACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQBSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIAps","aiABIAIgAyAPIApsaiAEIBQgDkEwbGogBSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAh","DgNAIBQgDkECdkEwbCAOQQNxQQJ0amoqAiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApq","IRgDQCAXIBf9AAQAIBb95gH9CwQAIBdBEGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join(""),Ct=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKwBcHmQQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3kASELIAsgCv3mASAU/eQBIQsgCyAK/eYB","IBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEH","IAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EE","aiEDIARBBGohBCACQQFrIQIgAg0ACwvuBAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI","/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAA","AAAAAAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEG","A0AgAf0ABAAhECAB/QAEECERIAb9CQIAIRIgEiAQ/eYBIAj95AEhCCASIBH95gEgCf3kASEJIAb9CQIEIRIgEiAQ/eYBIAr9","5AEhCiASIBH95gEgC/3kASELIAb9CQIIIRIgEiAQ/eYBIAz95AEhDCASIBH95gEgDf3kASENIAb9CQIMIRIgEiAQ/eYBIA79","5AEhDiASIBH95gEgD/3kASEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIgEP3mASAI/eQBIQggEiAR/eYBIAn95AEhCSAG","/QkCFCESIBIgEP3mASAK/eQBIQogEiAR/eYBIAv95AEhCyAG/QkCGCESIBIgEP3mASAM/eQBIQwgEiAR/eYBIA395AEhDSAG","/QkCHCESIBIgEP3mASAO/eQBIQ4gEiAR/eYBIA/95AEhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ/QsE","ECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0ACwuj","AwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAABAAA","AAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eAB/eYBIAj9AAQA/eQB/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhALiAUCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAW/eYBIA795AEhDiAYIBf95gEgD/3kASEPIAj9CQKAAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI","/QkCgAQhGCAYIBb95gEgEv3kASESIBggF/3mASAT/eQBIRMgCP0JAoAGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEV","IAogBmohCiAK/QAEACEWIAr9AAQQIRcgCP0JAgQhGCAYIBb95gEgDv3kASEOIBggF/3mASAP/eQBIQ8gCP0JAoQCIRggGCAW","/eYBIBD95AEhECAYIBf95gEgEf3kASERIAj9CQKEBCEYIBggFv3mASAS/eQBIRIgGCAX/eYBIBP95AEhEyAI/QkChAYhGCAY","IBb95gEgFP3kASEUIBggF/3mASAV/eQBIRUgCiAGaiEKIAhBCGohCCAIIAlJDQALIAIgB2ogDv0LBAAgAiAHaiAP/QsEECAL","IBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAHQSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0","IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtqIRAgECALSgRAIAshEAsLIAQgD0EIdGog","BSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEPIA9BBEkNAAsgBCAHQQJ0QQQgBEGACGog","BEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAEIAIgCCAObGogAyAG","IAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQLfwF9AXsCfyAFQQJ0IQogCkECdCELIARB","wAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQSwRAQRAhDQsgAyAMIApsakEAIA0gC2z8","CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0MAAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEB","aiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFBACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQ","BSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIApsaiABIAIgAyAPIApsaiAEIBQgDkEwbGog","BSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAhDgNAIBQgDkECdkEwbCAOQQNxQQJ0amoq","AiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApqIRgDQCAXIBf9AAQAIBb95gH9CwQAIBdB","EGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join("");var et=512,Re=class{name;#e;#t;#o;constructor(e,r){let o=new WebAssembly.Instance(e);this.name=r,this.#e=o.exports.memory,this.#t=o.exports.attendHead,this.#o=new Float32Array(this.#e.buffer)}reserve(e){let r=e*4,o=this.#e.buffer.byteLength;if(r>o){let s=Math.ceil((r-o)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${r} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#o.buffer!==this.#e.buffer&&(this.#o=new Float32Array(this.#e.buffer)),this.#o}attendHead(e,r,o,s,n,i,a,c,A){this.#t(4*e,4*r,4*o,4*s,0,n,i,a,c?1:0,A)}},Ze=class{name="js";#e=new Float32Array(et);#t=new Float64Array(0);#o=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,r,o,s,n,i,a,c,A){let u=this.#e;this.#t.length<a&&(this.#t=new Float64Array(a)),this.#o.length<n&&(this.#o=new Float64Array(n));let d=this.#t,f=this.#o,h=Math.fround;for(let l=0;l<i;l++){let p=l+a-i,g=c?Math.min(a,p+1):a,b=s+l*n;if(g<=0){u.fill(0,b,b+n);continue}let x=e+(l>>2)*n*4+(l&3),I=-1/0;for(let v=0;v<g;v++){let Q=r+(v>>3)*n*8+(v&7),q=0;for(let k=0;k<n;k++)q+=u[x+4*k]*u[Q+8*k];let y=A===0?q:q-h(A)*Math.abs(p-v);d[v]=y,y>I&&(I=y)}f.fill(0);let P=0;for(let v=0;v<g;v++){let Q=Math.exp((d[v]-I)*Math.LN2);P+=Q;let q=o+v*n;for(let y=0;y<n;y++)f[y]=f[y]+Q*u[q+y]}for(let v=0;v<n;v++)u[b+v]=f[v]/P}}};function mr(t){let e=atob(t),r=new Uint8Array(e.length);for(let o=0;o<e.length;o++)r[o]=e.charCodeAt(o);return r}var Pt;function xt(t){if(typeof WebAssembly!="object")return null;let e=mr(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function br(){return Pt??={relaxed:xt(kt),plain:xt(Ct)},Pt}var Ve;function Qt(){if(!Ve){let{relaxed:t,plain:e}=br();Ve=t?new Re(t,"relaxed-simd"):e?new Re(e,"simd"):new Ze}return Ve}function ke(t,e,r,o,s=Qt()){let{batch:n,group:i,kvHeads:a,qSeq:c,kSeq:A,headDim:u,causal:d,scale:f,alibi:h}=t,l=e,p=r;if(t.rope){let{frequencies:E,pairing:$,angles:D}=t.rope,O=t.layout;l=te(e,E,{layout:O,pairing:$,angles:D,positions:t.rope.query}),p=te(r,E,{layout:O,pairing:$,angles:D,positions:t.rope.key})}let g=new Float32Array(e.data.length);if(c===0||A===0)return{shape:Object.freeze([...e.shape]),data:g};let b=u+7&-8,x=A+7&-8,I=c+3&-4,P=et,v=P+x*b,Q=v+x*b,q=Q+I*b,y=s.reserve(q+I*b),k=t.qStrides,R=t.kStrides,M=l.data,F=p.data,L=o.data,N=Math.fround,S=N(f*Math.LOG2E),C=R.seq===u&&u===b,w=k.seq===u&&u===b;for(let E=0;E<n;E++)for(let $=0;$<a;$++){let D=E*R.batch+$*R.heads;for(let O=0;O<x;O++){let _=P+(O>>3)*b*8+(O&7),H=D+O*R.seq,T=O<A?u:0;for(let K=0;K<T;K++)y[_+8*K]=F[H+K];for(let K=T;K<b;K++)y[_+8*K]=0}if(C)y.set(L.subarray(D,D+A*u),v);else for(let O=0;O<A;O++){let _=D+O*R.seq,H=v+O*b;for(let T=0;T<u;T++)y[H+T]=L[_+T];for(let T=u;T<b;T++)y[H+T]=0}y.fill(0,v+A*b,v+x*b);for(let O=$*i;O<($+1)*i;O++){let _=E*k.batch+O*k.heads;for(let H=0;H<I;H++){let T=Q+(H>>2)*b*4+(H&3),K=_+H*k.seq,m=H<c?u:0;for(let B=0;B<m;B++)y[T+4*B]=N(M[K+B]*S);for(let B=m;B<b;B++)y[T+4*B]=0}if(s.attendHead(Q,P,v,q,b,c,A,d,h?h[O]*Math.LOG2E:0),w)g.set(y.subarray(q,q+c*u),_);else for(let H=0;H<c;H++){let T=q+H*b,K=_+H*k.seq;for(let m=0;m<u;m++)g[K+m]=y[T+m]}}}return{shape:Object.freeze([...e.shape]),data:g}}function go(t,e,r,o={}){Z("q",t),Z("k",e),Z("v",r);let s=ae(t,e,r,o);return ke(s,t,e,r)}var Ce=Object.freeze({T48:49152,T32:32768,T16:16384});function St(t){return t>=Ce.T48?"T48":t>=Ce.T32?"T32":"T16"}function wr(t){let e=t.headDim/4,r=(e+(t.pad?1:0))*16,o=t.br*r,s=t.bc*r,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return o+s+n+i+a}function qt(t){let e=[];for(let r=1;r<=t;r++)t%r===0&&e.push(r);return e}function Ir(t,e,r){let o=t*e/r;if(!Number.isInteger(o)||o<1||o>16)return;let s,n=1/0;for(let i of qt(e)){let a=o/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function $r(t,e,r){let o=t*e/r;if(!Number.isInteger(o)||o<1||o>16)return;let s,n=1/0;for(let i of qt(e)){let a=o/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var tt=512;function Dt(t,e,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>tt)return;let o=Ce[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>r))for(let c of[64,32,16,8,4])for(let A of[64,32,16,8,4]){let u=Ir(c,A,a),d=$r(c,s,a);if(!(!u||!d))for(let f of[!1,!0])for(let h of[!0,!1]){let[l,p]=u,[g,b]=d,x=wr({headDim:t,br:c,bc:A,tn:p,sharedKV:f,pad:h});if(x>o)continue;let I=4*l*p/(l+p),P=[c*A,c>=A?1:0,A>=32?1:0,I>=4?1:0,a===128?2:a===64?1:0,I,f?0:1,h?1:0];(!i||vr(P,i))&&(i=P,n={tier:e,headDim:t,workgroup:a,br:c,bc:A,tm:l,tn:p,om:g,od4:b,sharedKV:f,pad:h,bytes:x})}}return n}function vr(t,e){for(let r=0;r<t.length;r++)if(t[r]!==e[r])return t[r]>e[r];return!1}var Er=140,yr=72,rt=9,Rt=1,Me=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#t=new Map;#o=null;constructor(e,r,o,s=!1){this.device=e,this.f16=s,this.ownsDevice=r,this.limits=o,this.tier=St(o.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),e.lost.then(n=>{this.#o??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#o}fail(e){this.#o??=e}cached(e,r){let o=this.#t.get(e);return o===void 0&&(o=r(),this.#t.set(e,o)),o}setCached(e,r){this.#t.set(e,r)}pipeline(e,r){let o=this.#e.get(e);return o||(o=this.#r(e,r()),this.#e.set(e,o),o.catch(()=>this.#e.delete(e))),o}async#r(e,r){let o=this.device.createShaderModule({code:r,label:e}),n=(await o.getCompilationInfo()).messages.filter(i=>i.type==="error");if(n.length>0)throw new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:o,entryPoint:"main"}})}catch(i){throw new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}buffer(e,r){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${r}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`);return this.device.createBuffer({size:Math.max(16,Math.ceil(e/16)*16),usage:Er,label:r})}upload(e,r){let o=this.buffer(e.byteLength,r);return e.byteLength>0&&this.device.queue.writeBuffer(o,0,e.buffer,e.byteOffset,e.byteLength),o}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}uniform(e,r){let o=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:yr,label:r});return this.device.queue.writeBuffer(o,0,e),o}encode(e,r){for(let o of r.dispatches)e.setPipeline(o.pipeline),e.setBindGroup(0,o.bindGroup),e.dispatchWorkgroups(o.grid[0],o.grid[1],o.grid[2])}submit(e,r){let o=this.#s(e,r);return this.release(e),o}release(e){for(let r of e.temps)r.destroy()}#s(e,r){let o=this.device.createCommandEncoder();if(e.dispatches.length>0){let n=o.beginComputePass();this.encode(n,e),n.end()}let s;return r&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(r.bytes/16)*16),usage:rt,label:"readback"}),r.bytes>0&&o.copyBufferToBuffer(r.source,0,s,0,Math.ceil(r.bytes/4)*4)),this.device.queue.submit([o.finish()]),s}async guarded(e,r){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let o,s,n=!1;try{o=r()}catch(u){s=u,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,A]=await Promise.all([i,a]);if(n)throw s;if(A)throw new Error(`Out of GPU memory while ${e}: ${A.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return o}async profile(e,r,o){o&&(this.#s(e),await this.idle());let s=this.device.createCommandEncoder(),n,i,a;this.timestamps&&(n=this.device.createQuerySet({type:"timestamp",count:2}),i=this.device.createBuffer({size:16,usage:516}),a=this.device.createBuffer({size:16,usage:rt}));let c=s.beginComputePass(n?{timestampWrites:{querySet:n,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let d=0;d<r;d++)this.encode(c,e);c.end(),n&&i&&a&&(s.resolveQuerySet(n,0,2,i,0),s.copyBufferToBuffer(i,0,a,0,16));let A=performance.now();this.device.queue.submit([s.finish()]),await this.idle();let u=(performance.now()-A)/1e3;try{if(a){await a.mapAsync(Rt);let[d,f]=new BigUint64Array(a.getMappedRange().slice(0));a.unmap();let h=Number(f-d);if(h>0)return{seconds:h/1e9/r,source:"timestamp-query"}}return{seconds:u/r,source:"wall-clock"}}finally{n?.destroy(),i?.destroy(),a?.destroy()}}gather(e){let r=e.reduce((i,a)=>i+a.size,0),o=this.device.createBuffer({size:Math.max(16,Math.ceil(r/16)*16),usage:rt,label:"readback"}),s=this.device.createCommandEncoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,o,n,i.size),n+=i.size;return this.device.queue.submit([s.finish()]),o}async read(e,r){try{return await e.mapAsync(Rt),e.getMappedRange(0,Math.max(16,Math.ceil(r/16)*16)).slice(0,r)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};function re(t,e,r=[]){let o=new ArrayBuffer(Math.ceil(t.length*4/16)*16),s=new DataView(o);return t.forEach((n,i)=>{let a=e[n]??0;if(r.includes(n))s.setFloat32(i*4,a,!0);else{if(!Number.isInteger(a)||a<0||a>4294967295)throw new RangeError(`Internal error: uniform ${n} = ${a} does not fit an unsigned 32-bit integer`);s.setUint32(i*4,a,!0)}}),o}function oe(t,e){return e==="f32"?r=>`${t}[${r}]`:r=>`vec4<f32>(${t}[${r}])`}function me(t,e,r,o,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,r=`(${r})`,o=`(${o})`,t.pairing==="interleaved"&&n%4===0)return`if (${o} < ${n/4}u) {
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
    }`}let a=[];for(let c=0;c<4;c++)if(t.pairing==="interleaved"){let A=c^1,u=c%2===0?"-":"+";a.push(`{
        let d = ${o} * 4u + ${c}u;
        if (d < ${n}u) {
          let t = T[${s} * ${i}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${u} x[${A}] * t.y;
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
    }`}var Pe=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function Br(t){let e=[t.q,t.k,t.v,t.o];return e.every(r=>r==="f32")?"":`:${e.join("")}`}var V=-1e30,ot=["sq","sk","group","kvHeads","causal","numTiles","tileBase","unitBase","qB","qH","qS","qOff","kB","kH","kS","kOff","vB","vH","vS","vOff","oB","oH","oS","oOff","qTab","qTabB","kTab","kTabB","scale2","pad0","pad1","pad2"];function st(t){let e=["params","q","k","v","o"];return t.rope&&e.push("table"),t.alibi&&e.push("slopes"),e}function nt(t){let e=t.tiles,r=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${r}:alibi=${t.alibi}`+Br(t.elements??Pe)}function ue(t){return Array.from({length:t},(e,r)=>r)}function Mt(t){let e=t.tiles,r=e.headDim/4,o=e.workgroup,s=e.br,n=e.bc,i=r+(e.pad?1:0),a=e.sharedKV?i:r,c=n+1,A=n/e.tn,u=r/e.od4,d=st(t),f=m=>d.indexOf(m),h=e.sharedKV?"Ks":"Vs",l=t.elements??Pe,p=oe("Q",l.q),g=oe("K",l.k),b=oe("V",l.v),x=[l.q,l.k,l.v,l.o].includes("f16"),I=ot.map(m=>`  ${m}: ${m==="scale2"?"f32":"u32"},`).join(`
`),P=(m,B)=>`for (var e = lid; e < ${m*r}u; e += ${o}u) {
    let r = e / ${r}u;
    let c = e % ${r}u;
    ${B("r","c")}
  }`,v=t.rope?me(t.rope,p,"base","c","P.qTab + b * P.qTabB + pos"):"",Q=t.rope?me(t.rope,g,"base","c","P.kTab + b * P.kTabB + key"):"",q=P(s,(m,B)=>`let flat = row0 + ${m};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${p(`base + ${B}`)};
      ${v}
    }
    Qs[${m} * ${i}u + ${B}] = x * P.scale2;`),y=P(n,(m,B)=>`let key = k0 + ${m};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${g(`base + ${B}`)};
      ${Q}
    }
    Ks[${m} * ${i}u + ${B}] = x;`),k=P(n,(m,B)=>`let key = k0 + ${m};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${b(`b * P.vB + kvh * P.vH + key * P.vS - P.vOff + ${B}`)};
    }
    ${h}[${m} * ${a}u + ${B}] = x;`),R=ue(e.tm),M=ue(e.tn),F=ue(e.om),L=ue(e.od4),N=R.flatMap(m=>M.map(B=>`var s${m}_${B} = 0.0;`)).join(" "),S=ue(r).map(m=>{let B=R.map(U=>`let q${U} = Qs[qr${U} + ${m}u];`).join(" "),z=M.map(U=>`let k${U} = Ks[kr${U} + ${m}u];`).join(" "),J=R.flatMap(U=>M.map(ce=>`s${U}_${ce} += dot(q${U}, k${ce});`)).join(" ");return`{ ${B} ${z} ${J} }`}).join(`
      `),C=R.flatMap(m=>M.map(B=>{let z=t.alibi?` - sl${m} * f32(abs(qp${m} - i32(key${B})))`:"";return`s${m}_${B} = select(${V}, s${m}_${B}${z}, ok${m} && key${B} < P.sk && (P.causal == 0u || i32(key${B}) <= qp${m}));`})).join(`
      `),w=R.map(m=>`Mx[(tr * ${e.tm}u + ${m}u) * ${A}u + tc] = max(${M.map(B=>`s${m}_${B}`).reduce((B,z)=>`max(${B}, ${z})`)}, ${V});`).join(`
      `),E=(m,B)=>`let ${B} = ${ue(A).map(z=>`Mx[${m} * ${A}u + ${z}u]`).reduce((z,J)=>`max(${z}, ${J})`)};`,$=R.map(m=>{let B=`(tr * ${e.tm}u + ${m}u)`,z=M.map(J=>`let p${J} = select(0.0, exp2(s${m}_${J} - tmax), s${m}_${J} > ${V/2});
        Ps[${B} * ${c}u + tc + ${J*A}u] = p${J};`).join(`
        `);return`{
        ${E(B,"tmax")}
        ${z}
        Sm[${B} * ${A}u + tc] = ${M.map(J=>`p${J}`).join(" + ")};
      }`}).join(`
      `),D=F.flatMap(m=>L.map(B=>`var o${m}_${B} = vec4<f32>(0.0);`)).join(" "),O=F.map(m=>`var m${m} = ${V}; var l${m} = 0.0;`).join(" "),_=F.map(m=>{let B=`orow${m}`;return`{
        ${E(B,"tmax")}
        let tsum = ${ue(A).map(z=>`Sm[${B} * ${A}u + ${z}u]`).join(" + ")};
        let mnew = max(m${m}, tmax);
        let alpha = exp2(m${m} - mnew);
        beta${m} = exp2(tmax - mnew);
        l${m} = l${m} * alpha + tsum * beta${m};
        m${m} = mnew;
        ${L.map(z=>`o${m}_${z} *= alpha;`).join(" ")}
      }`}).join(`
      `),H=ue(n).map(m=>{let B=F.map(U=>`let p${U} = Ps[orow${U} * ${c}u + ${m}u] * beta${U};`).join(" "),z=L.map(U=>`let v${U} = ${h}[${m*a}u + oc + ${U*u}u];`).join(" "),J=F.flatMap(U=>L.map(ce=>`o${U}_${ce} += p${U} * v${ce};`)).join(" ");return`{ ${B} ${z} ${J} }`}).join(`
      `),T=F.map(m=>`{
    let flat = row0 + orow${m};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = select(0.0, 1.0 / l${m}, l${m} > 0.0);
      ${L.map(B=>l.o==="f32"?`O[base + ${B*u}u] = o${m}_${B} * inv;`:`O[base + ${B*u}u] = vec4<f16>(o${m}_${B} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),K=R.map(m=>`let flat${m} = row0 + tr * ${e.tm}u + ${m}u;
  let pos${m} = flat${m} / P.group;
  let ok${m} = pos${m} < P.sq;
  let qp${m} = i32(pos${m}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${m} = SL[kvh * P.group + flat${m} % P.group];`:""}`).join(`
  `);return`// ${nt(t)}
${x?"enable f16;":""}
struct Params {
${I}
}
@group(0) @binding(${f("params")}) var<uniform> P: Params;
@group(0) @binding(${f("q")}) var<storage, read> Q: array<vec4<${l.q}>>;
@group(0) @binding(${f("k")}) var<storage, read> K: array<vec4<${l.k}>>;
@group(0) @binding(${f("v")}) var<storage, read> V: array<vec4<${l.v}>>;
@group(0) @binding(${f("o")}) var<storage, read_write> O: array<vec4<${l.o}>>;
${t.rope?`@group(0) @binding(${f("table")}) var<storage, read> T: array<vec2<f32>>;`:""}
${t.alibi?`@group(0) @binding(${f("slopes")}) var<storage, read> SL: array<f32>;`:""}

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

  ${q}

  let tr = lid / ${A}u;
  let tc = lid % ${A}u;
  ${R.map(m=>`let qr${m} = (tr * ${e.tm}u + ${m}u) * ${i}u;`).join(" ")}
  ${M.map(m=>`let kr${m} = (tc + ${m*A}u) * ${i}u;`).join(" ")}
  ${K}
  let orr = lid / ${u}u;
  let oc = lid % ${u}u;
  ${F.map(m=>`let orow${m} = orr * ${e.om}u + ${m}u;`).join(" ")}
  ${D}
  ${O}
  ${F.map(m=>`var beta${m} = 0.0;`).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${s}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${n-1}u) / ${n}u;
  for (var kt = 0u; kt < tiles; kt++) {
    let k0 = kt * ${n}u;
    ${y}
    ${e.sharedKV?"":k}
    workgroupBarrier();
    {
      ${N}
      ${S}
      ${M.map(m=>`let key${m} = k0 + tc + ${m*A}u;`).join(" ")}
      ${C}
      ${w}
      workgroupBarrier();
      ${$}
    }
    ${e.sharedKV?k:""}
    workgroupBarrier();
    {
      ${_}
      ${H}
    }
    workgroupBarrier();
  }

  ${T}
}
`}function ne(t,e,r,o=4){let s=Math.max(16,r.minStorageBufferOffsetAlignment),n=Math.floor(t*o/s)*s,i=Math.max(4,Math.ceil((e*o-n)/4)*4);return{offset:n,size:i,base:n/o}}function ee(t,e){return t.size<=e.maxStorageBufferBindingSize}function le(t,e,r,o){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!r(n,1))throw o(n);let a=1,c=i;if(r(n,c))a=c;else for(;c-a>1;){let A=Math.floor((a+c)/2);r(n,A)?a=A:c=A}s.push([n,a]),n+=a}return s}function ie(t,e){let r=e.maxComputeWorkgroupsPerDimension;if(t<=r)return[Math.max(1,t),1];let o=Math.ceil(t/r);if(o>r)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${r} x ${r}, the device's 2-D grid limit`);return[Math.ceil(t/o),o]}function he(t,e){let r=e.maxComputeWorkgroupsPerDimension;return r*r*t}var kr=32*1024*1024,Cr=1024;function Pr(t,e){return`rope-table|${e}|${t.attentionFactor}|${Array.from(t.invFreq).join(",")}`}function Ot(t,e,r){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${r} bytes; rotate in smaller batches`)}function de(t,e,r,o){let s=e.invFreq.length*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize);if(o.every(d=>d.positions.kind==="range")){let d=o.map(b=>b.positions.start),f=Math.min(...d),h=Math.max(...o.map((b,x)=>d[x]+b.seq)),l=Cr;for(;l<h;)l*=2;if(l*s<=Math.min(kr,n)){let b=Pr(e,r),x=t.cached(b,()=>null);if(!x||x.rows<h){let I=De(e,{start:0,count:l},r);x={rows:l,buffer:t.upload(I,"rope table")},t.setCached(b,x)}return{buffer:x.buffer,temp:!1,sides:d.map(I=>({tab:I,tabB:0}))}}let p=Math.max(1,h-f);if(p*s>n)throw Ot(p,p*s,n);let g=De(e,{start:f,count:p},r);return{buffer:t.upload(g,"rope table"),temp:!0,sides:d.map(b=>({tab:b-f,tabB:0}))}}let i=[],a=[],c=0;for(let d of o){let f=d.positions,h=f.kind==="list"?f.list:Float64Array.from({length:d.seq},(l,p)=>f.start+p);a.push({tab:c,tabB:f.kind==="list"&&f.perBatch?d.seq:0}),i.push(h),c+=h.length}let A=new Float64Array(Math.max(1,c)),u=0;for(let d of i)A.set(d,u),u+=d.length;if(A.length*s>n)throw Ot(A.length,A.length*s,n);return{buffer:t.upload(De(e,A,r),"rope table"),temp:!0,sides:a}}function Tt(t,e,r=Pe){let o=Dt(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!o)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:tt}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:o,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:r}}function Ht(t,e){return t.pipeline(nt(e),()=>Mt(e))}function Ft(t,e,r){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${r} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function Gt(t,e,r,o,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:A,headDim:u}=e,d={dispatches:[],temps:[]};if(n===0||c===0||A===0)return d;let f=t.limits,h=e.qStrides,l=e.kStrides,p=n*i,g=r.elements??Pe,b=S=>S==="f16"?2:4,x=(S,C,w=b(g.q))=>{let[E,$]=[Math.floor(S/i),S%i],D=S+C-1,[O,_]=[Math.floor(D/i),D%i],H=E*h.batch+$*a*h.heads,T=O*h.batch+(_*a+a-1)*h.heads+(c-1)*h.seq+u;return ne(H,T,f,w)},I=(S,C)=>x(S,C,b(g.o)),P=(S,C,w=b(g.k))=>{let E=S+C-1,$=Math.floor(S/i)*l.batch+S%i*l.heads,D=Math.floor(E/i)*l.batch+E%i*l.heads+(A-1)*l.seq+u;return ne($,D,f,w)},v=(S,C)=>P(S,C,b(g.v)),Q=(S,C)=>(b(g.q)>=b(g.o)?x:I)(S,C),q=(S,C)=>(b(g.k)>=b(g.v)?P:v)(S,C),y=le(p,f.maxComputeWorkgroupsPerDimension,(S,C)=>ee(Q(S,C),f)&&ee(q(S,C),f),S=>{let C=Q(S,1);return ee(C,f)?Ft("k and v",q(S,1).size,f.maxStorageBufferBindingSize):Ft("q and the output",C.size,f.maxStorageBufferBindingSize)}),k=null;e.rope&&(k=de(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:A}]),k.temp&&d.temps.push(k.buffer));let R=null;e.alibi&&(R=t.upload(e.alibi.map(S=>S*Math.LOG2E),"alibi slopes"),d.temps.push(R));let M=r.tiles,F=Math.ceil(c*a/M.br),L=f.maxComputeWorkgroupsPerDimension,N=st(r);for(let[S,C]of y){let w=x(S,C),E=P(S,C),$=v(S,C),D=I(S,C);for(let O=0;O<F;O+=L){let _={sq:c,sk:A,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:F,tileBase:O,unitBase:S,qB:h.batch/4,qH:h.heads/4,qS:h.seq/4,qOff:w.base/4,kB:l.batch/4,kH:l.heads/4,kS:l.seq/4,kOff:E.base/4,vB:l.batch/4,vH:l.heads/4,vS:l.seq/4,vOff:$.base/4,oB:h.batch/4,oH:h.heads/4,oS:h.seq/4,oOff:D.base/4,qTab:k?.sides[0]?.tab??0,qTabB:k?.sides[0]?.tabB??0,kTab:k?.sides[1]?.tab??0,kTabB:k?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},H=t.uniform(re(ot,_,["scale2"]),"flash params");d.temps.push(H);let T={params:{buffer:H},q:{buffer:s.q,offset:w.offset,size:w.size},k:{buffer:s.k,offset:E.offset,size:E.size},v:{buffer:s.v,offset:$.offset,size:$.size},o:{buffer:s.o,offset:D.offset,size:D.size}};k&&(T.table={buffer:k.buffer}),R&&(T.slopes={buffer:R});let K=t.device.createBindGroup({layout:o.getBindGroupLayout(0),entries:N.map((B,z)=>({binding:z,resource:T[B]}))}),[m]=ie(Math.min(L,F-O),f);d.dispatches.push({pipeline:o,bindGroup:K,grid:[m,C,1]})}}return d}var xr=256,Qr=8;function Sr(t){let e=t.kp*t.ku*t.rb,r=t.lr*(e+1),o=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(r+e+o+s)}function jt(t,e,r,o=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let f of[1,2,3,4])if(s%f===0&&s/f<=32){n=f;break}let i=s/n,a=Math.min(r==="T16"?64:128,o);if(i>o)return;let c=Math.max(1,Math.floor(a/i)),A=c*i,u=Ce[r],d=Math.max(1,Math.min(e,Math.floor(Qr/n)));for(let f=d;f>=1;f--)for(let h=Math.max(1,Math.floor(i/f));h>=1;h--){let l={headDim:t,c:n,lr:i,kp:c,ku:h,rb:f},p=Sr(l);if(p<=u)return{...l,workgroup:A,bytes:p}}}function Lt(t,e,r,o){let s=Math.ceil(r/Math.max(1,e)),n=Math.ceil(t/xr);return it(t,Math.max(1,Math.min(s,n,o)))}function it(t,e){let r=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/r)),keysPerSplit:r}}var at=["sq","group","rows","kvHeads","len","nsplit","keysPerSplit","unitBase","chunkBase","lmax4","direct","statsOff","qB","qH","qS","qOff","oB","oH","oS","oOff","tab","tabB","pad0","scale2"],ct=["items","nsplit","rows","group","kvHeads","unitBase","statsOff","gridX","oB","oH","oS","oOff"],xe=64;function At(t){let e=["params","q","k","v","o","w"];return t.rope&&e.push("table"),t.alibi&&e.push("slopes"),e}function ft(t){let e=t.tiles,r=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",o=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${r}:alibi=${t.alibi}:${o.q}${o.kv}${o.o}`}function ut(t,e){return`decode-merge:d${t}:${e}`}function pe(t){return Array.from({length:t},(e,r)=>r)}function Oe(t){return t.length===0?"0.0":t.join(" + ")}function _t(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function zt(t){let e=t.tiles,{c:r,lr:o,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,A=s*n*i,u=A+1,d=s*n,f=t.elements,h=At(t),l=w=>h.indexOf(w),p=oe("Q",f.q),g=oe("K",f.kv),b=oe("V",f.kv),x=[f.q,f.kv,f.o].includes("f16"),I=pe(i),P=pe(r),v=pe(n),Q=at.map(w=>`  ${w}: ${w==="scale2"?"f32":"u32"},`).join(`
`),q=t.rope?me(t.rope,p,"base","cc","P.tab + b * P.tabB + t"):"",y=I.map(w=>`${P.map(E=>`var q${w}_${E} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${w}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${P.map(E=>`{
        let cc = lr + ${E*o}u;
        var x = ${p("base + cc")};
        ${q}
        q${w}_${E} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),k=I.map(w=>`var m${w} = ${V}; var l${w} = 0.0; ${P.map(E=>`var a${w}_${E} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),R=v.map(w=>{let E=I.map($=>`Red[lr * ${u}u + kp * ${i}u + ${w*s*i+$}u] = ${Oe(P.map(D=>`dot(q${$}_${D}, k${w}_${D})`))};`).join(`
      `);return`let kr${w} = kvBase + min(k0 + ${w*s}u + kp, kEnd - 1u) * ${c}u;
      ${P.map($=>`let k${w}_${$} = ${g(`kr${w} + ${$*o}u`)};`).join(" ")}
      ${P.map($=>`let v${w}_${$} = ${b(`kr${w} + ${$*o}u`)};`).join(" ")}
      ${E}`}).join(`
      `),M=t.alibi?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          s -= SL[h] * f32(i32(qp) - i32(key));`:"",F=pe(Math.ceil(A/a)).map(w=>{let E=(w+1)*a>A;return`{
        let i = lid + ${w*a}u;
        ${E?`if (i < ${A}u) {`:"{"}
          var s = ${Oe(pe(o).map($=>`Red[${$*u}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${M}
          Sc[i] = select(${V}, s, key < kEnd && f < P.rows && key <= qp);
        }
      }`}).join(`
      `),L=I.map(w=>{let E=v.map($=>`s${$}`);return`{
        ${v.map($=>`let s${$} = Sc[kp * ${i}u + ${$*s*i+w}u];`).join(" ")}
        let mx = max(m${w}, ${E.reduce(($,D)=>`max(${$}, ${D})`)});
        let alpha = exp2(m${w} - mx);
        ${v.map($=>`let p${$} = select(0.0, exp2(s${$} - mx), s${$} > ${V/2});`).join(" ")}
        l${w} = l${w} * alpha + ${Oe(v.map($=>`p${$}`))};
        m${w} = mx;
        ${P.map($=>`a${w}_${$} = a${w}_${$} * alpha + ${Oe(v.map(D=>`p${D} * v${D}_${$}`))};`).join(`
        `)}
      }`}).join(`
      `),N=I.map(w=>`{
    let mr = ${pe(s).map(E=>`Mk[${E*i+w}u]`).reduce((E,$)=>`max(${E}, ${$})`)};
    let g = exp2(m${w} - mr);
    l${w} *= g;
    ${P.map(E=>`a${w}_${E} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${w}u] = mr;
    }
  }`).join(`
  `),S=pe(s).map(w=>`if (kp == ${w}u) {
    ${I.flatMap(E=>P.map($=>{let D=`${E*c}u + lr + ${$*o}u`;return w===0?`X[${D}] = a${E}_${$};`:`X[${D}] += a${E}_${$};`})).join(`
    `)}
    if (lr == 0u) {
      ${I.map(E=>w===0?`Ls[${E}u] = l${E};`:`Ls[${E}u] += l${E};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),C=pe(Math.ceil(i*c/a)).map(w=>{let E=(w+1)*a>i*c;return`{
    let e = lid + ${w*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${E?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${_t(f.o,"X[e] * select(0.0, 1.0 / total, total > 0.0)")};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${ft(t)}
${x?"enable f16;":""}
struct Params {
${Q}
}
@group(0) @binding(${l("params")}) var<uniform> P: Params;
@group(0) @binding(${l("q")}) var<storage, read> Q: array<vec4<${f.q}>>;
@group(0) @binding(${l("k")}) var<storage, read> K: array<vec4<${f.kv}>>;
@group(0) @binding(${l("v")}) var<storage, read> V: array<vec4<${f.kv}>>;
@group(0) @binding(${l("o")}) var<storage, read_write> O: array<vec4<${f.o}>>;
@group(0) @binding(${l("w")}) var<storage, read_write> W: array<vec4<f32>>;
${t.rope?`@group(0) @binding(${l("table")}) var<storage, read> T: array<vec2<f32>>;`:""}
${t.alibi?`@group(0) @binding(${l("slopes")}) var<storage, read> SL: array<f32>;`:""}

var<workgroup> Red: array<f32, ${o*u}>;
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

  ${y}
  ${k}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${d}u) {
      ${R}
    workgroupBarrier();
      ${F}
    workgroupBarrier();
      ${L}
  }

  if (lr == 0u) {
    ${I.map(w=>`Mk[kp * ${i}u + ${w}u] = m${w};`).join(" ")}
  }
  workgroupBarrier();
  ${N}
  ${S}
  ${C}
}
`}function Wt(t,e){let r=t/4,o=ct.map(s=>`  ${s}: u32,`).join(`
`);return`// ${ut(t,e)}
${e==="f16"?"enable f16;":""}
struct Params {
${o}
}
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> W: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> O: array<vec4<${e}>>;

@compute @workgroup_size(${xe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${xe}u + lid;
  if (idx >= P.items) {
    return;
  }
  let row = idx / ${r}u;
  let cc = idx % ${r}u;
  let stats = P.statsOff + row * P.nsplit;
  var mx = ${V};
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${_t(e,"acc * select(0.0, 1.0 / total, total > 0.0)")};
}
`}function Ut(t,e,r){let o=e.group*e.qSeq,s=jt(e.headDim,o,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:r}}function lt(t,e){let r=e.tiles.headDim,o=e.elements.o;return Promise.all([t.pipeline(ft(e),()=>zt(e)),t.pipeline(ut(r,o),()=>Wt(r,o))])}function Kt(t,e,r,o,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let a=Math.min(o,n);if(e.splits>a)throw new RangeError(`Invalid splits: expected at most ${a} (the cache length ${o}${n<o?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return it(o,e.splits)}let i=Math.ceil(e.group*e.qSeq/r.tiles.rb);return Lt(o,e.batch*e.kvHeads*i,s,n)}function ht(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function Yt(t,e,r,o,s,n,i){let a={dispatches:[],temps:[]},[c,A]=o,u=t.limits,{kvHeads:d,group:f,qSeq:h,headDim:l}=e,p=l/4,g=f*h,b=r.tiles,x=Math.ceil(g/b.rb),{splits:I,keysPerSplit:P}=n,v=I===1,Q=e.qStrides,q=r.elements.q==="f16"?2:4,y=r.elements.o==="f16"?2:4,k=(C,w,E)=>{let $=(H,T)=>Math.floor(H/d)*Q.batch+T*Q.heads,D=C+w-1,O=$(C,C%d*f),_=$(D,D%d*f+f-1)+(h-1)*Q.seq+l;return ne(O,_,u,E)},R=C=>C*g*I*(p+1)*16,M=null;e.rope&&(M=de(t,e.rope.frequencies,e.rope.angles,[{positions:ht(e,s.length),seq:h}]),M.temp&&a.temps.push(M.buffer));let F=null;e.alibi&&(F=t.upload(e.alibi.map(C=>C*Math.LOG2E),"alibi slopes"),a.temps.push(F));let L=u.maxComputeWorkgroupsPerDimension,N=At(r),S=Math.max(1,Math.floor(he(xe,u)/(g*p)));for(let C of s.chunks){let w=le(C.n,Math.min(L,S),(E,$)=>ee(k(C.u0+E,$,q),u)&&ee(k(C.u0+E,$,y),u)&&(v||R($)<=u.maxStorageBufferBindingSize),E=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${k(C.u0+E,1,Math.max(q,y)).size} bytes or their ${I} partial outputs ${R(1)} bytes, more than maxStorageBufferBindingSize (${u.maxStorageBufferBindingSize} bytes)`));for(let[E,$]of w){let D=C.u0+E,O=k(D,$,q),_=k(D,$,y),H=$*g*I*p,T=t.dummy();v||(T=t.buffer(R($),"decode partials"),a.temps.push(T));let K={sq:h,group:f,rows:g,kvHeads:d,len:s.length,nsplit:I,keysPerSplit:P,unitBase:D,chunkBase:C.u0,lmax4:s.maxLength*p,direct:v?1:0,statsOff:H,qB:Q.batch/4,qH:Q.heads/4,qS:Q.seq/4,qOff:O.base/4,oB:Q.batch/4,oH:Q.heads/4,oS:Q.seq/4,oOff:_.base/4,tab:M?.sides[0]?.tab??0,tabB:M?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E},m=t.uniform(re(at,K,["scale2"]),"decode params");a.temps.push(m);let B={params:{buffer:m},q:{buffer:i.q,offset:O.offset,size:O.size},k:{buffer:C.k},v:{buffer:C.v},o:{buffer:i.o,offset:_.offset,size:_.size},w:{buffer:T}};if(M&&(B.table={buffer:M.buffer}),F&&(B.slopes={buffer:F}),a.dispatches.push({pipeline:c,bindGroup:t.device.createBindGroup({layout:c.getBindGroupLayout(0),entries:N.map((hr,dr)=>({binding:dr,resource:B[hr]}))}),grid:[I,$,x]}),v)continue;let z=$*g*p,[J,U]=ie(Math.ceil(z/xe),u),ce=t.uniform(re(ct,{items:z,nsplit:I,rows:g,group:f,kvHeads:d,unitBase:D,statsOff:H,gridX:J,oB:Q.batch/4,oH:Q.heads/4,oS:Q.seq/4,oOff:_.base/4}),"decode merge params");a.temps.push(ce),a.dispatches.push({pipeline:A,bindGroup:t.device.createBindGroup({layout:A.getBindGroupLayout(0),entries:[{binding:0,resource:{buffer:ce}},{binding:1,resource:{buffer:T}},{binding:2,resource:{buffer:i.o,offset:_.offset,size:_.size}}]}),grid:[J,U,1]})}}return a}var Nt=new Float32Array(1),qr=new Uint32Array(Nt.buffer);function Dr(t){Nt[0]=t;let e=qr[0],r=e>>>16&32768,o=e>>>23&255,s=e&8388607;if(o===255)return r|31744|(s!==0?512:0);let n=o-112;if(n>=31)return r|31744;if(n<=0){if(n<-10)return r;s|=8388608;let c=14-n,A=s>>>c,u=s&(1<<c)-1,d=1<<c-1;return(u>d||u===d&&(A&1)===1)&&A++,r|A}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,r|i}function Jt(t){let e=(t&32768)!==0?-1:1,r=t>>>10&31,o=t&1023;return r===0?e*o*2**-24:r===31?o!==0?NaN:e*(1/0):e*(1+o/1024)*2**(r-15)}function dt(t){let e=new Uint16Array(t.length+t.length%2);for(let r=0;r<t.length;r++)e[r]=Dr(t[r]);return e}function Fe(t,e=t.length){let r=new Float32Array(e);for(let o=0;o<e;o++)r[o]=Jt(t[o]);return r}var se=64;function Xt(){return Float32Array.from({length:se},(t,e)=>(e-31)*.125)}var Rr=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${se/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function Mr(t,e){let r=Xt();for(let o=0;o<se;o++){let s=r[o]*3+.25,n=t[o],i=e[o]===void 0?void 0:Jt(e[o]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${o} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${se} values was exact`}}async function Vt(t){let n=[],i=(a,c)=>{let A=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(A),A};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:Rr,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),A=i(se*2,136),u=i(se*4,132),d=i(se*2,132),f=i(se*4,9),h=i(se*2,9),l=dt(Xt());t.queue.writeBuffer(A,0,l.buffer,l.byteOffset,l.byteLength);let p=t.createCommandEncoder(),g=p.beginComputePass();g.setPipeline(c),g.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[A,u,d].map((P,v)=>({binding:v,resource:{buffer:P}}))})),g.dispatchWorkgroups(1),g.end(),p.copyBufferToBuffer(u,0,f,0,se*4),p.copyBufferToBuffer(d,0,h,0,se*2),t.queue.submit([p.finish()]),await Promise.all([f.mapAsync(1),h.mapAsync(1)]);let b=new Float32Array(f.getMappedRange().slice(0)),x=new Uint16Array(h.getMappedRange().slice(0)),I=await t.popErrorScope();return I?{available:!1,detail:`the shader-f16 self-test was rejected: ${I.message}`}:Mr(b,x)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var Te=256,Zt=["items","pad0","kvHeads","unitBase","chunkBase","slot","lmax4","gridX","kB","kH","kS","kOff","vB","vH","vS","vOff","tab","tabB","tokBase","tokCount"];function er(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function Or(t){let e=t.headDim/4,r=oe("K",t.k),o=oe("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=c=>t.cache==="f32"?c:`vec4<f16>(${c})`,i=Zt.map(c=>`  ${c}: u32,`).join(`
`),a=t.rope?me(t.rope,r,"base","c","P.tab + b * P.tabB + s"):"";return`// ${er(t)}
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

@compute @workgroup_size(${Te})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Te}u + lid;
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
`}function tr(t,e){return t.pipeline(er(e),()=>Or(e))}function rr(t,e,r,o,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,A=r.headDim,u=A/4;if(a===0)return i;let d=t.limits,f=r.k==="f16"?2:4,h=r.v==="f16"?2:4,l=(I,P,v)=>{let Q=I+P-1,q=y=>Math.floor(y/e.kvHeads)*c.batch+y%e.kvHeads*c.heads;return ne(q(I),q(Q)+(a-1)*c.seq+A,d,v)},p=null;e.rope&&(p=de(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),p.temp&&i.temps.push(p.buffer));let g=he(Te,d),b=Math.min(a,Math.max(1,Math.floor(g/u))),x=Math.max(1,Math.floor(g/(b*u)));for(let I of n){let P=le(I.n,x,(v,Q)=>ee(l(I.u0+v,Q,f),d)&&ee(l(I.u0+v,Q,h),d),v=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${l(I.u0+v,1,Math.max(f,h)).size} bytes, more than maxStorageBufferBindingSize (${d.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[v,Q]of P)for(let q=0;q<a;q+=b){let y=Math.min(b,a-q),k=I.u0+v,R=l(k,Q,f),M=l(k,Q,h),F=Q*y*u,[L,N]=ie(Math.ceil(F/Te),d),S={items:F,n:a,kvHeads:e.kvHeads,unitBase:k,chunkBase:I.u0,slot:e.slot,lmax4:e.maxLength*u,gridX:L,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:R.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:M.base/4,tab:p?.sides[0]?.tab??0,tabB:p?.sides[0]?.tabB??0,tokBase:q,tokCount:y},C=t.uniform(re(Zt,S),"kv append params");i.temps.push(C);let w=[{binding:0,resource:{buffer:C}},{binding:1,resource:{buffer:s.k,offset:R.offset,size:R.size}},{binding:2,resource:{buffer:s.v,offset:M.offset,size:M.size}},{binding:3,resource:{buffer:I.k}},{binding:4,resource:{buffer:I.v}}];p&&w.push({binding:5,resource:{buffer:p.buffer}});let E=t.device.createBindGroup({layout:o.getBindGroupLayout(0),entries:w});i.dispatches.push({pipeline:o,bindGroup:E,grid:[L,N,1]})}}return i}var He="This KvCache cannot be used: it was destroyed",Ge="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",Fr=512,or=4;function pt(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${j(e)}`)}function ve(t,e,r){let o=Y(t,e??"f32",{allowed:["f32","f16","auto"]});if(o==="auto")return r.available?"f16":"f32";if(o==="f16"&&!r.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${r.detail}); use "f32", or "auto" to fall back to float32`);return o}function gt(t){pt("options",t);let e=X("batch",t.batch,{min:1}),r=X("kvHeads",t.kvHeads,{min:1}),o=X("headDim",t.headDim,{min:4,max:Fr});if(o%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${o}`);let s=X("maxLength",t.maxLength,{min:1});return{batch:e,kvHeads:r,headDim:o,maxLength:s}}function nr(t,e,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${j(e)}`);let o=Be(`${t}.frequencies`,e.frequencies),s=2*o.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==s)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${s} (2 x the ${o.invFreq.length} frequencies), got ${j(e.rotaryDim)}`);if(s>r)throw new RangeError(`Invalid ${t}.frequencies: rotary dim ${s} (2 x ${o.invFreq.length} frequencies) exceeds the head dim ${r}`);let n=Y(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),i=Y(`${t}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),a=`${n}|${i}|${o.attentionFactor}|${Array.from(o.invFreq).join(",")}`;return{frequencies:o,pairing:n,rotaryDim:s,angles:i,fingerprint:a}}function sr(t,e,r,o){let s=Ae(t,e,r);if(s.batch!==o.batch)throw new RangeError(`Invalid ${t}: expected batch ${o.batch} (as the cache), got ${s.batch}`);if(s.heads!==o.kvHeads)throw new RangeError(`Invalid ${t}: expected ${o.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==o.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${o.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function je(t,e,r,o){pt("options",o);let s=Y("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=sr("k",e,s,t),i=sr("v",r,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(o.rope!==void 0){let c=nr("rope",o.rope,t.headDim),A=o.rope.positions===void 0?null:$e("rope.positions",o.rope.positions,n.seq,t.batch,c.angles==="float32");a={...c,positions:A}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function Le(t,e,r){if(e+r.n>t.maxLength)throw new RangeError(`Cannot append ${r.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(r.rope&&!r.rope.positions&&r.rope.angles==="float32"){let o=e+r.n-1;if(o>fe)throw new RangeError(`Invalid rope: the last key would sit at position ${o}, above ${fe} (the largest position with angles "float32")`)}}function mt(t,e,r){pt("options",r);let o=Y("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=Ae("q",e,o);if(s.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${s.batch}`);if(s.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${s.headDim}`);if(s.heads<1||s.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${s.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(s.seq<1||s.seq>or)throw new RangeError(`Invalid q: expected 1 to ${or} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${s.seq}`);let n=r.scale===void 0?1/Math.sqrt(s.headDim):ge("scale",r.scale),i=Xe(r.alibiSlopes,s.heads),a=null;if(r.rope!==void 0){let A=nr("rope",r.rope,t.headDim),u=r.queryPositions===void 0?null:$e("queryPositions",r.queryPositions,s.seq,s.batch,A.angles==="float32");a={...A,queryPositions:u}}else if(r.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let c=r.splits===void 0?void 0:X("splits",r.splits,{min:1});return{layout:o,batch:s.batch,heads:s.heads,kvHeads:t.kvHeads,group:s.heads/t.kvHeads,qSeq:s.seq,headDim:s.headDim,qShape:[...e.shape],qStrides:s.strides,scale:n,rope:a,alibi:i,splits:c}}function bt(t,e,r){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(r.keyRope&&r.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(r.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(t.rope.angles==="float32"&&e-1>fe)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${fe} (the largest position with angles "float32")`)}}}function _e(t,e){let r=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==r)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:r,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var Ee=Object.freeze({keyRope:void 0,explicitPositions:!1});var G=class{shape;dtype;owner;#e;#t;#o;#r=!1;constructor(e,r,o,s,n="float32"){this.owner=e,this.dtype=n,this.#o=s,this.shape=Object.freeze([...r]),this.#e=o instanceof Float32Array?null:o,this.#t=o instanceof Float32Array?o:null}get buffer(){return this.#e}get destroyed(){return this.#r||!this.#o()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#t}}destroy(){this.#r||(this.#r=!0,this.#e?.destroy())}};function W(t,e,r){if(e instanceof G){if(e.owner!==r)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let o=e;if(o===null||typeof o!="object"||!("data"in o))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${j(e)}`);return Z(t,e)}var ze=class{#e=Promise.resolve();run(e,r){let o=this.#e,s,n=new Promise(i=>s=i);return this.#e=o.then(()=>n),(async()=>{try{let i=await e();return await o,await r(i)}finally{s()}})()}};function be(t){return t instanceof G&&t.dtype==="float16"?"f16":"f32"}function wt(t,e,r){if(!(t instanceof r))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var Tr="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",Qe=class t{owner;batch;kvHeads;headDim;maxLength;precision;chunks;#e;#t;#o=new ze;#r=0;#s=0;#n=Ee;#i=!1;constructor(e,r,o,s,n,i){this.#e=e,this.owner=r,this.#t=o,this.batch=s.batch,this.kvHeads=s.kvHeads,this.headDim=s.headDim,this.maxLength=s.maxLength,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,r,o,s,n){let i=n==="f16"?2:4,a=s.maxLength*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c)throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of maxLength ${s.maxLength} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller maxLength, precision "f16", or several caches`);let A=s.batch*s.kvHeads,u=Math.floor(c/a),d=2*A*a,f=[];return await e.guarded(`allocating the KV cache (${d} bytes)`,()=>{for(let h=0;h<A;h+=u){let l=Math.min(u,A-h);f.push({u0:h,n:l,k:e.buffer(l*a,"kv cache keys"),v:e.buffer(l*a,"kv cache values")})}}).catch(h=>{for(let l of f)l.k.destroy(),l.v.destroy();throw h}),new t(e,r,o,s,n,f)}get length(){return this.#r}get destroyed(){return this.#i||!this.#t()}get ropeState(){return this.#n}live(){if(this.#i)throw new Error(He);if(!this.#t())throw new Error(Ge)}view(){return{batch:this.batch,kvHeads:this.kvHeads,maxLength:this.maxLength,length:this.#r,chunks:this.chunks}}schedule(e,r,o){let s=this.#s;return this.#o.run(r,n=>{if(this.live(),s!==this.#s)throw new Error(`This ${e} ${Tr}`);return o(n)})}append(e,r,o={}){try{this.live();let s=this.#e,n=W("k",e,this.owner),i=W("v",r,this.owner),a=je(this,n,i,o),c={headDim:this.headDim,rope:a.rope?{pairing:a.rope.pairing,rotaryDim:a.rope.rotaryDim}:null,k:be(n),v:be(i),cache:this.precision};return this.schedule("append",()=>tr(s,c),async A=>{W("k",e,this.owner),W("v",r,this.owner),Le(this,this.#r,a);let u=_e(this.#n,a);if(a.n===0)return;let d=this.#r;await s.guarded("the KV-cache append",()=>{let f=[],h=(g,b)=>{if(g instanceof G)return g.buffer;let x=s.upload(g.data,b);return f.push(x),x},l={k:h(n,"k"),v:h(i,"v")},p={kvHeads:this.kvHeads,maxLength:this.maxLength,n:a.n,slot:d,strides:a.strides,rope:a.rope?{frequencies:a.rope.frequencies,angles:a.rope.angles,positions:a.rope.positions??{kind:"range",start:d}}:null};try{let g=rr(s,p,c,A,l,this.chunks);g.temps.push(...f),s.submit(g)}catch(g){for(let b of f)b.destroy();throw g}}),this.#r=d+a.n,this.#n=u})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,r=this.headDim,o=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let u=this.#r,d=u*r*o;if(u===0)return{length:u,target:null,bytes:0};let f=[];for(let l of["k","v"])for(let p of this.chunks)for(let g=0;g<p.n;g++){let b=g*this.maxLength*r*o;f.push({buffer:p[l],offset:b,size:d})}let h=await e.guarded("the KV-cache download",()=>e.gather(f));return{length:u,target:h,bytes:2*s*d}}),i=Object.freeze([this.batch,this.kvHeads,n.length,r]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,A=u=>this.precision==="f16"?Fe(new Uint16Array(u)):new Float32Array(u);return{k:{shape:i,data:A(a.slice(0,c))},v:{shape:i,data:A(a.slice(c))}}}reset(){this.live(),this.#s++,this.#r=0,this.#n=Ee}destroy(){if(!this.#i){this.#i=!0,this.#s++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var Se=class{owner;batch;kvHeads;headDim;maxLength;precision="f32";#e;#t;#o;#r=0;#s=Ee;#n=!1;constructor(e,r,o){this.owner=e,this.#o=r,this.batch=o.batch,this.kvHeads=o.kvHeads,this.headDim=o.headDim,this.maxLength=o.maxLength;let s=o.batch*o.kvHeads*o.maxLength*o.headDim;this.#e=new Float32Array(s),this.#t=new Float32Array(s)}get length(){return this.#r}get destroyed(){return this.#n||!this.#o()}get ropeState(){return this.#s}live(){if(this.#n)throw new Error(He);if(!this.#o())throw new Error(Ge)}append(e,r,o={}){try{this.live();let s=W("k",e,this.owner),n=W("v",r,this.owner),i=je(this,s,n,o);Le(this,this.#r,i);let a=_e(this.#s,i),c=this.#r,A=ir(s);i.rope&&(A=te(A,i.rope.frequencies,{layout:i.layout,pairing:i.rope.pairing,angles:i.rope.angles,positions:i.rope.positions??{kind:"range",start:c}}));let u=ir(n),d=this.headDim,f=i.strides;for(let h=0;h<this.batch;h++)for(let l=0;l<this.kvHeads;l++)for(let p=0;p<i.n;p++){let g=h*f.batch+l*f.heads+p*f.seq,b=((h*this.kvHeads+l)*this.maxLength+c+p)*d;this.#e.set(A.data.subarray(g,g+d),b),this.#t.set(u.data.subarray(g,g+d),b)}return this.#r=c+i.n,this.#s=a,Promise.resolve()}catch(s){return Promise.reject(s)}}tensors(e){let{batch:r,kvHeads:o,headDim:s}=this,n=this.#r,i=Object.freeze(e==="bhsd"?[r,o,n,s]:[r,n,o,s]),a=new Float32Array(r*o*n*s),c=new Float32Array(a.length);for(let A=0;A<r;A++)for(let u=0;u<o;u++)for(let d=0;d<n;d++){let f=((A*o+u)*this.maxLength+d)*s,h=e==="bhsd"?((A*o+u)*n+d)*s:((A*n+d)*o+u)*s;a.set(this.#e.subarray(f,f+s),h),c.set(this.#t.subarray(f,f+s),h)}return{k:{shape:i,data:a},v:{shape:i,data:c}}}download(){try{return this.live(),Promise.resolve(this.tensors("bhsd"))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.#r=0,this.#s=Ee}destroy(){this.#n=!0}};function ir(t){return t instanceof G?t.host:t}var Ie=256,we=64,cr=["rowBase","rows","sq","sk","heads","group","causal","alibi","qB","qH","qS","dim","kB","kH","kS","gridX","scale","pad0","pad1","pad2"];function It(){return`struct Params {
${cr.map(e=>`  ${e}: ${e==="scale"?"f32":"u32"},`).join(`
`)}
}
@group(0) @binding(0) var<uniform> P: Params;
`}var ar=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function Hr(t){return t==="scores"?`// naive:scores
${It()}
@group(0) @binding(1) var<storage, read> Q: array<f32>;
@group(0) @binding(2) var<storage, read> K: array<f32>;
@group(0) @binding(3) var<storage, read> SL: array<f32>;
@group(0) @binding(4) var<storage, read_write> S: array<f32>;
${ar}
@compute @workgroup_size(${Ie})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ie}u + lid;
  if (idx >= P.rows * P.sk) {
    return;
  }
  let c = rowCoords(P.rowBase + idx / P.sk);
  let j = idx % P.sk;
  let kvh = c.y / P.group;
  let aligned = i32(c.z) + i32(P.sk) - i32(P.sq);
  var value = ${V};
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
${It()}
@group(0) @binding(1) var<storage, read_write> S: array<f32>;
var<workgroup> red: array<f32, ${we}>;
@compute @workgroup_size(${we})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${V};
  for (var j = lid; j < P.sk; j += ${we}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${we/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${we}u) {
    let s = S[base + j];
    sum += select(0.0, exp(s - m), s > ${V/2});
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${we/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = select(0.0, 1.0 / total, total > 0.0);
  for (var j = lid; j < P.sk; j += ${we}u) {
    let s = S[base + j];
    S[base + j] = select(0.0, exp(s - m) * inv, s > ${V/2});
  }
}
`:`// naive:pv
${It()}
@group(0) @binding(1) var<storage, read> S: array<f32>;
@group(0) @binding(2) var<storage, read> V: array<f32>;
@group(0) @binding(3) var<storage, read_write> O: array<f32>;
${ar}
@compute @workgroup_size(${Ie})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ie}u + lid;
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
`}function Ar(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>Hr(e))))}function fr(t,e,r,o){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:A}=e,u=n*i*a;if(u===0||c===0)return s;let d=t.limits,f=d.maxStorageBufferBindingSize;for(let[y,k]of[["q",o.q],["k",o.k],["v",o.v]])if(k.size>f)throw new RangeError(`Cannot run the naive kernel: ${y} (${k.size} bytes) exceeds maxStorageBufferBindingSize (${f} bytes); it is a small-size baseline, use the flash kernel`);let h=c*4;if(h>f)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${f} bytes)`);let l=he(Ie,d),p=Math.max(1,Math.min(u,Math.floor(f/h),Math.floor(l/c),Math.floor(l/A),d.maxComputeWorkgroupsPerDimension**2)),g=t.buffer(p*h,"naive scores");s.temps.push(g);let b=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(b);let[x,I,P]=r,v=e.qStrides,Q=e.kStrides,q=(y,k,R)=>t.device.createBindGroup({layout:y.getBindGroupLayout(0),entries:[k,...R].map((M,F)=>({binding:F,resource:{buffer:M}}))});for(let y=0;y<u;y+=p){let k=Math.min(p,u-y),R={rowBase:y,rows:k,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:v.batch,qH:v.heads,qS:v.seq,dim:A,kB:Q.batch,kH:Q.heads,kS:Q.seq,scale:e.scale},M=[[x,Math.ceil(k*c/Ie),[o.q,o.k,b,g]],[I,k,[g]],[P,Math.ceil(k*A/Ie),[g,o.v,o.o]]];for(let[F,L,N]of M){let[S,C]=ie(L,d),w=t.uniform(re(cr,{...R,gridX:S},["scale"]),"naive params");s.temps.push(w),s.dispatches.push({pipeline:F,bindGroup:q(F,w,N),grid:[S,C,1]})}}return s}var We=256,ur=["items","perRow","rh","interleaved","heads","seq","bshd","rowBase","xB","xH","xS","xOff","oB","oH","oS","oOff","tab","tabB","gridX","pad0"];function Gr(t){let e=ur.map(o=>`  ${o}: u32,`).join(`
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
`}function $t(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>Gr(e))}function Ue(t,e,r,o,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:A}=e,u=i*a*c;if(u===0||A===0)return n;let d=e.frequencies.invFreq.length,f=d+(s?A-2*d:0),h=t.limits,l=de(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);l.temp&&n.temps.push(l.buffer);let p=l.sides[0],g=e.layout==="bhsd"?{b:a*c*A,h:c*A,s:A}:{b:c*a*A,h:A,s:a*A},b=Math.max(1,Math.floor(he(We,h)/Math.max(1,f))),x=le(u,b,(I,P)=>ee(ne(I*A,(I+P)*A,h),h),()=>new RangeError(`Cannot rotate: one row of ${A} elements exceeds the device's maxStorageBufferBindingSize`));for(let[I,P]of x){let v=ne(I*A,(I+P)*A,h),Q=P*f,[q,y]=ie(Math.ceil(Q/We),h),k={items:Q,perRow:f,rh:d,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:I,xB:g.b,xH:g.h,xS:g.s,xOff:v.base,oB:g.b,oH:g.h,oS:g.s,oOff:v.base,tab:p.tab,tabB:p.tabB,gridX:q},R=t.uniform(re(ur,k),"rope params");n.temps.push(R);let M=[{binding:0,resource:{buffer:R}},{binding:1,resource:{buffer:o,offset:v.offset,size:v.size}},{binding:2,resource:{buffer:l.buffer}}];s&&M.push({binding:3,resource:{buffer:s,offset:v.offset,size:v.size}});let F=t.device.createBindGroup({layout:r.getBindGroupLayout(0),entries:M});n.dispatches.push({pipeline:r,bindGroup:F,grid:[q,y,1]})}return n}function qe(t,e){if(typeof e!="boolean")throw new TypeError(`Invalid ${t}: expected a boolean, got ${j(e)}`);return e}function Ke(t){return X("iterations",t,{min:1})}function lr(t,e,r){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${j(r)}`);let o=Y("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=Ae("x",t,o),n=Be("frequencies",e),i=2*n.invFreq.length;if(r.rotaryDim!==void 0&&r.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (2 x the ${n.invFreq.length} frequencies), got ${j(r.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (2 x ${n.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=Y("pairing",r.pairing??"half",{allowed:["half","interleaved"]}),c=Y("angles",r.angles??"float32",{allowed:["float32","float64"]}),A=yt("",r.positions,r.offset,s.seq,s.batch,c),u=qe("inPlace",r.inPlace??!1);return{call:{layout:o,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:A},inPlace:u}}function ye(t){return t.reduce((e,r)=>e*r,1)}var Ye=class{info;#e;constructor(e,r){this.#e=e,this.info=Object.freeze(r)}#t(){let e=this.#e.failure;if(e)throw new Error(`This GpuAttention cannot be used: ${e}`);return this.#e}#o=()=>this.#e.failure===null;#r(e,r,o="f32"){return new G(this,e,r,this.#o,o==="f16"?"float16":"float32")}#s(e,r){return r==="f16"?dt(e):e}#n(e,r,o){return r==="f16"?Fe(new Uint16Array(e),o):new Float32Array(e)}#i(e,r,o,s="f32"){if(e instanceof G)return e.buffer;let n=this.#e.upload(this.#s(e.data,s),o);return r.push(n),n}#c(e,r,o,s){let n=ve("precision",s.precision,this.info.f16),i=a=>a instanceof G?be(a):n;return{q:i(e),k:i(r),v:i(o),o:i(e)}}#a(e){return e.map(([r,o])=>W(r,o,this))}async attention(e,r,o,s={}){let n=this.#t(),[i,a,c]=this.#a([["q",e],["k",r],["v",o]]),A=ae(i,a,c,s),u=this.#c(i,a,c,s),d=await this.#A(A,s,u);this.#t(),this.#a([["q",e],["k",r],["v",o]]);let f=ye(A.qShape),h=f*(u.o==="f16"?2:4),l=n.buffer(h,"attention output"),p=i instanceof G,g=await n.guarded("the attention dispatch",()=>{let x=d(i,a,c,l),I=p?void 0:{source:l,bytes:h},P=n.submit(x,I);return p||l.destroy(),P});if(p)return this.#r(A.qShape,l,u.o);let b=this.#n(await n.read(g,h),u.o,f);return{shape:Object.freeze([...A.qShape]),data:b}}async#A(e,r,o){let s=this.#e;if(Y("kernel",r.kernel??"flash",{allowed:["flash","naive"]})==="flash"){let A=Tt(s,e,o),u=await Ht(s,A);return(d,f,h,l)=>{let p=[],g={q:this.#i(d,p,"q",o.q),k:this.#i(f,p,"k",o.k),v:this.#i(h,p,"v",o.v),o:l},b=Gt(s,e,A,u,g);return{dispatches:b.dispatches,temps:[...p,...b.temps]}}}let i=Object.entries(o).find(([,A])=>A==="f16");if(i)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${i[0]==="o"?"output":i[0]}; use the flash kernel`);let[a,c]=await Promise.all([Ar(s),e.rope?$t(s,!1):Promise.resolve(null)]);return(A,u,d,f)=>{let h=[],l=[],p=this.#i(A,h,"q"),g=this.#i(u,h,"k"),b=this.#i(d,h,"v");if(e.rope&&c){let I=e.rope,P=(v,Q,q,y)=>{let k={layout:e.layout,batch:e.batch,heads:Q,seq:q,headDim:e.headDim,frequencies:I.frequencies,pairing:I.pairing,angles:I.angles,positions:v},R=s.buffer(e.batch*Q*q*e.headDim*4,"rotated");h.push(R);let M=Ue(s,k,c,y,R);return l.push(...M.dispatches),h.push(...M.temps),R};p=P(I.query,e.heads,e.qSeq,p),g=P(I.key,e.kvHeads,e.kSeq,g)}let x=fr(s,e,a,{q:p,k:g,v:b,o:f});return{dispatches:[...l,...x.dispatches],temps:[...h,...x.temps]}}}async applyRope(e,r,o={}){let s=this.#t(),n=W("x",e,this),{call:i,inPlace:a}=lr(n,r,o);if(be(n)==="f16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)");let c=n instanceof G,A=await $t(s,a||!c);this.#t(),W("x",e,this);let u=ye(n.shape)*4;if(c){let l=n.buffer,p=a?null:s.buffer(u,"rotated");return await s.guarded("the RoPE dispatch",()=>{s.submit(Ue(s,i,A,l,p))}),p?this.#r(n.shape,p):n}let d=n,f=await s.guarded("the RoPE dispatch",()=>{let l=s.upload(d.data,"x"),p=Ue(s,i,A,l,null);return p.temps.push(l),s.submit(p,{source:l,bytes:u})}),h=new Float32Array(await s.read(f,u));return a?(d.data.set(h),d):{shape:Object.freeze([...d.shape]),data:h}}upload(e,r={}){let o=this.#t(),s=Z("t",e);if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${j(r)}`);let n=ve("precision",r.precision,this.info.f16),i=o.upload(this.#s(s.data,n),"tensor");return this.#r(s.shape,i,n)}async download(e){let r=this.#t(),o=W("t",e,this);if(!(o instanceof G))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");let s=ye(o.shape),n=s*o.elementBytes,i=await r.guarded("the download",()=>r.submit({dispatches:[],temps:[]},{source:o.buffer,bytes:n})),a=this.#n(await r.read(i,n),be(o),s);return{shape:Object.freeze([...o.shape]),data:a}}async synchronize(){await this.#t().idle()}async profileAttention(e,r,o,s={}){let n=this.#t(),[i,a,c]=this.#a([["q",e],["k",r],["v",o]]),A=ae(i,a,c,s),u=Ke(s.iterations??10),d=qe("warmup",s.warmup??!0),f=this.#c(i,a,c,s),h=await this.#A(A,s,f);this.#t();let l=n.buffer(ye(A.qShape)*(f.o==="f16"?2:4),"attention output"),p=await n.guarded("the attention dispatch",()=>h(i,a,c,l));try{let g=await n.profile(p,u,d);return{seconds:g.seconds,iterations:u,source:g.source}}finally{n.release(p),l.destroy()}}async createKvCache(e){let r=this.#t(),o=gt(e),s=ve("precision",e.precision,this.info.f16);return await Qe.create(r,this,this.#o,o,s)}async decode(e,r,o={}){let s=this.#t(),n=this.#f(e,r,o),{plan:i,qo:a,elements:c}=n,A=ye(i.qShape),u=A*(c.o==="f16"?2:4),d=a instanceof G,{output:f,target:h}=await n.cache.schedule("decode",()=>lt(s,n.params),async p=>{this.#t(),W("q",e,this);let g=s.buffer(u,"decode output"),b=await s.guarded("the decode dispatch",()=>{let{job:x}=this.#u(n,p,g),I=d?void 0:{source:g,bytes:u},P=s.submit(x,I);return d||g.destroy(),P}).catch(x=>{throw g.destroy(),x});return{output:g,target:b}});if(d)return this.#r(i.qShape,f,c.o);let l=this.#n(await s.read(h,u),c.o,A);return{shape:Object.freeze([...i.qShape]),data:l}}#f(e,r,o){let s=W("q",e,this),n=wt(r,this,Qe),i=mt(n,s,o),a=be(s),c={q:a,kv:n.precision,o:a},A=Ut(this.#e,i,c);return{qo:s,cache:n,plan:i,elements:c,params:A}}#u(e,r,o){let s=this.#e,{cache:n,plan:i,params:a,qo:c}=e;bt(i,n.length,n.ropeState);let A=Kt(s,i,a,n.length,this.info.decodeWorkgroups??1),u=[],d=this.#i(c,u,"q");try{let f=Yt(s,i,a,r,n.view(),A,{q:d,o});return f.temps.push(...u),{job:f,splits:A.splits}}catch(f){for(let h of u)h.destroy();throw f}}async profileDecode(e,r,o={}){let s=this.#t(),n=this.#f(e,r,o),i=Ke(o.iterations??10),a=qe("warmup",o.warmup??!0),c=ye(n.plan.qShape)*(n.elements.o==="f16"?2:4),{job:A,splits:u,output:d}=await n.cache.schedule("profileDecode",()=>lt(s,n.params),async f=>{this.#t(),W("q",e,this);let h=s.buffer(c,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#u(n,f,h)),output:h}}catch(l){throw h.destroy(),l}});try{let f=await s.profile(A,i,a);return{seconds:f.seconds,iterations:i,source:f.source,splits:u}}finally{s.release(A),d.destroy()}}destroy(){this.#e.failure||(this.#e.fail("it was destroyed; create a new one with createGpuAttention()"),this.#e.ownsDevice&&this.#e.device.destroy())}},Ne=class{info;#e=!1;constructor(e){this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e})}#t(){if(this.#e)throw new Error("This GpuAttention cannot be used: it was destroyed; create a new one with createGpuAttention()")}#o=()=>!this.#e;#r(e){return e instanceof G?e.host:e}attention(e,r,o,s={}){try{this.#t();let n=W("q",e,this),i=W("k",r,this),a=W("v",o,this),c=ae(n,i,a,s);Y("kernel",s.kernel??"flash",{allowed:["flash","naive"]});let A=ke(c,this.#r(n),this.#r(i),this.#r(a));return Promise.resolve(n instanceof G?new G(this,A.shape,A.data,this.#o):A)}catch(n){return Promise.reject(n)}}applyRope(e,r,o={}){try{this.#t();let s=W("x",e,this),{call:n,inPlace:i}=lr(s,r,o),a=this.#r(s),c=te(a,n.frequencies,{layout:n.layout,pairing:n.pairing,angles:n.angles,positions:n.positions});return i?(a.data.set(c.data),Promise.resolve(s)):Promise.resolve(s instanceof G?new G(this,c.shape,c.data,this.#o):c)}catch(s){return Promise.reject(s)}}upload(e,r={}){this.#t();let o=Z("t",e);if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${j(r)}`);return ve("precision",r.precision,this.info.f16),new G(this,o.shape,new Float32Array(o.data),this.#o)}createKvCache(e){try{this.#t();let r=gt(e);return ve("precision",e.precision,this.info.f16),Promise.resolve(new Se(this,this.#o,r))}catch(r){return Promise.reject(r)}}decode(e,r,o={}){try{this.#t();let s=W("q",e,this),n=wt(r,this,Se),i=mt(n,s,o);bt(i,n.length,n.ropeState);let a=this.#r(s);i.rope&&(a=te(a,i.rope.frequencies,{layout:i.layout,pairing:i.rope.pairing,angles:i.rope.angles,positions:ht(i,n.length)}));let{k:c,v:A}=n.tensors(i.layout),u=ae(a,c,A,{layout:i.layout,causal:!0,scale:i.scale,...i.alibi?{alibiSlopes:i.alibi}:{}}),d=ke(u,a,c,A);return Promise.resolve(s instanceof G?new G(this,d.shape,d.data,this.#o):d)}catch(s){return Promise.reject(s)}}async profileDecode(e,r,o={}){this.#t();let s=Ke(o.iterations??10);qe("warmup",o.warmup??!0)&&await this.decode(e,r,o);let n=performance.now();for(let i=0;i<s;i++)await this.decode(e,r,o);return{seconds:(performance.now()-n)/1e3/s,iterations:s,source:"wall-clock",splits:1}}download(e){try{this.#t();let r=W("t",e,this);if(!(r instanceof G))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return Promise.resolve({shape:r.shape,data:new Float32Array(r.host.data)})}catch(r){return Promise.reject(r)}}synchronize(){try{return this.#t(),Promise.resolve()}catch(e){return Promise.reject(e)}}async profileAttention(e,r,o,s={}){this.#t();let n=Ke(s.iterations??10);qe("warmup",s.warmup??!0)&&await this.attention(e,r,o,s);let i=performance.now();for(let a=0;a<n;a++)await this.attention(e,r,o,s);return{seconds:(performance.now()-i)/1e3/n,iterations:n,source:"wall-clock"}}destroy(){this.#e=!0}};var jr="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",Lr="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",_r='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',zr=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],Wr='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function Ur(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function Kr(t,e){let r=t.limits,o=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(X(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${j(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:o("maxStorageBufferBindingSize",r.maxStorageBufferBindingSize,256,4),maxBufferSize:r.maxBufferSize,maxComputeWorkgroupStorageSize:o("maxComputeWorkgroupStorageSize",r.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(r.maxComputeInvocationsPerWorkgroup,r.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:o("maxComputeWorkgroupsPerDimension",r.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:r.minStorageBufferOffsetAlignment}}async function _s(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${j(t)}`);let e=Y("fallback",t.fallback??"none",{allowed:["none","cpu"]}),r=t.limits??{};if(r===null||typeof r!="object")throw new TypeError(`Invalid limits: expected an object, got ${j(r)}`);let o=t.decodeWorkgroups===void 0?void 0:X("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.device,n=!1,i;if(!s){let h=t.adapter,l=Lr;if(!h){let b=globalThis.navigator?.gpu;b?h=await b.requestAdapter():l=jr}if(!h){if(e==="cpu")return new Ne(l);throw new Error(`${l}. ${_r}.`)}let p={};for(let b of zr)p[b]=h.limits[b];let g=[];h.features.has("timestamp-query")&&g.push("timestamp-query"),h.features.has("shader-f16")&&g.push("shader-f16");try{s=await h.requestDevice({requiredLimits:p,requiredFeatures:g})}catch(b){throw new Error(`Requesting a WebGPU device failed: ${b instanceof Error?b.message:String(b)}`,{cause:b})}n=!0,i=h.info}i??=s.adapterInfo;let a=i.isFallbackAdapter??!1,c=o??Ur(a),A;try{A=Kr(s,r)}catch(h){throw n&&s.destroy(),h}let u=s.features.has("shader-f16")?await Vt(s):{available:!1,detail:Wr},d=new Me(s,n,A,u.available),f=[];return d.timestamps&&f.push("timestamp-query"),u.available&&f.push("shader-f16"),new Ye(d,{backend:"webgpu",adapter:{vendor:i.vendor,architecture:i.architecture,device:i.device,description:i.description,isFallbackAdapter:a},features:f,f16:Object.freeze({...u}),decodeWorkgroups:c,tier:d.tier,limits:d.limits,fallbackReason:null})}export{go as attentionCpu,so as attentionReference,_s as createGpuAttention};
