import{d as K,g as ee,h as ke,i as J,j as se,l as St,q as qt,r as st}from"./chunk-N5M7J7UR.js";var de=2**24;function he(t,e,o){return St(e,o,{name:t})}function Ce(t,e,o,r,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${K(e)}`);if(e.length!==o&&e.length!==r*o)throw new RangeError(`Invalid ${t}: expected ${o} positions (one per token) or ${r*o} (batch x tokens), got ${e.length}`);let n=s?de:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=ee(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==o}}function Go(t,e,o,r,s){let n=e?s:1,i=new Float64Array(n*r);for(let a=0;a<n;a++)i.set(t.subarray(a*o+o-r,a*o+o),a*r);return{kind:"list",list:i,perBatch:e}}function De(t,e){let o=e;if(o===null||typeof o!="object"||!(o.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${K(o)}`);let r=o.invFreq;if(r.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<r.length;s++)ke(`${t}.invFreq[${s}]`,r[s],{min:0});return ke(`${t}.attentionFactor`,o.attentionFactor,{min:0,exclusiveMin:!0}),o}function zo(t,e,o,r,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${K(t)}`);let n=De("rope.frequencies",t.frequencies),i=n.invFreq,a=2*i.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${i.length} frequencies), got ${K(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${i.length} frequencies) exceeds the head dim ${e}`);let c=J("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),u=J("rope.angles",t.angles??"float32",{allowed:["float32","float64"]}),f=u==="float32",l=f?de:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let A,d;if(t.queryPositions!==void 0&&(d=Ce("rope.queryPositions",t.queryPositions,r,o,f)),t.positions!==void 0){let h=Ce("rope.positions",t.positions,s,o,f);if(A=h,!d){if(r>s)throw new RangeError(`Invalid rope.positions: q has ${r} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);d=Go(h.list,h.perBatch,s,r,o)}}else{let h=ee("rope.offset",t.offset??0,{min:0});if(h+Math.max(s,1)-1>l)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${h+s-1}, above ${l} (the largest position with angles "${u}")`);if(A={kind:"range",start:h},!d){let $=h+s-r;if($<0)throw new RangeError(`Invalid rope.offset: q has ${r} tokens and k ${s}, so bottom-right aligned queries would start at position ${$}; pass rope.offset >= ${r-s} or rope.queryPositions`);d={kind:"range",start:$}}}return{frequencies:n,pairing:c,rotaryDim:a,angles:u,query:d,key:A}}function nt(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${K(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let o=new Float32Array(t.length);for(let r=0;r<t.length;r++)o[r]=ke(`alibiSlopes[${r}]`,t[r]);return o}function pe(t,e,o,r){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${K(r)}`);let s=J("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=he("q",t,s),i=he("k",e,s),a=he("v",o,s);if(n.heads<1||n.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${K(t.shape)}`);if(i.batch!==n.batch)throw new RangeError(`Invalid k: expected batch ${n.batch} (as q), got ${i.batch}`);if(a.batch!==n.batch)throw new RangeError(`Invalid v: expected batch ${n.batch} (as q), got ${a.batch}`);if(i.headDim!==n.headDim)throw new RangeError(`Invalid k: expected head dim ${n.headDim} (as q), got ${i.headDim}`);if(a.headDim!==n.headDim)throw new RangeError(`Invalid v: expected head dim ${n.headDim} (as q), got ${a.headDim}`);if(a.seq!==i.seq)throw new RangeError(`Invalid v: expected ${i.seq} tokens (as k), got ${a.seq}`);if(a.heads!==i.heads)throw new RangeError(`Invalid v: expected ${i.heads} heads (as k), got ${a.heads}`);if(i.heads<1||n.heads%i.heads!==0)throw new RangeError(`Invalid k: q has ${n.heads} heads, which is not a multiple of k's ${i.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let c=r.causal??!1;if(typeof c!="boolean")throw new TypeError(`Invalid causal: expected a boolean, got ${K(c)}`);let u=r.scale===void 0?1/Math.sqrt(n.headDim):ke("scale",r.scale),f=nt(r.alibiSlopes,n.heads),l=r.rope===void 0?null:zo(r.rope,n.headDim,n.batch,n.seq,i.seq);return{layout:s,batch:n.batch,heads:n.heads,kvHeads:i.heads,group:n.heads/i.heads,qSeq:n.seq,kSeq:i.seq,headDim:n.headDim,qShape:[...t.shape],qStrides:n.strides,kStrides:i.strides,causal:c,scale:u,rope:l,alibi:f}}function Qt(t,e,o,r,s,n){let i=n==="float32";if(e!==void 0&&o!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return Ce(`${t}positions`,e,r,s,i);let a=ee(`${t}offset`,o??0,{min:0}),c=i?de:Number.MAX_SAFE_INTEGER;if(a+Math.max(r,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+r-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function _e(t,e,o){let r=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=qt(t,r,{angles:o}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function oe(t,e,o){let{layout:r,pairing:s,angles:n,positions:i}=o;return i.kind==="range"?st(t,e,{layout:r,pairing:s,angles:n,offset:i.start}):st(t,e,{layout:r,pairing:s,angles:n,positions:i.list})}function Dt(t,e,o,r){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:u,causal:f,scale:l,alibi:A}=t,d=e,h=o;if(t.rope){let{frequencies:P,pairing:v,angles:B}=t.rope;d=oe(e,P,{layout:t.layout,pairing:v,angles:B,positions:t.rope.query}),h=oe(o,P,{layout:t.layout,pairing:v,angles:B,positions:t.rope.key})}let $=t.qStrides,g=t.kStrides,m=new Float32Array(e.data.length),b=new Float64Array(c),S=new Float64Array(u),D=d.data,Q=h.data,I=r.data;for(let P=0;P<s;P++)for(let v=0;v<n;v++){let B=Math.floor(v/i),H=A?A[v]:0;for(let O=0;O<a;O++){let _=O+c-a,W=f?Math.min(c,Math.max(0,_+1)):c,x=P*$.batch+v*$.heads+O*$.seq;if(W===0)continue;let k=-1/0;for(let q=0;q<W;q++){let F=P*g.batch+B*g.heads+q*g.seq,w=0;for(let R=0;R<u;R++)w+=D[x+R]*Q[F+R];let E=l*w-H*Math.abs(_-q);b[q]=E,E>k&&(k=E)}S.fill(0);let y=0;for(let q=0;q<W;q++){let F=Math.exp(b[q]-k);y+=F;let w=P*g.batch+B*g.heads+q*g.seq;for(let E=0;E<u;E++)S[E]=S[E]+F*I[w+E]}for(let q=0;q<u;q++)m[x+q]=S[q]/y}}return{shape:Object.freeze([...e.shape]),data:m}}function ss(t,e,o,r={}){se("q",t),se("k",e),se("v",o);let s=pe(t,e,o,r);return Dt(s,t,e,o)}var Rt=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKyBYHhAQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsgCiAU/YUCIQsgCyAKIBX9hQIhCyALIAog","Fv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQ","aiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0A","Cwu+BAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI/QwAAAAAAAAAAAAAAAAAAAAAIQn9","DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAAAAAAAAAAIQz9DAAAAAAAAAAAAAAA","AAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEGA0AgAf0ABAAhECAB/QAEECERIAb9","CQIAIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIEIRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIIIRIgEiAQIAz9","hQIhDCASIBEgDf2FAiENIAb9CQIMIRIgEiAQIA79hQIhDiASIBEgD/2FAiEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIg","ECAI/YUCIQggEiARIAn9hQIhCSAG/QkCFCESIBIgECAK/YUCIQogEiARIAv9hQIhCyAG/QkCGCESIBIgECAM/YUCIQwgEiAR","IA39hQIhDSAG/QkCHCESIBIgECAO/YUCIQ4gEiARIA/9hQIhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ","/QsEECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0A","CwugAwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAA","BAAAAAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eABIAj9AAQA/YUC/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhAL2AQCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAWIA79hQIhDiAYIBcgD/2FAiEPIAj9CQKAAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkCgAQhGCAYIBYg","Ev2FAiESIBggFyAT/YUCIRMgCP0JAoAGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAK/QAEACEWIAr9AAQQIRcg","CP0JAgQhGCAYIBYgDv2FAiEOIBggFyAP/YUCIQ8gCP0JAoQCIRggGCAWIBD9hQIhECAYIBcgEf2FAiERIAj9CQKEBCEYIBgg","FiAS/YUCIRIgGCAXIBP9hQIhEyAI/QkChAYhGCAYIBYgFP2FAiEUIBggFyAV/YUCIRUgCiAGaiEKIAhBCGohCCAIIAlJDQAL","IAIgB2ogDv0LBAAgAiAHaiAP/QsEECALIBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAH","QSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtq","IRAgECALSgRAIAshEAsLIAQgD0EIdGogBSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEP","IA9BBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0A","BJAI/eQB/QsEICAEIAIgCCAObGogAyAGIAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQL","fwF9AXsCfyAFQQJ0IQogCkECdCELIARBwAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQ","SwRAQRAhDQsgAyAMIApsakEAIA0gC2z8CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0M","AAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEBaiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFB","ACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQBSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIAps","aiABIAIgAyAPIApsaiAEIBQgDkEwbGogBSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAh","DgNAIBQgDkECdkEwbCAOQQNxQQJ0amoqAiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApq","IRgDQCAXIBf9AAQAIBb95gH9CwQAIBdBEGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join(""),Mt=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKwBcHmQQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3kASELIAsgCv3mASAU/eQBIQsgCyAK/eYB","IBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEH","IAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EE","aiEDIARBBGohBCACQQFrIQIgAg0ACwvuBAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI","/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAA","AAAAAAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEG","A0AgAf0ABAAhECAB/QAEECERIAb9CQIAIRIgEiAQ/eYBIAj95AEhCCASIBH95gEgCf3kASEJIAb9CQIEIRIgEiAQ/eYBIAr9","5AEhCiASIBH95gEgC/3kASELIAb9CQIIIRIgEiAQ/eYBIAz95AEhDCASIBH95gEgDf3kASENIAb9CQIMIRIgEiAQ/eYBIA79","5AEhDiASIBH95gEgD/3kASEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIgEP3mASAI/eQBIQggEiAR/eYBIAn95AEhCSAG","/QkCFCESIBIgEP3mASAK/eQBIQogEiAR/eYBIAv95AEhCyAG/QkCGCESIBIgEP3mASAM/eQBIQwgEiAR/eYBIA395AEhDSAG","/QkCHCESIBIgEP3mASAO/eQBIQ4gEiAR/eYBIA/95AEhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ/QsE","ECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0ACwuj","AwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAABAAA","AAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eAB/eYBIAj9AAQA/eQB/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhALiAUCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAW/eYBIA795AEhDiAYIBf95gEgD/3kASEPIAj9CQKAAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI","/QkCgAQhGCAYIBb95gEgEv3kASESIBggF/3mASAT/eQBIRMgCP0JAoAGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEV","IAogBmohCiAK/QAEACEWIAr9AAQQIRcgCP0JAgQhGCAYIBb95gEgDv3kASEOIBggF/3mASAP/eQBIQ8gCP0JAoQCIRggGCAW","/eYBIBD95AEhECAYIBf95gEgEf3kASERIAj9CQKEBCEYIBggFv3mASAS/eQBIRIgGCAX/eYBIBP95AEhEyAI/QkChAYhGCAY","IBb95gEgFP3kASEUIBggF/3mASAV/eQBIRUgCiAGaiEKIAhBCGohCCAIIAlJDQALIAIgB2ogDv0LBAAgAiAHaiAP/QsEECAL","IBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAHQSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0","IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtqIRAgECALSgRAIAshEAsLIAQgD0EIdGog","BSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEPIA9BBEkNAAsgBCAHQQJ0QQQgBEGACGog","BEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAEIAIgCCAObGogAyAG","IAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQLfwF9AXsCfyAFQQJ0IQogCkECdCELIARB","wAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQSwRAQRAhDQsgAyAMIApsakEAIA0gC2z8","CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0MAAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEB","aiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFBACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQ","BSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIApsaiABIAIgAyAPIApsaiAEIBQgDkEwbGog","BSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAhDgNAIBQgDkECdkEwbCAOQQNxQQJ0amoq","AiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApqIRgDQCAXIBf9AAQAIBb95gH9CwQAIBdB","EGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join("");var ct=512,Ge=class{name;#e;#t;#o;constructor(e,o){let r=new WebAssembly.Instance(e);this.name=o,this.#e=r.exports.memory,this.#t=r.exports.attendHead,this.#o=new Float32Array(this.#e.buffer)}reserve(e){let o=e*4,r=this.#e.buffer.byteLength;if(o>r){let s=Math.ceil((o-r)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${o} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#o.buffer!==this.#e.buffer&&(this.#o=new Float32Array(this.#e.buffer)),this.#o}attendHead(e,o,r,s,n,i,a,c,u){this.#t(4*e,4*o,4*r,4*s,0,n,i,a,c?1:0,u)}},at=class{name="js";#e=new Float32Array(ct);#t=new Float64Array(0);#o=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,o,r,s,n,i,a,c,u){let f=this.#e;this.#t.length<a&&(this.#t=new Float64Array(a)),this.#o.length<n&&(this.#o=new Float64Array(n));let l=this.#t,A=this.#o,d=Math.fround;for(let h=0;h<i;h++){let $=h+a-i,g=c?Math.min(a,$+1):a,m=s+h*n;if(g<=0){f.fill(0,m,m+n);continue}let b=e+(h>>2)*n*4+(h&3),S=-1/0;for(let Q=0;Q<g;Q++){let I=o+(Q>>3)*n*8+(Q&7),P=0;for(let B=0;B<n;B++)P+=f[b+4*B]*f[I+8*B];let v=u===0?P:P-d(u)*Math.abs($-Q);l[Q]=v,v>S&&(S=v)}A.fill(0);let D=0;for(let Q=0;Q<g;Q++){let I=Math.exp((l[Q]-S)*Math.LN2);D+=I;let P=r+Q*n;for(let v=0;v<n;v++)A[v]=A[v]+I*f[P+v]}for(let Q=0;Q<n;Q++)f[m+Q]=A[Q]/D}}};function Wo(t){let e=atob(t),o=new Uint8Array(e.length);for(let r=0;r<e.length;r++)o[r]=e.charCodeAt(r);return o}var Ot;function Ft(t){if(typeof WebAssembly!="object")return null;let e=Wo(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function Ko(){return Ot??={relaxed:Ft(Rt),plain:Ft(Mt)},Ot}var it;function Tt(){if(!it){let{relaxed:t,plain:e}=Ko();it=t?new Ge(t,"relaxed-simd"):e?new Ge(e,"simd"):new at}return it}function ye(t,e,o,r,s=Tt(),n){let{batch:i,group:a,kvHeads:c,qSeq:u,kSeq:f,headDim:l,causal:A,scale:d,alibi:h}=t,$=e,g=o;if(t.rope){let{frequencies:E,pairing:R,angles:G}=t.rope,p=t.layout;$=oe(e,E,{layout:p,pairing:R,angles:G,positions:t.rope.query}),g=oe(o,E,{layout:p,pairing:R,angles:G,positions:t.rope.key})}let m=n?.into??new Float32Array(e.data.length);if(u===0||f===0)return{shape:Object.freeze([...e.shape]),data:m};let b=l+7&-8,S=f+7&-8,D=u+3&-4,Q=ct,I=Q+S*b,P=I+S*b,v=P+D*b,B=s.reserve(v+D*b),H=t.qStrides,O=t.kStrides,_=$.data,W=g.data,x=r.data,k=Math.fround,y=k(d*Math.LOG2E),q=O.seq===l&&l===b,F=H.seq===l&&l===b,w=n?.ranges??Array.from({length:i},(E,R)=>({batch:R,kv0:0,kv1:c}));for(let{batch:E,kv0:R,kv1:G}of w)for(let p=R;p<G;p++){let C=E*O.batch+p*O.heads;for(let M=0;M<S;M++){let L=Q+(M>>3)*b*8+(M&7),T=C+M*O.seq,z=M<f?l:0;for(let V=0;V<z;V++)B[L+8*V]=W[T+V];for(let V=z;V<b;V++)B[L+8*V]=0}if(q)B.set(x.subarray(C,C+f*l),I);else for(let M=0;M<f;M++){let L=C+M*O.seq,T=I+M*b;for(let z=0;z<l;z++)B[T+z]=x[L+z];for(let z=l;z<b;z++)B[T+z]=0}B.fill(0,I+f*b,I+S*b);for(let M=p*a;M<(p+1)*a;M++){let L=E*H.batch+M*H.heads;for(let T=0;T<D;T++){let z=P+(T>>2)*b*4+(T&3),V=L+T*H.seq,ae=T<u?l:0;for(let ue=0;ue<ae;ue++)B[z+4*ue]=k(_[V+ue]*y);for(let ue=ae;ue<b;ue++)B[z+4*ue]=0}if(s.attendHead(P,Q,I,v,b,u,f,A,h?h[M]*Math.LOG2E:0),F)m.set(B.subarray(v,v+u*l),L);else for(let T=0;T<u;T++){let z=v+T*b,V=L+T*H.seq;for(let ae=0;ae<l;ae++)m[V+ae]=B[z+ae]}}}return{shape:Object.freeze([...e.shape]),data:m}}function ps(t,e,o,r={}){se("q",t),se("k",e),se("v",o);let s=pe(t,e,o,r);return ye(s,t,e,o)}var Ie=Object.freeze({T48:49152,T32:32768,T16:16384});function Ht(t){return t>=Ie.T48?"T48":t>=Ie.T32?"T32":"T16"}function Uo(t){let e=t.headDim/4,o=(e+(t.pad?1:0))*16,r=t.br*o,s=t.bc*o,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return r+s+n+i+a}function jt(t){let e=[];for(let o=1;o<=t;o++)t%o===0&&e.push(o);return e}function No(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of jt(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function Yo(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of jt(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var ut=512;function Lt(t,e,o=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>ut)return;let r=Ie[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>o))for(let c of[64,32,16,8,4])for(let u of[64,32,16,8,4]){let f=No(c,u,a),l=Yo(c,s,a);if(!(!f||!l))for(let A of[!1,!0])for(let d of[!0,!1]){let[h,$]=f,[g,m]=l,b=Uo({headDim:t,br:c,bc:u,tn:$,sharedKV:A,pad:d});if(b>r)continue;let S=4*h*$/(h+$),D=[c*u,c>=u?1:0,u>=32?1:0,S>=4?1:0,a===128?2:a===64?1:0,S,A?0:1,d?1:0];(!i||Jo(D,i))&&(i=D,n={tier:e,headDim:t,workgroup:a,br:c,bc:u,tm:h,tn:$,om:g,od4:m,sharedKV:A,pad:d,bytes:b})}}return n}function Jo(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]>e[o];return!1}var Xo=140,Vo=72,ft=9,_t=1,ze=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#t=new Map;#o=null;constructor(e,o,r,s=!1){this.device=e,this.f16=s,this.ownsDevice=o,this.limits=r,this.tier=Ht(r.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),e.lost.then(n=>{this.#o??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#o}fail(e){this.#o??=e}cached(e,o){let r=this.#t.get(e);return r===void 0&&(r=o(),this.#t.set(e,r)),r}setCached(e,o){this.#t.set(e,o)}pipeline(e,o){let r=this.#e.get(e);return r||(r=this.#r(e,o()),this.#e.set(e,r),r.catch(()=>this.#e.delete(e))),r}async#r(e,o){let r=this.device.createShaderModule({code:o,label:e}),n=(await r.getCompilationInfo()).messages.filter(i=>i.type==="error");if(n.length>0)throw new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:r,entryPoint:"main"}})}catch(i){throw new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}buffer(e,o){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${o}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`);return this.device.createBuffer({size:Math.max(16,Math.ceil(e/16)*16),usage:Xo,label:o})}upload(e,o){let r=this.buffer(e.byteLength,o);return e.byteLength>0&&this.device.queue.writeBuffer(r,0,e.buffer,e.byteOffset,e.byteLength),r}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}uniform(e,o){let r=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:Vo,label:o});return this.device.queue.writeBuffer(r,0,e),r}bind(e,o,r,s,n){let i=this.uniform(o.pack(r),`${o.name} params`);return n.push(i),this.device.createBindGroup({label:o.name,layout:e.getBindGroupLayout(0),entries:o.entries({...s,params:{buffer:i}})})}encode(e,o){for(let r of o.dispatches)e.setPipeline(r.pipeline),e.setBindGroup(0,r.bindGroup),e.dispatchWorkgroups(r.grid[0],r.grid[1],r.grid[2])}submit(e,o){let r=this.#s(e,o);return this.release(e),r}release(e){for(let o of e.temps)o.destroy()}#s(e,o){let r=this.device.createCommandEncoder();if(e.dispatches.length>0){let n=r.beginComputePass();this.encode(n,e),n.end()}let s;return o&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(o.bytes/16)*16),usage:ft,label:"readback"}),o.bytes>0&&r.copyBufferToBuffer(o.source,0,s,0,Math.ceil(o.bytes/4)*4)),this.device.queue.submit([r.finish()]),s}async guarded(e,o){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let r,s,n=!1;try{r=o()}catch(f){s=f,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,u]=await Promise.all([i,a]);if(n)throw s;if(u)throw new Error(`Out of GPU memory while ${e}: ${u.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return r}async profile(e,o,r){r&&(this.#s(e),await this.idle());let s=this.device.createCommandEncoder(),n,i,a;this.timestamps&&(n=this.device.createQuerySet({type:"timestamp",count:2}),i=this.device.createBuffer({size:16,usage:516}),a=this.device.createBuffer({size:16,usage:ft}));let c=s.beginComputePass(n?{timestampWrites:{querySet:n,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let l=0;l<o;l++)this.encode(c,e);c.end(),n&&i&&a&&(s.resolveQuerySet(n,0,2,i,0),s.copyBufferToBuffer(i,0,a,0,16));let u=performance.now();this.device.queue.submit([s.finish()]),await this.idle();let f=(performance.now()-u)/1e3;try{if(a){await a.mapAsync(_t);let[l,A]=new BigUint64Array(a.getMappedRange().slice(0));a.unmap();let d=Number(A-l);if(d>0)return{seconds:d/1e9/o,source:"timestamp-query"}}return{seconds:f/o,source:"wall-clock"}}finally{n?.destroy(),i?.destroy(),a?.destroy()}}gather(e){let o=e.reduce((i,a)=>i+a.size,0),r=this.device.createBuffer({size:Math.max(16,Math.ceil(o/16)*16),usage:ft,label:"readback"}),s=this.device.createCommandEncoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,r,n,i.size),n+=i.size;return this.device.queue.submit([s.finish()]),r}async read(e,o){try{return await e.mapAsync(_t),e.getMappedRange(0,Math.max(16,Math.ceil(o/16)*16)).slice(0,o)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var Wt="This KvCache cannot be used: it was destroyed",Kt="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",Zo=512,Gt=4,er=["split","keys"];function At(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${K(e)}`)}function Re(t,e,o){let r=J(t,e??"f32",{allowed:["f32","f16","auto"]});if(r==="auto")return o.available?"f16":"f32";if(r==="f16"&&!o.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${o.detail}); use "f32", or "auto" to fall back to float32`);return r}function Ut(t){At("options",t);let e=ee("batch",t.batch,{min:1}),o=ee("kvHeads",t.kvHeads,{min:1}),r=ee("headDim",t.headDim,{min:4,max:Zo});if(r%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${r}`);let s=ee("maxLength",t.maxLength,{min:1});return{batch:e,kvHeads:o,headDim:r,maxLength:s}}function Nt(t,e,o){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${K(e)}`);let r=De(`${t}.frequencies`,e.frequencies),s=2*r.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==s)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${s} (2 x the ${r.invFreq.length} frequencies), got ${K(e.rotaryDim)}`);if(s>o)throw new RangeError(`Invalid ${t}.frequencies: rotary dim ${s} (2 x ${r.invFreq.length} frequencies) exceeds the head dim ${o}`);let n=J(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),i=J(`${t}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),a=`${n}|${i}|${r.attentionFactor}|${Array.from(r.invFreq).join(",")}`;return{frequencies:r,pairing:n,rotaryDim:s,angles:i,fingerprint:a}}function zt(t,e,o,r){let s=he(t,e,o);if(s.batch!==r.batch)throw new RangeError(`Invalid ${t}: expected batch ${r.batch} (as the cache), got ${s.batch}`);if(s.heads!==r.kvHeads)throw new RangeError(`Invalid ${t}: expected ${r.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==r.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${r.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function We(t,e,o,r){At("options",r);let s=J("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=zt("k",e,s,t),i=zt("v",o,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(r.rope!==void 0){let c=Nt("rope",r.rope,t.headDim),u=r.rope.positions===void 0?null:Ce("rope.positions",r.rope.positions,n.seq,t.batch,c.angles==="float32");a={...c,positions:u}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function Yt(t,e,o){if(e+o.n>t.maxLength)throw new RangeError(`Cannot append ${o.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(o.rope&&!o.rope.positions&&o.rope.angles==="float32"){let r=e+o.n-1;if(r>de)throw new RangeError(`Invalid rope: the last key would sit at position ${r}, above ${de} (the largest position with angles "float32")`)}}function Jt(t,e,o){At("options",o);let r=J("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=he("q",e,r);if(s.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${s.batch}`);if(s.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${s.headDim}`);if(s.heads<1||s.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${s.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(s.seq<1||s.seq>Gt)throw new RangeError(`Invalid q: expected 1 to ${Gt} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${s.seq}`);let n=o.scale===void 0?1/Math.sqrt(s.headDim):ke("scale",o.scale),i=nt(o.alibiSlopes,s.heads),a=null;if(o.rope!==void 0){let f=Nt("rope",o.rope,t.headDim),l=o.queryPositions===void 0?null:Ce("queryPositions",o.queryPositions,s.seq,s.batch,f.angles==="float32");a={...f,queryPositions:l}}else if(o.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let c=o.splits===void 0?void 0:ee("splits",o.splits,{min:1}),u=J("kernel",o.kernel??"split",{allowed:er});return{layout:r,batch:s.batch,heads:s.heads,kvHeads:t.kvHeads,group:s.heads/t.kvHeads,qSeq:s.seq,headDim:s.headDim,qShape:[...e.shape],qStrides:s.strides,scale:n,rope:a,alibi:i,splits:c,kernel:u}}function Ke(t,e,o){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(o.keyRope&&o.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(o.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(t.rope.angles==="float32"&&e-1>de)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${de} (the largest position with angles "float32")`)}}}function Xt(t,e){let o=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==o)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:o,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var lt=Object.freeze({keyRope:void 0,explicitPositions:!1});var Se=class{owner;batch;kvHeads;headDim;maxLength;#e;#t=0;#o=lt;#r=!1;constructor(e,o,r){this.owner=e,this.#e=o,this.batch=r.batch,this.kvHeads=r.kvHeads,this.headDim=r.headDim,this.maxLength=r.maxLength}get length(){return this.#t}get destroyed(){return this.#r||!this.#e()}get ropeState(){return this.#o}live(){if(this.#r)throw new Error(Wt);if(!this.#e())throw new Error(Kt)}reserve(e){Yt(this,this.#t,e);let o=Xt(this.#o,e),r=this.#t;return{slot:r,commit:()=>{this.#t=r+e.n,this.#o=o}}}clear(){this.#t=0,this.#o=lt}markDestroyed(){return this.#r?!1:(this.#r=!0,!0)}};function Vt(t,e,o){if(!(t instanceof o))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var U=class{shape;dtype;owner;#e;#t;#o;#r=!1;constructor(e,o,r,s,n="float32"){this.owner=e,this.dtype=n,this.#o=s,this.shape=Object.freeze([...o]),this.#e=r instanceof Float32Array?null:r,this.#t=r instanceof Float32Array?r:null}get buffer(){return this.#e}get destroyed(){return this.#r||!this.#o()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#t}}destroy(){this.#r||(this.#r=!0,this.#e?.destroy())}};function X(t,e,o){if(e instanceof U){if(e.owner!==o)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let r=e;if(r===null||typeof r!="object"||!("data"in r))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${K(e)}`);return se(t,e)}function Ue(t,e){if(typeof e!="boolean")throw new TypeError(`Invalid ${t}: expected a boolean, got ${K(e)}`);return e}function Zt(t,e,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${K(o)}`);let r=J("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=he("x",t,r),n=De("frequencies",e),i=2*n.invFreq.length;if(o.rotaryDim!==void 0&&o.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (2 x the ${n.invFreq.length} frequencies), got ${K(o.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (2 x ${n.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=J("pairing",o.pairing??"half",{allowed:["half","interleaved"]}),c=J("angles",o.angles??"float32",{allowed:["float32","float64"]}),u=Qt("",o.positions,o.offset,s.seq,s.batch,c),f=Ue("inPlace",o.inPlace??!1);return{call:{layout:r,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:u},inPlace:f}}var tr=["flash","naive"],Me="it was destroyed; create a new one with createGpuAttention()";function eo(t){return ee("iterations",t,{min:1})}function or(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${K(e)}`)}var qe=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e){return[X("q",e[0],this),X("k",e[1],this),X("v",e[2],this)]}#e(e,o){this.live();let r=this.checkOperands(e);return{operands:r,plan:pe(...r,o)}}#t(e,o,r){let[s,n,i]=o.operands,a=this.elementsOf(s,n,i,r),c=J("kernel",r.kernel??"flash",{allowed:tr});return{args:e,q:s,k:n,v:i,plan:o.plan,elements:a,kernel:c}}async attention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s);return await this.runAttention(this.#t(n,i,s))}async profileAttention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s),a=eo(s.iterations??10),c=Ue("warmup",s.warmup??!0),u=this.#t(n,i,s);return await this.timeAttention(u,a,c,s)}async applyRope(e,o,r={}){this.live();let s=X("x",e,this),n=Zt(s,o,r);return await this.runRope({...n,arg:e,x:s})}upload(e,o={}){this.live();let r=se("t",e);return or("options",o),this.store(r,Re("precision",o.precision,this.info.f16))}async download(e){this.live();let o=X("t",e,this);if(!(o instanceof U))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(o)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let o=Ut(e),r=Re("precision",e.precision,this.info.f16);return await this.makeCache(o,r)}#o(e,o,r){this.live();let s=X("q",e,this),n=Vt(o,this,this.cacheClass),i=Jt(n,s,r);return this.prepareDecode({arg:e,q:s,cache:n,plan:i})}async decode(e,o,r={}){return await this.runDecode(this.#o(e,o,r),r)}async profileDecode(e,o,r={}){let s=this.#o(e,o,r),n=eo(r.iterations??10),i=Ue("warmup",r.warmup??!0);return await this.timeDecode(s,n,i,r)}};function ve(t){return t.reduce((e,o)=>e*o,1)}var rr=256,sr=8;function nr(t){let e=t.kp*t.ku*t.rb,o=t.lr*(e+1),r=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(o+e+r+s)}function to(t,e,o,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let A of[1,2,3,4])if(s%A===0&&s/A<=32){n=A;break}let i=s/n,a=Math.min(o==="T16"?64:128,r);if(i>r)return;let c=Math.max(1,Math.floor(a/i)),u=c*i,f=Ie[o],l=Math.max(1,Math.min(e,Math.floor(sr/n)));for(let A=l;A>=1;A--)for(let d=Math.max(1,Math.floor(i/A));d>=1;d--){let h={headDim:t,c:n,lr:i,kp:c,ku:d,rb:A},$=nr(h);if($<=f)return{...h,workgroup:u,bytes:$}}}function oo(t,e,o,r){let s=Math.ceil(o/Math.max(1,e)),n=Math.ceil(t/rr);return Oe(t,Math.max(1,Math.min(s,n,r)))}function Oe(t,e){let o=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/o)),keysPerSplit:o}}function re(t,e){return e==="f32"?o=>`${t}[${o}]`:o=>`vec4<f32>(${t}[${o}])`}function le(t,e,o,r,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,o=`(${o})`,r=`(${r})`,t.pairing==="interleaved"&&n%4===0)return`if (${r} < ${n/4}u) {
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
    }`}function j(t,e){return{variable:t,access:"read",type:e}}function Y(t,e){return{variable:t,access:"read_write",type:e}}var ht=class{name;fields;bindingNames;wgsl;uniformBytes;#e;constructor(e){if(this.name=e.name,this.#e=e.uniforms,this.fields=Object.keys(e.uniforms),this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let o=Object.entries(e.bindings).filter(n=>n[1]!==null);this.bindingNames=["params",...o.map(([n])=>n)],this.uniformBytes=Math.ceil(this.fields.length*4/16)*16;let r=this.fields.map(n=>`  ${n}: ${e.uniforms[n]},`).join(`
`),s=o.map(([,n],i)=>`@group(0) @binding(${i+1}) var<storage, ${n.access}> ${n.variable}: ${n.type};`);this.wgsl=`struct Params {
${r}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}binding(e){let o=this.bindingNames.indexOf(e);if(o<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return o}pack(e){for(let s of Object.keys(e))if(!Object.hasOwn(this.#e,s))throw new Error(`Internal error: kernel ${this.name} has no uniform ${s}`);let o=new ArrayBuffer(this.uniformBytes),r=new DataView(o);return this.fields.forEach((s,n)=>{let i=e[s];if(i===void 0)throw new Error(`Internal error: uniform ${s} of kernel ${this.name} is missing`);let a=this.#e[s],c=u=>new RangeError(`Internal error: uniform ${s} = ${i} of kernel ${this.name} does not fit ${u}`);if(a==="f32"){if(!Number.isFinite(i))throw c("a finite f32");r.setFloat32(n*4,i,!0)}else if(a==="i32"){if(!Number.isInteger(i)||i<-2147483648||i>2147483647)throw c("a signed 32-bit integer");r.setInt32(n*4,i,!0)}else{if(!Number.isInteger(i)||i<0||i>4294967295)throw c("an unsigned 32-bit integer");r.setUint32(n*4,i,!0)}}),o}entries(e){for(let o of Object.keys(e))if(!this.bindingNames.includes(o))throw new Error(`Internal error: kernel ${this.name} declares no binding ${o}`);return this.bindingNames.map((o,r)=>{let s=e[o];if(!s)throw new Error(`Internal error: binding ${o} of kernel ${this.name} is missing`);return{binding:r,resource:s}})}};function Z(t){return new ht(t)}var me=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function ir(t){let e=[t.q,t.k,t.v,t.o];return e.every(o=>o==="f32")?"":`:${e.join("")}`}var N=-1e30,ar={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32"};function dt(t){let e=t.elements??me;return Z({name:"flash",uniforms:ar,bindings:{q:j("Q",`array<vec4<${e.q}>>`),k:j("K",`array<vec4<${e.k}>>`),v:j("V",`array<vec4<${e.v}>>`),o:Y("O",`array<vec4<${e.o}>>`),table:t.rope?j("T","array<vec2<f32>>"):null,slopes:t.alibi?j("SL","array<f32>"):null}})}function pt(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${o}:alibi=${t.alibi}`+ir(t.elements??me)}function ge(t){return Array.from({length:t},(e,o)=>o)}function ro(t){let e=t.tiles,o=e.headDim/4,r=e.workgroup,s=e.br,n=e.bc,i=o+(e.pad?1:0),a=e.sharedKV?i:o,c=n+1,u=n/e.tn,f=o/e.od4,l=e.sharedKV?"Ks":"Vs",A=t.elements??me,d=re("Q",A.q),h=re("K",A.k),$=re("V",A.v),g=[A.q,A.k,A.v,A.o].includes("f16"),m=(p,C)=>`for (var e = lid; e < ${p*o}u; e += ${r}u) {
    let r = e / ${o}u;
    let c = e % ${o}u;
    ${C("r","c")}
  }`,b=t.rope?le(t.rope,d,"base","c","P.qTab + b * P.qTabB + pos"):"",S=t.rope?le(t.rope,h,"base","c","P.kTab + b * P.kTabB + key"):"",D=m(s,(p,C)=>`let flat = row0 + ${p};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${d(`base + ${C}`)};
      ${b}
    }
    Qs[${p} * ${i}u + ${C}] = x * P.scale2;`),Q=m(n,(p,C)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${h(`base + ${C}`)};
      ${S}
    }
    Ks[${p} * ${i}u + ${C}] = x;`),I=m(n,(p,C)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${$(`b * P.vB + kvh * P.vH + key * P.vS - P.vOff + ${C}`)};
    }
    ${l}[${p} * ${a}u + ${C}] = x;`),P=ge(e.tm),v=ge(e.tn),B=ge(e.om),H=ge(e.od4),O=P.flatMap(p=>v.map(C=>`var s${p}_${C} = 0.0;`)).join(" "),_=ge(o).map(p=>{let C=P.map(T=>`let q${T} = Qs[qr${T} + ${p}u];`).join(" "),M=v.map(T=>`let k${T} = Ks[kr${T} + ${p}u];`).join(" "),L=P.flatMap(T=>v.map(z=>`s${T}_${z} += dot(q${T}, k${z});`)).join(" ");return`{ ${C} ${M} ${L} }`}).join(`
      `),W=P.flatMap(p=>v.map(C=>{let M=t.alibi?` - sl${p} * f32(abs(qp${p} - i32(key${C})))`:"";return`s${p}_${C} = select(${N}, s${p}_${C}${M}, ok${p} && key${C} < P.sk && (P.causal == 0u || i32(key${C}) <= qp${p}));`})).join(`
      `),x=P.map(p=>`Mx[(tr * ${e.tm}u + ${p}u) * ${u}u + tc] = max(${v.map(C=>`s${p}_${C}`).reduce((C,M)=>`max(${C}, ${M})`)}, ${N});`).join(`
      `),k=(p,C)=>`let ${C} = ${ge(u).map(M=>`Mx[${p} * ${u}u + ${M}u]`).reduce((M,L)=>`max(${M}, ${L})`)};`,y=P.map(p=>{let C=`(tr * ${e.tm}u + ${p}u)`,M=v.map(L=>`let p${L} = select(0.0, exp2(s${p}_${L} - tmax), s${p}_${L} > ${N/2});
        Ps[${C} * ${c}u + tc + ${L*u}u] = p${L};`).join(`
        `);return`{
        ${k(C,"tmax")}
        ${M}
        Sm[${C} * ${u}u + tc] = ${v.map(L=>`p${L}`).join(" + ")};
      }`}).join(`
      `),q=B.flatMap(p=>H.map(C=>`var o${p}_${C} = vec4<f32>(0.0);`)).join(" "),F=B.map(p=>`var m${p} = ${N}; var l${p} = 0.0;`).join(" "),w=B.map(p=>{let C=`orow${p}`;return`{
        ${k(C,"tmax")}
        let tsum = ${ge(u).map(M=>`Sm[${C} * ${u}u + ${M}u]`).join(" + ")};
        let mnew = max(m${p}, tmax);
        let alpha = exp2(m${p} - mnew);
        beta${p} = exp2(tmax - mnew);
        l${p} = l${p} * alpha + tsum * beta${p};
        m${p} = mnew;
        ${H.map(M=>`o${p}_${M} *= alpha;`).join(" ")}
      }`}).join(`
      `),E=ge(n).map(p=>{let C=B.map(T=>`let p${T} = Ps[orow${T} * ${c}u + ${p}u] * beta${T};`).join(" "),M=H.map(T=>`let v${T} = ${l}[${p*a}u + oc + ${T*f}u];`).join(" "),L=B.flatMap(T=>H.map(z=>`o${T}_${z} += p${T} * v${z};`)).join(" ");return`{ ${C} ${M} ${L} }`}).join(`
      `),R=B.map(p=>`{
    let flat = row0 + orow${p};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = select(0.0, 1.0 / l${p}, l${p} > 0.0);
      ${H.map(C=>A.o==="f32"?`O[base + ${C*f}u] = o${p}_${C} * inv;`:`O[base + ${C*f}u] = vec4<f16>(o${p}_${C} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),G=P.map(p=>`let flat${p} = row0 + tr * ${e.tm}u + ${p}u;
  let pos${p} = flat${p} / P.group;
  let ok${p} = pos${p} < P.sq;
  let qp${p} = i32(pos${p}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${p} = SL[kvh * P.group + flat${p} % P.group];`:""}`).join(`
  `);return`// ${pt(t)}
${g?"enable f16;":""}
${dt(t).wgsl}
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

  ${D}

  let tr = lid / ${u}u;
  let tc = lid % ${u}u;
  ${P.map(p=>`let qr${p} = (tr * ${e.tm}u + ${p}u) * ${i}u;`).join(" ")}
  ${v.map(p=>`let kr${p} = (tc + ${p*u}u) * ${i}u;`).join(" ")}
  ${G}
  let orr = lid / ${f}u;
  let oc = lid % ${f}u;
  ${B.map(p=>`let orow${p} = orr * ${e.om}u + ${p}u;`).join(" ")}
  ${q}
  ${F}
  ${B.map(p=>`var beta${p} = 0.0;`).join(" ")}

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
    ${e.sharedKV?"":I}
    workgroupBarrier();
    {
      ${O}
      ${_}
      ${v.map(p=>`let key${p} = k0 + tc + ${p*u}u;`).join(" ")}
      ${W}
      ${x}
      workgroupBarrier();
      ${y}
    }
    ${e.sharedKV?I:""}
    workgroupBarrier();
    {
      ${w}
      ${E}
    }
    workgroupBarrier();
  }

  ${R}
}
`}var cr={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmax4:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},ur={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function gt(t){let e=t.elements;return Z({name:"decode",uniforms:cr,bindings:{q:j("Q",`array<vec4<${e.q}>>`),k:j("K",`array<vec4<${e.kv}>>`),v:j("V",`array<vec4<${e.kv}>>`),o:Y("O",`array<vec4<${e.o}>>`),w:Y("W","array<vec4<f32>>"),table:t.rope?j("T","array<vec2<f32>>"):null,slopes:t.alibi?j("SL","array<f32>"):null}})}function mt(t){return Z({name:"decode merge",uniforms:ur,bindings:{w:j("W","array<vec4<f32>>"),o:Y("O",`array<vec4<${t}>>`)}})}var Fe=64;function $t(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function wt(t,e){return`decode-merge:d${t}:${e}`}function $e(t){return Array.from({length:t},(e,o)=>o)}function Ne(t){return t.length===0?"0.0":t.join(" + ")}function so(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function no(t){let e=t.tiles,{c:o,lr:r,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,u=s*n*i,f=u+1,l=s*n,A=t.elements,d=re("Q",A.q),h=re("K",A.kv),$=re("V",A.kv),g=[A.q,A.kv,A.o].includes("f16"),m=$e(i),b=$e(o),S=$e(n),D=t.rope?le(t.rope,d,"base","cc","P.tab + b * P.tabB + t"):"",Q=m.map(x=>`${b.map(k=>`var q${x}_${k} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${x}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${b.map(k=>`{
        let cc = lr + ${k*r}u;
        var x = ${d("base + cc")};
        ${D}
        q${x}_${k} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),I=m.map(x=>`var m${x} = ${N}; var l${x} = 0.0; ${b.map(k=>`var a${x}_${k} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),P=S.map(x=>{let k=m.map(y=>`Red[lr * ${f}u + kp * ${i}u + ${x*s*i+y}u] = ${Ne(b.map(q=>`dot(q${y}_${q}, k${x}_${q})`))};`).join(`
      `);return`let kr${x} = kvBase + min(k0 + ${x*s}u + kp, kEnd - 1u) * ${c}u;
      ${b.map(y=>`let k${x}_${y} = ${h(`kr${x} + ${y*r}u`)};`).join(" ")}
      ${b.map(y=>`let v${x}_${y} = ${$(`kr${x} + ${y*r}u`)};`).join(" ")}
      ${k}`}).join(`
      `),v=t.alibi?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          s -= SL[h] * f32(i32(qp) - i32(key));`:"",B=$e(Math.ceil(u/a)).map(x=>{let k=(x+1)*a>u;return`{
        let i = lid + ${x*a}u;
        ${k?`if (i < ${u}u) {`:"{"}
          var s = ${Ne($e(r).map(y=>`Red[${y*f}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${v}
          Sc[i] = select(${N}, s, key < kEnd && f < P.rows && key <= qp);
        }
      }`}).join(`
      `),H=m.map(x=>{let k=S.map(y=>`s${y}`);return`{
        ${S.map(y=>`let s${y} = Sc[kp * ${i}u + ${y*s*i+x}u];`).join(" ")}
        let mx = max(m${x}, ${k.reduce((y,q)=>`max(${y}, ${q})`)});
        let alpha = exp2(m${x} - mx);
        ${S.map(y=>`let p${y} = select(0.0, exp2(s${y} - mx), s${y} > ${N/2});`).join(" ")}
        l${x} = l${x} * alpha + ${Ne(S.map(y=>`p${y}`))};
        m${x} = mx;
        ${b.map(y=>`a${x}_${y} = a${x}_${y} * alpha + ${Ne(S.map(q=>`p${q} * v${q}_${y}`))};`).join(`
        `)}
      }`}).join(`
      `),O=m.map(x=>`{
    let mr = ${$e(s).map(k=>`Mk[${k*i+x}u]`).reduce((k,y)=>`max(${k}, ${y})`)};
    let g = exp2(m${x} - mr);
    l${x} *= g;
    ${b.map(k=>`a${x}_${k} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${x}u] = mr;
    }
  }`).join(`
  `),_=$e(s).map(x=>`if (kp == ${x}u) {
    ${m.flatMap(k=>b.map(y=>{let q=`${k*c}u + lr + ${y*r}u`;return x===0?`X[${q}] = a${k}_${y};`:`X[${q}] += a${k}_${y};`})).join(`
    `)}
    if (lr == 0u) {
      ${m.map(k=>x===0?`Ls[${k}u] = l${k};`:`Ls[${k}u] += l${k};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),W=$e(Math.ceil(i*c/a)).map(x=>{let k=(x+1)*a>i*c;return`{
    let e = lid + ${x*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${k?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${so(A.o,"X[e] * select(0.0, 1.0 / total, total > 0.0)")};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${$t(t)}
${g?"enable f16;":""}
${gt(t).wgsl}
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

  ${Q}
  ${I}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${l}u) {
      ${P}
    workgroupBarrier();
      ${B}
    workgroupBarrier();
      ${H}
  }

  if (lr == 0u) {
    ${m.map(x=>`Mk[kp * ${i}u + ${x}u] = m${x};`).join(" ")}
  }
  workgroupBarrier();
  ${O}
  ${_}
  ${W}
}
`}function io(t,e){let o=t/4;return`// ${wt(t,e)}
${e==="f16"?"enable f16;":""}
${mt(e).wgsl}
@compute @workgroup_size(${Fe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Fe}u + lid;
  if (idx >= P.items) {
    return;
  }
  let row = idx / ${o}u;
  let cc = idx % ${o}u;
  let stats = P.statsOff + row * P.nsplit;
  var mx = ${N};
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${so(e,"acc * select(0.0, 1.0 / total, total > 0.0)")};
}
`}function ne(t,e,o,r=4){let s=Math.max(16,o.minStorageBufferOffsetAlignment),n=Math.floor(t*r/s)*s,i=Math.max(4,Math.ceil((e*r-n)/4)*4);return{offset:n,size:i,base:n/r}}function te(t,e){return t.size<=e.maxStorageBufferBindingSize}function fe(t,e,o,r){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!o(n,1))throw r(n);let a=1,c=i;if(o(n,c))a=c;else for(;c-a>1;){let u=Math.floor((a+c)/2);o(n,u)?a=u:c=u}s.push([n,a]),n+=a}return s}function ie(t,e){let o=e.maxComputeWorkgroupsPerDimension;if(t<=o)return[Math.max(1,t),1];let r=Math.ceil(t/o);if(r>o)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${o} x ${o}, the device's 2-D grid limit`);return[Math.ceil(t/r),r]}function we(t,e){let o=e.maxComputeWorkgroupsPerDimension;return o*o*t}var fr=32*1024*1024,Ar=1024;function lr(t,e){return`rope-table|${e}|${t.attentionFactor}|${Array.from(t.invFreq).join(",")}`}function ao(t,e,o){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${o} bytes; rotate in smaller batches`)}function Ae(t,e,o,r){let s=e.invFreq.length*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize);if(r.every(l=>l.positions.kind==="range")){let l=r.map(m=>m.positions.start),A=Math.min(...l),d=Math.max(...r.map((m,b)=>l[b]+m.seq)),h=Ar;for(;h<d;)h*=2;if(h*s<=Math.min(fr,n)){let m=lr(e,o),b=t.cached(m,()=>null);if(!b||b.rows<d){let S=_e(e,{start:0,count:h},o);b={rows:h,buffer:t.upload(S,"rope table")},t.setCached(m,b)}return{buffer:b.buffer,temp:!1,sides:l.map(S=>({tab:S,tabB:0}))}}let $=Math.max(1,d-A);if($*s>n)throw ao($,$*s,n);let g=_e(e,{start:A,count:$},o);return{buffer:t.upload(g,"rope table"),temp:!0,sides:l.map(m=>({tab:m-A,tabB:0}))}}let i=[],a=[],c=0;for(let l of r){let A=l.positions,d=A.kind==="list"?A.list:Float64Array.from({length:l.seq},(h,$)=>A.start+$);a.push({tab:c,tabB:A.kind==="list"&&A.perBatch?l.seq:0}),i.push(d),c+=d.length}let u=new Float64Array(Math.max(1,c)),f=0;for(let l of i)u.set(l,f),f+=l.length;if(u.length*s>n)throw ao(u.length,u.length*s,n);return{buffer:t.upload(_e(e,u,o),"rope table"),temp:!0,sides:a}}function co(t,e,o){let r=e.group*e.qSeq,s=to(e.headDim,r,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function uo(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline($t(e),()=>no(e)),t.pipeline(wt(o,r),()=>io(o,r))])}function fo(t,e,o,r,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let a=Math.min(r,n);if(e.splits>a)throw new RangeError(`Invalid splits: expected at most ${a} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return Oe(r,e.splits)}let i=Math.ceil(e.group*e.qSeq/o.tiles.rb);return oo(r,e.batch*e.kvHeads*i,s,n)}function Te(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function Ao(t,e,o,r,s,n,i){let a={dispatches:[],temps:[]},[c,u]=r,f=t.limits,{kvHeads:l,group:A,qSeq:d,headDim:h}=e,$=h/4,g=A*d,m=o.tiles,b=Math.ceil(g/m.rb),{splits:S,keysPerSplit:D}=n,Q=S===1,I=e.qStrides,P=o.elements.q==="f16"?2:4,v=o.elements.o==="f16"?2:4,B=(q,F,w)=>{let E=(C,M)=>Math.floor(C/l)*I.batch+M*I.heads,R=q+F-1,G=E(q,q%l*A),p=E(R,R%l*A+A-1)+(d-1)*I.seq+h;return ne(G,p,f,w)},H=q=>q*g*S*($+1)*16,O=null;e.rope&&(O=Ae(t,e.rope.frequencies,e.rope.angles,[{positions:Te(e,s.length),seq:d}]),O.temp&&a.temps.push(O.buffer));let _=null;e.alibi&&(_=t.upload(e.alibi.map(q=>q*Math.LOG2E),"alibi slopes"),a.temps.push(_));let W=f.maxComputeWorkgroupsPerDimension,x=gt(o),k=mt(o.elements.o),y=Math.max(1,Math.floor(we(Fe,f)/(g*$)));for(let q of s.chunks){let F=fe(q.n,Math.min(W,y),(w,E)=>te(B(q.u0+w,E,P),f)&&te(B(q.u0+w,E,v),f)&&(Q||H(E)<=f.maxStorageBufferBindingSize),w=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${B(q.u0+w,1,Math.max(P,v)).size} bytes or their ${S} partial outputs ${H(1)} bytes, more than maxStorageBufferBindingSize (${f.maxStorageBufferBindingSize} bytes)`));for(let[w,E]of F){let R=q.u0+w,G=B(R,E,P),p=B(R,E,v),C=E*g*S*$,M=t.dummy();Q||(M=t.buffer(H(E),"decode partials"),a.temps.push(M));let L={sq:d,group:A,rows:g,kvHeads:l,len:s.length,nsplit:S,keysPerSplit:D,unitBase:R,chunkBase:q.u0,lmax4:s.maxLength*$,direct:Q?1:0,statsOff:C,qB:I.batch/4,qH:I.heads/4,qS:I.seq/4,qOff:G.base/4,oB:I.batch/4,oH:I.heads/4,oS:I.seq/4,oOff:p.base/4,tab:O?.sides[0]?.tab??0,tabB:O?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,x,L,{q:{buffer:i.q,offset:G.offset,size:G.size},k:{buffer:q.k},v:{buffer:q.v},o:{buffer:i.o,offset:p.offset,size:p.size},w:{buffer:M},...O?{table:{buffer:O.buffer}}:{},..._?{slopes:{buffer:_}}:{}},a.temps),grid:[S,E,b]}),Q)continue;let T=E*g*$,[z,V]=ie(Math.ceil(T/Fe),f),ae={items:T,nsplit:S,rows:g,group:A,kvHeads:l,unitBase:R,statsOff:C,gridX:z,oB:I.batch/4,oH:I.heads/4,oS:I.seq/4,oOff:p.base/4};a.dispatches.push({pipeline:u,bindGroup:t.bind(u,k,ae,{w:{buffer:M},o:{buffer:i.o,offset:p.offset,size:p.size}},a.temps),grid:[z,V,1]})}}return a}var He=class extends Se{precision="f32";#e;#t;constructor(e,o,r){super(e,o,r);let s=r.batch*r.kvHeads*r.maxLength*r.headDim;this.#e=new Float32Array(s),this.#t=new Float32Array(s)}append(e,o,r={}){try{this.live();let s=X("k",e,this.owner),n=X("v",o,this.owner),i=We(this,s,n,r),{slot:a,commit:c}=this.reserve(i),u=lo(s);i.rope&&(u=oe(u,i.rope.frequencies,{layout:i.layout,pairing:i.rope.pairing,angles:i.rope.angles,positions:i.rope.positions??{kind:"range",start:a}}));let f=lo(n),l=this.headDim,A=i.strides;for(let d=0;d<this.batch;d++)for(let h=0;h<this.kvHeads;h++)for(let $=0;$<i.n;$++){let g=d*A.batch+h*A.heads+$*A.seq,m=((d*this.kvHeads+h)*this.maxLength+a+$)*l;this.#e.set(u.data.subarray(g,g+l),m),this.#t.set(f.data.subarray(g,g+l),m)}return c(),Promise.resolve()}catch(s){return Promise.reject(s)}}tensors(e){let{batch:o,kvHeads:r,headDim:s}=this,n=this.length,i=Object.freeze(e==="bhsd"?[o,r,n,s]:[o,n,r,s]),a=new Float32Array(o*r*n*s),c=new Float32Array(a.length);for(let u=0;u<o;u++)for(let f=0;f<r;f++)for(let l=0;l<n;l++){let A=((u*r+f)*this.maxLength+l)*s,d=e==="bhsd"?((u*r+f)*n+l)*s:((u*n+l)*r+f)*s;a.set(this.#e.subarray(A,A+s),d),c.set(this.#t.subarray(A,A+s),d)}return{k:{shape:i,data:a},v:{shape:i,data:c}}}download(){try{return this.live(),Promise.resolve(this.tensors("bhsd"))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function lo(t){return t instanceof U?t.host:t}var hr=1<<23;function dr(t,e){let o=t.batch*t.kvHeads,r=Math.min(e,o),s=[];for(let n=0;n<r;n++){let i=Math.floor(n*o/r),a=Math.floor((n+1)*o/r),c=[];for(let u=i;u<a;){let f=Math.floor(u/t.kvHeads),l=u%t.kvHeads,A=Math.min(t.kvHeads,l+(a-u));c.push({batch:f,kv0:l,kv1:A}),u+=A-l}s.push(c)}return s}function ho(t,e){let o=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return e>1&&t.batch*t.kvHeads>1&&o>=hr}function bt(t,e,o,r,s,n,i){let a=new Float32Array((s-r)*n*i),c=0;for(let u=r;u<s;u++){let f=o*e.batch+u*e.heads;if(e.seq===i){a.set(t.subarray(f,f+n*i),c),c+=n*i;continue}for(let l=0;l<n;l++,c+=i){let A=f+l*e.seq;a.set(t.subarray(A,A+i),c)}}return a}function pr(t,e,o){if(!t.rope)return[e,o];let{frequencies:r,pairing:s,angles:n,layout:i}={...t.rope,layout:t.layout};return[oe(e,r,{layout:i,pairing:s,angles:n,positions:t.rope.query}),oe(o,r,{layout:i,pairing:s,angles:n,positions:t.rope.key})]}function gr(t,e,o,r,s){let{group:n,qSeq:i,kSeq:a,headDim:c}=t,{batch:u,kv0:f,kv1:l}=e;return{q:bt(o.data,t.qStrides,u,f*n,l*n,i,c),k:bt(r.data,t.kStrides,u,f,l,a,c),v:bt(s.data,t.kStrides,u,f,l,a,c),alibi:t.alibi?t.alibi.slice(f*n,l*n):null}}function mr(t,e,o,r){let{group:s,qSeq:n,headDim:i,qStrides:a}=t,c=0;for(let u=e.kv0*s;u<e.kv1*s;u++){let f=e.batch*a.batch+u*a.heads;if(a.seq===i){r.set(o.subarray(c,c+n*i),f),c+=n*i;continue}for(let l=0;l<n;l++,c+=i)r.set(o.subarray(c,c+i),f+l*a.seq)}}function $r(t){let e=[];for(let o of t)e.push(o.q.buffer,o.k.buffer,o.v.buffer),o.alibi&&e.push(o.alibi.buffer);return e}var kt=class{#e;#t=new Map;#o=null;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let o=e.data,r=this.#t.get(o.id);r&&(this.#t.delete(o.id),"error"in o?r.reject(new Error(`A CPU attention worker failed: ${o.error}`)):r.resolve(o.outputs))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#o}run(e){return this.#o?Promise.reject(new Error(this.#o)):new Promise((o,r)=>{this.#t.set(e.id,{resolve:o,reject:r}),this.#e.postMessage(e,$r(e.pieces))})}fail(e){if(!this.#o){this.#o=e,this.#e.terminate();for(let o of this.#t.values())o.reject(new Error(e));this.#t.clear()}}},Ye=class{#e;#t=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,o,r,s){let[n,i]=pr(e,o,r),a=new Float32Array(o.data.length),c=Object.freeze([...o.shape]),[u,...f]=dr(e,this.#e.length+1),l={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale},A=f.map((d,h)=>{let $=this.#e[h];(!$||$.failure)&&($=this.#e[h]=new kt);let g={id:this.#t++,...l,pieces:d.map(m=>gr(e,m,n,i,s))};return $.run(g).then(m=>{d.forEach((b,S)=>mr(e,b,m[S],a))})});return ye({...e,rope:null},n,i,s,void 0,{ranges:u,into:a}),await Promise.all(A),{shape:c,data:a}}destroy(e){for(let o of this.#e)o?.fail(e);this.#e.fill(void 0)}};var Je=class extends qe{info;cacheClass=He;#e=!1;#t;#o=null;constructor(e,o=1){super(),this.#t=o,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:o})}failure(){return this.#e?Me:null}#r(e){return e instanceof U?e.host:e}#s(e,o){return e instanceof U?new U(this,o.shape,o.data,this.alive):o}elementsOf(){return me}async runAttention(e){let{plan:o}=e,[r,s,n]=[this.#r(e.q),this.#r(e.k),this.#r(e.v)];return ho(o,this.#t)?(this.#o??=new Ye(this.#t-1),this.#s(e.q,await this.#o.attention(o,r,s,n))):this.#s(e.q,ye(o,r,s,n))}async timeAttention(e,o,r,s){let[n,i,a]=e.args;r&&await this.attention(n,i,a,s);let c=performance.now();for(let u=0;u<o;u++)await this.attention(n,i,a,s);return{seconds:(performance.now()-c)/1e3/o,iterations:o,source:"wall-clock"}}runRope(e){let{x:o,call:r,inPlace:s}=e,n=this.#r(o),i=oe(n,r.frequencies,{layout:r.layout,pairing:r.pairing,angles:r.angles,positions:r.positions});return s?(n.data.set(i.data),Promise.resolve(o)):Promise.resolve(this.#s(o,i))}store(e){return new U(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new He(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){let{plan:o,cache:r}=e;Ke(o,r.length,r.ropeState);let s=this.#r(e.q);o.rope&&(s=oe(s,o.rope.frequencies,{layout:o.layout,pairing:o.rope.pairing,angles:o.rope.angles,positions:Te(o,r.length)}));let{k:n,v:i}=r.tensors(o.layout),a=pe(s,n,i,{layout:o.layout,causal:!0,scale:o.scale,...o.alibi?{alibiSlopes:o.alibi}:{}});return Promise.resolve(this.#s(e.q,ye(a,s,n,i)))}async timeDecode(e,o,r,s){let n=e.arg;r&&await this.decode(n,e.cache,s);let i=performance.now();for(let a=0;a<o;a++)await this.decode(n,e.cache,s);return{seconds:(performance.now()-i)/1e3/o,iterations:o,source:"wall-clock",splits:1}}destroy(){this.#e=!0,this.#o?.destroy(`This GpuAttention cannot be used: ${Me}`),this.#o=null}};function go(t,e,o=me){let r=Lt(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!r)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:ut}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function mo(t,e){return t.pipeline(pt(e),()=>ro(e))}function po(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function $o(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:u,headDim:f}=e,l={dispatches:[],temps:[]};if(n===0||c===0||u===0)return l;let A=t.limits,d=e.qStrides,h=e.kStrides,$=n*i,g=o.elements??me,m=k=>k==="f16"?2:4,b=(k,y,q=m(g.q))=>{let[F,w]=[Math.floor(k/i),k%i],E=k+y-1,[R,G]=[Math.floor(E/i),E%i],p=F*d.batch+w*a*d.heads,C=R*d.batch+(G*a+a-1)*d.heads+(c-1)*d.seq+f;return ne(p,C,A,q)},S=(k,y)=>b(k,y,m(g.o)),D=(k,y,q=m(g.k))=>{let F=k+y-1,w=Math.floor(k/i)*h.batch+k%i*h.heads,E=Math.floor(F/i)*h.batch+F%i*h.heads+(u-1)*h.seq+f;return ne(w,E,A,q)},Q=(k,y)=>D(k,y,m(g.v)),I=(k,y)=>(m(g.q)>=m(g.o)?b:S)(k,y),P=(k,y)=>(m(g.k)>=m(g.v)?D:Q)(k,y),v=fe($,A.maxComputeWorkgroupsPerDimension,(k,y)=>te(I(k,y),A)&&te(P(k,y),A),k=>{let y=I(k,1);return te(y,A)?po("k and v",P(k,1).size,A.maxStorageBufferBindingSize):po("q and the output",y.size,A.maxStorageBufferBindingSize)}),B=null;e.rope&&(B=Ae(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:u}]),B.temp&&l.temps.push(B.buffer));let H=null;e.alibi&&(H=t.upload(e.alibi.map(k=>k*Math.LOG2E),"alibi slopes"),l.temps.push(H));let O=o.tiles,_=Math.ceil(c*a/O.br),W=A.maxComputeWorkgroupsPerDimension,x=dt(o);for(let[k,y]of v){let q=b(k,y),F=D(k,y),w=Q(k,y),E=S(k,y);for(let R=0;R<_;R+=W){let G={sq:c,sk:u,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:_,tileBase:R,unitBase:k,qB:d.batch/4,qH:d.heads/4,qS:d.seq/4,qOff:q.base/4,kB:h.batch/4,kH:h.heads/4,kS:h.seq/4,kOff:F.base/4,vB:h.batch/4,vH:h.heads/4,vS:h.seq/4,vOff:w.base/4,oB:d.batch/4,oH:d.heads/4,oS:d.seq/4,oOff:E.base/4,qTab:B?.sides[0]?.tab??0,qTabB:B?.sides[0]?.tabB??0,kTab:B?.sides[1]?.tab??0,kTabB:B?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},p=t.bind(r,x,G,{q:{buffer:s.q,offset:q.offset,size:q.size},k:{buffer:s.k,offset:F.offset,size:F.size},v:{buffer:s.v,offset:w.offset,size:w.size},o:{buffer:s.o,offset:E.offset,size:E.size},...B?{table:{buffer:B.buffer}}:{},...H?{slopes:{buffer:H}}:{}},l.temps),[C]=ie(Math.min(W,_-R),A);l.dispatches.push({pipeline:r,bindGroup:p,grid:[C,y,1]})}}return l}var wr=128,br=16,kr=8;function yr(t){let e=t.tk*(t.de+1)*16,o=t.rb*(t.headDim/4)*16,r=t.tk*t.rb*4,s=t.rb*4;return e+o+r+s}function wo(t,e,o,r,s=256){let n=o==="f16"?8:4;if(!Number.isInteger(t)||t%n!==0||t<n||t>512)return`the keys kernel reads ${o} rows in 16-byte units of ${n} dims, so it needs a head dim that is a multiple of ${n} up to 512, got ${t}`;let i=t/n,a=Math.min(wr,s);if(i>a)return`a row of ${i} load units needs more than the ${a} invocations per workgroup`;let c=Math.floor(a/i),u=c*i,f=Math.max(1,Math.min(e,kr)),l=Ie[r];for(let A=f;A>=1;A--){let d;for(let h=Math.min(u,c*br);h>=c;h-=c){let $=yr({headDim:t,de:i,tk:h,rb:A});if($>l)continue;let g=Math.ceil(A/Math.max(1,Math.floor(u/h))),m=Math.ceil(A/g),b={headDim:t,kv:o,e:n,de:i,wg:u,kg:c,tk:h,vk:h/c,rb:A,sg:m,rh:g,bytes:$};if(h%32===0||h<32)return b;d??=b}if(d)return d}return`no tile of keys fits ${l} bytes of workgroup storage (tier ${r}) at head dim ${t}`}var Ir=256,vr=1024,Er=4;function bo(t,e,o,r,s){let n=Er*Math.max(1,o),i=Math.ceil(t*Math.max(1,e)/n),a=Math.min(vr,Math.max(Ir,i)),c=Math.ceil(a/s)*s,u=Math.max(1,Math.ceil(t/c));return u>r&&(u=r,c=Math.ceil(t/u)),u===1?{splits:1,keysPerSplit:Math.max(1,t)}:{splits:Math.ceil(t/c),keysPerSplit:c}}var Br={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmaxU:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},xr={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function ko(t){return t.kv==="f16"?"vec4<u32>":"vec4<f32>"}function yt(t){let e=t.elements,o=ko(t.tiles);return Z({name:"decode keys",uniforms:Br,bindings:{q:j("Q",`array<vec4<${e.q}>>`),k:j("K",`array<${o}>`),v:j("V",`array<${o}>`),o:Y("O",`array<vec4<${e.o}>>`),w:Y("W","array<vec4<f32>>"),table:t.rope?j("T","array<vec2<f32>>"):null,slopes:t.alibi?j("SL","array<f32>"):null}})}function It(t){return Z({name:"decode keys merge",uniforms:xr,bindings:{w:j("W","array<vec4<f32>>"),o:Y("O",`array<vec4<${t}>>`)}})}function vt(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode-keys:d${e.headDim}:${e.kv}:wg${e.wg}:tk${e.tk}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function je(t){let e=t/4,o=[8,4,2,1].find(s=>e%s===0),r=256/o;return{chunks:o,lanes:r,blocks:e/o,workgroup:256}}function Et(t,e){return`decode-keys-merge:d${t}:${e}`}function Ee(t){return Array.from({length:t},(e,o)=>o)}function yo(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function Pr(t){return[4,2,1].find(e=>t%e===0)}function Io(t){let e=t.tiles,{wg:o,tk:r,rb:s,de:n,kg:i,vk:a,sg:c,rh:u}=e,f=e.headDim/4,l=e.e/4,A=n+1,d=t.elements,h=re("Q",d.q),$=[d.q,d.o].includes("f16"),g=Ee(s),m=Ee(l),b=e.kv==="f16",S=(w,E)=>b?`vec4<f32>(unpack2x16float(${w}.${"xz"[E]}), unpack2x16float(${w}.${"yw"[E]}))`:w,D=t.rope?le(t.rope,h,"base","cc","P.tab + b * P.tabB + tq"):"",Q=Ee(a).map(w=>`let ki${w} = kvBase + min(k0 + g + ${w*i}u, kEnd - 1u) * ${n}u + c;
    Ks[(g + ${w*i}u) * ${A}u + c] = K[ki${w}];
    let v${w} = V[ki${w}];`).join(`
    `),I=Ee(u),P=c*u!==s,v=w=>c===1?`${w}u`:`(rg * ${u}u + ${w}u)`,B=w=>P?`min(${v(w)}, ${s-1}u)`:v(w),H=Pr(n),O=Ee(H).map(w=>{let E=m.map(G=>`let x${w}_${G} = ${S(`Ks[kr + u + ${w}u]`,G)};`).join(" "),R=I.map(G=>`s${G} += ${m.map(p=>`dot(Qs[${B(G)} * ${f}u + (u + ${w}u) * ${l}u + ${p}u], x${w}_${p})`).join(" + ")};`).join(" ");return`${E}
        ${R}`}).join(`
        `),_=t.alibi?"s -= SL[kvh * P.group + min(f, P.rows - 1u) % P.group] * f32(i32(qp) - i32(key));":"",W=I.map(w=>`{
        let row = ${v(w)};
        let f = row0 + row;
        let qp = P.len - P.sq + f / P.group;
        var s = s${w};
        ${_}
        s${w} = select(${N}, s, key < kEnd && f < P.rows && key <= qp);
        ${P?`if (row < ${s}u && `:"if ("}s${w} > unordered(atomicLoad(&Mx[row]))) {
          atomicMax(&Mx[row], ordered(s${w}));
        }
      }`).join(`
      `),x=g.map(w=>`{
      let mn = unordered(atomicLoad(&Mx[${w}u]));
      let al = exp2(m${w} - mn);
      m${w} = mn;
      l${w} *= al;
      ${m.map(E=>`a${w}_${E} *= al;`).join(" ")}
    }`).join(`
    `),k=I.map(w=>{let E=`Ps[kl * ${s}u + row] = select(0.0, exp2(s${w} - ${c===1?`m${w}`:"unordered(atomicLoad(&Mx[row]))"}), s${w} > ${N/2});`;return`{
        let row = ${v(w)};
        ${P?`if (row < ${s}u) { ${E} }`:E}
      }`}).join(`
      `),y=Ee(a).map(w=>`{
      let pb = (g + ${w*i}u) * ${s}u;
      ${m.map(E=>`let w${E} = ${S(`v${w}`,E)};`).join(" ")}
      ${g.map(E=>`{ let pr = Ps[pb + ${E}u]; l${E} += pr; ${m.map(R=>`a${E}_${R} += pr * w${R};`).join(" ")} }`).join(`
      `)}
    }`).join(`
    `),q=g.map(w=>m.map(E=>{let R=`${w*f}u + c * ${l}u + ${E}u`;return`Qs[${R}] = a${w}_${E} + select(vec4<f32>(0.0), Qs[${R}], gi > 0u);`}).join(" ")).join(`
      `),F=g.map(w=>`Ps[${w}u] = l${w} + select(0.0, Ps[${w}u], gi > 0u);`).join(" ");return`// ${vt(t)}
${$?"enable f16;":""}
${yt(t).wgsl}
var<workgroup> Ks: array<${ko(e)}, ${r*A}>;
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
      ${D}
    }
    Qs[i] = x * P.scale2;
  }
  if (lid < ${s}u) {
    atomicStore(&Mx[lid], ordered(${N}));
  }
  ${g.map(w=>`var m${w} = ${N}; var l${w} = 0.0;`).join(`
  `)}
  ${I.map(w=>`var s${w} = 0.0;`).join(" ")}
  let kl = lid % ${r}u; // the score invocation's key in the tile
  let rg = lid / ${r}u; // and its group of rows
  ${g.flatMap(w=>m.map(E=>`var a${w}_${E} = vec4<f32>(0.0);`)).join(" ")}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${s}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  workgroupBarrier();
  for (var k0 = kBegin; k0 < kEnd; k0 += ${r}u) {
    ${Q}
    workgroupBarrier();
    if (lid < ${r*c}u) {
      ${I.map(w=>`s${w} = 0.0;`).join(" ")}
      let kr = kl * ${A}u;
      for (var u = 0u; u < ${n}u; u += ${H}u) {
        ${O}
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
    ${y}
  }

  // The key groups' outputs and sums, added in workgroup memory (Qs and Ps are free now).
  workgroupBarrier();
  for (var gi = 0u; gi < ${i}u; gi++) {
    if (g == gi) {
      ${q}
      if (c == 0u) {
        ${F}
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
        O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + cc] = ${yo(d.o,"Qs[i] * select(0.0, 1.0 / total, total > 0.0)")};
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
`}function vo(t,e){let o=t/4,{chunks:r,lanes:s,workgroup:n,blocks:i}=je(t),a=Ee(4),c=`vec4<f32>(${N}, 0.0, 0.0, 0.0)`,u=[];for(let f=s/2;f>=1;f/=2)u.push(`if (sl < ${f}u) {
    let other = lid + ${f*r}u;
    let x = Sm[lid];
    let y = Sm[other];
    let mx = max(x.x, y.x);
    let wx = exp2(x.x - mx);
    let wy = exp2(y.x - mx);
    Am[lid] = Am[lid] * wx + Am[other] * wy;
    Sm[lid] = vec2<f32>(mx, x.y * wx + y.y * wy);
  }
  workgroupBarrier();`);return`// ${Et(t,e)}
${e==="f16"?"enable f16;":""}
${It(e).wgsl}
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
  var m = ${N};
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
    O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + c] = ${yo(e,"Am[lid] * select(0.0, 1.0 / total, total > 0.0)")};
  }
}
`}function Eo(t,e,o){let r=wo(e.headDim,e.group*e.qSeq,o.kv,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(typeof r=="string")return r;let s=je(e.headDim).workgroup;if(s>t.limits.maxComputeInvocationsPerWorkgroup)return`its merge kernel needs ${s} invocations per workgroup`;let n=e.group*e.qSeq,i=t.limits.maxComputeWorkgroupsPerDimension;return Math.ceil(n/r.rb)>i||n*je(e.headDim).blocks>i*i?`${n} query rows per KV head exceed its grid (maxComputeWorkgroupsPerDimension ${i})`:{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function Bo(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(vt(e),()=>Io(e)),t.pipeline(Et(o,r),()=>vo(o,r))])}function xo(t,e,o,r,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,n);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return Oe(r,e.splits)}let i=o.tiles,a=Math.ceil(e.group*e.qSeq/i.rb);return bo(r,e.batch*e.kvHeads*a,s,n,i.tk)}function Po(t,e,o,r,s,n,i){let a={dispatches:[],temps:[]},[c,u]=r,f=t.limits,{kvHeads:l,group:A,qSeq:d,headDim:h}=e,$=h/4,g=A*d,m=o.tiles,b=Math.ceil(g/m.rb),{splits:S,keysPerSplit:D}=n,Q=S===1,I=e.qStrides,P=o.elements.q==="f16"?2:4,v=o.elements.o==="f16"?2:4,B=(F,w,E)=>{let R=(M,L)=>Math.floor(M/l)*I.batch+L*I.heads,G=F+w-1,p=R(F,F%l*A),C=R(G,G%l*A+A-1)+(d-1)*I.seq+h;return ne(p,C,f,E)},H=F=>F*g*S*($+1)*16,O=null;e.rope&&(O=Ae(t,e.rope.frequencies,e.rope.angles,[{positions:Te(e,s.length),seq:d}]),O.temp&&a.temps.push(O.buffer));let _=null;e.alibi&&(_=t.upload(e.alibi.map(F=>F*Math.LOG2E),"alibi slopes"),a.temps.push(_));let W=f.maxComputeWorkgroupsPerDimension,x=yt(o),k=It(o.elements.o),y=je(h).blocks,q=Math.max(1,Math.floor(W*W/(g*y)));for(let F of s.chunks){let w=fe(F.n,Math.min(W,q),(E,R)=>te(B(F.u0+E,R,P),f)&&te(B(F.u0+E,R,v),f)&&(Q||H(R)<=f.maxStorageBufferBindingSize),E=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${B(F.u0+E,1,Math.max(P,v)).size} bytes or their ${S} partial outputs ${H(1)} bytes, more than maxStorageBufferBindingSize (${f.maxStorageBufferBindingSize} bytes)`));for(let[E,R]of w){let G=F.u0+E,p=B(G,R,P),C=B(G,R,v),M=R*g*S*$,L=t.dummy();Q||(L=t.buffer(H(R),"decode partials"),a.temps.push(L));let T={sq:d,group:A,rows:g,kvHeads:l,len:s.length,nsplit:S,keysPerSplit:D,unitBase:G,chunkBase:F.u0,lmaxU:s.maxLength*m.de,direct:Q?1:0,statsOff:M,qB:I.batch/4,qH:I.heads/4,qS:I.seq/4,qOff:p.base/4,oB:I.batch/4,oH:I.heads/4,oS:I.seq/4,oOff:C.base/4,tab:O?.sides[0]?.tab??0,tabB:O?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,x,T,{q:{buffer:i.q,offset:p.offset,size:p.size},k:{buffer:F.k},v:{buffer:F.v},o:{buffer:i.o,offset:C.offset,size:C.size},w:{buffer:L},...O?{table:{buffer:O.buffer}}:{},..._?{slopes:{buffer:_}}:{}},a.temps),grid:[S,R,b]}),Q)continue;let z=R*g*y,[V,ae]=ie(z,f),ue={items:z,nsplit:S,rows:g,group:A,kvHeads:l,unitBase:G,statsOff:M,gridX:V,oB:I.batch/4,oH:I.heads/4,oS:I.seq/4,oOff:C.base/4};a.dispatches.push({pipeline:u,bindGroup:t.bind(u,k,ue,{w:{buffer:L},o:{buffer:i.o,offset:C.offset,size:C.size}},a.temps),grid:[V,ae,1]})}}return a}function Co(t,e,o){let r=null;if(e.kernel==="keys"){let s=Eo(t,e,o);if(typeof s!="string")return{kernel:"keys",params:s};r=s}return{kernel:"split",params:co(t,e,o),fallback:r}}function Bt(t,e){return e.kernel==="keys"?Bo(t,e.params):uo(t,e.params)}function So(t,e,o,r,s,n,i){if(o.kernel==="keys"){let u=xo(t,e,o.params,s.length,n);return{job:Po(t,e,o.params,r,s,u,i),splits:u.splits}}let a=fo(t,e,o.params,s.length,n);return{job:Ao(t,e,o.params,r,s,a,i),splits:a.splits}}var qo=new Float32Array(1),Cr=new Uint32Array(qo.buffer);function Sr(t){qo[0]=t;let e=Cr[0],o=e>>>16&32768,r=e>>>23&255,s=e&8388607;if(r===255)return o|31744|(s!==0?512:0);let n=r-112;if(n>=31)return o|31744;if(n<=0){if(n<-10)return o;s|=8388608;let c=14-n,u=s>>>c,f=s&(1<<c)-1,l=1<<c-1;return(f>l||f===l&&(u&1)===1)&&u++,o|u}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,o|i}function Qo(t){let e=(t&32768)!==0?-1:1,o=t>>>10&31,r=t&1023;return o===0?e*r*2**-24:o===31?r!==0?NaN:e*(1/0):e*(1+r/1024)*2**(o-15)}function xt(t){let e=new Uint16Array(t.length+t.length%2);for(let o=0;o<t.length;o++)e[o]=Sr(t[o]);return e}function Xe(t,e=t.length){let o=new Float32Array(e);for(let r=0;r<e;r++)o[r]=Qo(t[r]);return o}var ce=64;function Do(){return Float32Array.from({length:ce},(t,e)=>(e-31)*.125)}var qr=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${ce/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function Qr(t,e){let o=Do();for(let r=0;r<ce;r++){let s=o[r]*3+.25,n=t[r],i=e[r]===void 0?void 0:Qo(e[r]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${r} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${ce} values was exact`}}async function Ro(t){let n=[],i=(a,c)=>{let u=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(u),u};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:qr,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),u=i(ce*2,136),f=i(ce*4,132),l=i(ce*2,132),A=i(ce*4,9),d=i(ce*2,9),h=xt(Do());t.queue.writeBuffer(u,0,h.buffer,h.byteOffset,h.byteLength);let $=t.createCommandEncoder(),g=$.beginComputePass();g.setPipeline(c),g.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[u,f,l].map((D,Q)=>({binding:Q,resource:{buffer:D}}))})),g.dispatchWorkgroups(1),g.end(),$.copyBufferToBuffer(f,0,A,0,ce*4),$.copyBufferToBuffer(l,0,d,0,ce*2),t.queue.submit([$.finish()]),await Promise.all([A.mapAsync(1),d.mapAsync(1)]);let m=new Float32Array(A.getMappedRange().slice(0)),b=new Uint16Array(d.getMappedRange().slice(0)),S=await t.popErrorScope();return S?{available:!1,detail:`the shader-f16 self-test was rejected: ${S.message}`}:Qr(m,b)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var Ve=256,Dr={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function Mo(t){return Z({name:"kv append",uniforms:Dr,bindings:{k:j("K",`array<vec4<${t.k}>>`),v:j("V",`array<vec4<${t.v}>>`),kc:Y("KC",`array<vec4<${t.cache}>>`),vc:Y("VC",`array<vec4<${t.cache}>>`),table:t.rope?j("T","array<vec2<f32>>"):null}})}function Oo(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function Rr(t){let e=t.headDim/4,o=re("K",t.k),r=re("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=a=>t.cache==="f32"?a:`vec4<f16>(${a})`,i=t.rope?le(t.rope,o,"base","c","P.tab + b * P.tabB + s"):"";return`// ${Oo(t)}
${s?"enable f16;":""}
${Mo(t).wgsl}
@compute @workgroup_size(${Ve})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ve}u + lid;
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
`}function Fo(t,e){return t.pipeline(Oo(e),()=>Rr(e))}function To(t,e,o,r,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,u=o.headDim,f=u/4;if(a===0)return i;let l=t.limits,A=o.k==="f16"?2:4,d=o.v==="f16"?2:4,h=(D,Q,I)=>{let P=D+Q-1,v=B=>Math.floor(B/e.kvHeads)*c.batch+B%e.kvHeads*c.heads;return ne(v(D),v(P)+(a-1)*c.seq+u,l,I)},$=null;e.rope&&($=Ae(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),$.temp&&i.temps.push($.buffer));let g=we(Ve,l),m=Math.min(a,Math.max(1,Math.floor(g/f))),b=Math.max(1,Math.floor(g/(m*f))),S=Mo(o);for(let D of n){let Q=fe(D.n,b,(I,P)=>te(h(D.u0+I,P,A),l)&&te(h(D.u0+I,P,d),l),I=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${h(D.u0+I,1,Math.max(A,d)).size} bytes, more than maxStorageBufferBindingSize (${l.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[I,P]of Q)for(let v=0;v<a;v+=m){let B=Math.min(m,a-v),H=D.u0+I,O=h(H,P,A),_=h(H,P,d),W=P*B*f,[x,k]=ie(Math.ceil(W/Ve),l),y={items:W,kvHeads:e.kvHeads,unitBase:H,chunkBase:D.u0,slot:e.slot,lmax4:e.maxLength*f,gridX:x,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:O.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:_.base/4,tab:$?.sides[0]?.tab??0,tabB:$?.sides[0]?.tabB??0,tokBase:v,tokCount:B},q=t.bind(r,S,y,{k:{buffer:s.k,offset:O.offset,size:O.size},v:{buffer:s.v,offset:_.offset,size:_.size},kc:{buffer:D.k},vc:{buffer:D.v},...$?{table:{buffer:$.buffer}}:{}},i.temps);i.dispatches.push({pipeline:r,bindGroup:q,grid:[x,k,1]})}}return i}var Ze=class{#e=Promise.resolve();run(e,o){let r=this.#e,s,n=new Promise(i=>s=i);return this.#e=r.then(()=>n),(async()=>{try{let i=await e();return await r,await o(i)}finally{s()}})()}};function Be(t){return t instanceof U&&t.dtype==="float16"?"f16":"f32"}var Mr="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",Le=class t extends Se{precision;chunks;#e;#t=new Ze;#o=0;constructor(e,o,r,s,n,i){super(o,r,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,o,r,s,n){let i=n==="f16"?2:4,a=s.maxLength*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c)throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of maxLength ${s.maxLength} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller maxLength, precision "f16", or several caches`);let u=s.batch*s.kvHeads,f=Math.floor(c/a),l=2*u*a,A=[];return await e.guarded(`allocating the KV cache (${l} bytes)`,()=>{for(let d=0;d<u;d+=f){let h=Math.min(f,u-d);A.push({u0:d,n:h,k:e.buffer(h*a,"kv cache keys"),v:e.buffer(h*a,"kv cache values")})}}).catch(d=>{for(let h of A)h.k.destroy(),h.v.destroy();throw d}),new t(e,o,r,s,n,A)}view(){return{batch:this.batch,kvHeads:this.kvHeads,maxLength:this.maxLength,length:this.length,chunks:this.chunks}}schedule(e,o,r){let s=this.#o;return this.#t.run(o,n=>{if(this.live(),s!==this.#o)throw new Error(`This ${e} ${Mr}`);return r(n)})}append(e,o,r={}){try{this.live();let s=this.#e,n=X("k",e,this.owner),i=X("v",o,this.owner),a=We(this,n,i,r),c={headDim:this.headDim,rope:a.rope?{pairing:a.rope.pairing,rotaryDim:a.rope.rotaryDim}:null,k:Be(n),v:Be(i),cache:this.precision};return this.schedule("append",()=>Fo(s,c),async u=>{X("k",e,this.owner),X("v",o,this.owner);let{slot:f,commit:l}=this.reserve(a);a.n!==0&&(await s.guarded("the KV-cache append",()=>{let A=[],d=(g,m)=>{if(g instanceof U)return g.buffer;let b=s.upload(g.data,m);return A.push(b),b},h={k:d(n,"k"),v:d(i,"v")},$={kvHeads:this.kvHeads,maxLength:this.maxLength,n:a.n,slot:f,strides:a.strides,rope:a.rope?{frequencies:a.rope.frequencies,angles:a.rope.angles,positions:a.rope.positions??{kind:"range",start:f}}:null};try{let g=To(s,$,c,u,h,this.chunks);g.temps.push(...A),s.submit(g)}catch(g){for(let m of A)m.destroy();throw g}}),l())})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,o=this.headDim,r=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let f=this.length,l=f*o*r;if(f===0)return{length:f,target:null,bytes:0};let A=[];for(let h of["k","v"])for(let $ of this.chunks)for(let g=0;g<$.n;g++){let m=g*this.maxLength*o*r;A.push({buffer:$[h],offset:m,size:l})}let d=await e.guarded("the KV-cache download",()=>e.gather(A));return{length:f,target:d,bytes:2*s*l}}),i=Object.freeze([this.batch,this.kvHeads,n.length,o]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,u=f=>this.precision==="f16"?Xe(new Uint16Array(f)):new Float32Array(f);return{k:{shape:i,data:u(a.slice(0,c))},v:{shape:i,data:u(a.slice(c))}}}reset(){this.live(),this.#o++,this.clear()}destroy(){if(this.markDestroyed()){this.#o++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var Pe=256,xe=64,Pt={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},be="array<f32>",Qe={scores:Z({name:"naive scores",uniforms:Pt,bindings:{q:j("Q",be),k:j("K",be),slopes:j("SL",be),scores:Y("S",be)}}),softmax:Z({name:"naive softmax",uniforms:Pt,bindings:{scores:Y("S",be)}}),pv:Z({name:"naive pv",uniforms:Pt,bindings:{scores:j("S",be),v:j("V",be),o:Y("O",be)}})},Ho=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function Or(t){return t==="scores"?`// naive:scores
${Qe.scores.wgsl}${Ho}
@compute @workgroup_size(${Pe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Pe}u + lid;
  if (idx >= P.rows * P.sk) {
    return;
  }
  let c = rowCoords(P.rowBase + idx / P.sk);
  let j = idx % P.sk;
  let kvh = c.y / P.group;
  let aligned = i32(c.z) + i32(P.sk) - i32(P.sq);
  var value = ${N};
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
${Qe.softmax.wgsl}var<workgroup> red: array<f32, ${xe}>;
@compute @workgroup_size(${xe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${N};
  for (var j = lid; j < P.sk; j += ${xe}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${xe/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${xe}u) {
    let s = S[base + j];
    sum += select(0.0, exp(s - m), s > ${N/2});
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${xe/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = select(0.0, 1.0 / total, total > 0.0);
  for (var j = lid; j < P.sk; j += ${xe}u) {
    let s = S[base + j];
    S[base + j] = select(0.0, exp(s - m) * inv, s > ${N/2});
  }
}
`:`// naive:pv
${Qe.pv.wgsl}${Ho}
@compute @workgroup_size(${Pe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Pe}u + lid;
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
`}function jo(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>Or(e))))}function Lo(t,e,o,r){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:u}=e,f=n*i*a;if(f===0||c===0)return s;let l=t.limits,A=l.maxStorageBufferBindingSize;for(let[P,v]of[["q",r.q],["k",r.k],["v",r.v]])if(v.size>A)throw new RangeError(`Cannot run the naive kernel: ${P} (${v.size} bytes) exceeds maxStorageBufferBindingSize (${A} bytes); it is a small-size baseline, use the flash kernel`);let d=c*4;if(d>A)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${A} bytes)`);let h=we(Pe,l),$=Math.max(1,Math.min(f,Math.floor(A/d),Math.floor(h/c),Math.floor(h/u),l.maxComputeWorkgroupsPerDimension**2)),g=t.buffer($*d,"naive scores");s.temps.push(g);let m=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(m);let[b,S,D]=o,Q=e.qStrides,I=e.kStrides;for(let P=0;P<f;P+=$){let v=Math.min($,f-P),B={rowBase:P,rows:v,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:Q.batch,qH:Q.heads,qS:Q.seq,dim:u,kB:I.batch,kH:I.heads,kS:I.seq,scale:e.scale},[H,O,_]=[v*c/Pe,v,v*u/Pe].map(x=>ie(Math.ceil(x),l)),W=(x,k,[y,q],F)=>s.dispatches.push({pipeline:x,bindGroup:t.bind(x,k,{...B,gridX:y},F,s.temps),grid:[y,q,1]});W(b,Qe.scores,H,{q:{buffer:r.q},k:{buffer:r.k},slopes:{buffer:m},scores:{buffer:g}}),W(S,Qe.softmax,O,{scores:{buffer:g}}),W(D,Qe.pv,_,{scores:{buffer:g},v:{buffer:r.v},o:{buffer:r.o}})}return s}var et=256,Fr={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function _o(t){return Z({name:"rope",uniforms:Fr,bindings:{x:t?Y("X","array<f32>"):j("X","array<f32>"),table:j("T","array<vec2<f32>>"),y:t?null:Y("Y","array<f32>")}})}function Tr(t){let e=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
${_o(t).wgsl}
@compute @workgroup_size(${et})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${et}u + lid;
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
`}function Ct(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>Tr(e))}function tt(t,e,o,r,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:u}=e,f=i*a*c;if(f===0||u===0)return n;let l=e.frequencies.invFreq.length,A=l+(s?u-2*l:0),d=t.limits,h=Ae(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);h.temp&&n.temps.push(h.buffer);let $=h.sides[0],g=e.layout==="bhsd"?{b:a*c*u,h:c*u,s:u}:{b:c*a*u,h:u,s:a*u},m=Math.max(1,Math.floor(we(et,d)/Math.max(1,A))),b=fe(f,m,(D,Q)=>te(ne(D*u,(D+Q)*u,d),d),()=>new RangeError(`Cannot rotate: one row of ${u} elements exceeds the device's maxStorageBufferBindingSize`)),S=_o(s===null);for(let[D,Q]of b){let I=ne(D*u,(D+Q)*u,d),P=Q*A,[v,B]=ie(Math.ceil(P/et),d),H={items:P,perRow:A,rh:l,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:D,xB:g.b,xH:g.h,xS:g.s,xOff:I.base,oB:g.b,oH:g.h,oS:g.s,oOff:I.base,tab:$.tab,tabB:$.tabB,gridX:v},O=t.bind(o,S,H,{x:{buffer:r,offset:I.offset,size:I.size},table:{buffer:h.buffer},...s?{y:{buffer:s,offset:I.offset,size:I.size}}:{}},n.temps);n.dispatches.push({pipeline:o,bindGroup:O,grid:[v,B,1]})}return n}var ot=t=>t==="f16"?2:4,rt=class extends qe{info;#e;cacheClass=Le;constructor(e,o){super(),this.#e=e,this.info=Object.freeze(o)}failure(){return this.#e.failure}#t(e,o,r="f32"){return new U(this,e,o,this.alive,r==="f16"?"float16":"float32")}#o(e,o){return o==="f16"?xt(e):e}#r(e,o,r){return o==="f16"?Xe(new Uint16Array(e),r):new Float32Array(e)}#s(e,o,r,s="f32"){if(e instanceof U)return e.buffer;let n=this.#e.upload(this.#o(e.data,s),r);return o.push(n),n}elementsOf(e,o,r,s){let n=Re("precision",s.precision,this.info.f16),i=a=>a instanceof U?Be(a):n;return{q:i(e),k:i(o),v:i(r),o:i(e)}}async runAttention(e){let o=this.#e,{plan:r,elements:s}=e,n=await this.#n(e);this.live(),this.checkOperands(e.args);let i=ve(r.qShape),a=i*ot(s.o),c=o.buffer(a,"attention output"),u=e.q instanceof U,f=await o.guarded("the attention dispatch",()=>{let A=n(e.q,e.k,e.v,c),d=u?void 0:{source:c,bytes:a},h=o.submit(A,d);return u||c.destroy(),h});if(u)return this.#t(r.qShape,c,s.o);let l=this.#r(await o.read(f,a),s.o,i);return{shape:Object.freeze([...r.qShape]),data:l}}async timeAttention(e,o,r,s){let n=this.#e,i=await this.#n(e);this.live();let a=n.buffer(ve(e.plan.qShape)*ot(e.elements.o),"attention output"),c=await n.guarded("the attention dispatch",()=>i(e.q,e.k,e.v,a));try{let u=await n.profile(c,o,r);return{seconds:u.seconds,iterations:o,source:u.source}}finally{n.release(c),a.destroy()}}#n(e){return e.kernel==="flash"?this.#a(e.plan,e.elements):this.#c(e.plan,e.elements)}async#a(e,o){let r=this.#e,s=go(r,e,o),n=await mo(r,s);return(i,a,c,u)=>{let f=[],l={q:this.#s(i,f,"q",o.q),k:this.#s(a,f,"k",o.k),v:this.#s(c,f,"v",o.v),o:u},A=$o(r,e,s,n,l);return{dispatches:A.dispatches,temps:[...f,...A.temps]}}}async#c(e,o){let r=this.#e,s=Object.entries(o).find(([,a])=>a==="f16");if(s)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${s[0]==="o"?"output":s[0]}; use the flash kernel`);let[n,i]=await Promise.all([jo(r),e.rope?Ct(r,!1):Promise.resolve(null)]);return(a,c,u,f)=>{let l=[],A=[],d=this.#s(a,l,"q"),h=this.#s(c,l,"k"),$=this.#s(u,l,"v");if(e.rope&&i){let m=e.rope,b=(S,D,Q,I)=>{let P={layout:e.layout,batch:e.batch,heads:D,seq:Q,headDim:e.headDim,frequencies:m.frequencies,pairing:m.pairing,angles:m.angles,positions:S},v=r.buffer(e.batch*D*Q*e.headDim*4,"rotated");l.push(v);let B=tt(r,P,i,I,v);return A.push(...B.dispatches),l.push(...B.temps),v};d=b(m.query,e.heads,e.qSeq,d),h=b(m.key,e.kvHeads,e.kSeq,h)}let g=Lo(r,e,n,{q:d,k:h,v:$,o:f});return{dispatches:[...A,...g.dispatches],temps:[...l,...g.temps]}}}async runRope(e){let o=this.#e,{x:r,call:s,inPlace:n}=e;if(Be(r)==="f16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)");let i=r instanceof U,a=await Ct(o,n||!i);this.live(),X("x",e.arg,this);let c=ve(r.shape)*4;if(i){let A=r.buffer,d=n?null:o.buffer(c,"rotated");return await o.guarded("the RoPE dispatch",()=>{o.submit(tt(o,s,a,A,d))}),d?this.#t(r.shape,d):r}let u=r,f=await o.guarded("the RoPE dispatch",()=>{let A=o.upload(u.data,"x"),d=tt(o,s,a,A,null);return d.temps.push(A),o.submit(d,{source:A,bytes:c})}),l=new Float32Array(await o.read(f,c));return n?(u.data.set(l),u):{shape:Object.freeze([...u.shape]),data:l}}store(e,o){let r=this.#e.upload(this.#o(e.data,o),"tensor");return this.#t(e.shape,r,o)}async read(e){let o=this.#e,r=ve(e.shape),s=r*e.elementBytes,n=await o.guarded("the download",()=>o.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),i=this.#r(await o.read(n,s),Be(e),r);return{shape:Object.freeze([...e.shape]),data:i}}idle(){return this.#e.idle()}async makeCache(e,o){return await Le.create(this.#e,this,this.alive,e,o)}prepareDecode(e){let o=Be(e.q),r={q:o,kv:e.cache.precision,o};return{...e,elements:r,choice:Co(this.#e,e.plan,r)}}async runDecode(e){let o=this.#e,{plan:r,elements:s}=e,n=ve(r.qShape),i=n*ot(s.o),a=e.q instanceof U,{output:c,target:u}=await e.cache.schedule("decode",()=>Bt(o,e.choice),async l=>{this.live(),X("q",e.arg,this);let A=o.buffer(i,"decode output"),d=await o.guarded("the decode dispatch",()=>{let{job:h}=this.#i(e,l,A),$=a?void 0:{source:A,bytes:i},g=o.submit(h,$);return a||A.destroy(),g}).catch(h=>{throw A.destroy(),h});return{output:A,target:d}});if(a)return this.#t(r.qShape,c,s.o);let f=this.#r(await o.read(u,i),s.o,n);return{shape:Object.freeze([...r.qShape]),data:f}}#i(e,o,r){let s=this.#e,{cache:n,plan:i,choice:a}=e;Ke(i,n.length,n.ropeState);let c=[],u=this.#s(e.q,c,"q");try{let f=this.info.decodeWorkgroups??1,l={q:u,o:r},A=So(s,i,a,o,n.view(),f,l);return A.job.temps.push(...c),A}catch(f){for(let l of c)l.destroy();throw f}}async timeDecode(e,o,r){let s=this.#e,n=ve(e.plan.qShape)*ot(e.elements.o),{job:i,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>Bt(s,e.choice),async u=>{this.live(),X("q",e.arg,this);let f=s.buffer(n,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#i(e,u,f)),output:f}}catch(l){throw f.destroy(),l}});try{let u=await s.profile(i,o,r);return{seconds:u.seconds,iterations:o,source:u.source,splits:a,kernel:e.choice.kernel}}finally{s.release(i),c.destroy()}}destroy(){this.#e.failure||(this.#e.fail(Me),this.#e.ownsDevice&&this.#e.device.destroy())}};var Hr="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",jr="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",Lr='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',_r=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],Gr='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function zr(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function Wr(t,e){let o=t.limits,r=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(ee(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${K(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:r("maxStorageBufferBindingSize",o.maxStorageBufferBindingSize,256,4),maxBufferSize:o.maxBufferSize,maxComputeWorkgroupStorageSize:r("maxComputeWorkgroupStorageSize",o.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(o.maxComputeInvocationsPerWorkgroup,o.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:r("maxComputeWorkgroupsPerDimension",o.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:o.minStorageBufferOffsetAlignment}}var Kr=8;function Ur(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,Kr):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${K(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${K(t)}`);return t}async function Qi(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${K(t)}`);let e=J("fallback",t.fallback??"none",{allowed:["none","cpu"]}),o=t.limits??{};if(o===null||typeof o!="object")throw new TypeError(`Invalid limits: expected an object, got ${K(o)}`);let r=t.decodeWorkgroups===void 0?void 0:ee("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:Ur(t.threads),n=t.device,i=!1,a;if(!n){let h=t.adapter,$=jr;if(!h){let b=globalThis.navigator?.gpu;b?h=await b.requestAdapter():$=Hr}if(!h){if(e==="cpu")return new Je($,s);throw new Error(`${$}. ${Lr}.`)}let g={};for(let b of _r)g[b]=h.limits[b];let m=[];h.features.has("timestamp-query")&&m.push("timestamp-query"),h.features.has("shader-f16")&&m.push("shader-f16");try{n=await h.requestDevice({requiredLimits:g,requiredFeatures:m})}catch(b){throw new Error(`Requesting a WebGPU device failed: ${b instanceof Error?b.message:String(b)}`,{cause:b})}i=!0,a=h.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,u=r??zr(c),f;try{f=Wr(n,o)}catch(h){throw i&&n.destroy(),h}let l=n.features.has("shader-f16")?await Ro(n):{available:!1,detail:Gr},A=new ze(n,i,f,l.available),d=[];return A.timestamps&&d.push("timestamp-query"),l.available&&d.push("shader-f16"),new rt(A,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:d,f16:Object.freeze({...l}),decodeWorkgroups:u,tier:A.tier,limits:A.limits,fallbackReason:null,threads:null})}export{ps as attentionCpu,ss as attentionReference,Qi as createGpuAttention};
