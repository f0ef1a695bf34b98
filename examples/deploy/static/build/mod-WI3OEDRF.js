import{d as J,h as ue,i as Re,j as re,k as me,o as no,t as io,u as qt}from"./chunk-XRNOE754.js";var Be=2**24;function Ee(t,e,o){return no(e,o,{name:t})}function He(t,e,o,r,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${J(e)}`);if(e.length!==o&&e.length!==r*o)throw new RangeError(`Invalid ${t}: expected ${o} positions (one per token) or ${r*o} (batch x tokens), got ${e.length}`);let n=s?Be:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=ue(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==o}}function Gr(t,e,o,r,s){let n=e?s:1,i=new Float64Array(n*r);for(let a=0;a<n;a++)i.set(t.subarray(a*o+o-r,a*o+o),a*r);return{kind:"list",list:i,perBatch:e}}function Ne(t,e){let o=e;if(o===null||typeof o!="object"||!(o.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${J(o)}`);let r=o.invFreq;if(r.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<r.length;s++)Re(`${t}.invFreq[${s}]`,r[s],{min:0});return Re(`${t}.attentionFactor`,o.attentionFactor,{min:0,exclusiveMin:!0}),o}function zr(t,e,o,r,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${J(t)}`);let n=Ne("rope.frequencies",t.frequencies),i=n.invFreq,a=2*i.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${i.length} frequencies), got ${J(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${i.length} frequencies) exceeds the head dim ${e}`);let c=re("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),u=re("rope.angles",t.angles??"float32",{allowed:["float32","float64"]}),l=u==="float32",f=l?Be:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let h,A;if(t.queryPositions!==void 0&&(A=He("rope.queryPositions",t.queryPositions,r,o,l)),t.positions!==void 0){let d=He("rope.positions",t.positions,s,o,l);if(h=d,!A){if(r>s)throw new RangeError(`Invalid rope.positions: q has ${r} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);A=Gr(d.list,d.perBatch,s,r,o)}}else{let d=ue("rope.offset",t.offset??0,{min:0});if(d+Math.max(s,1)-1>f)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${d+s-1}, above ${f} (the largest position with angles "${u}")`);if(h={kind:"range",start:d},!A){let m=d+s-r;if(m<0)throw new RangeError(`Invalid rope.offset: q has ${r} tokens and k ${s}, so bottom-right aligned queries would start at position ${m}; pass rope.offset >= ${r-s} or rope.queryPositions`);A={kind:"range",start:m}}}return{frequencies:n,pairing:c,rotaryDim:a,angles:u,query:A,key:h}}function Qt(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${J(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let o=new Float32Array(t.length);for(let r=0;r<t.length;r++)o[r]=Re(`alibiSlopes[${r}]`,t[r]);return o}function xe(t,e,o,r){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${J(r)}`);let s=re("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Ee("q",t,s),i=Ee("k",e,s),a=Ee("v",o,s);if(n.heads<1||n.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${J(t.shape)}`);if(i.batch!==n.batch)throw new RangeError(`Invalid k: expected batch ${n.batch} (as q), got ${i.batch}`);if(a.batch!==n.batch)throw new RangeError(`Invalid v: expected batch ${n.batch} (as q), got ${a.batch}`);if(i.headDim!==n.headDim)throw new RangeError(`Invalid k: expected head dim ${n.headDim} (as q), got ${i.headDim}`);if(a.headDim!==n.headDim)throw new RangeError(`Invalid v: expected head dim ${n.headDim} (as q), got ${a.headDim}`);if(a.seq!==i.seq)throw new RangeError(`Invalid v: expected ${i.seq} tokens (as k), got ${a.seq}`);if(a.heads!==i.heads)throw new RangeError(`Invalid v: expected ${i.heads} heads (as k), got ${a.heads}`);if(i.heads<1||n.heads%i.heads!==0)throw new RangeError(`Invalid k: q has ${n.heads} heads, which is not a multiple of k's ${i.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let c=r.causal??!1;if(typeof c!="boolean")throw new TypeError(`Invalid causal: expected a boolean, got ${J(c)}`);let u=r.scale===void 0?1/Math.sqrt(n.headDim):Re("scale",r.scale),l=Qt(r.alibiSlopes,n.heads),f=r.rope===void 0?null:zr(r.rope,n.headDim,n.batch,n.seq,i.seq);return{layout:s,batch:n.batch,heads:n.heads,kvHeads:i.heads,group:n.heads/i.heads,qSeq:n.seq,kSeq:i.seq,headDim:n.headDim,qShape:[...t.shape],qStrides:n.strides,kStrides:i.strides,causal:c,scale:u,rope:f,alibi:l}}function ao(t,e,o,r,s,n){let i=n==="float32";if(e!==void 0&&o!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return He(`${t}positions`,e,r,s,i);let a=ue(`${t}offset`,o??0,{min:0}),c=i?Be:Number.MAX_SAFE_INTEGER;if(a+Math.max(r,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+r-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function ut(t,e,o){let r=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=io(t,r,{angles:o}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function le(t,e,o){let{layout:r,pairing:s,angles:n,positions:i}=o;return i.kind==="range"?qt(t,e,{layout:r,pairing:s,angles:n,offset:i.start}):qt(t,e,{layout:r,pairing:s,angles:n,positions:i.list})}function co(t,e,o,r){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:u,causal:l,scale:f,alibi:h}=t,A=e,d=o;if(t.rope){let{frequencies:C,pairing:x,angles:R}=t.rope;A=le(e,C,{layout:t.layout,pairing:x,angles:R,positions:t.rope.query}),d=le(o,C,{layout:t.layout,pairing:x,angles:R,positions:t.rope.key})}let m=t.qStrides,$=t.kStrides,k=new Float32Array(e.data.length),I=new Float64Array(c),v=new Float64Array(u),j=A.data,P=d.data,B=r.data;for(let C=0;C<s;C++)for(let x=0;x<n;x++){let R=Math.floor(x/i),q=h?h[x]:0;for(let O=0;O<a;O++){let F=O+c-a,H=l?Math.min(c,Math.max(0,F+1)):c,E=C*m.batch+x*m.heads+O*m.seq;if(H===0)continue;let y=-1/0;for(let Q=0;Q<H;Q++){let T=C*$.batch+R*$.heads+Q*$.seq,b=0;for(let _=0;_<u;_++)b+=j[E+_]*P[T+_];let M=f*b-q*Math.abs(F-Q);I[Q]=M,M>y&&(y=M)}v.fill(0);let w=0;for(let Q=0;Q<H;Q++){let T=Math.exp(I[Q]-y);w+=T;let b=C*$.batch+R*$.heads+Q*$.seq;for(let M=0;M<u;M++)v[M]=v[M]+T*B[b+M]}for(let Q=0;Q<u;Q++)k[E+Q]=v[Q]/w}}return{shape:Object.freeze([...e.shape]),data:k}}function bn(t,e,o,r={}){me("q",t),me("k",e),me("v",o);let s=xe(t,e,o,r);return co(s,t,e,o)}var uo=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKyBYHhAQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsgCiAU/YUCIQsgCyAKIBX9hQIhCyALIAog","Fv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQ","aiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0A","Cwu+BAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI/QwAAAAAAAAAAAAAAAAAAAAAIQn9","DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAAAAAAAAAAIQz9DAAAAAAAAAAAAAAA","AAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEGA0AgAf0ABAAhECAB/QAEECERIAb9","CQIAIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIEIRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIIIRIgEiAQIAz9","hQIhDCASIBEgDf2FAiENIAb9CQIMIRIgEiAQIA79hQIhDiASIBEgD/2FAiEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIg","ECAI/YUCIQggEiARIAn9hQIhCSAG/QkCFCESIBIgECAK/YUCIQogEiARIAv9hQIhCyAG/QkCGCESIBIgECAM/YUCIQwgEiAR","IA39hQIhDSAG/QkCHCESIBIgECAO/YUCIQ4gEiARIA/9hQIhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ","/QsEECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0A","CwugAwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAA","BAAAAAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eABIAj9AAQA/YUC/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhAL2AQCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAWIA79hQIhDiAYIBcgD/2FAiEPIAj9CQKAAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkCgAQhGCAYIBYg","Ev2FAiESIBggFyAT/YUCIRMgCP0JAoAGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAK/QAEACEWIAr9AAQQIRcg","CP0JAgQhGCAYIBYgDv2FAiEOIBggFyAP/YUCIQ8gCP0JAoQCIRggGCAWIBD9hQIhECAYIBcgEf2FAiERIAj9CQKEBCEYIBgg","FiAS/YUCIRIgGCAXIBP9hQIhEyAI/QkChAYhGCAYIBYgFP2FAiEUIBggFyAV/YUCIRUgCiAGaiEKIAhBCGohCCAIIAlJDQAL","IAIgB2ogDv0LBAAgAiAHaiAP/QsEECALIBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAH","QSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtq","IRAgECALSgRAIAshEAsLIAQgD0EIdGogBSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEP","IA9BBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0A","BJAI/eQB/QsEICAEIAIgCCAObGogAyAGIAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQL","fwF9AXsCfyAFQQJ0IQogCkECdCELIARBwAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQ","SwRAQRAhDQsgAyAMIApsakEAIA0gC2z8CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0M","AAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEBaiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFB","ACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQBSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIAps","aiABIAIgAyAPIApsaiAEIBQgDkEwbGogBSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAh","DgNAIBQgDkECdkEwbCAOQQNxQQJ0amoqAiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApq","IRgDQCAXIBf9AAQAIBb95gH9CwQAIBdBEGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join(""),lo=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKwBcHmQQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3kASELIAsgCv3mASAU/eQBIQsgCyAK/eYB","IBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEH","IAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EE","aiEDIARBBGohBCACQQFrIQIgAg0ACwvuBAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI","/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAA","AAAAAAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEG","A0AgAf0ABAAhECAB/QAEECERIAb9CQIAIRIgEiAQ/eYBIAj95AEhCCASIBH95gEgCf3kASEJIAb9CQIEIRIgEiAQ/eYBIAr9","5AEhCiASIBH95gEgC/3kASELIAb9CQIIIRIgEiAQ/eYBIAz95AEhDCASIBH95gEgDf3kASENIAb9CQIMIRIgEiAQ/eYBIA79","5AEhDiASIBH95gEgD/3kASEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIgEP3mASAI/eQBIQggEiAR/eYBIAn95AEhCSAG","/QkCFCESIBIgEP3mASAK/eQBIQogEiAR/eYBIAv95AEhCyAG/QkCGCESIBIgEP3mASAM/eQBIQwgEiAR/eYBIA395AEhDSAG","/QkCHCESIBIgEP3mASAO/eQBIQ4gEiAR/eYBIA/95AEhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ/QsE","ECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0ACwuj","AwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAABAAA","AAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eAB/eYBIAj9AAQA/eQB/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhALiAUCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAW/eYBIA795AEhDiAYIBf95gEgD/3kASEPIAj9CQKAAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI","/QkCgAQhGCAYIBb95gEgEv3kASESIBggF/3mASAT/eQBIRMgCP0JAoAGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEV","IAogBmohCiAK/QAEACEWIAr9AAQQIRcgCP0JAgQhGCAYIBb95gEgDv3kASEOIBggF/3mASAP/eQBIQ8gCP0JAoQCIRggGCAW","/eYBIBD95AEhECAYIBf95gEgEf3kASERIAj9CQKEBCEYIBggFv3mASAS/eQBIRIgGCAX/eYBIBP95AEhEyAI/QkChAYhGCAY","IBb95gEgFP3kASEUIBggF/3mASAV/eQBIRUgCiAGaiEKIAhBCGohCCAIIAlJDQALIAIgB2ogDv0LBAAgAiAHaiAP/QsEECAL","IBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAHQSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0","IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtqIRAgECALSgRAIAshEAsLIAQgD0EIdGog","BSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEPIA9BBEkNAAsgBCAHQQJ0QQQgBEGACGog","BEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAEIAIgCCAObGogAyAG","IAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQLfwF9AXsCfyAFQQJ0IQogCkECdCELIARB","wAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQSwRAQRAhDQsgAyAMIApsakEAIA0gC2z8","CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0MAAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEB","aiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFBACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQ","BSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIApsaiABIAIgAyAPIApsaiAEIBQgDkEwbGog","BSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAhDgNAIBQgDkECdkEwbCAOQQNxQQJ0amoq","AiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApqIRgDQCAXIBf9AAQAIBb95gH9CwQAIBdB","EGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join("");var Ye=512,Oe=class{name;#e;#o;#t;constructor(e,o){let r=new WebAssembly.Instance(e);this.name=o,this.#e=r.exports.memory,this.#o=r.exports.attendHead,this.#t=new Float32Array(this.#e.buffer)}reserve(e){let o=e*4,r=this.#e.buffer.byteLength;if(o>r){let s=Math.ceil((o-r)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${o} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#t.buffer!==this.#e.buffer&&(this.#t=new Float32Array(this.#e.buffer)),this.#t}attendHead(e,o,r,s,n,i,a,c,u){this.#o(4*e,4*o,4*r,4*s,0,n,i,a,c?1:0,u)}},Ue=class{name="js";#e=new Float32Array(Ye);#o=new Float64Array(0);#t=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,o,r,s,n,i,a,c,u){let l=this.#e;this.#o.length<a&&(this.#o=new Float64Array(a)),this.#t.length<n&&(this.#t=new Float64Array(n));let f=this.#o,h=this.#t,A=Math.fround;for(let d=0;d<i;d++){let m=d+a-i,$=c?Math.min(a,m+1):a,k=s+d*n;if($<=0){l.fill(0,k,k+n);continue}let I=e+(d>>2)*n*4+(d&3),v=-1/0;for(let P=0;P<$;P++){let B=o+(P>>3)*n*8+(P&7),C=0;for(let R=0;R<n;R++)C+=l[I+4*R]*l[B+8*R];let x=u===0?C:C-A(u)*Math.abs(m-P);f[P]=x,x>v&&(v=x)}h.fill(0);let j=0;for(let P=0;P<$;P++){let B=Math.exp((f[P]-v)*Math.LN2);j+=B;let C=r+P*n;for(let x=0;x<n;x++)h[x]=h[x]+B*l[C+x]}for(let P=0;P<n;P++)l[k+P]=h[P]/j}}};function Kr(t){let e=atob(t),o=new Uint8Array(e.length);for(let r=0;r<e.length;r++)o[r]=e.charCodeAt(r);return o}var fo;function ho(t){if(typeof WebAssembly!="object")return null;let e=Kr(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function Mt(){return fo??={relaxed:ho(uo),plain:ho(lo)},fo}var Dt;function Ao(){if(!Dt){let{relaxed:t,plain:e}=Mt();Dt=t?new Oe(t,"relaxed-simd"):e?new Oe(e,"simd"):new Ue}return Dt}var po=new WeakMap;function mo(t,e){po.set(t,e)}function Pe(t,e,o,r,s=Ao(),n){let{batch:i,group:a,kvHeads:c,qSeq:u,kSeq:l,headDim:f,causal:h,scale:A,alibi:d}=t,m=e,$=o;if(t.rope){let{frequencies:_,pairing:L,angles:g}=t.rope,D=t.layout;m=le(e,_,{layout:D,pairing:L,angles:g,positions:t.rope.query}),$=le(o,_,{layout:D,pairing:L,angles:g,positions:t.rope.key})}let k=n===void 0&&!t.rope?po.get(o.data):void 0;if(k&&k.length===l&&k.batch===i&&k.kvHeads===c&&k.headDim===f&&u>0&&l>0)return Wr(t,e,k);let I=n?.into??new Float32Array(e.data.length);if(u===0||l===0)return{shape:Object.freeze([...e.shape]),data:I};let v=f+7&-8,j=l+7&-8,P=u+3&-4,B=Ye,C=B+j*v,x=C+j*v,R=x+P*v,q=s.reserve(R+P*v),O=t.qStrides,F=t.kStrides,H=m.data,E=$.data,y=r.data,w=Math.fround,Q=w(A*Math.LOG2E),T=F.seq===f&&f===v,b=O.seq===f&&f===v,M=n?.ranges??Array.from({length:i},(_,L)=>({batch:L,kv0:0,kv1:c}));for(let{batch:_,kv0:L,kv1:g}of M)for(let D=L;D<g;D++){let W=_*F.batch+D*F.heads;for(let G=0;G<j;G++){let N=B+(G>>3)*v*8+(G&7),Y=W+G*F.seq,Z=G<l?f:0;for(let ne=0;ne<Z;ne++)q[N+8*ne]=E[Y+ne];for(let ne=Z;ne<v;ne++)q[N+8*ne]=0}if(T)q.set(y.subarray(W,W+l*f),C);else for(let G=0;G<l;G++){let N=W+G*F.seq,Y=C+G*v;for(let Z=0;Z<f;Z++)q[Y+Z]=y[N+Z];for(let Z=f;Z<v;Z++)q[Y+Z]=0}q.fill(0,C+l*v,C+j*v);for(let G=D*a;G<(D+1)*a;G++){let N=_*O.batch+G*O.heads;for(let Y=0;Y<P;Y++){let Z=x+(Y>>2)*v*4+(Y&3),ne=N+Y*O.seq,ke=Y<u?f:0;for(let ye=0;ye<ke;ye++)q[Z+4*ye]=w(H[ne+ye]*Q);for(let ye=ke;ye<v;ye++)q[Z+4*ye]=0}if(s.attendHead(x,B,C,R,v,u,l,h,d?d[G]*Math.LOG2E:0),b)I.set(q.subarray(R,R+u*f),N);else for(let Y=0;Y<u;Y++){let Z=R+Y*v,ne=N+Y*O.seq;for(let ke=0;ke<f;ke++)I[ne+ke]=q[Z+ke]}}}return{shape:Object.freeze([...e.shape]),data:I}}function Wr(t,e,o){let{batch:r,group:s,kvHeads:n,qSeq:i,kSeq:a,headDim:c,causal:u,scale:l,alibi:f}=t,h=o.kernel,A=c+7&-8,d=a+7&-8,m=i===1&&f===null,$=m?s:i,k=$+3&-4,I=o.end,v=I+k*A,j=h.reserve(v+k*A),P=t.qStrides,B=e.data,C=new Float32Array(B.length),x=Math.fround,R=x(l*Math.LOG2E);for(let q=0;q<r;q++)for(let O=0;O<n;O++){let F=q*n+O,H=o.kAt+F*o.headFloats,E=o.vAt+F*o.headFloats;for(let w=a;w<d;w++){let Q=H+(w>>3)*A*8+(w&7);for(let T=0;T<A;T++)j[Q+8*T]=0}j.fill(0,E+a*A,E+d*A);let y=m?1:s;for(let w=0;w<y;w++){for(let T=0;T<k;T++){let b=I+(T>>2)*A*4+(T&3),M=O*s+(m?T:w),_=q*P.batch+M*P.heads+(m?0:T)*P.seq,L=T<$?c:0;for(let g=0;g<L;g++)j[b+4*g]=x(B[_+g]*R);for(let g=L;g<A;g++)j[b+4*g]=0}let Q=O*s+w;h.attendHead(I,H,E,v,A,$,a,u&&!m,f?f[Q]*Math.LOG2E:0);for(let T=0;T<$;T++){let b=m?O*s+T:Q,M=q*P.batch+b*P.heads+(m?0:T)*P.seq;C.set(j.subarray(v+T*A,v+T*A+c),M)}}}return{shape:Object.freeze([...e.shape]),data:C}}function Sn(t,e,o,r={}){me("q",t),me("k",e),me("v",o);let s=xe(t,e,o,r);return Pe(s,t,e,o)}var Ie=Object.freeze({T48:49152,T32:32768,T16:16384});function go(t){return t>=Ie.T48?"T48":t>=Ie.T32?"T32":"T16"}function Nr(t){let e=t.headDim/4,o=(e+(t.pad?1:0))*16,r=t.br*o,s=t.bc*o,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return r+s+n+i+a}function $o(t){let e=[];for(let o=1;o<=t;o++)t%o===0&&e.push(o);return e}function Ur(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of $o(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function Yr(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of $o(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var Ot=512;function bo(t,e,o=256){let r=`${t}|${e}|${o}`;return Rt.has(r)||Rt.set(r,Vr(t,e,o)),Rt.get(r)}var Rt=new Map;function Vr(t,e,o){if(!Number.isInteger(t)||t%4!==0||t<4||t>Ot)return;let r=Ie[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>o))for(let c of[64,32,16,8,4])for(let u of[64,32,16,8,4]){let l=Ur(c,u,a),f=Yr(c,s,a);if(!(!l||!f))for(let h of[!1,!0])for(let A of[!0,!1]){let[d,m]=l,[$,k]=f,I=Nr({headDim:t,br:c,bc:u,tn:m,sharedKV:h,pad:A});if(I>r)continue;let v=4*d*m/(d+m),j=[c*u,c>=u?1:0,u>=32?1:0,v>=4?1:0,a===128?2:a===64?1:0,v,h?0:1,A?1:0];(!i||Jr(j,i))&&(i=j,n=Object.freeze({tier:e,headDim:t,workgroup:a,br:c,bc:u,tm:d,tn:m,om:$,od4:k,sharedKV:h,pad:A,bytes:I}))}}return n}function Jr(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]>e[o];return!1}function ko(){return{next:new WeakMap,groups:null}}var lt=class{#e;#o;#t=[];#r=new ArrayBuffer(65536);#s=new DataView(this.#r);#n=ko();#a=new WeakMap;#i=-1;#c=0;#u=0;constructor(e){this.#e=e,this.#o=Math.max(16,e.limits.minUniformBufferOffsetAlignment??256)}get open(){return this.#i>=0}get created(){return this.#u}begin(){if(this.#i>=0)throw new Error("Internal error: a frame is already open");this.#i=0,this.#c=0}end(e){let o=this.#i>this.#c;if(this.#i=-1,o&&!e)throw new Error("Internal error: a frame packed uniform blocks it did not submit")}flush(){if(this.#i<0)return;let e=this.#e.queue,o=this.#c;for(;o<this.#i;){let r=Math.floor(o/65536),s=Math.min(this.#i,(r+1)*65536);e.writeBuffer(this.#t[r],o-r*65536,this.#r,o,s-o),o=s}this.#c=this.#i}groupLayout(e){let o=this.#a.get(e);return o||(o=e.getBindGroupLayout(0),this.#a.set(e,o)),o}bind(e,o,r,s){let n=o.uniformBytes;if(n>65536)throw new Error(`Internal error: the uniform block of ${o.name} is over 65536 bytes`);let i=Math.ceil(this.#i/this.#o)*this.#o;Math.floor(i/65536)!==Math.floor((i+n-1)/65536)&&(i=Math.ceil(i/65536)*65536);let a=Math.floor(i/65536);this.#f(a),o.packInto(r,this.#s,i),this.#i=i+n;let c=this.#t[a],u=i-a*65536,l=this.#l(this.#l(this.#n,e),c),f=`${u}`,h=s;for(let d of o.bindingNames){if(d==="params")continue;let m=h[d];m&&(l=this.#l(l,m.buffer),f+=`|${m.offset??0}:${m.size??-1}`)}l.groups??=new Map;let A=l.groups.get(f);return A||(A=this.#e.createBindGroup({label:o.name,layout:this.groupLayout(e),entries:o.entries({...s,params:{buffer:c,offset:u,size:n}})}),this.#u++,l.groups.set(f,A)),A}destroy(){for(let e of this.#t)e.destroy();this.#t.length=0}#l(e,o){let r=e.next.get(o);return r||(r=ko(),e.next.set(o,r)),r}#f(e){for(;this.#t.length<=e;)this.#t.push(this.#e.createBuffer({size:65536,usage:72,label:"uniform arena"}));let o=(e+1)*65536;if(this.#r.byteLength<o){let r=new ArrayBuffer(Math.max(o,2*this.#r.byteLength));new Uint8Array(r).set(new Uint8Array(this.#r)),this.#r=r,this.#s=new DataView(r)}}};var ft=class t{#e;#o=new Map;#t=0;#r=new WeakSet;#s=[];#n=null;#a=[];#i=!1;constructor(e){this.#e=e}static sizeOf(e){return Math.max(16,Math.ceil(e/16)*16)}create(e,o){return this.#e.createBuffer({size:t.sizeOf(e),usage:140,label:o})}take(e,o,r){let s=t.sizeOf(e),n=this.#o.get(s)?.pop();if(!n)return this.create(e,o);if(this.#t-=s,this.#r.delete(n),r)this.#s.push(n);else{let i=Math.ceil(e/4)*4;i<s&&this.#e.queue.writeBuffer(n,i,new Uint8Array(s-i))}return n}recycle(e){if(this.#r.has(e))return;let o=e.size,r=this.#s.indexOf(e);if(r>=0&&this.#s.splice(r,1),this.#i||e.usage!==140||o>16777216||this.#t+o>67108864){e.destroy();return}let s=this.#o.get(o);s||(s=[],this.#o.set(o,s)),s.push(e),this.#r.add(e),this.#t+=o}scratch(e,o){if(!this.#n||this.#n.size<e){this.#n&&this.#a.push(this.#n);let r=Math.min(Math.max(2*(this.#n?.size??0),65536),o);this.#n=this.create(Math.max(e,r),"scratch")}return this.#n}encodeClears(e){if(this.#s.length!==0){for(let o of this.#s)e.clearBuffer(o);this.#s=[]}}submitted(){for(let e of this.#a.splice(0))e.destroy()}close(){this.#i=!0;for(let e of this.#o.values())for(let o of e)o.destroy();this.#o.clear(),this.#t=0,this.#n?.destroy(),this.#n=null,this.submitted()}};async function wo(t,e,o,r){let s=t.device;if(r){let h=t.encoder(),A=h.beginComputePass();t.encode(A,e),A.end(),t.finish(h),await t.idle()}let n=t.encoder(),i,a,c;t.timestamps&&(i=s.createQuerySet({type:"timestamp",count:2}),a=s.createBuffer({size:16,usage:516}),c=s.createBuffer({size:16,usage:9}));let u=n.beginComputePass(i?{timestampWrites:{querySet:i,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let h=0;h<o;h++)t.encode(u,e);u.end(),i&&a&&c&&(n.resolveQuerySet(i,0,2,a,0),n.copyBufferToBuffer(a,0,c,0,16));let l=performance.now();t.finish(n),await t.idle();let f=(performance.now()-l)/1e3;try{if(c){await c.mapAsync(1);let[h,A]=new BigUint64Array(c.getMappedRange().slice(0));c.unmap();let d=Number(A-h);if(d>0)return{seconds:d/1e9/o,source:"timestamp-query"}}return{seconds:f/o,source:"wall-clock"}}finally{i?.destroy(),a?.destroy(),c?.destroy()}}var Xr=72,yo=9,Zr=1,ht=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#o=new Map;#t;#r;#s=null;constructor(e,o,r,s=!1){this.device=e,this.f16=s,this.ownsDevice=o,this.limits=r,this.tier=go(r.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),this.#t=new lt(e),this.#r=new ft(e),e.lost.then(n=>{this.#s??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#s}fail(e){this.#s??=e}dispose(){this.#t.destroy(),this.#r.close()}get bindGroupsCreated(){return this.#t.created}#n(e){return this.#s!==null?new Error(`This GpuAttention cannot be used: ${this.#s}`):e instanceof Error?e:new Error(String(e))}cached(e,o){let r=this.#o.get(e);return r===void 0&&(r=o(),this.#o.set(e,r)),r}setCached(e,o){this.#o.set(e,o)}pipeline(e,o){let r=this.#e.get(e);return r||(r=this.#a(e,o()),this.#e.set(e,r),r.catch(()=>this.#e.delete(e))),r}async#a(e,o){let r=this.device.createShaderModule({code:o,label:e}),n=(await r.getCompilationInfo().catch(i=>{throw this.#n(i)})).messages.filter(i=>i.type==="error");if(n.length>0)throw this.#s!==null?this.#n(null):new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:r,entryPoint:"main"}})}catch(i){throw this.#s!==null?this.#n(i):new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}#i(e,o){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${o}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`)}buffer(e,o){return this.#i(e,o),this.#r.create(e,o)}output(e,o){return this.#i(e,o),this.#r.take(e,o,!0)}recycle(e){this.#r.recycle(e)}upload(e,o){this.#i(e.byteLength,o);let r=this.#r.take(e.byteLength,o,!1);return e.byteLength>0&&(e.buffer instanceof ArrayBuffer||(e=e.slice()),this.device.queue.writeBuffer(r,0,e.buffer,e.byteOffset,e.byteLength)),r}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}scratch(e){this.#i(e,"scratch");let o=Math.min(this.limits.maxStorageBufferBindingSize,this.limits.maxBufferSize);return this.#r.scratch(e,o)}uniform(e,o){let r=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:Xr,label:o});return this.device.queue.writeBuffer(r,0,e),r}bind(e,o,r,s,n){if(this.#t.open)return this.#t.bind(e,o,r,s);let i=this.uniform(o.pack(r),`${o.name} params`);return n.push(i),this.device.createBindGroup({label:o.name,layout:this.#t.groupLayout(e),entries:o.entries({...s,params:{buffer:i}})})}encode(e,o){for(let r of o.dispatches)e.setPipeline(r.pipeline),e.setBindGroup(0,r.bindGroup),e.dispatchWorkgroups(r.grid[0],r.grid[1],r.grid[2])}submit(e,o){let r=Array.isArray(e)?e:[e];try{return this.#c(r,o)}finally{for(let s of r)this.release(s)}}release(e){for(let o of e.temps)this.#r.recycle(o)}encoder(){let e=this.device.createCommandEncoder();return this.#r.encodeClears(e),e}finish(e){this.#t.flush(),this.device.queue.submit([e.finish()]),this.#r.submitted()}#c(e,o){let r=this.encoder();if(e.some(n=>n.dispatches.length>0)){let n=r.beginComputePass();for(let i of e)this.encode(n,i);n.end()}let s;return o&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(o.bytes/16)*16),usage:yo,label:"readback"}),o.bytes>0&&r.copyBufferToBuffer(o.source,0,s,0,Math.ceil(o.bytes/4)*4)),this.finish(r),s}async guarded(e,o){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let r,s,n=!1;try{r=o()}catch(l){s=l,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,u]=await Promise.all([i,a]);if(n)throw s;if(u)throw new Error(`Out of GPU memory while ${e}: ${u.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return r}submitting(e,o){return this.guarded(e,()=>{this.#t.begin();let r=!1;try{let s=o();return r=!0,s}finally{this.#t.end(!r)}})}profile(e,o,r){return wo(this,e,o,r)}gather(e){let o=e.reduce((i,a)=>i+a.size,0),r=this.device.createBuffer({size:Math.max(16,Math.ceil(o/16)*16),usage:yo,label:"readback"}),s=this.encoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,r,n,i.size),n+=i.size;return this.finish(s),r}async read(e,o){try{return await e.mapAsync(Zr),e.getMappedRange(0,Math.max(16,Math.ceil(o/16)*16)).slice(0,o)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var vo=new WeakMap;function es(t,e){if(t.length!==e.length)return!1;for(let o=0;o<t.length;o++)if(t[o]!==e[o])return!1;return!0}function At(t,e){let o=vo.get(e);(!o||o.factor!==e.attentionFactor||!es(o.invFreq,e.invFreq))&&(o={factor:e.attentionFactor,invFreq:e.invFreq.slice(),texts:new Map},vo.set(e,o));let r=o.texts.get(t);return r===void 0&&(r=`${t}|${o.factor}|${Array.from(o.invFreq).join(",")}`,o.texts.set(t,r)),r}var Bo="This KvCache cannot be used: it was destroyed",xo="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",ts=512,Io=4,os=["split","keys"];function Tt(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${J(e)}`)}function Ve(t,e,o){let r=re(t,e??"f32",{allowed:["f32","f16","auto"]});if(r==="auto")return o.available?"f16":"f32";if(r==="f16"&&!o.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${o.detail}); use "f32", or "auto" to fall back to float32`);return r}function Po(t){Tt("options",t);let e=ue("batch",t.batch,{min:1}),o=ue("kvHeads",t.kvHeads,{min:1}),r=ue("headDim",t.headDim,{min:4,max:ts});if(r%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${r}`);let s=ue("maxLength",t.maxLength,{min:1});return{batch:e,kvHeads:o,headDim:r,maxLength:s}}function Co(t,e,o){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${J(e)}`);let r=Ne(`${t}.frequencies`,e.frequencies),s=2*r.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==s)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${s} (2 x the ${r.invFreq.length} frequencies), got ${J(e.rotaryDim)}`);if(s>o)throw new RangeError(`Invalid ${t}.frequencies: rotary dim ${s} (2 x ${r.invFreq.length} frequencies) exceeds the head dim ${o}`);let n=re(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),i=re(`${t}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),a=At(`${n}|${i}`,r);return{frequencies:r,pairing:n,rotaryDim:s,angles:i,fingerprint:a}}function Eo(t,e,o,r){let s=Ee(t,e,o);if(s.batch!==r.batch)throw new RangeError(`Invalid ${t}: expected batch ${r.batch} (as the cache), got ${s.batch}`);if(s.heads!==r.kvHeads)throw new RangeError(`Invalid ${t}: expected ${r.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==r.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${r.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function Le(t,e,o,r){Tt("options",r);let s=re("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Eo("k",e,s,t),i=Eo("v",o,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(r.rope!==void 0){let c=Co("rope",r.rope,t.headDim),u=r.rope.positions===void 0?null:He("rope.positions",r.rope.positions,n.seq,t.batch,c.angles==="float32");a={...c,positions:u}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function So(t,e,o){if(e+o.n>t.maxLength)throw new RangeError(`Cannot append ${o.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(o.rope&&!o.rope.positions&&o.rope.angles==="float32"){let r=e+o.n-1;if(r>Be)throw new RangeError(`Invalid rope: the last key would sit at position ${r}, above ${Be} (the largest position with angles "float32")`)}}function qo(t,e,o){Tt("options",o);let r=re("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=Ee("q",e,r);if(s.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${s.batch}`);if(s.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${s.headDim}`);if(s.heads<1||s.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${s.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(s.seq<1||s.seq>Io)throw new RangeError(`Invalid q: expected 1 to ${Io} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${s.seq}`);let n=o.scale===void 0?1/Math.sqrt(s.headDim):Re("scale",o.scale),i=Qt(o.alibiSlopes,s.heads),a=null;if(o.rope!==void 0){let l=Co("rope",o.rope,t.headDim),f=o.queryPositions===void 0?null:He("queryPositions",o.queryPositions,s.seq,s.batch,l.angles==="float32");a={...l,queryPositions:f}}else if(o.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let c=o.splits===void 0?void 0:ue("splits",o.splits,{min:1}),u=re("kernel",o.kernel??"split",{allowed:os});return{layout:r,batch:s.batch,heads:s.heads,kvHeads:t.kvHeads,group:s.heads/t.kvHeads,qSeq:s.seq,headDim:s.headDim,qShape:[...e.shape],qStrides:s.strides,scale:n,rope:a,alibi:i,splits:c,kernel:u}}function dt(t,e,o){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(o.keyRope&&o.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(o.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(t.rope.angles==="float32"&&e-1>Be)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${Be} (the largest position with angles "float32")`)}}}function Qo(t,e){let o=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==o)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:o,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var jt=Object.freeze({keyRope:void 0,explicitPositions:!1});var Ge=class{owner;batch;kvHeads;headDim;maxLength;#e;#o=0;#t=jt;#r=!1;constructor(e,o,r){this.owner=e,this.#e=o,this.batch=r.batch,this.kvHeads=r.kvHeads,this.headDim=r.headDim,this.maxLength=r.maxLength}get length(){return this.#o}get destroyed(){return this.#r||!this.#e()}get ropeState(){return this.#t}live(){if(this.#r)throw new Error(Bo);if(!this.#e())throw new Error(xo)}reserve(e){So(this,this.#o,e);let o=Qo(this.#t,e),r=this.#o;return{slot:r,commit:()=>{this.#o=r+e.n,this.#t=o}}}snapshot(){let e=this.#o,o=this.#t;return()=>{this.#o=e,this.#t=o}}clear(){this.#o=0,this.#t=jt}markDestroyed(){return this.#r?!1:(this.#r=!0,!0)}};function _t(t,e,o){if(!(t instanceof o))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var V=class{shape;dtype;owner;#e;#o;#t;#r;#s=!1;#n=!1;#a=null;#i=null;constructor(e,o,r,s,n="float32",i=a=>a.destroy()){this.owner=e,this.dtype=n,this.#t=s,this.#r=i,this.shape=Object.freeze([...o]),this.#e=r instanceof Float32Array?null:r,this.#o=r instanceof Float32Array?r:null}get buffer(){return this.#e}get destroyed(){return this.#s||!this.#t()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#o}}get recording(){return this.#a}get failure(){return this.#i}awaitRecording(e){return this.#a=e,this}settle(e){this.#a=null,e!==null&&(this.#i=e,this.#s=!0),this.#s&&this.#c()}destroy(){this.#s||(this.#s=!0,this.#a===null&&this.#c())}#c(){this.#n||(this.#n=!0,this.#e&&this.#r(this.#e))}};function U(t,e,o,r=null){if(e instanceof V){if(e.owner!==o)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);let n=e.recording;if(n!==null){if(n===r&&e.owner===o)return e;throw new Error(`Invalid ${t}: this GpuTensor is an output of a recording whose submit() has not resolved yet; await submit() before using it outside that recording`)}if(e.failure!==null)throw new Error(`Invalid ${t}: this GpuTensor was never computed: its recording failed (${e.failure})`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let s=e;if(s===null||typeof s!="object"||!("data"in s))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${J(e)}`);return me(t,e)}function pt(t,e){if(typeof e!="boolean")throw new TypeError(`Invalid ${t}: expected a boolean, got ${J(e)}`);return e}function Ft(t,e,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${J(o)}`);let r=re("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=Ee("x",t,r),n=Ne("frequencies",e),i=2*n.invFreq.length;if(o.rotaryDim!==void 0&&o.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (2 x the ${n.invFreq.length} frequencies), got ${J(o.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (2 x ${n.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=re("pairing",o.pairing??"half",{allowed:["half","interleaved"]}),c=re("angles",o.angles??"float32",{allowed:["float32","float64"]}),u=ao("",o.positions,o.offset,s.seq,s.batch,c),l=pt("inPlace",o.inPlace??!1);return{call:{layout:r,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:u},inPlace:l}}var mt=class{#e;#o=[];#t="recording";constructor(e){this.#e=e}get state(){return this.#t}get calls(){return this.#o.length}#r(){if(this.#t!=="recording")throw new Error(`This recording cannot take more calls: it was ${this.#t==="submitting"?"submitted":this.#t}; start a new one with gpu.record()`);this.#e.live()}attention(e,o,r,s={}){this.#r();let n=this.#e.attention([e,o,r],s,this),i=this.#e.output(n.plan.qShape,n.elements.o,this);return this.#o.push({kind:"attention",call:n,output:i}),i}applyRope(e,o,r={}){this.#r();let s=this.#e.rope(e,o,r,this);if(s.inPlace&&!(s.x instanceof V))throw new TypeError("Invalid inPlace: a recording writes in place only into a GpuTensor; upload x first or leave inPlace false");let n=s.x instanceof V&&s.inPlace?s.x:this.#e.output(s.x.shape,"f32",this);return this.#o.push({kind:"rope",request:s,output:n}),n}append(e,o,r,s={}){this.#r(),this.#o.push({kind:"append",call:this.#e.append(e,[o,r],s,this)})}decode(e,o,r={}){this.#r();let s=this.#e.decode(e,o,r,this),n=this.#e.decodeOutput(s,this);return this.#o.push({kind:"decode",call:s,output:n}),n}submit(){if(this.#t!=="recording")return Promise.reject(new Error(`This recording cannot be submitted: it was ${this.#t==="submitting"?"submitted":this.#t} already; start a new one with gpu.record()`));this.#t="submitting";let e;try{e=this.#e.run(this.#o,this)}catch(o){e=Promise.reject(o)}return e.then(()=>this.#s("submitted",null),o=>{let r=o instanceof Error?o.message:String(o);throw this.#s("failed",r),o})}discard(){this.#t==="recording"&&this.#s("discarded","it was discarded before submit()")}#s(e,o){this.#t=e;for(let r of this.#o)r.kind==="append"||r.kind==="rope"&&r.request.inPlace||r.output.settle(o)}};var rs=["flash","flash2","naive"],Je="it was destroyed; create a new one with createGpuAttention()";function Do(t){return ue("iterations",t,{min:1})}function ss(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${J(e)}`)}var ze=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e,o=null){return[U("q",e[0],this,o),U("k",e[1],this,o),U("v",e[2],this,o)]}#e(e,o,r=null){this.live();let s=this.checkOperands(e,r);return{operands:s,plan:xe(...s,o)}}#o(e,o,r){let[s,n,i]=o.operands,a=this.elementsOf(s,n,i,r),c=re("kernel",r.kernel??"flash",{allowed:rs});return{args:e,q:s,k:n,v:i,plan:o.plan,elements:a,kernel:c}}async attention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s);return await this.runAttention(this.#o(n,i,s))}async profileAttention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s),a=Do(s.iterations??10),c=pt("warmup",s.warmup??!0),u=this.#o(n,i,s);return await this.timeAttention(u,a,c,s)}async applyRope(e,o,r={}){this.live();let s=U("x",e,this),n=Ft(s,o,r);return Mo(s),await this.runRope({...n,arg:e,x:s})}upload(e,o={}){this.live();let r=me("t",e);return ss("options",o),this.store(r,Ve("precision",o.precision,this.info.f16))}async download(e){this.live();let o=U("t",e,this);if(!(o instanceof V))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(o)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let o=Po(e),r=Ve("precision",e.precision,this.info.f16);return await this.makeCache(o,r)}#t(e,o,r,s=null){this.live();let n=U("q",e,this,s),i=_t(o,this,this.cacheClass),a=qo(i,n,r);return this.prepareDecode({arg:e,q:n,cache:i,plan:a})}async decode(e,o,r={}){return await this.runDecode(this.#t(e,o,r),r)}async profileDecode(e,o,r={}){let s=this.#t(e,o,r),n=Do(r.iterations??10),i=pt("warmup",r.warmup??!0);return await this.timeDecode(s,n,i,r)}record(){return this.live(),new mt(this.#r())}#r(){return{live:()=>this.live(),attention:(e,o,r)=>{let s=this.#e(e,o,r);return this.#o(e,s,o)},rope:(e,o,r,s)=>{this.live();let n=U("x",e,this,s),i=Ft(n,o,r);return Mo(n),{...i,arg:e,x:n}},append:(e,o,r,s)=>{this.live();let n=_t(e,this,this.cacheClass),i=U("k",o[0],this,s),a=U("v",o[1],this,s);return{cache:n,args:o,k:i,v:a,plan:Le(n,i,a,r)}},decode:(e,o,r,s)=>this.#t(e,o,r,s),output:(e,o,r)=>this.recordedOutput(e,o,r),decodeOutput:(e,o)=>this.recordedOutput(e.plan.qShape,this.decodeElement(e),o),run:(e,o)=>this.runRecording(e,o)}}};function Mo(t){if(t instanceof V&&t.dtype==="float16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)")}function Ce(t){return t.reduce((e,o)=>e*o,1)}var ns=256,is=8;function as(t){let e=t.kp*t.ku*t.rb,o=t.lr*(e+1),r=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(o+e+r+s)}function Ro(t,e,o,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let h of[1,2,3,4])if(s%h===0&&s/h<=32){n=h;break}let i=s/n,a=Math.min(o==="T16"?64:128,r);if(i>r)return;let c=Math.max(1,Math.floor(a/i)),u=c*i,l=Ie[o],f=Math.max(1,Math.min(e,Math.floor(is/n)));for(let h=f;h>=1;h--)for(let A=Math.max(1,Math.floor(i/h));A>=1;A--){let d={headDim:t,c:n,lr:i,kp:c,ku:A,rb:h},m=as(d);if(m<=l)return{...d,workgroup:u,bytes:m}}}function Oo(t,e,o,r){let s=Math.ceil(o/Math.max(1,e)),n=Math.ceil(t/ns);return Xe(t,Math.max(1,Math.min(s,n,r)))}function Xe(t,e){let o=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/o)),keysPerSplit:o}}function ae(t,e){return e==="f32"?o=>`${t}[${o}]`:o=>`vec4<f32>(${t}[${o}])`}function ge(t,e,o,r,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,o=`(${o})`,r=`(${r})`,t.pairing==="interleaved"&&n%4===0)return`if (${r} < ${n/4}u) {
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
    }`}let a=[];for(let c=0;c<4;c++)if(t.pairing==="interleaved"){let u=c^1,l=c%2===0?"-":"+";a.push(`{
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
          let p = ${e(`${o} + pd / 4u`)}[pd % 4u];
          y[${c}] = x[${c}] * t.x + select(1.0, -1.0, lo) * p * t.y;
        }
      }`);return`if (${r} * 4u < ${n}u) {
      var y = x;
      ${a.join(`
      `)}
      x = y;
    }`}var To=new WeakMap;function K(t,e){return{variable:t,access:"read",type:e}}function ee(t,e){return{variable:t,access:"read_write",type:e}}var Ht=class{name;fields;bindingNames;uniformBytes;#e;#o;#t;#r=null;constructor(e){this.name=e.name,this.#e=e.uniforms;let o=To.get(e.uniforms);if(!o){let s=Object.keys(e.uniforms);o={names:s,types:s.map(n=>e.uniforms[n])},To.set(e.uniforms,o)}if(this.fields=o.names,this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let r=["params"];for(let s in e.bindings)e.bindings[s]!==null&&r.push(s);this.bindingNames=r,this.uniformBytes=Math.ceil(this.fields.length*4/16)*16,this.#o=o.types,this.#t=e}get wgsl(){if(this.#r===null){let e=this.#t,o=this.fields.map(n=>`  ${n}: ${e.uniforms[n]},`).join(`
`),s=Object.values(e.bindings).filter(n=>n!==null).map((n,i)=>`@group(0) @binding(${i+1}) var<storage, ${n.access}> ${n.variable}: ${n.type};`);this.#r=`struct Params {
${o}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}return this.#r}binding(e){let o=this.bindingNames.indexOf(e);if(o<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return o}pack(e){let o=new ArrayBuffer(this.uniformBytes);return this.packInto(e,new DataView(o),0),o}packInto(e,o,r){let s=e,n=0;for(let c in s)n++;let i=this.fields;n!==i.length&&this.#s(s);let a=this.#o;for(let c=0;c<i.length;c++){let u=i[c],l=s[u];if(l===void 0)throw Object.hasOwn(s,u)||this.#s(s),new Error(`Internal error: uniform ${u} of kernel ${this.name} is missing`);let f=r+c*4,h=a[c];if(h==="f32"){if(!Number.isFinite(l))throw this.#n(u,l,"a finite f32");o.setFloat32(f,l,!0)}else if(h==="i32"){if(!Number.isInteger(l)||l<-2147483648||l>2147483647)throw this.#n(u,l,"a signed 32-bit integer");o.setInt32(f,l,!0)}else{if(!Number.isInteger(l)||l<0||l>4294967295)throw this.#n(u,l,"an unsigned 32-bit integer");o.setUint32(f,l,!0)}}}#s(e){for(let r of Object.keys(e))if(!Object.hasOwn(this.#e,r))throw new Error(`Internal error: kernel ${this.name} has no uniform ${r}`);let o=this.fields.find(r=>e[r]===void 0);throw new Error(`Internal error: uniform ${o} of kernel ${this.name} is missing`)}#n(e,o,r){return new RangeError(`Internal error: uniform ${e} = ${o} of kernel ${this.name} does not fit ${r}`)}entries(e){for(let o of Object.keys(e))if(!this.bindingNames.includes(o))throw new Error(`Internal error: kernel ${this.name} declares no binding ${o}`);return this.bindingNames.map((o,r)=>{let s=e[o];if(!s)throw new Error(`Internal error: binding ${o} of kernel ${this.name} is missing`);return{binding:r,resource:s}})}};function ie(t){return new Ht(t)}var ve=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function Lt(t){let e=[t.q,t.k,t.v,t.o];return e.every(o=>o==="f32")?"":`:${e.join("")}`}var X=-1e30,cs={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32"};function Gt(t){let e=t.elements??ve;return ie({name:"flash",uniforms:cs,bindings:{q:K("Q",`array<vec4<${e.q}>>`),k:K("K",`array<vec4<${e.k}>>`),v:K("V",`array<vec4<${e.v}>>`),o:ee("O",`array<vec4<${e.o}>>`),table:t.rope?K("T","array<vec2<f32>>"):null,slopes:t.alibi?K("SL","array<f32>"):null}})}function zt(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${o}:alibi=${t.alibi}`+Lt(t.elements??ve)}function Se(t){return Array.from({length:t},(e,o)=>o)}function jo(t){let e=t.tiles,o=e.headDim/4,r=e.workgroup,s=e.br,n=e.bc,i=o+(e.pad?1:0),a=e.sharedKV?i:o,c=n+1,u=n/e.tn,l=o/e.od4,f=e.sharedKV?"Ks":"Vs",h=t.elements??ve,A=ae("Q",h.q),d=ae("K",h.k),m=ae("V",h.v),$=[h.q,h.k,h.v,h.o].includes("f16"),k=(g,D)=>`for (var e = lid; e < ${g*o}u; e += ${r}u) {
    let r = e / ${o}u;
    let c = e % ${o}u;
    ${D("r","c")}
  }`,I=t.rope?ge(t.rope,A,"base","c","P.qTab + b * P.qTabB + pos"):"",v=t.rope?ge(t.rope,d,"base","c","P.kTab + b * P.kTabB + key"):"",j=k(s,(g,D)=>`let flat = row0 + ${g};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${A(`base + ${D}`)};
      ${I}
    }
    Qs[${g} * ${i}u + ${D}] = x * P.scale2;`),P=k(n,(g,D)=>`let key = k0 + ${g};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${d(`base + ${D}`)};
      ${v}
    }
    Ks[${g} * ${i}u + ${D}] = x;`),B=k(n,(g,D)=>`let key = k0 + ${g};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${m(`b * P.vB + kvh * P.vH + key * P.vS - P.vOff + ${D}`)};
    }
    ${f}[${g} * ${a}u + ${D}] = x;`),C=Se(e.tm),x=Se(e.tn),R=Se(e.om),q=Se(e.od4),O=C.flatMap(g=>x.map(D=>`var s${g}_${D} = 0.0;`)).join(" "),F=Se(o).map(g=>{let D=C.map(N=>`let q${N} = Qs[qr${N} + ${g}u];`).join(" "),W=x.map(N=>`let k${N} = Ks[kr${N} + ${g}u];`).join(" "),G=C.flatMap(N=>x.map(Y=>`s${N}_${Y} += dot(q${N}, k${Y});`)).join(" ");return`{ ${D} ${W} ${G} }`}).join(`
      `),H=C.flatMap(g=>x.map(D=>{let W=t.alibi?` - sl${g} * f32(abs(qp${g} - i32(key${D})))`:"";return`s${g}_${D} = select(${X}, s${g}_${D}${W}, ok${g} && key${D} < P.sk && (P.causal == 0u || i32(key${D}) <= qp${g}));`})).join(`
      `),E=C.map(g=>`Mx[(tr * ${e.tm}u + ${g}u) * ${u}u + tc] = max(${x.map(D=>`s${g}_${D}`).reduce((D,W)=>`max(${D}, ${W})`)}, ${X});`).join(`
      `),y=(g,D)=>`let ${D} = ${Se(u).map(W=>`Mx[${g} * ${u}u + ${W}u]`).reduce((W,G)=>`max(${W}, ${G})`)};`,w=C.map(g=>{let D=`(tr * ${e.tm}u + ${g}u)`,W=x.map(G=>`let p${G} = select(0.0, exp2(s${g}_${G} - tmax), s${g}_${G} > ${X/2});
        Ps[${D} * ${c}u + tc + ${G*u}u] = p${G};`).join(`
        `);return`{
        ${y(D,"tmax")}
        ${W}
        Sm[${D} * ${u}u + tc] = ${x.map(G=>`p${G}`).join(" + ")};
      }`}).join(`
      `),Q=R.flatMap(g=>q.map(D=>`var o${g}_${D} = vec4<f32>(0.0);`)).join(" "),T=R.map(g=>`var m${g} = ${X}; var l${g} = 0.0;`).join(" "),b=R.map(g=>{let D=`orow${g}`;return`{
        ${y(D,"tmax")}
        let tsum = ${Se(u).map(W=>`Sm[${D} * ${u}u + ${W}u]`).join(" + ")};
        let mnew = max(m${g}, tmax);
        let alpha = exp2(m${g} - mnew);
        beta${g} = exp2(tmax - mnew);
        l${g} = l${g} * alpha + tsum * beta${g};
        m${g} = mnew;
        ${q.map(W=>`o${g}_${W} *= alpha;`).join(" ")}
      }`}).join(`
      `),M=Se(n).map(g=>{let D=R.map(N=>`let p${N} = Ps[orow${N} * ${c}u + ${g}u] * beta${N};`).join(" "),W=q.map(N=>`let v${N} = ${f}[${g*a}u + oc + ${N*l}u];`).join(" "),G=R.flatMap(N=>q.map(Y=>`o${N}_${Y} += p${N} * v${Y};`)).join(" ");return`{ ${D} ${W} ${G} }`}).join(`
      `),_=R.map(g=>`{
    let flat = row0 + orow${g};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = select(0.0, 1.0 / l${g}, l${g} > 0.0);
      ${q.map(D=>h.o==="f32"?`O[base + ${D*l}u] = o${g}_${D} * inv;`:`O[base + ${D*l}u] = vec4<f16>(o${g}_${D} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),L=C.map(g=>`let flat${g} = row0 + tr * ${e.tm}u + ${g}u;
  let pos${g} = flat${g} / P.group;
  let ok${g} = pos${g} < P.sq;
  let qp${g} = i32(pos${g}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${g} = SL[kvh * P.group + flat${g} % P.group];`:""}`).join(`
  `);return`// ${zt(t)}
${$?"enable f16;":""}
${Gt(t).wgsl}
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

  ${j}

  let tr = lid / ${u}u;
  let tc = lid % ${u}u;
  ${C.map(g=>`let qr${g} = (tr * ${e.tm}u + ${g}u) * ${i}u;`).join(" ")}
  ${x.map(g=>`let kr${g} = (tc + ${g*u}u) * ${i}u;`).join(" ")}
  ${L}
  let orr = lid / ${l}u;
  let oc = lid % ${l}u;
  ${R.map(g=>`let orow${g} = orr * ${e.om}u + ${g}u;`).join(" ")}
  ${Q}
  ${T}
  ${R.map(g=>`var beta${g} = 0.0;`).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${s}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${n-1}u) / ${n}u;
  for (var kt = 0u; kt < tiles; kt++) {
    let k0 = kt * ${n}u;
    ${P}
    ${e.sharedKV?"":B}
    workgroupBarrier();
    {
      ${O}
      ${F}
      ${x.map(g=>`let key${g} = k0 + tc + ${g*u}u;`).join(" ")}
      ${H}
      ${E}
      workgroupBarrier();
      ${w}
    }
    ${e.sharedKV?B:""}
    workgroupBarrier();
    {
      ${b}
      ${M}
    }
    workgroupBarrier();
  }

  ${_}
}
`}var us={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmax4:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},ls={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function Kt(t){let e=t.elements;return ie({name:"decode",uniforms:us,bindings:{q:K("Q",`array<vec4<${e.q}>>`),k:K("K",`array<vec4<${e.kv}>>`),v:K("V",`array<vec4<${e.kv}>>`),o:ee("O",`array<vec4<${e.o}>>`),w:ee("W","array<vec4<f32>>"),table:t.rope?K("T","array<vec2<f32>>"):null,slopes:t.alibi?K("SL","array<f32>"):null}})}function Wt(t){return ie({name:"decode merge",uniforms:ls,bindings:{w:K("W","array<vec4<f32>>"),o:ee("O",`array<vec4<${t}>>`)}})}var Ze=64;function Nt(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function Ut(t,e){return`decode-merge:d${t}:${e}`}function qe(t){return Array.from({length:t},(e,o)=>o)}function gt(t){return t.length===0?"0.0":t.join(" + ")}function _o(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function Fo(t){let e=t.tiles,{c:o,lr:r,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,u=s*n*i,l=u+1,f=s*n,h=t.elements,A=ae("Q",h.q),d=ae("K",h.kv),m=ae("V",h.kv),$=[h.q,h.kv,h.o].includes("f16"),k=qe(i),I=qe(o),v=qe(n),j=t.rope?ge(t.rope,A,"base","cc","P.tab + b * P.tabB + t"):"",P=k.map(E=>`${I.map(y=>`var q${E}_${y} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${E}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${I.map(y=>`{
        let cc = lr + ${y*r}u;
        var x = ${A("base + cc")};
        ${j}
        q${E}_${y} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),B=k.map(E=>`var m${E} = ${X}; var l${E} = 0.0; ${I.map(y=>`var a${E}_${y} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),C=v.map(E=>{let y=k.map(w=>`Red[lr * ${l}u + kp * ${i}u + ${E*s*i+w}u] = ${gt(I.map(Q=>`dot(q${w}_${Q}, k${E}_${Q})`))};`).join(`
      `);return`let kr${E} = kvBase + min(k0 + ${E*s}u + kp, kEnd - 1u) * ${c}u;
      ${I.map(w=>`let k${E}_${w} = ${d(`kr${E} + ${w*r}u`)};`).join(" ")}
      ${I.map(w=>`let v${E}_${w} = ${m(`kr${E} + ${w*r}u`)};`).join(" ")}
      ${y}`}).join(`
      `),x=t.alibi?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          s -= SL[h] * f32(i32(qp) - i32(key));`:"",R=qe(Math.ceil(u/a)).map(E=>{let y=(E+1)*a>u;return`{
        let i = lid + ${E*a}u;
        ${y?`if (i < ${u}u) {`:"{"}
          var s = ${gt(qe(r).map(w=>`Red[${w*l}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${x}
          Sc[i] = select(${X}, s, key < kEnd && f < P.rows && key <= qp);
        }
      }`}).join(`
      `),q=k.map(E=>{let y=v.map(w=>`s${w}`);return`{
        ${v.map(w=>`let s${w} = Sc[kp * ${i}u + ${w*s*i+E}u];`).join(" ")}
        let mx = max(m${E}, ${y.reduce((w,Q)=>`max(${w}, ${Q})`)});
        let alpha = exp2(m${E} - mx);
        ${v.map(w=>`let p${w} = select(0.0, exp2(s${w} - mx), s${w} > ${X/2});`).join(" ")}
        l${E} = l${E} * alpha + ${gt(v.map(w=>`p${w}`))};
        m${E} = mx;
        ${I.map(w=>`a${E}_${w} = a${E}_${w} * alpha + ${gt(v.map(Q=>`p${Q} * v${Q}_${w}`))};`).join(`
        `)}
      }`}).join(`
      `),O=k.map(E=>`{
    let mr = ${qe(s).map(y=>`Mk[${y*i+E}u]`).reduce((y,w)=>`max(${y}, ${w})`)};
    let g = exp2(m${E} - mr);
    l${E} *= g;
    ${I.map(y=>`a${E}_${y} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${E}u] = mr;
    }
  }`).join(`
  `),F=qe(s).map(E=>`if (kp == ${E}u) {
    ${k.flatMap(y=>I.map(w=>{let Q=`${y*c}u + lr + ${w*r}u`;return E===0?`X[${Q}] = a${y}_${w};`:`X[${Q}] += a${y}_${w};`})).join(`
    `)}
    if (lr == 0u) {
      ${k.map(y=>E===0?`Ls[${y}u] = l${y};`:`Ls[${y}u] += l${y};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),H=qe(Math.ceil(i*c/a)).map(E=>{let y=(E+1)*a>i*c;return`{
    let e = lid + ${E*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${y?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${_o(h.o,"X[e] * select(0.0, 1.0 / total, total > 0.0)")};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${Nt(t)}
${$?"enable f16;":""}
${Kt(t).wgsl}
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

  ${P}
  ${B}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${f}u) {
      ${C}
    workgroupBarrier();
      ${R}
    workgroupBarrier();
      ${q}
  }

  if (lr == 0u) {
    ${k.map(E=>`Mk[kp * ${i}u + ${E}u] = m${E};`).join(" ")}
  }
  workgroupBarrier();
  ${O}
  ${F}
  ${H}
}
`}function Ho(t,e){let o=t/4;return`// ${Ut(t,e)}
${e==="f16"?"enable f16;":""}
${Wt(e).wgsl}
@compute @workgroup_size(${Ze})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ze}u + lid;
  if (idx >= P.items) {
    return;
  }
  let row = idx / ${o}u;
  let cc = idx % ${o}u;
  let stats = P.statsOff + row * P.nsplit;
  var mx = ${X};
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${_o(e,"acc * select(0.0, 1.0 / total, total > 0.0)")};
}
`}function Ae(t,e,o,r=4){let s=Math.max(16,o.minStorageBufferOffsetAlignment),n=Math.floor(t*r/s)*s,i=Math.max(4,Math.ceil((e*r-n)/4)*4);return{offset:n,size:i,base:n/r}}function se(t,e){return t.size<=e.maxStorageBufferBindingSize}function $e(t,e,o,r){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!o(n,1))throw r(n);let a=1,c=i;if(o(n,c))a=c;else for(;c-a>1;){let u=Math.floor((a+c)/2);o(n,u)?a=u:c=u}s.push([n,a]),n+=a}return s}function de(t,e){let o=e.maxComputeWorkgroupsPerDimension;if(t<=o)return[Math.max(1,t),1];let r=Math.ceil(t/o);if(r>o)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${o} x ${o}, the device's 2-D grid limit`);return[Math.ceil(t/r),r]}function Qe(t,e){let o=e.maxComputeWorkgroupsPerDimension;return o*o*t}var fs=32*1024*1024,hs=1024;function As(t,e){return At(`rope-table|${e}`,t)}function Lo(t,e,o){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${o} bytes; rotate in smaller batches`)}function be(t,e,o,r){let s=e.invFreq.length*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize);if(r.every(f=>f.positions.kind==="range")){let f=r.map(k=>k.positions.start),h=Math.min(...f),A=Math.max(...r.map((k,I)=>f[I]+k.seq)),d=hs;for(;d<A;)d*=2;if(d*s<=Math.min(fs,n)){let k=As(e,o),I=t.cached(k,()=>null);if(!I||I.rows<A){let v=ut(e,{start:0,count:d},o);I={rows:d,buffer:t.upload(v,"rope table")},t.setCached(k,I)}return{buffer:I.buffer,temp:!1,sides:f.map(v=>({tab:v,tabB:0}))}}let m=Math.max(1,A-h);if(m*s>n)throw Lo(m,m*s,n);let $=ut(e,{start:h,count:m},o);return{buffer:t.upload($,"rope table"),temp:!0,sides:f.map(k=>({tab:k-h,tabB:0}))}}let i=[],a=[],c=0;for(let f of r){let h=f.positions,A=h.kind==="list"?h.list:Float64Array.from({length:f.seq},(d,m)=>h.start+m);a.push({tab:c,tabB:h.kind==="list"&&h.perBatch?f.seq:0}),i.push(A),c+=A.length}let u=new Float64Array(Math.max(1,c)),l=0;for(let f of i)u.set(f,l),l+=f.length;if(u.length*s>n)throw Lo(u.length,u.length*s,n);return{buffer:t.upload(ut(e,u,o),"rope table"),temp:!0,sides:a}}function Go(t,e,o){let r=e.group*e.qSeq,s=Ro(e.headDim,r,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function zo(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(Nt(e),()=>Fo(e)),t.pipeline(Ut(o,r),()=>Ho(o,r))])}function Ko(t,e,o,r,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let a=Math.min(r,n);if(e.splits>a)throw new RangeError(`Invalid splits: expected at most ${a} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return Xe(r,e.splits)}let i=Math.ceil(e.group*e.qSeq/o.tiles.rb);return Oo(r,e.batch*e.kvHeads*i,s,n)}function et(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function Wo(t,e,o,r,s,n,i){let a={dispatches:[],temps:[]},[c,u]=r,l=t.limits,{kvHeads:f,group:h,qSeq:A,headDim:d}=e,m=d/4,$=h*A,k=o.tiles,I=Math.ceil($/k.rb),{splits:v,keysPerSplit:j}=n,P=v===1,B=e.qStrides,C=o.elements.q==="f16"?2:4,x=o.elements.o==="f16"?2:4,R=(Q,T,b)=>{let M=(D,W)=>Math.floor(D/f)*B.batch+W*B.heads,_=Q+T-1,L=M(Q,Q%f*h),g=M(_,_%f*h+h-1)+(A-1)*B.seq+d;return Ae(L,g,l,b)},q=Q=>Q*$*v*(m+1)*16,O=null;e.rope&&(O=be(t,e.rope.frequencies,e.rope.angles,[{positions:et(e,s.length),seq:A}]),O.temp&&a.temps.push(O.buffer));let F=null;e.alibi&&(F=t.upload(e.alibi.map(Q=>Q*Math.LOG2E),"alibi slopes"),a.temps.push(F));let H=l.maxComputeWorkgroupsPerDimension,E=Kt(o),y=Wt(o.elements.o),w=Math.max(1,Math.floor(Qe(Ze,l)/($*m)));for(let Q of s.chunks){let T=$e(Q.n,Math.min(H,w),(b,M)=>se(R(Q.u0+b,M,C),l)&&se(R(Q.u0+b,M,x),l)&&(P||q(M)<=l.maxStorageBufferBindingSize),b=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${R(Q.u0+b,1,Math.max(C,x)).size} bytes or their ${v} partial outputs ${q(1)} bytes, more than maxStorageBufferBindingSize (${l.maxStorageBufferBindingSize} bytes)`));for(let[b,M]of T){let _=Q.u0+b,L=R(_,M,C),g=R(_,M,x),D=M*$*v*m,W=P?t.dummy():t.scratch(q(M)),G={sq:A,group:h,rows:$,kvHeads:f,len:s.length,nsplit:v,keysPerSplit:j,unitBase:_,chunkBase:Q.u0,lmax4:s.maxLength*m,direct:P?1:0,statsOff:D,qB:B.batch/4,qH:B.heads/4,qS:B.seq/4,qOff:L.base/4,oB:B.batch/4,oH:B.heads/4,oS:B.seq/4,oOff:g.base/4,tab:O?.sides[0]?.tab??0,tabB:O?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,E,G,{q:{buffer:i.q,offset:L.offset,size:L.size},k:{buffer:Q.k},v:{buffer:Q.v},o:{buffer:i.o,offset:g.offset,size:g.size},w:{buffer:W},...O?{table:{buffer:O.buffer}}:{},...F?{slopes:{buffer:F}}:{}},a.temps),grid:[v,M,I]}),P)continue;let N=M*$*m,[Y,Z]=de(Math.ceil(N/Ze),l),ne={items:N,nsplit:v,rows:$,group:h,kvHeads:f,unitBase:_,statsOff:D,gridX:Y,oB:B.batch/4,oH:B.heads/4,oS:B.seq/4,oOff:g.base/4};a.dispatches.push({pipeline:u,bindGroup:t.bind(u,y,ne,{w:{buffer:W},o:{buffer:i.o,offset:g.offset,size:g.size}},a.temps),grid:[Y,Z,1]})}}return a}function ds(t){let{relaxed:e,plain:o}=Mt(),r=e?new Oe(e,"relaxed-simd"):o?new Oe(o,"simd"):new Ue,s=t.headDim+7&-8,n=(t.maxLength+7&-8)*s,i=t.batch*t.kvHeads*n,a=Ye,c=a+i,u=c+i;if(u*4>2**31)return null;try{r.reserve(u)}catch{return null}return{kernel:r,dp:s,kAt:a,vAt:c,headFloats:n,end:u}}var tt=class extends Ge{precision="f32";#e;#o;#t;constructor(e,o,r){super(e,o,r);let s=r.batch*r.kvHeads*r.maxLength*r.headDim;this.#e=new Float32Array(s),this.#o=new Float32Array(s),this.#t=ds(r)}append(e,o,r={}){try{this.live();let s=U("k",e,this.owner),n=U("v",o,this.owner);return this.write(Le(this,s,n,r),s,n),Promise.resolve()}catch(s){return Promise.reject(s)}}write(e,o,r){let{slot:s,commit:n}=this.reserve(e),i=No(o);e.rope&&(i=le(i,e.rope.frequencies,{layout:e.layout,pairing:e.rope.pairing,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:s}}));let a=No(r),c=this.headDim,u=e.strides;for(let l=0;l<this.batch;l++)for(let f=0;f<this.kvHeads;f++)for(let h=0;h<e.n;h++){let A=l*u.batch+f*u.heads+h*u.seq,d=((l*this.kvHeads+f)*this.maxLength+s+h)*c;this.#e.set(i.data.subarray(A,A+c),d),this.#o.set(a.data.subarray(A,A+c),d)}this.#r(s,e.n),n()}#r(e,o){let r=this.#t;if(r===null)return;let{dp:s,headFloats:n}=r,i=this.headDim,a=r.kernel.reserve(r.end);for(let c=0;c<this.batch*this.kvHeads;c++){let u=r.kAt+c*n,l=r.vAt+c*n;for(let f=e;f<e+o;f++){let h=(c*this.maxLength+f)*i,A=u+(f>>3)*s*8+(f&7);for(let d=0;d<i;d++)a[A+8*d]=this.#e[h+d];for(let d=i;d<s;d++)a[A+8*d]=0;a.set(this.#o.subarray(h,h+i),l+f*s),a.fill(0,l+f*s+i,l+(f+1)*s)}}}tensors(e,o=!1){let{batch:r,kvHeads:s,headDim:n}=this,i=this.length,a=Object.freeze(e==="bhsd"?[r,s,i,n]:[r,i,s,n]),c,u;if(!o&&e==="bhsd"&&i===this.maxLength)c=this.#e,u=this.#o;else{c=new Float32Array(r*s*i*n),u=new Float32Array(c.length);for(let f=0;f<r;f++)for(let h=0;h<s;h++){let A=(f*s+h)*this.maxLength*n;if(e==="bhsd"){let d=(f*s+h)*i*n;c.set(this.#e.subarray(A,A+i*n),d),u.set(this.#o.subarray(A,A+i*n),d);continue}for(let d=0;d<i;d++){let m=A+d*n,$=((f*i+d)*s+h)*n;c.set(this.#e.subarray(m,m+n),$),u.set(this.#o.subarray(m,m+n),$)}}}let l=this.#t;if(!o&&l!==null){let f={kernel:l.kernel,batch:r,kvHeads:s,headDim:n,length:i,kAt:l.kAt,vAt:l.vAt,headFloats:l.headFloats,end:l.end};mo(c,f)}return{k:{shape:a,data:c},v:{shape:a,data:u}}}download(){try{return this.live(),Promise.resolve(this.tensors("bhsd",!0))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function No(t){return t instanceof V?t.host:t}var ps=1<<23;function ms(t,e){let o=t.batch*t.kvHeads,r=Math.min(e,o),s=[];for(let n=0;n<r;n++){let i=Math.floor(n*o/r),a=Math.floor((n+1)*o/r),c=[];for(let u=i;u<a;){let l=Math.floor(u/t.kvHeads),f=u%t.kvHeads,h=Math.min(t.kvHeads,f+(a-u));c.push({batch:l,kv0:f,kv1:h}),u+=h-f}s.push(c)}return s}function Uo(t,e){let o=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return e>1&&t.batch*t.kvHeads>1&&o>=ps}function Yt(t,e,o,r,s,n,i){let a=new Float32Array((s-r)*n*i),c=0;for(let u=r;u<s;u++){let l=o*e.batch+u*e.heads;if(e.seq===i){a.set(t.subarray(l,l+n*i),c),c+=n*i;continue}for(let f=0;f<n;f++,c+=i){let h=l+f*e.seq;a.set(t.subarray(h,h+i),c)}}return a}function gs(t,e,o){if(!t.rope)return[e,o];let{frequencies:r,pairing:s,angles:n,layout:i}={...t.rope,layout:t.layout};return[le(e,r,{layout:i,pairing:s,angles:n,positions:t.rope.query}),le(o,r,{layout:i,pairing:s,angles:n,positions:t.rope.key})]}function $s(t,e,o,r,s){let{group:n,qSeq:i,kSeq:a,headDim:c}=t,{batch:u,kv0:l,kv1:f}=e;return{q:Yt(o.data,t.qStrides,u,l*n,f*n,i,c),k:Yt(r.data,t.kStrides,u,l,f,a,c),v:Yt(s.data,t.kStrides,u,l,f,a,c),alibi:t.alibi?t.alibi.slice(l*n,f*n):null}}function bs(t,e,o,r){let{group:s,qSeq:n,headDim:i,qStrides:a}=t,c=0;for(let u=e.kv0*s;u<e.kv1*s;u++){let l=e.batch*a.batch+u*a.heads;if(a.seq===i){r.set(o.subarray(c,c+n*i),l),c+=n*i;continue}for(let f=0;f<n;f++,c+=i)r.set(o.subarray(c,c+i),l+f*a.seq)}}function ks(t){let e=[];for(let o of t)e.push(o.q.buffer,o.k.buffer,o.v.buffer),o.alibi&&e.push(o.alibi.buffer);return e}var Vt=class{#e;#o=new Map;#t=null;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let o=e.data,r=this.#o.get(o.id);r&&(this.#o.delete(o.id),"error"in o?r.reject(new Error(`A CPU attention worker failed: ${o.error}`)):r.resolve(o.outputs))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#t}run(e){return this.#t?Promise.reject(new Error(this.#t)):new Promise((o,r)=>{this.#o.set(e.id,{resolve:o,reject:r}),this.#e.postMessage(e,ks(e.pieces))})}fail(e){if(!this.#t){this.#t=e,this.#e.terminate();for(let o of this.#o.values())o.reject(new Error(e));this.#o.clear()}}},$t=class{#e;#o=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,o,r,s){let[n,i]=gs(e,o,r),a=new Float32Array(o.data.length),c=Object.freeze([...o.shape]),[u,...l]=ms(e,this.#e.length+1),f={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale},h=l.map((A,d)=>{let m=this.#e[d];(!m||m.failure)&&(m=this.#e[d]=new Vt);let $={id:this.#o++,...f,pieces:A.map(k=>$s(e,k,n,i,s))};return m.run($).then(k=>{A.forEach((I,v)=>bs(e,I,k[v],a))})});return Pe({...e,rope:null},n,i,s,void 0,{ranges:u,into:a}),await Promise.all(h),{shape:c,data:a}}destroy(e){for(let o of this.#e)o?.fail(e);this.#e.fill(void 0)}};var bt=class extends ze{info;cacheClass=tt;#e=!1;#o;#t=null;constructor(e,o=1){super(),this.#o=o,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:o})}failure(){return this.#e?Je:null}#r(e){return e instanceof V?e.host:e}#s(e,o){return e instanceof V?new V(this,o.shape,o.data,this.alive):o}elementsOf(){return ve}async runAttention(e){let{plan:o}=e,[r,s,n]=[this.#r(e.q),this.#r(e.k),this.#r(e.v)];return Uo(o,this.#o)?(this.#t??=new $t(this.#o-1),this.#s(e.q,await this.#t.attention(o,r,s,n))):this.#s(e.q,Pe(o,r,s,n))}async timeAttention(e,o,r,s){let[n,i,a]=e.args;r&&await this.attention(n,i,a,s);let c=performance.now();for(let u=0;u<o;u++)await this.attention(n,i,a,s);return{seconds:(performance.now()-c)/1e3/o,iterations:o,source:"wall-clock"}}runRope(e){let{x:o,call:r,inPlace:s}=e,n=this.#r(o),i=le(n,r.frequencies,{layout:r.layout,pairing:r.pairing,angles:r.angles,positions:r.positions});return s?(n.data.set(i.data),Promise.resolve(o)):Promise.resolve(this.#s(o,i))}store(e){return new V(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new tt(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){return Promise.resolve(this.#s(e.q,this.#n(e)))}#n(e){let{plan:o,cache:r}=e;dt(o,r.length,r.ropeState);let s=this.#r(e.q);o.rope&&(s=le(s,o.rope.frequencies,{layout:o.layout,pairing:o.rope.pairing,angles:o.rope.angles,positions:et(o,r.length)}));let{k:n,v:i}=r.tensors(o.layout),a=xe(s,n,i,{layout:o.layout,causal:!0,scale:o.scale,...o.alibi?{alibiSlopes:o.alibi}:{}});return Pe(a,s,n,i)}async timeDecode(e,o,r,s){let n=e.arg;r&&await this.decode(n,e.cache,s);let i=performance.now();for(let a=0;a<o;a++)await this.decode(n,e.cache,s);return{seconds:(performance.now()-i)/1e3/o,iterations:o,source:"wall-clock",splits:1}}recordedOutput(e,o,r){let s=e.reduce((n,i)=>n*i,1);return new V(this,e,new Float32Array(s),this.alive).awaitRecording(r)}decodeElement(){return"f32"}runRecording(e,o){let r=[];try{this.live();for(let s of e)this.#a(s,o);for(let s of e)if(s.kind==="attention"){let{plan:n}=s.call,[i,a,c]=[this.#r(s.call.q),this.#r(s.call.k),this.#r(s.call.v)];s.output.host.data.set(Pe(n,i,a,c).data)}else if(s.kind==="rope"){let{x:n,call:i,inPlace:a}=s.request,c=a?n.host.data:s.output.host.data;if(a){let u=c.slice();r.push(()=>c.set(u))}c.set(le(this.#r(n),i.frequencies,{layout:i.layout,pairing:i.pairing,angles:i.angles,positions:i.positions}).data)}else s.kind==="append"?(r.push(s.call.cache.snapshot()),s.call.cache.write(s.call.plan,s.call.k,s.call.v)):s.output.host.data.set(this.#n(s.call).data);return Promise.resolve()}catch(s){for(let n of r.reverse())n();return Promise.reject(s)}}#a(e,o){e.kind==="attention"?this.checkOperands(e.call.args,o):e.kind==="rope"?U("x",e.request.arg,this,o):e.kind==="append"?(e.call.cache.live(),U("k",e.call.args[0],this,o),U("v",e.call.args[1],this,o)):(e.call.cache.live(),U("q",e.call.arg,this,o))}destroy(){this.#e=!0,this.#t?.destroy(`This GpuAttention cannot be used: ${Je}`),this.#t=null}};function Vo(t,e,o=ve){let r=bo(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!r)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:Ot}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function Jo(t,e){return t.pipeline(zt(e),()=>jo(e))}function Yo(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function Xo(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:u,headDim:l}=e,f={dispatches:[],temps:[]};if(n===0||c===0||u===0)return f;let h=t.limits,A=e.qStrides,d=e.kStrides,m=n*i,$=o.elements??ve,k=y=>y==="f16"?2:4,I=(y,w,Q=k($.q))=>{let[T,b]=[Math.floor(y/i),y%i],M=y+w-1,[_,L]=[Math.floor(M/i),M%i],g=T*A.batch+b*a*A.heads,D=_*A.batch+(L*a+a-1)*A.heads+(c-1)*A.seq+l;return Ae(g,D,h,Q)},v=(y,w)=>I(y,w,k($.o)),j=(y,w,Q=k($.k))=>{let T=y+w-1,b=Math.floor(y/i)*d.batch+y%i*d.heads,M=Math.floor(T/i)*d.batch+T%i*d.heads+(u-1)*d.seq+l;return Ae(b,M,h,Q)},P=(y,w)=>j(y,w,k($.v)),B=(y,w)=>(k($.q)>=k($.o)?I:v)(y,w),C=(y,w)=>(k($.k)>=k($.v)?j:P)(y,w),x=$e(m,h.maxComputeWorkgroupsPerDimension,(y,w)=>se(B(y,w),h)&&se(C(y,w),h),y=>{let w=B(y,1);return se(w,h)?Yo("k and v",C(y,1).size,h.maxStorageBufferBindingSize):Yo("q and the output",w.size,h.maxStorageBufferBindingSize)}),R=null;e.rope&&(R=be(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:u}]),R.temp&&f.temps.push(R.buffer));let q=null;e.alibi&&(q=t.upload(e.alibi.map(y=>y*Math.LOG2E),"alibi slopes"),f.temps.push(q));let O=o.tiles,F=Math.ceil(c*a/O.br),H=h.maxComputeWorkgroupsPerDimension,E=Gt(o);for(let[y,w]of x){let Q=I(y,w),T=j(y,w),b=P(y,w),M=v(y,w);for(let _=0;_<F;_+=H){let L={sq:c,sk:u,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:F,tileBase:_,unitBase:y,qB:A.batch/4,qH:A.heads/4,qS:A.seq/4,qOff:Q.base/4,kB:d.batch/4,kH:d.heads/4,kS:d.seq/4,kOff:T.base/4,vB:d.batch/4,vH:d.heads/4,vS:d.seq/4,vOff:b.base/4,oB:A.batch/4,oH:A.heads/4,oS:A.seq/4,oOff:M.base/4,qTab:R?.sides[0]?.tab??0,qTabB:R?.sides[0]?.tabB??0,kTab:R?.sides[1]?.tab??0,kTabB:R?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},g=t.bind(r,E,L,{q:{buffer:s.q,offset:Q.offset,size:Q.size},k:{buffer:s.k,offset:T.offset,size:T.size},v:{buffer:s.v,offset:b.offset,size:b.size},o:{buffer:s.o,offset:M.offset,size:M.size},...R?{table:{buffer:R.buffer}}:{},...q?{slopes:{buffer:q}}:{}},f.temps),[D]=de(Math.min(H,F-_),h);f.dispatches.push({pipeline:r,bindGroup:g,grid:[D,w,1]})}}return f}var Zo="a multiple of 4 from 16 to 256";function ws(t){let e=(t.headDim/4+(t.pad?1:0))*16,o=t.br*e,r=t.kv==="shared"?t.bc*e:t.bc*e*(t.doubleV?3:2),s=t.bc*(t.br+Math.min(t.tm,4))*4,n=t.br*(t.bc/t.tn)*4;return o+r+s+n}function er(t){return Math.ceil(t.bc*t.headDim/4/t.workgroup)}function ys(t){let e=t.tm*t.tn+4*t.tm*t.od4,o=4*(t.tm+t.tn),r=er(t),s=t.prefetch?t.kv==="shared"?4*r:8*r:0;return e+o+s+3*t.tm+24}function vs(t){let e=t.headDim/4,o=t.bc/t.tn,r=Math.min(t.tm,4),s=2*t.tm*t.tn*t.headDim,n=(t.tm+t.tn)*e+t.bc*(t.tm/r+t.od4),i=t.tm*t.tn*8+t.tm*(o+8)+4*t.tm*t.od4,a=er(t)*2*4,c=t.kv==="split"&&t.doubleV?3:4,l=(t.prefetch?0:t.kv==="shared"?2:1)*400/Math.max(1,t.workgroup/32),f=c*(20+t.workgroup/8);return s/(s+n+i+a+l+f)}function Jt(t,e){return t%e===0}function Is(t,e,o=256){if(!Number.isInteger(t)||t%4!==0||t<16||t>256)return[];let r=t/4,s=Ie[e],n=[];for(let i of[64,128,256])if(!(i>o))for(let a of[1,2,4,8,16,32]){if(!Jt(r,a)||!Jt(i,a))continue;let c=r/a;for(let u of[1,2,4,8]){let l=i/a*u;if(!(l<8||l>128))for(let f of[1,2,4,8]){let h=a*f;if(!(h<8||h>64))for(let A of["shared","split"])for(let d of A==="split"?[!0,!1]:[!1])for(let m of[!0,!1])for(let $ of[!0,!1]){let k={headDim:t,workgroup:i,br:l,bc:h,tm:u,tn:f,od4:c,kv:A,doubleV:d,prefetch:m,pad:$,dChunk:Es(r),kChunk:Math.min(h,32)},I=ws(k),v=ys(k);if(I>s||v>160)continue;let j={tier:e,...k,bytes:I},P=[v<=128?1:0,Math.round(vs(k)*100),h>=32?1:0,i>=128?1:0,$?1:0,-v];n.push({tiles:j,score:P})}}}}return n.sort((i,a)=>Bs(a.score,i.score)),n.map(i=>i.tiles)}function Es(t){if(t<=16)return t;for(let e of[8,4,2])if(Jt(t,e))return e;return 1}function tr(t,e,o=256){return Is(t,e,o)[0]}function or(t){let e=`${t.kv}${t.doubleV?"2v":""}${t.prefetch?"+pf":""}`;return`wg${t.workgroup} ${t.br}x${t.bc} t${t.tm}x${t.tn} o${t.od4} ${e}${t.pad?" pad":""} c${t.dChunk}/${t.kChunk}`}function Bs(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]-e[o];return 0}var xs={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32"};function kt(t){let e=t.elements;return ie({name:"flash2",uniforms:xs,bindings:{q:K("Q",`array<vec4<${e.q}>>`),k:K("K",`array<vec4<${e.k}>>`),v:K("V",`array<vec4<${e.v}>>`),o:ee("O",`array<vec4<${e.o}>>`),table:t.rope?K("T","array<vec2<f32>>"):null,slopes:t.alibi?K("SL","array<f32>"):null}})}function wt(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash2:d${t.tiles.headDim}:${or(t.tiles).replaceAll(" ",":")}:rope=${e}:alibi=${t.alibi}${Lt(t.elements??ve)}`}function fe(t){return Array.from({length:t},(e,o)=>o)}var rr=["x","y","z","w"];function sr(t){let e=t.tiles,o=t.elements,r=e.headDim/4,s=e.workgroup,n=e.br,i=e.bc,a=e.tm,c=e.tn,u=e.od4,l=i/c,f=e.dChunk,h=r/f,A=e.kChunk,d=i/A,m=Math.min(a,4),$=a/m,k=m===1?"f32":`vec${m}<f32>`,I=Math.ceil(i*r/s),v=p=>(p+1)*s>i*r,j=(p,S)=>v(p)?`if (lid + ${p*s}u < ${i*r}u) {
      ${S}
    }`:S,P=n*r/s,B=e.kv==="shared",C=e.doubleV?2:1,x=ae("Q",o.q),R=ae("K",o.k),q=ae("V",o.v),O=[o.q,o.k,o.v,o.o].includes("f16"),F=fe(a),H=fe(c),E=fe(u),y="vec4<f32>(0.0)",w=p=>h===1?"0u":p,Q=p=>d===1?"0u":p,T=fe(I).map(p=>`let ldr${p} = (lid + ${p*s}u) / ${r}u; let ldc${p} = (lid + ${p*s}u) % ${r}u;
  let ldrg${p} = ${Q(`ldr${p} / ${A}u`)}; let ldrj${p} = ldr${p} % ${A}u;
  let ldcg${p} = ${w(`ldc${p} / ${f}u`)}; let ldcj${p} = ldc${p} % ${f}u;`).join(`
  `),b=(p,S,z,te)=>te.map(pe=>{let oe=`${S}k${pe}`,Me=p==="K"?`b * P.kB + kvh * P.kH + min(${oe}, P.sk - 1u) * P.kS - P.kOff`:`b * P.vB + kvh * P.vH + min(${oe}, P.sk - 1u) * P.vS - P.vOff`;return`let ${oe} = ${z} + ldr${pe}; let ${S}x${pe} = ${(p==="K"?R:q)(`${Me} + ldc${pe}`)};`}).join(`
    `),M=t.rope?ge(t.rope,R,"base","c","P.kTab + b * P.kTabB + key"):"",_=(p,S,z,te,pe)=>{if(p==="V"){let oe=z.map(ce=>j(ce,`${te(ce)} = ${S}x${ce};`)).join(`
      `),Me=z.map(ce=>j(ce,`${te(ce)} = select(${y}, ${S}x${ce}, ${S}k${ce} < P.sk);`)).join(`
      `);return`if (${pe} + ${i}u <= P.sk) {
      ${oe}
    } else {
      ${Me}
    }`}return z.map(oe=>t.rope?j(oe,`{
      var x = ${S}x${oe};
      let key = ${S}k${oe};
      let c = ldc${oe};
      if (key < P.sk) {
        let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
        ${M}
      }
      ${te(oe)} = x;
    }`):j(oe,`${te(oe)} = ${S}x${oe};`)).join(`
    `)},L=p=>`Ks[ldrg${p}][ldrj${p}].g[ldcg${p}][ldcj${p}]`,g=p=>S=>B?L(S):`Vs[${C===1?`ldrg${S}`:d===1?p:`${p} * ${d}u + ldrg${S}`}][ldrj${S}].g[ldcg${S}][ldcj${S}]`,D=(p,S,z)=>{let te=[],pe=8/p.length;for(let oe=0;oe<I;oe+=pe){let Me=fe(Math.min(pe,I-oe)).map(ce=>oe+ce);te.push(`{
    ${p.map(ce=>b(ce,ce==="K"?"ka":"va",S,Me)).join(`
    `)}
    ${p.map(ce=>ce==="K"?_("K","ka",Me,L,S):_("V","va",Me,g(z),S)).join(`
    `)}
  }`)}return te.join(`
  `)},W=t.rope?ge(t.rope,x,"base","c","P.qTab + b * P.qTabB + pos"):"",G=fe(P).map(p=>`{
    let e = lid + ${p*s}u;
    let r = e / ${r}u;
    let c = e % ${r}u;
    let flat = row0 + r;
    let pos = flat / P.group;
    let h = kvh * P.group + flat % P.group;
    let base = b * P.qB + h * P.qH + min(pos, P.sq - 1u) * P.qS - P.qOff;
    var x = ${x("base + c")};
    ${t.rope?`if (pos < P.sq) {
      ${W}
    }`:""}
    Qs[r].g[${w(`c / ${f}u`)}][c % ${f}u] = select(${y}, x, pos < P.sq) * P.scale2;
  }`).join(`
  `),N=(p,S,z)=>rr.reduce((te,pe)=>`fma(${p}.${pe}, ${S}.${pe}, ${te})`,z),Y=(p,S)=>`{ ${F.map(z=>`let qv${z} = Qs[qr${z}].g[${p}][${S}u];`).join(" ")}
        ${H.map(z=>`let kv${z} = Ks[kg${z}][kj${z}].g[${p}][${S}u];`).join(" ")}
        ${F.flatMap(z=>H.map(te=>`s${z}_${te} = ${N(`qv${z}`,`kv${te}`,`s${z}_${te}`)};`)).join(`
        `)} }`,Z=p=>fe(f).map(S=>Y(p,S)).join(`
      `),ne=h===1?Z("0u"):`for (var gd = 0u; gd < ${h}u; gd++) {
      ${Z("gd")}
    }`,ke=t.alibi?F.flatMap(p=>H.map(S=>`s${p}_${S} -= sl${p} * f32(abs(qp${p} - i32(ky${S})));`)).join(`
    `):"",ye=F.flatMap(p=>H.map(S=>`s${p}_${S} = select(${X}, s${p}_${S}, ky${S} < P.sk && (P.causal == 0u || i32(ky${S}) <= qp${p}));`)).join(`
      `),Qr=F.map(p=>`Mx[qr${p}][tc] = ${H.map(S=>`s${p}_${S}`).reduce((S,z)=>`max(${S}, ${z})`)};`).join(`
    `),Dr=p=>fe(l).map(S=>`Mx[qr${p}][${S}u]`).reduce((S,z)=>`max(${S}, ${z})`),Mr=F.map(p=>`{
      let mnew = max(mx${p}, ${Dr(p)});
      let alpha = exp2(mx${p} - mnew);
      mx${p} = mnew;
      ${H.map(S=>`s${p}_${S} = select(0.0, exp2(s${p}_${S} - mnew), s${p}_${S} > ${X/2});`).join(`
      `)}
      sm${p} = sm${p} * alpha + ${H.map(S=>`s${p}_${S}`).join(" + ")};
      ${E.map(S=>`o${p}_${S} *= alpha;`).join(" ")}
    }`).join(`
    `),Rr=(p,S)=>{let z=fe(m).map(te=>`s${p*m+te}_${S}`);return m===1?z[0]:`${k}(${z.join(", ")})`},Or=H.flatMap(p=>fe($).map(S=>`Pt[kg${p}][kj${p}][pr${S}] = ${Rr(S,p)};`)).join(`
    `),Tr=(p,S)=>B?`Ks[${p}][${S}u]`:`Vs[${C===1?p:d===1?"vb":`vb * ${d}u + ${p}`}][${S}u]`,jr=p=>m===1?`pw${p}`:`pw${Math.floor(p/m)}.${rr[p%m]}`,_r=(p,S)=>`{ ${fe($).map(z=>`let pw${z} = Pt[${p}][${S}u][pr${z}];`).join(" ")}
        ${E.map(z=>`let vv${z} = ${Tr(p,S)}.g[vg${z}][vj${z}];`).join(" ")}
        ${F.flatMap(z=>E.map(te=>`o${z}_${te} = fma(vec4<f32>(${jr(z)}), vv${te}, o${z}_${te});`)).join(`
        `)} }`,so=p=>fe(A).map(S=>_r(p,S)).join(`
      `),Fr=d===1?so("0u"):`for (var gp = 0u; gp < ${d}u; gp++) {
      ${so("gp")}
    }`,he=fe(I),at="",Pt="",Ct="",St="",ct="",Hr=!(e.kv==="split"&&e.doubleV);B&&!e.prefetch?(at=D(["K"],"0u","0u"),Ct=D(["V"],"key0","0u"),ct=D(["K"],`key0 + ${i}u`,"0u")):B?(at=`{
    ${b("K","ka","0u",he)}
    ${_("K","ka",he,L,"0u")}
  }`,Pt=b("V","va","key0",he),Ct=_("V","va",he,g(""),"key0"),St=b("K","kn",`key0 + ${i}u`,he),ct=_("K","kn",he,L,`key0 + ${i}u`)):e.prefetch?(at=`{
    ${b("K","ka","0u",he)}
    ${b("V","va","0u",he)}
    ${_("K","ka",he,L,"0u")}
    ${_("V","va",he,g("0u"),"0u")}
  }`,St=`${b("K","kn",`key0 + ${i}u`,he)}
    ${b("V","vn",`key0 + ${i}u`,he)}`,ct=`${_("K","kn",he,L,`key0 + ${i}u`)}
    ${_("V","vn",he,g("(vb ^ 1u)"),`key0 + ${i}u`)}`):Pt=D(["K","V"],"key0","vb");let Lr=F.map(p=>`{
    let l = ${fe(l).map(S=>`Mx[qr${p}][${S}u]`).join(" + ")};
    let flat = row0 + qr${p};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff;
      let inv = select(0.0, 1.0 / l, l > 0.0);
      ${E.map(S=>o.o==="f32"?`O[base + vc${S}] = o${p}_${S} * inv;`:`O[base + vc${S}] = vec4<f16>(o${p}_${S} * inv);`).join(`
      `)}
    }
  }`).join(`
  `);return`// ${wt(t)}
${O?"enable f16;":""}
${kt(t).wgsl}
struct TileRow {
  g: array<array<vec4<f32>, ${f}>, ${h}>,${e.pad?`
  pad: vec4<f32>,`:""}
}
var<workgroup> Qs: array<TileRow, ${n}>;
var<workgroup> Ks: array<array<TileRow, ${A}>, ${d}>;
${B?"":`var<workgroup> Vs: array<array<TileRow, ${A}>, ${C*d}>;`}
var<workgroup> Pt: array<array<array<${k}, ${n/m+1}>, ${A}>, ${d}>;
var<workgroup> Mx: array<array<f32, ${l}>, ${n}>;

@compute @workgroup_size(${s})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // Tiles run last-first: under a causal mask the longest ones start first.
  let tile = P.numTiles - 1u - (P.tileBase + wid.x);
  let unit = P.unitBase + wid.y;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let row0 = tile * ${n}u;

  ${G}

  let tr = lid / ${l}u;
  let tc = lid % ${l}u;
  ${F.map(p=>`let qr${p} = tr * ${a}u + ${p}u;
  let qp${p} = i32((row0 + qr${p}) / P.group) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${p} = SL[kvh * P.group + (row0 + qr${p}) % P.group];`:""}`).join(`
  `)}
  ${H.map(p=>`let kl${p} = tc + ${p*l}u; let kg${p} = ${Q(`kl${p} / ${A}u`)}; let kj${p} = kl${p} % ${A}u;`).join(`
  `)}
  ${E.map(p=>`let vc${p} = tc + ${p*l}u; let vg${p} = ${w(`vc${p} / ${f}u`)}; let vj${p} = vc${p} % ${f}u;`).join(`
  `)}
  ${fe($).map(p=>`let pr${p} = tr * ${$}u + ${p}u;`).join(" ")}
  ${T}
  ${F.map(p=>`var mx${p} = ${X}; var sm${p} = 0.0;`).join(" ")}
  ${F.flatMap(p=>E.map(S=>`var o${p}_${S} = ${y};`)).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${n}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${i-1}u) / ${i}u;
  // The first row's last visible key: tiles past it need the causal mask.
  let minQp = i32(row0 / P.group) + i32(P.sk) - i32(P.sq);
  ${at}
  for (var kt = 0u; kt < tiles; kt++) {
    let key0 = kt * ${i}u;
    let vb = ${C===2?"kt & 1u":"0u"};
    ${Pt}
    workgroupBarrier();
    ${F.flatMap(p=>H.map(S=>`var s${p}_${S} = 0.0;`)).join(" ")}
    ${ne}
    ${H.map(p=>`let ky${p} = key0 + kl${p};`).join(" ")}
    ${ke}
    if (key0 + ${i}u > P.sk || (P.causal != 0u && i32(key0) + ${i-1} > minQp)) {
      ${ye}
    }
    ${Qr}
    workgroupBarrier();
    ${Ct}
    ${Mr}
    ${Or}
    workgroupBarrier();
    ${St}
    ${Fr}
    ${Hr?"workgroupBarrier();":""}
    ${ct}
  }

  ${F.map(p=>`Mx[qr${p}][tc] = sm${p};`).join(" ")}
  workgroupBarrier();
  ${Lr}
}
`}var Ps=new Set(["layout","batch","heads","kvHeads","group","qSeq","kSeq","headDim","qShape","qStrides","kStrides","causal","scale","rope","alibi"]);function Cs(t){return t==null||t===!1||t===0}function Ss(t,e,o,r){for(let[n,i]of Object.entries(e))if(!Ps.has(n)&&!Cs(i))return`the option behind plan field ${n} is not implemented by flash2`;let s=r??tr(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);return s?{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}:`head dim ${e.headDim} has no flash2 tiles on tier ${t.tier} (${Zo}, within the tier's workgroup storage)`}function qs(t,e){return t.pipeline(wt(e),()=>sr(e))}function nr(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function Qs(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:u,headDim:l}=e,f={dispatches:[],temps:[]};if(n===0||c===0||u===0)return f;let h=t.limits,A=e.qStrides,d=e.kStrides,m=o.elements,$=q=>q==="f16"?2:4,k=(q,O,F)=>{let H=F==="q"?A:d,E=F==="q"?a:1,y=F==="q"?c:u,w=q+O-1,Q=(T,b)=>Math.floor(T/i)*H.batch+(T%i*E+b)*H.heads;return[Q(q,0),Q(w,E-1)+(y-1)*H.seq+l]},I=(q,O,F,H)=>{let[E,y]=k(q,O,F);return Ae(E,y,h,$(H))},v=(q,O)=>$(q)>=$(O)?q:O,j=$e(n*i,h.maxComputeWorkgroupsPerDimension,(q,O)=>se(I(q,O,"q",v(m.q,m.o)),h)&&se(I(q,O,"k",v(m.k,m.v)),h),q=>{let O=I(q,1,"q",v(m.q,m.o));return se(O,h)?nr("k and v",I(q,1,"k",v(m.k,m.v)).size,h.maxStorageBufferBindingSize):nr("q and the output",O.size,h.maxStorageBufferBindingSize)}),P=null;e.rope&&(P=be(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:u}]),P.temp&&f.temps.push(P.buffer));let B=null;e.alibi&&(B=t.upload(e.alibi.map(q=>q*Math.LOG2E),"alibi slopes"),f.temps.push(B));let C=Math.ceil(c*a/o.tiles.br),x=h.maxComputeWorkgroupsPerDimension,R=kt(o);for(let[q,O]of j){let F=I(q,O,"q",m.q),H=I(q,O,"q",m.o),E=I(q,O,"k",m.k),y=I(q,O,"k",m.v);for(let w=0;w<C;w+=x){let Q={sq:c,sk:u,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:C,tileBase:w,unitBase:q,qB:A.batch/4,qH:A.heads/4,qS:A.seq/4,qOff:F.base/4,kB:d.batch/4,kH:d.heads/4,kS:d.seq/4,kOff:E.base/4,vB:d.batch/4,vH:d.heads/4,vS:d.seq/4,vOff:y.base/4,oB:A.batch/4,oH:A.heads/4,oS:A.seq/4,oOff:H.base/4,qTab:P?.sides[0]?.tab??0,qTabB:P?.sides[0]?.tabB??0,kTab:P?.sides[1]?.tab??0,kTabB:P?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},T=t.bind(r,R,Q,{q:{buffer:s.q,offset:F.offset,size:F.size},k:{buffer:s.k,offset:E.offset,size:E.size},v:{buffer:s.v,offset:y.offset,size:y.size},o:{buffer:s.o,offset:H.offset,size:H.size},...P?{table:{buffer:P.buffer}}:{},...B?{slopes:{buffer:B}}:{}},f.temps),[b]=de(Math.min(x,C-w),h);f.dispatches.push({pipeline:r,bindGroup:T,grid:[b,O,1]})}}return f}async function ir(t,e,o){let r=Ss(t,e,o);if(typeof r=="string")return null;let s=await qs(t,r);return n=>Qs(t,e,r,s,n)}var Ds=128,Ms=16,Rs=8;function Os(t){let e=t.tk*(t.de+1)*16,o=t.rb*(t.headDim/4)*16,r=t.tk*t.rb*4,s=t.rb*4;return e+o+r+s}function ar(t,e,o,r,s=256){let n=o==="f16"?8:4;if(!Number.isInteger(t)||t%n!==0||t<n||t>512)return`the keys kernel reads ${o} rows in 16-byte units of ${n} dims, so it needs a head dim that is a multiple of ${n} up to 512, got ${t}`;let i=t/n,a=Math.min(Ds,s);if(i>a)return`a row of ${i} load units needs more than the ${a} invocations per workgroup`;let c=Math.floor(a/i),u=c*i,l=Math.max(1,Math.min(e,Rs)),f=Ie[r];for(let h=l;h>=1;h--){let A;for(let d=Math.min(u,c*Ms);d>=c;d-=c){let m=Os({headDim:t,de:i,tk:d,rb:h});if(m>f)continue;let $=Math.ceil(h/Math.max(1,Math.floor(u/d))),k=Math.ceil(h/$),I={headDim:t,kv:o,e:n,de:i,wg:u,kg:c,tk:d,vk:d/c,rb:h,sg:k,rh:$,bytes:m};if(d%32===0||d<32)return I;A??=I}if(A)return A}return`no tile of keys fits ${f} bytes of workgroup storage (tier ${r}) at head dim ${t}`}var Ts=256,js=1024,_s=4;function cr(t,e,o,r,s){let n=_s*Math.max(1,o),i=Math.ceil(t*Math.max(1,e)/n),a=Math.min(js,Math.max(Ts,i)),c=Math.ceil(a/s)*s,u=Math.max(1,Math.ceil(t/c));return u>r&&(u=r,c=Math.ceil(t/u)),u===1?{splits:1,keysPerSplit:Math.max(1,t)}:{splits:Math.ceil(t/c),keysPerSplit:c}}var Fs={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmaxU:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},Hs={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function ur(t){return t.kv==="f16"?"vec4<u32>":"vec4<f32>"}function Xt(t){let e=t.elements,o=ur(t.tiles);return ie({name:"decode keys",uniforms:Fs,bindings:{q:K("Q",`array<vec4<${e.q}>>`),k:K("K",`array<${o}>`),v:K("V",`array<${o}>`),o:ee("O",`array<vec4<${e.o}>>`),w:ee("W","array<vec4<f32>>"),table:t.rope?K("T","array<vec2<f32>>"):null,slopes:t.alibi?K("SL","array<f32>"):null}})}function Zt(t){return ie({name:"decode keys merge",uniforms:Hs,bindings:{w:K("W","array<vec4<f32>>"),o:ee("O",`array<vec4<${t}>>`)}})}function eo(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode-keys:d${e.headDim}:${e.kv}:wg${e.wg}:tk${e.tk}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function ot(t){let e=t/4,o=[8,4,2,1].find(s=>e%s===0),r=256/o;return{chunks:o,lanes:r,blocks:e/o,workgroup:256}}function to(t,e){return`decode-keys-merge:d${t}:${e}`}function Te(t){return Array.from({length:t},(e,o)=>o)}function lr(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function Ls(t){return[4,2,1].find(e=>t%e===0)}function fr(t){let e=t.tiles,{wg:o,tk:r,rb:s,de:n,kg:i,vk:a,sg:c,rh:u}=e,l=e.headDim/4,f=e.e/4,h=n+1,A=t.elements,d=ae("Q",A.q),m=[A.q,A.o].includes("f16"),$=Te(s),k=Te(f),I=e.kv==="f16",v=(b,M)=>I?`vec4<f32>(unpack2x16float(${b}.${"xz"[M]}), unpack2x16float(${b}.${"yw"[M]}))`:b,j=t.rope?ge(t.rope,d,"base","cc","P.tab + b * P.tabB + tq"):"",P=Te(a).map(b=>`let ki${b} = kvBase + min(k0 + g + ${b*i}u, kEnd - 1u) * ${n}u + c;
    Ks[(g + ${b*i}u) * ${h}u + c] = K[ki${b}];
    let v${b} = V[ki${b}];`).join(`
    `),B=Te(u),C=c*u!==s,x=b=>c===1?`${b}u`:`(rg * ${u}u + ${b}u)`,R=b=>C?`min(${x(b)}, ${s-1}u)`:x(b),q=Ls(n),O=Te(q).map(b=>{let M=k.map(L=>`let x${b}_${L} = ${v(`Ks[kr + u + ${b}u]`,L)};`).join(" "),_=B.map(L=>`s${L} += ${k.map(g=>`dot(Qs[${R(L)} * ${l}u + (u + ${b}u) * ${f}u + ${g}u], x${b}_${g})`).join(" + ")};`).join(" ");return`${M}
        ${_}`}).join(`
        `),F=t.alibi?"s -= SL[kvh * P.group + min(f, P.rows - 1u) % P.group] * f32(i32(qp) - i32(key));":"",H=B.map(b=>`{
        let row = ${x(b)};
        let f = row0 + row;
        let qp = P.len - P.sq + f / P.group;
        var s = s${b};
        ${F}
        s${b} = select(${X}, s, key < kEnd && f < P.rows && key <= qp);
        ${C?`if (row < ${s}u && `:"if ("}s${b} > unordered(atomicLoad(&Mx[row]))) {
          atomicMax(&Mx[row], ordered(s${b}));
        }
      }`).join(`
      `),E=$.map(b=>`{
      let mn = unordered(atomicLoad(&Mx[${b}u]));
      let al = exp2(m${b} - mn);
      m${b} = mn;
      l${b} *= al;
      ${k.map(M=>`a${b}_${M} *= al;`).join(" ")}
    }`).join(`
    `),y=B.map(b=>{let M=`Ps[kl * ${s}u + row] = select(0.0, exp2(s${b} - ${c===1?`m${b}`:"unordered(atomicLoad(&Mx[row]))"}), s${b} > ${X/2});`;return`{
        let row = ${x(b)};
        ${C?`if (row < ${s}u) { ${M} }`:M}
      }`}).join(`
      `),w=Te(a).map(b=>`{
      let pb = (g + ${b*i}u) * ${s}u;
      ${k.map(M=>`let w${M} = ${v(`v${b}`,M)};`).join(" ")}
      ${$.map(M=>`{ let pr = Ps[pb + ${M}u]; l${M} += pr; ${k.map(_=>`a${M}_${_} += pr * w${_};`).join(" ")} }`).join(`
      `)}
    }`).join(`
    `),Q=$.map(b=>k.map(M=>{let _=`${b*l}u + c * ${f}u + ${M}u`;return`Qs[${_}] = a${b}_${M} + select(vec4<f32>(0.0), Qs[${_}], gi > 0u);`}).join(" ")).join(`
      `),T=$.map(b=>`Ps[${b}u] = l${b} + select(0.0, Ps[${b}u], gi > 0u);`).join(" ");return`// ${eo(t)}
${m?"enable f16;":""}
${Xt(t).wgsl}
var<workgroup> Ks: array<${ur(e)}, ${r*h}>;
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
  for (var i = lid; i < ${s*l}u; i += ${o}u) {
    let f = row0 + i / ${l}u;
    let cc = i % ${l}u;
    var x = vec4<f32>(0.0);
    if (f < P.rows) {
      let tq = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + tq * P.qS - P.qOff;
      x = ${d("base + cc")};
      ${j}
    }
    Qs[i] = x * P.scale2;
  }
  if (lid < ${s}u) {
    atomicStore(&Mx[lid], ordered(${X}));
  }
  ${$.map(b=>`var m${b} = ${X}; var l${b} = 0.0;`).join(`
  `)}
  ${B.map(b=>`var s${b} = 0.0;`).join(" ")}
  let kl = lid % ${r}u; // the score invocation's key in the tile
  let rg = lid / ${r}u; // and its group of rows
  ${$.flatMap(b=>k.map(M=>`var a${b}_${M} = vec4<f32>(0.0);`)).join(" ")}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${s}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  workgroupBarrier();
  for (var k0 = kBegin; k0 < kEnd; k0 += ${r}u) {
    ${P}
    workgroupBarrier();
    if (lid < ${r*c}u) {
      ${B.map(b=>`s${b} = 0.0;`).join(" ")}
      let kr = kl * ${h}u;
      for (var u = 0u; u < ${n}u; u += ${q}u) {
        ${O}
      }
      let key = k0 + kl;
      ${H}
    }
    workgroupBarrier();
    ${E}
    if (lid < ${r*c}u) {
      ${y}
    }
    workgroupBarrier();
    ${w}
  }

  // The key groups' outputs and sums, added in workgroup memory (Qs and Ps are free now).
  workgroupBarrier();
  for (var gi = 0u; gi < ${i}u; gi++) {
    if (g == gi) {
      ${Q}
      if (c == 0u) {
        ${T}
      }
    }
    workgroupBarrier();
  }
  for (var i = lid; i < ${s*l}u; i += ${o}u) {
    let r = i / ${l}u;
    let cc = i % ${l}u;
    let f = row0 + r;
    if (f < P.rows) {
      let total = Ps[r];
      if (P.direct != 0u) {
        let tq = f / P.group;
        let h = kvh * P.group + f % P.group;
        O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + cc] = ${lr(A.o,"Qs[i] * select(0.0, 1.0 / total, total > 0.0)")};
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
`}function hr(t,e){let o=t/4,{chunks:r,lanes:s,workgroup:n,blocks:i}=ot(t),a=Te(4),c=`vec4<f32>(${X}, 0.0, 0.0, 0.0)`,u=[];for(let l=s/2;l>=1;l/=2)u.push(`if (sl < ${l}u) {
    let other = lid + ${l*r}u;
    let x = Sm[lid];
    let y = Sm[other];
    let mx = max(x.x, y.x);
    let wx = exp2(x.x - mx);
    let wy = exp2(y.x - mx);
    Am[lid] = Am[lid] * wx + Am[other] * wy;
    Sm[lid] = vec2<f32>(mx, x.y * wx + y.y * wy);
  }
  workgroupBarrier();`);return`// ${to(t,e)}
${e==="f16"?"enable f16;":""}
${Zt(e).wgsl}
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
  var m = ${X};
  var l = 0.0;
  var a = vec4<f32>(0.0);
  // Four splits per step, loaded independently; missing ones weigh exactly 0.
  for (var s = sl; s < P.nsplit; s += ${4*s}u) {
    ${a.map(l=>`let ok${l} = s + ${l*s}u < P.nsplit;
    let i${l} = min(s + ${l*s}u, last);
    let st${l} = select(${c}, W[stats + i${l}], ok${l});
    let w${l} = select(vec4<f32>(0.0), W[(part + i${l}) * ${o}u + c], ok${l});`).join(`
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
    O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + c] = ${lr(e,"Am[lid] * select(0.0, 1.0 / total, total > 0.0)")};
  }
}
`}function Ar(t,e,o){let r=ar(e.headDim,e.group*e.qSeq,o.kv,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(typeof r=="string")return r;let s=ot(e.headDim).workgroup;if(s>t.limits.maxComputeInvocationsPerWorkgroup)return`its merge kernel needs ${s} invocations per workgroup`;let n=e.group*e.qSeq,i=t.limits.maxComputeWorkgroupsPerDimension;return Math.ceil(n/r.rb)>i||n*ot(e.headDim).blocks>i*i?`${n} query rows per KV head exceed its grid (maxComputeWorkgroupsPerDimension ${i})`:{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function dr(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(eo(e),()=>fr(e)),t.pipeline(to(o,r),()=>hr(o,r))])}function pr(t,e,o,r,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,n);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return Xe(r,e.splits)}let i=o.tiles,a=Math.ceil(e.group*e.qSeq/i.rb);return cr(r,e.batch*e.kvHeads*a,s,n,i.tk)}function mr(t,e,o,r,s,n,i){let a={dispatches:[],temps:[]},[c,u]=r,l=t.limits,{kvHeads:f,group:h,qSeq:A,headDim:d}=e,m=d/4,$=h*A,k=o.tiles,I=Math.ceil($/k.rb),{splits:v,keysPerSplit:j}=n,P=v===1,B=e.qStrides,C=o.elements.q==="f16"?2:4,x=o.elements.o==="f16"?2:4,R=(T,b,M)=>{let _=(W,G)=>Math.floor(W/f)*B.batch+G*B.heads,L=T+b-1,g=_(T,T%f*h),D=_(L,L%f*h+h-1)+(A-1)*B.seq+d;return Ae(g,D,l,M)},q=T=>T*$*v*(m+1)*16,O=null;e.rope&&(O=be(t,e.rope.frequencies,e.rope.angles,[{positions:et(e,s.length),seq:A}]),O.temp&&a.temps.push(O.buffer));let F=null;e.alibi&&(F=t.upload(e.alibi.map(T=>T*Math.LOG2E),"alibi slopes"),a.temps.push(F));let H=l.maxComputeWorkgroupsPerDimension,E=Xt(o),y=Zt(o.elements.o),w=ot(d).blocks,Q=Math.max(1,Math.floor(H*H/($*w)));for(let T of s.chunks){let b=$e(T.n,Math.min(H,Q),(M,_)=>se(R(T.u0+M,_,C),l)&&se(R(T.u0+M,_,x),l)&&(P||q(_)<=l.maxStorageBufferBindingSize),M=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${R(T.u0+M,1,Math.max(C,x)).size} bytes or their ${v} partial outputs ${q(1)} bytes, more than maxStorageBufferBindingSize (${l.maxStorageBufferBindingSize} bytes)`));for(let[M,_]of b){let L=T.u0+M,g=R(L,_,C),D=R(L,_,x),W=_*$*v*m,G=t.dummy();P||(G=t.buffer(q(_),"decode partials"),a.temps.push(G));let N={sq:A,group:h,rows:$,kvHeads:f,len:s.length,nsplit:v,keysPerSplit:j,unitBase:L,chunkBase:T.u0,lmaxU:s.maxLength*k.de,direct:P?1:0,statsOff:W,qB:B.batch/4,qH:B.heads/4,qS:B.seq/4,qOff:g.base/4,oB:B.batch/4,oH:B.heads/4,oS:B.seq/4,oOff:D.base/4,tab:O?.sides[0]?.tab??0,tabB:O?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,E,N,{q:{buffer:i.q,offset:g.offset,size:g.size},k:{buffer:T.k},v:{buffer:T.v},o:{buffer:i.o,offset:D.offset,size:D.size},w:{buffer:G},...O?{table:{buffer:O.buffer}}:{},...F?{slopes:{buffer:F}}:{}},a.temps),grid:[v,_,I]}),P)continue;let Y=_*$*w,[Z,ne]=de(Y,l),ke={items:Y,nsplit:v,rows:$,group:h,kvHeads:f,unitBase:L,statsOff:W,gridX:Z,oB:B.batch/4,oH:B.heads/4,oS:B.seq/4,oOff:D.base/4};a.dispatches.push({pipeline:u,bindGroup:t.bind(u,y,ke,{w:{buffer:G},o:{buffer:i.o,offset:D.offset,size:D.size}},a.temps),grid:[Z,ne,1]})}}return a}function gr(t,e,o){let r=null;if(e.kernel==="keys"){let s=Ar(t,e,o);if(typeof s!="string")return{kernel:"keys",params:s};r=s}return{kernel:"split",params:Go(t,e,o),fallback:r}}function rt(t,e){return e.kernel==="keys"?dr(t,e.params):zo(t,e.params)}function $r(t,e,o,r,s,n,i){if(o.kernel==="keys"){let u=pr(t,e,o.params,s.length,n);return{job:mr(t,e,o.params,r,s,u,i),splits:u.splits}}let a=Ko(t,e,o.params,s.length,n);return{job:Wo(t,e,o.params,r,s,a,i),splits:a.splits}}var br=new Float32Array(1),Gs=new Uint32Array(br.buffer);function zs(t){br[0]=t;let e=Gs[0],o=e>>>16&32768,r=e>>>23&255,s=e&8388607;if(r===255)return o|31744|(s!==0?512:0);let n=r-112;if(n>=31)return o|31744;if(n<=0){if(n<-10)return o;s|=8388608;let c=14-n,u=s>>>c,l=s&(1<<c)-1,f=1<<c-1;return(l>f||l===f&&(u&1)===1)&&u++,o|u}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,o|i}function kr(t){let e=(t&32768)!==0?-1:1,o=t>>>10&31,r=t&1023;return o===0?e*r*2**-24:o===31?r!==0?NaN:e*(1/0):e*(1+r/1024)*2**(o-15)}function oo(t){let e=new Uint16Array(t.length+t.length%2);for(let o=0;o<t.length;o++)e[o]=zs(t[o]);return e}function yt(t,e=t.length){let o=new Float32Array(e);for(let r=0;r<e;r++)o[r]=kr(t[r]);return o}var we=64;function wr(){return Float32Array.from({length:we},(t,e)=>(e-31)*.125)}var Ks=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${we/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function Ws(t,e){let o=wr();for(let r=0;r<we;r++){let s=o[r]*3+.25,n=t[r],i=e[r]===void 0?void 0:kr(e[r]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${r} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${we} values was exact`}}async function yr(t){let n=[],i=(a,c)=>{let u=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(u),u};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:Ks,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),u=i(we*2,136),l=i(we*4,132),f=i(we*2,132),h=i(we*4,9),A=i(we*2,9),d=oo(wr());t.queue.writeBuffer(u,0,d.buffer,d.byteOffset,d.byteLength);let m=t.createCommandEncoder(),$=m.beginComputePass();$.setPipeline(c),$.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[u,l,f].map((j,P)=>({binding:P,resource:{buffer:j}}))})),$.dispatchWorkgroups(1),$.end(),m.copyBufferToBuffer(l,0,h,0,we*4),m.copyBufferToBuffer(f,0,A,0,we*2),t.queue.submit([m.finish()]),await Promise.all([h.mapAsync(1),A.mapAsync(1)]);let k=new Float32Array(h.getMappedRange().slice(0)),I=new Uint16Array(A.getMappedRange().slice(0)),v=await t.popErrorScope();return v?{available:!1,detail:`the shader-f16 self-test was rejected: ${v.message}`}:Ws(k,I)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var vt=256,Ns={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function vr(t){return ie({name:"kv append",uniforms:Ns,bindings:{k:K("K",`array<vec4<${t.k}>>`),v:K("V",`array<vec4<${t.v}>>`),kc:ee("KC",`array<vec4<${t.cache}>>`),vc:ee("VC",`array<vec4<${t.cache}>>`),table:t.rope?K("T","array<vec2<f32>>"):null}})}function Ir(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function Us(t){let e=t.headDim/4,o=ae("K",t.k),r=ae("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=a=>t.cache==="f32"?a:`vec4<f16>(${a})`,i=t.rope?ge(t.rope,o,"base","c","P.tab + b * P.tabB + s"):"";return`// ${Ir(t)}
${s?"enable f16;":""}
${vr(t).wgsl}
@compute @workgroup_size(${vt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${vt}u + lid;
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
`}function It(t,e){return t.pipeline(Ir(e),()=>Us(e))}function Er(t,e,o,r,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,u=o.headDim,l=u/4;if(a===0)return i;let f=t.limits,h=o.k==="f16"?2:4,A=o.v==="f16"?2:4,d=(j,P,B)=>{let C=j+P-1,x=R=>Math.floor(R/e.kvHeads)*c.batch+R%e.kvHeads*c.heads;return Ae(x(j),x(C)+(a-1)*c.seq+u,f,B)},m=null;e.rope&&(m=be(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),m.temp&&i.temps.push(m.buffer));let $=Qe(vt,f),k=Math.min(a,Math.max(1,Math.floor($/l))),I=Math.max(1,Math.floor($/(k*l))),v=vr(o);for(let j of n){let P=$e(j.n,I,(B,C)=>se(d(j.u0+B,C,h),f)&&se(d(j.u0+B,C,A),f),B=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${d(j.u0+B,1,Math.max(h,A)).size} bytes, more than maxStorageBufferBindingSize (${f.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[B,C]of P)for(let x=0;x<a;x+=k){let R=Math.min(k,a-x),q=j.u0+B,O=d(q,C,h),F=d(q,C,A),H=C*R*l,[E,y]=de(Math.ceil(H/vt),f),w={items:H,kvHeads:e.kvHeads,unitBase:q,chunkBase:j.u0,slot:e.slot,lmax4:e.maxLength*l,gridX:E,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:O.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:F.base/4,tab:m?.sides[0]?.tab??0,tabB:m?.sides[0]?.tabB??0,tokBase:x,tokCount:R},Q=t.bind(r,v,w,{k:{buffer:s.k,offset:O.offset,size:O.size},v:{buffer:s.v,offset:F.offset,size:F.size},kc:{buffer:j.k},vc:{buffer:j.v},...m?{table:{buffer:m.buffer}}:{}},i.temps);i.dispatches.push({pipeline:r,bindGroup:Q,grid:[E,y,1]})}}return i}var Et=class{#e=Promise.resolve();hold(){let e=this.#e,o,r=new Promise(s=>o=s);return this.#e=e.then(()=>r),{ready:e,release:o}}run(e,o){let r=this.#e,s,n=new Promise(i=>s=i);return this.#e=r.then(()=>n),(async()=>{try{let i=await e();return await r,await o(i)}finally{s()}})()}};function Ke(t){return t instanceof V&&t.dtype==="float16"?"f16":"f32"}var Ys="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",st=class t extends Ge{precision;chunks;#e;#o=new Et;#t=0;constructor(e,o,r,s,n,i){super(o,r,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,o,r,s,n){let i=n==="f16"?2:4,a=s.maxLength*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c)throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of maxLength ${s.maxLength} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller maxLength, precision "f16", or several caches`);let u=s.batch*s.kvHeads,l=Math.floor(c/a),f=2*u*a,h=[];return await e.guarded(`allocating the KV cache (${f} bytes)`,()=>{for(let A=0;A<u;A+=l){let d=Math.min(l,u-A);h.push({u0:A,n:d,k:e.buffer(d*a,"kv cache keys"),v:e.buffer(d*a,"kv cache values")})}}).catch(A=>{for(let d of h)d.k.destroy(),d.v.destroy();throw A}),new t(e,o,r,s,n,h)}view(){return{batch:this.batch,kvHeads:this.kvHeads,maxLength:this.maxLength,length:this.length,chunks:this.chunks}}schedule(e,o,r){let s=this.#t;return this.#o.run(o,n=>(this.#r(e,s),r(n)))}hold(e){let o=this.#t;return{...this.#o.hold(),check:()=>this.#r(e,o)}}#r(e,o){if(this.live(),o!==this.#t)throw new Error(`This ${e} ${Ys}`)}appendParams(e,o,r){return{headDim:this.headDim,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,k:Ke(o),v:Ke(r),cache:this.precision}}appendJobNow(e,o,r,s,n){let i=this.#e,{slot:a,commit:c}=this.reserve(e);if(e.n===0)return{job:null,commit:()=>{}};let u=[],l=(f,h)=>{if(f instanceof V)return f.buffer;let A=i.upload(f.data,h);return u.push(A),A};try{let f={k:l(s,"k"),v:l(n,"v")},h={kvHeads:this.kvHeads,maxLength:this.maxLength,n:e.n,slot:a,strides:e.strides,rope:e.rope?{frequencies:e.rope.frequencies,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:a}}:null},A=Er(i,h,o,r,f,this.chunks);return A.temps.push(...u),{job:A,commit:c}}catch(f){for(let h of u)i.recycle(h);throw f}}append(e,o,r={}){try{this.live();let s=this.#e,n=U("k",e,this.owner),i=U("v",o,this.owner),a=Le(this,n,i,r),c=this.appendParams(a,n,i);return this.schedule("append",()=>It(s,c),async u=>{U("k",e,this.owner),U("v",o,this.owner);let l=()=>{};await s.submitting("the KV-cache append",()=>{let f=this.appendJobNow(a,c,u,n,i);l=f.commit,f.job&&s.submit(f.job)}),l()})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,o=this.headDim,r=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let l=this.length,f=l*o*r;if(l===0)return{length:l,target:null,bytes:0};let h=[];for(let d of["k","v"])for(let m of this.chunks)for(let $=0;$<m.n;$++){let k=$*this.maxLength*o*r;h.push({buffer:m[d],offset:k,size:f})}let A=await e.guarded("the KV-cache download",()=>e.gather(h));return{length:l,target:A,bytes:2*s*f}}),i=Object.freeze([this.batch,this.kvHeads,n.length,o]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,u=l=>this.precision==="f16"?yt(new Uint16Array(l)):new Float32Array(l);return{k:{shape:i,data:u(a.slice(0,c))},v:{shape:i,data:u(a.slice(c))}}}reset(){this.live(),this.#t++,this.clear()}destroy(){if(this.markDestroyed()){this.#t++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var _e=256,je=64,ro={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},De="array<f32>",We={scores:ie({name:"naive scores",uniforms:ro,bindings:{q:K("Q",De),k:K("K",De),slopes:K("SL",De),scores:ee("S",De)}}),softmax:ie({name:"naive softmax",uniforms:ro,bindings:{scores:ee("S",De)}}),pv:ie({name:"naive pv",uniforms:ro,bindings:{scores:K("S",De),v:K("V",De),o:ee("O",De)}})},Br=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function Vs(t){return t==="scores"?`// naive:scores
${We.scores.wgsl}${Br}
@compute @workgroup_size(${_e})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${_e}u + lid;
  if (idx >= P.rows * P.sk) {
    return;
  }
  let c = rowCoords(P.rowBase + idx / P.sk);
  let j = idx % P.sk;
  let kvh = c.y / P.group;
  let aligned = i32(c.z) + i32(P.sk) - i32(P.sq);
  var value = ${X};
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
${We.softmax.wgsl}var<workgroup> red: array<f32, ${je}>;
@compute @workgroup_size(${je})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${X};
  for (var j = lid; j < P.sk; j += ${je}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${je/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${je}u) {
    let s = S[base + j];
    sum += select(0.0, exp(s - m), s > ${X/2});
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${je/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = select(0.0, 1.0 / total, total > 0.0);
  for (var j = lid; j < P.sk; j += ${je}u) {
    let s = S[base + j];
    S[base + j] = select(0.0, exp(s - m) * inv, s > ${X/2});
  }
}
`:`// naive:pv
${We.pv.wgsl}${Br}
@compute @workgroup_size(${_e})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${_e}u + lid;
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
`}function xr(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>Vs(e))))}function Pr(t,e,o,r){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:u}=e,l=n*i*a;if(l===0||c===0)return s;let f=t.limits,h=f.maxStorageBufferBindingSize;for(let[C,x]of[["q",r.q],["k",r.k],["v",r.v]])if(x.size>h)throw new RangeError(`Cannot run the naive kernel: ${C} (${x.size} bytes) exceeds maxStorageBufferBindingSize (${h} bytes); it is a small-size baseline, use the flash kernel`);let A=c*4;if(A>h)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${h} bytes)`);let d=Qe(_e,f),m=Math.max(1,Math.min(l,Math.floor(h/A),Math.floor(d/c),Math.floor(d/u),f.maxComputeWorkgroupsPerDimension**2)),$=t.buffer(m*A,"naive scores");s.temps.push($);let k=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(k);let[I,v,j]=o,P=e.qStrides,B=e.kStrides;for(let C=0;C<l;C+=m){let x=Math.min(m,l-C),R={rowBase:C,rows:x,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:P.batch,qH:P.heads,qS:P.seq,dim:u,kB:B.batch,kH:B.heads,kS:B.seq,scale:e.scale},[q,O,F]=[x*c/_e,x,x*u/_e].map(E=>de(Math.ceil(E),f)),H=(E,y,[w,Q],T)=>s.dispatches.push({pipeline:E,bindGroup:t.bind(E,y,{...R,gridX:w},T,s.temps),grid:[w,Q,1]});H(I,We.scores,q,{q:{buffer:r.q},k:{buffer:r.k},slopes:{buffer:k},scores:{buffer:$}}),H(v,We.softmax,O,{scores:{buffer:$}}),H(j,We.pv,F,{scores:{buffer:$},v:{buffer:r.v},o:{buffer:r.o}})}return s}var Bt=256,Js={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function Cr(t){return ie({name:"rope",uniforms:Js,bindings:{x:t?ee("X","array<f32>"):K("X","array<f32>"),table:K("T","array<vec2<f32>>"),y:t?null:ee("Y","array<f32>")}})}function Xs(t){let e=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
${Cr(t).wgsl}
@compute @workgroup_size(${Bt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Bt}u + lid;
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
`}function nt(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>Xs(e))}function Fe(t,e,o,r,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:u}=e,l=i*a*c;if(l===0||u===0)return n;let f=e.frequencies.invFreq.length,h=f+(s?u-2*f:0),A=t.limits,d=be(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);d.temp&&n.temps.push(d.buffer);let m=d.sides[0],$=e.layout==="bhsd"?{b:a*c*u,h:c*u,s:u}:{b:c*a*u,h:u,s:a*u},k=Math.max(1,Math.floor(Qe(Bt,A)/Math.max(1,h))),I=$e(l,k,(j,P)=>se(Ae(j*u,(j+P)*u,A),A),()=>new RangeError(`Cannot rotate: one row of ${u} elements exceeds the device's maxStorageBufferBindingSize`)),v=Cr(s===null);for(let[j,P]of I){let B=Ae(j*u,(j+P)*u,A),C=P*h,[x,R]=de(Math.ceil(C/Bt),A),q={items:C,perRow:h,rh:f,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:j,xB:$.b,xH:$.h,xS:$.s,xOff:B.base,oB:$.b,oH:$.h,oS:$.s,oOff:B.base,tab:m.tab,tabB:m.tabB,gridX:x},O=t.bind(o,v,q,{x:{buffer:r,offset:B.offset,size:B.size},table:{buffer:d.buffer},...s?{y:{buffer:s,offset:B.offset,size:B.size}}:{}},n.temps);n.dispatches.push({pipeline:o,bindGroup:O,grid:[x,R,1]})}return n}async function Sr(t,e,o){let{ctx:r,owner:s}=t;switch(e.kind){case"attention":{let{call:n,output:i}=e,a=await t.prepareAttention(n);return{recheck:()=>{for(let[c,u]of["q","k","v"].entries())U(u,n.args[c],s,o)},build:()=>a(n.q,n.k,n.v,i.buffer)}}case"rope":{let{request:n,output:i}=e,a=n.x,c=await nt(r,n.inPlace);return{recheck:()=>void U("x",n.arg,s,o),build:()=>{let u=n.inPlace?null:i.buffer;if(a instanceof V)return Fe(r,n.call,c,a.buffer,u);let l=r.upload(a.data,"x");try{let f=Fe(r,n.call,c,l,u);return f.temps.push(l),f}catch(f){throw r.recycle(l),f}}}}case"append":{let{cache:n,plan:i,k:a,v:c,args:u}=e.call,l=n.appendParams(i,a,c),f=await It(r,l);return{recheck:()=>{U("k",u[0],s,o),U("v",u[1],s,o)},build:()=>{let{job:h,commit:A}=n.appendJobNow(i,l,f,a,c);return A(),h}}}case"decode":{let{call:n,output:i}=e,a=await rt(r,n.choice);return{recheck:()=>void U("q",n.arg,s,o),build:()=>t.decodeJob(n,a,i.buffer)}}}}function qr(t,e,o,r){let s=e.map(i=>i.hold("recording")),n=Promise.all(o);return n.catch(()=>{}),(async()=>{try{let[i]=await Promise.all([n,...s.map(c=>c.ready)]);r();for(let c of s)c.check();for(let c of i)c.recheck();let a=e.map(c=>c.snapshot());try{await t.submitting("the recorded calls",()=>{let c=[];try{for(let u of i){let l=u.build();l&&c.push(l)}}catch(u){for(let l of c)t.release(l);throw u}t.submit(c)})}catch(c){for(let u of a)u();throw c}}finally{for(let i of s)i.release()}})()}var it=t=>t==="f16"?2:4,xt=class extends ze{info;#e;cacheClass=st;constructor(e,o){super(),this.#e=e,this.info=Object.freeze(o)}failure(){return this.#e.failure}#o(e,o,r="f32"){return new V(this,e,o,this.alive,r==="f16"?"float16":"float32",this.#t)}#t=e=>this.#e.recycle(e);#r(e,o){return o==="f16"?oo(e):e}#s(e,o,r){return o==="f16"?yt(new Uint16Array(e),r):new Float32Array(e)}#n(e,o,r,s="f32"){if(e instanceof V)return e.buffer;let n=this.#e.upload(this.#r(e.data,s),r);return o.push(n),n}elementsOf(e,o,r,s){let n=Ve("precision",s.precision,this.info.f16),i=a=>a instanceof V?Ke(a):n;return{q:i(e),k:i(o),v:i(r),o:i(e)}}async runAttention(e){let o=this.#e,{plan:r,elements:s}=e,n=await this.#a(e);this.live(),this.checkOperands(e.args);let i=Ce(r.qShape),a=i*it(s.o),c=o.output(a,"attention output"),u=e.q instanceof V,l=await o.submitting("the attention dispatch",()=>{let h=n(e.q,e.k,e.v,c),A=u?void 0:{source:c,bytes:a};return o.submit(h,A)}).finally(()=>{u||o.recycle(c)}).catch(h=>{throw u&&o.recycle(c),h});if(u)return this.#o(r.qShape,c,s.o);let f=this.#s(await o.read(l,a),s.o,i);return{shape:Object.freeze([...r.qShape]),data:f}}async timeAttention(e,o,r,s){let n=this.#e,i=await this.#a(e);this.live();let a=n.buffer(Ce(e.plan.qShape)*it(e.elements.o),"attention output"),c=await n.guarded("the attention dispatch",()=>i(e.q,e.k,e.v,a));try{let u=await n.profile(c,o,r);return{seconds:u.seconds,iterations:o,source:u.source}}finally{n.release(c),a.destroy()}}#a(e){return e.kernel==="naive"?this.#c(e.plan,e.elements):this.#i(e.plan,e.elements,e.kernel==="flash2")}async#i(e,o,r){let s=this.#e,n=r?await ir(s,e,o):null;if(!n){let i=Vo(s,e,o),a=await Jo(s,i);n=c=>Xo(s,e,i,a,c)}return(i,a,c,u)=>{let l=[],f={q:this.#n(i,l,"q",o.q),k:this.#n(a,l,"k",o.k),v:this.#n(c,l,"v",o.v),o:u},h=n(f);return{dispatches:h.dispatches,temps:[...l,...h.temps]}}}async#c(e,o){let r=this.#e,s=Object.entries(o).find(([,a])=>a==="f16");if(s)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${s[0]==="o"?"output":s[0]}; use the flash kernel`);let[n,i]=await Promise.all([xr(r),e.rope?nt(r,!1):Promise.resolve(null)]);return(a,c,u,l)=>{let f=[],h=[],A=this.#n(a,f,"q"),d=this.#n(c,f,"k"),m=this.#n(u,f,"v");if(e.rope&&i){let k=e.rope,I=(v,j,P,B)=>{let C={layout:e.layout,batch:e.batch,heads:j,seq:P,headDim:e.headDim,frequencies:k.frequencies,pairing:k.pairing,angles:k.angles,positions:v},x=r.buffer(e.batch*j*P*e.headDim*4,"rotated");f.push(x);let R=Fe(r,C,i,B,x);return h.push(...R.dispatches),f.push(...R.temps),x};A=I(k.query,e.heads,e.qSeq,A),d=I(k.key,e.kvHeads,e.kSeq,d)}let $=Pr(r,e,n,{q:A,k:d,v:m,o:l});return{dispatches:[...h,...$.dispatches],temps:[...f,...$.temps]}}}async runRope(e){let o=this.#e,{x:r,call:s,inPlace:n}=e,i=r instanceof V,a=await nt(o,n||!i);this.live(),U("x",e.arg,this);let c=Ce(r.shape)*4;if(i){let h=r.buffer,A=n?null:o.output(c,"rotated");return await o.submitting("the RoPE dispatch",()=>{o.submit(Fe(o,s,a,h,A))}).catch(d=>{throw A&&o.recycle(A),d}),A?this.#o(r.shape,A):r}let u=r,l=await o.submitting("the RoPE dispatch",()=>{let h=o.upload(u.data,"x"),A=Fe(o,s,a,h,null);return A.temps.push(h),o.submit(A,{source:h,bytes:c})}),f=new Float32Array(await o.read(l,c));return n?(u.data.set(f),u):{shape:Object.freeze([...u.shape]),data:f}}store(e,o){let r=this.#e.upload(this.#r(e.data,o),"tensor");return this.#o(e.shape,r,o)}async read(e){let o=this.#e,r=Ce(e.shape),s=r*e.elementBytes,n=await o.guarded("the download",()=>o.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),i=this.#s(await o.read(n,s),Ke(e),r);return{shape:Object.freeze([...e.shape]),data:i}}idle(){return this.#e.idle()}async makeCache(e,o){return await st.create(this.#e,this,this.alive,e,o)}prepareDecode(e){let o=Ke(e.q),r={q:o,kv:e.cache.precision,o};return{...e,elements:r,choice:gr(this.#e,e.plan,r)}}async runDecode(e){let o=this.#e,{plan:r,elements:s}=e,n=Ce(r.qShape),i=n*it(s.o),a=e.q instanceof V,{output:c,target:u}=await e.cache.schedule("decode",()=>rt(o,e.choice),async f=>{this.live(),U("q",e.arg,this);let h=o.output(i,"decode output"),A=await o.submitting("the decode dispatch",()=>{let{job:d}=this.#u(e,f,h),m=a?void 0:{source:h,bytes:i};return o.submit(d,m)}).finally(()=>{a||o.recycle(h)}).catch(d=>{throw a&&o.recycle(h),d});return{output:h,target:A}});if(a)return this.#o(r.qShape,c,s.o);let l=this.#s(await o.read(u,i),s.o,n);return{shape:Object.freeze([...r.qShape]),data:l}}#u(e,o,r){let s=this.#e,{cache:n,plan:i,choice:a}=e;dt(i,n.length,n.ropeState);let c=[],u=this.#n(e.q,c,"q");try{let l=this.info.decodeWorkgroups??1,f={q:u,o:r},h=$r(s,i,a,o,n.view(),l,f);return h.job.temps.push(...c),h}catch(l){for(let f of c)s.recycle(f);throw l}}async timeDecode(e,o,r){let s=this.#e,n=Ce(e.plan.qShape)*it(e.elements.o),{job:i,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>rt(s,e.choice),async u=>{this.live(),U("q",e.arg,this);let l=s.buffer(n,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#u(e,u,l)),output:l}}catch(f){throw l.destroy(),f}});try{let u=await s.profile(i,o,r);return{seconds:u.seconds,iterations:o,source:u.source,splits:a,kernel:e.choice.kernel}}finally{s.release(i),c.destroy()}}recordedOutput(e,o,r){let s=Ce(e)*it(o);return this.#o(e,this.#e.output(s,"recorded output"),o).awaitRecording(r)}decodeElement(e){return e.elements.o}runRecording(e,o){let r=new Set;for(let i of e)(i.kind==="append"||i.kind==="decode")&&r.add(i.call.cache);let s={ctx:this.#e,owner:this,prepareAttention:i=>this.#a(i),decodeJob:(i,a,c)=>this.#u(i,a,c).job},n=e.map(i=>Sr(s,i,o));return qr(this.#e,[...r],n,()=>this.live())}destroy(){this.#e.failure||(this.#e.fail(Je),this.#e.ownsDevice?this.#e.device.destroy():this.#e.dispose())}};var Zs="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",en="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",tn='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',on=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],rn='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function sn(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function nn(t,e){let o=t.limits,r=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(ue(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${J(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:r("maxStorageBufferBindingSize",o.maxStorageBufferBindingSize,256,4),maxBufferSize:o.maxBufferSize,maxComputeWorkgroupStorageSize:r("maxComputeWorkgroupStorageSize",o.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(o.maxComputeInvocationsPerWorkgroup,o.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:r("maxComputeWorkgroupsPerDimension",o.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:o.minStorageBufferOffsetAlignment}}var an=8;function cn(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,an):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${J(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${J(t)}`);return t}async function Qc(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${J(t)}`);let e=re("fallback",t.fallback??"none",{allowed:["none","cpu"]}),o=t.limits??{};if(o===null||typeof o!="object")throw new TypeError(`Invalid limits: expected an object, got ${J(o)}`);let r=t.decodeWorkgroups===void 0?void 0:ue("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:cn(t.threads),n=t.device,i=!1,a;if(!n){let d=t.adapter,m=en;if(!d){let I=globalThis.navigator?.gpu;I?d=await I.requestAdapter():m=Zs}if(!d){if(e==="cpu")return new bt(m,s);throw new Error(`${m}. ${tn}.`)}let $={};for(let I of on)$[I]=d.limits[I];let k=[];d.features.has("timestamp-query")&&k.push("timestamp-query"),d.features.has("shader-f16")&&k.push("shader-f16");try{n=await d.requestDevice({requiredLimits:$,requiredFeatures:k})}catch(I){throw new Error(`Requesting a WebGPU device failed: ${I instanceof Error?I.message:String(I)}`,{cause:I})}i=!0,a=d.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,u=r??sn(c),l;try{l=nn(n,o)}catch(d){throw i&&n.destroy(),d}let f=n.features.has("shader-f16")?await yr(n):{available:!1,detail:rn},h=new ht(n,i,l,f.available),A=[];return h.timestamps&&A.push("timestamp-query"),f.available&&A.push("shader-f16"),new xt(h,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:A,f16:Object.freeze({...f}),decodeWorkgroups:u,tier:h.tier,limits:h.limits,fallbackReason:null,threads:null})}export{Sn as attentionCpu,bn as attentionReference,Qc as createGpuAttention};
