import{d as j,g as V,h as ge,i as N,j as te,l as vt,q as yt,r as Ke}from"./chunk-WANEAHLR.js";var fe=2**24;function Ae(t,e,r){return vt(e,r,{name:t})}function ve(t,e,r,o,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${j(e)}`);if(e.length!==r&&e.length!==o*r)throw new RangeError(`Invalid ${t}: expected ${r} positions (one per token) or ${o*r} (batch x tokens), got ${e.length}`);let n=s?fe:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=V(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==r}}function $r(t,e,r,o,s){let n=e?s:1,i=new Float64Array(n*o);for(let a=0;a<n;a++)i.set(t.subarray(a*r+r-o,a*r+r),a*o);return{kind:"list",list:i,perBatch:e}}function Be(t,e){let r=e;if(r===null||typeof r!="object"||!(r.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${j(r)}`);let o=r.invFreq;if(o.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<o.length;s++)ge(`${t}.invFreq[${s}]`,o[s],{min:0});return ge(`${t}.attentionFactor`,r.attentionFactor,{min:0,exclusiveMin:!0}),r}function Ir(t,e,r,o,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${j(t)}`);let n=Be("rope.frequencies",t.frequencies),i=n.invFreq,a=2*i.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${i.length} frequencies), got ${j(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${i.length} frequencies) exceeds the head dim ${e}`);let c=N("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),A=N("rope.angles",t.angles??"float32",{allowed:["float32","float64"]}),l=A==="float32",u=l?fe:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let f,d;if(t.queryPositions!==void 0&&(d=ve("rope.queryPositions",t.queryPositions,o,r,l)),t.positions!==void 0){let h=ve("rope.positions",t.positions,s,r,l);if(f=h,!d){if(o>s)throw new RangeError(`Invalid rope.positions: q has ${o} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);d=$r(h.list,h.perBatch,s,o,r)}}else{let h=V("rope.offset",t.offset??0,{min:0});if(h+Math.max(s,1)-1>u)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${h+s-1}, above ${u} (the largest position with angles "${A}")`);if(f={kind:"range",start:h},!d){let p=h+s-o;if(p<0)throw new RangeError(`Invalid rope.offset: q has ${o} tokens and k ${s}, so bottom-right aligned queries would start at position ${p}; pass rope.offset >= ${o-s} or rope.queryPositions`);d={kind:"range",start:p}}}return{frequencies:n,pairing:c,rotaryDim:a,angles:A,query:d,key:f}}function Ye(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${j(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let r=new Float32Array(t.length);for(let o=0;o<t.length;o++)r[o]=ge(`alibiSlopes[${o}]`,t[o]);return r}function ce(t,e,r,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${j(o)}`);let s=N("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Ae("q",t,s),i=Ae("k",e,s),a=Ae("v",r,s);if(n.heads<1||n.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${j(t.shape)}`);if(i.batch!==n.batch)throw new RangeError(`Invalid k: expected batch ${n.batch} (as q), got ${i.batch}`);if(a.batch!==n.batch)throw new RangeError(`Invalid v: expected batch ${n.batch} (as q), got ${a.batch}`);if(i.headDim!==n.headDim)throw new RangeError(`Invalid k: expected head dim ${n.headDim} (as q), got ${i.headDim}`);if(a.headDim!==n.headDim)throw new RangeError(`Invalid v: expected head dim ${n.headDim} (as q), got ${a.headDim}`);if(a.seq!==i.seq)throw new RangeError(`Invalid v: expected ${i.seq} tokens (as k), got ${a.seq}`);if(a.heads!==i.heads)throw new RangeError(`Invalid v: expected ${i.heads} heads (as k), got ${a.heads}`);if(i.heads<1||n.heads%i.heads!==0)throw new RangeError(`Invalid k: q has ${n.heads} heads, which is not a multiple of k's ${i.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let c=o.causal??!1;if(typeof c!="boolean")throw new TypeError(`Invalid causal: expected a boolean, got ${j(c)}`);let A=o.scale===void 0?1/Math.sqrt(n.headDim):ge("scale",o.scale),l=Ye(o.alibiSlopes,n.heads),u=o.rope===void 0?null:Ir(o.rope,n.headDim,n.batch,n.seq,i.seq);return{layout:s,batch:n.batch,heads:n.heads,kvHeads:i.heads,group:n.heads/i.heads,qSeq:n.seq,kSeq:i.seq,headDim:n.headDim,qShape:[...t.shape],qStrides:n.strides,kStrides:i.strides,causal:c,scale:A,rope:u,alibi:l}}function kt(t,e,r,o,s,n){let i=n==="float32";if(e!==void 0&&r!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return ve(`${t}positions`,e,o,s,i);let a=V(`${t}offset`,r??0,{min:0}),c=i?fe:Number.MAX_SAFE_INTEGER;if(a+Math.max(o,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+o-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function De(t,e,r){let o=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=yt(t,o,{angles:r}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function Z(t,e,r){let{layout:o,pairing:s,angles:n,positions:i}=r;return i.kind==="range"?Ke(t,e,{layout:o,pairing:s,angles:n,offset:i.start}):Ke(t,e,{layout:o,pairing:s,angles:n,positions:i.list})}function Et(t,e,r,o){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:A,causal:l,scale:u,alibi:f}=t,d=e,h=r;if(t.rope){let{frequencies:R,pairing:P,angles:E}=t.rope;d=Z(e,R,{layout:t.layout,pairing:P,angles:E,positions:t.rope.query}),h=Z(r,R,{layout:t.layout,pairing:P,angles:E,positions:t.rope.key})}let p=t.qStrides,g=t.kStrides,I=new Float32Array(e.data.length),$=new Float64Array(c),w=new Float64Array(A),Q=d.data,k=h.data,x=o.data;for(let R=0;R<s;R++)for(let P=0;P<n;P++){let E=Math.floor(P/i),M=f?f[P]:0;for(let q=0;q<a;q++){let F=q+c-a,_=l?Math.min(c,Math.max(0,F+1)):c,J=R*p.batch+P*p.heads+q*p.seq;if(_===0)continue;let S=-1/0;for(let b=0;b<_;b++){let B=R*g.batch+E*g.heads+b*g.seq,y=0;for(let G=0;G<A;G++)y+=Q[J+G]*k[B+G];let D=u*y-M*Math.abs(F-b);$[b]=D,D>S&&(S=D)}w.fill(0);let C=0;for(let b=0;b<_;b++){let B=Math.exp($[b]-S);C+=B;let y=R*g.batch+E*g.heads+b*g.seq;for(let D=0;D<A;D++)w[D]=w[D]+B*x[y+D]}for(let b=0;b<A;b++)I[J+b]=w[b]/C}}return{shape:Object.freeze([...e.shape]),data:I}}function bo(t,e,r,o={}){te("q",t),te("k",e),te("v",r);let s=ce(t,e,r,o);return Et(s,t,e,r)}var Bt=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKyBYHhAQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsgCiAU/YUCIQsgCyAKIBX9hQIhCyALIAog","Fv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQ","aiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0A","Cwu+BAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI/QwAAAAAAAAAAAAAAAAAAAAAIQn9","DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAAAAAAAAAAIQz9DAAAAAAAAAAAAAAA","AAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEGA0AgAf0ABAAhECAB/QAEECERIAb9","CQIAIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIEIRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIIIRIgEiAQIAz9","hQIhDCASIBEgDf2FAiENIAb9CQIMIRIgEiAQIA79hQIhDiASIBEgD/2FAiEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIg","ECAI/YUCIQggEiARIAn9hQIhCSAG/QkCFCESIBIgECAK/YUCIQogEiARIAv9hQIhCyAG/QkCGCESIBIgECAM/YUCIQwgEiAR","IA39hQIhDSAG/QkCHCESIBIgECAO/YUCIQ4gEiARIA/9hQIhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ","/QsEECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0A","CwugAwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAA","BAAAAAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eABIAj9AAQA/YUC/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhAL2AQCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAWIA79hQIhDiAYIBcgD/2FAiEPIAj9CQKAAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkCgAQhGCAYIBYg","Ev2FAiESIBggFyAT/YUCIRMgCP0JAoAGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAK/QAEACEWIAr9AAQQIRcg","CP0JAgQhGCAYIBYgDv2FAiEOIBggFyAP/YUCIQ8gCP0JAoQCIRggGCAWIBD9hQIhECAYIBcgEf2FAiERIAj9CQKEBCEYIBgg","FiAS/YUCIRIgGCAXIBP9hQIhEyAI/QkChAYhGCAYIBYgFP2FAiEUIBggFyAV/YUCIRUgCiAGaiEKIAhBCGohCCAIIAlJDQAL","IAIgB2ogDv0LBAAgAiAHaiAP/QsEECALIBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAH","QSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtq","IRAgECALSgRAIAshEAsLIAQgD0EIdGogBSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEP","IA9BBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0A","BJAI/eQB/QsEICAEIAIgCCAObGogAyAGIAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQL","fwF9AXsCfyAFQQJ0IQogCkECdCELIARBwAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQ","SwRAQRAhDQsgAyAMIApsakEAIA0gC2z8CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0M","AAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEBaiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFB","ACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQBSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIAps","aiABIAIgAyAPIApsaiAEIBQgDkEwbGogBSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAh","DgNAIBQgDkECdkEwbCAOQQNxQQJ0amoqAiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApq","IRgDQCAXIBf9AAQAIBb95gH9CwQAIBdBEGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join(""),Ct=["AGFzbQEAAAABQwZgBX9/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AKf39/f39/","f39/fQADCAcAAAECAwQFBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRlbmRIZWFkAAYKwBcHmQQCAn8Se/0MAAD8","wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQh","OSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11","PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRAD","QCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEH","IAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3kASELIAsgCv3mASAU/eQBIQsgCyAK/eYB","IBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEH","IAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EE","aiEDIARBBGohBCACQQFrIQIgAg0ACwvuBAIDfwt7IAAgA0EEdGohBSACIARBAnRqIQcDQP0MAAAAAAAAAAAAAAAAAAAAACEI","/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACEL/QwAAAAAAAAAAAAA","AAAAAAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gACEG","A0AgAf0ABAAhECAB/QAEECERIAb9CQIAIRIgEiAQ/eYBIAj95AEhCCASIBH95gEgCf3kASEJIAb9CQIEIRIgEiAQ/eYBIAr9","5AEhCiASIBH95gEgC/3kASELIAb9CQIIIRIgEiAQ/eYBIAz95AEhDCASIBH95gEgDf3kASENIAb9CQIMIRIgEiAQ/eYBIA79","5AEhDiASIBH95gEgD/3kASEPIAH9AAQgIRAgAf0ABDAhESAG/QkCECESIBIgEP3mASAI/eQBIQggEiAR/eYBIAn95AEhCSAG","/QkCFCESIBIgEP3mASAK/eQBIQogEiAR/eYBIAv95AEhCyAG/QkCGCESIBIgEP3mASAM/eQBIQwgEiAR/eYBIA395AEhDSAG","/QkCHCESIBIgEP3mASAO/eQBIQ4gEiAR/eYBIA/95AEhDyAGQSBqIQYgAUHAAGohASAGIAVJDQALIAIgCP0LBAAgAiAJ/QsE","ECACIAr9CwSAAiACIAv9CwSQAiACIAz9CwSABCACIA39CwSQBCACIA79CwSABiACIA/9CwSQBiACQSBqIQIgAiAHSQ0ACwuj","AwMCfwZ7A30gACACQQJ0aiEJIAZDAAAAAFwEQCAAIQggA/0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIQr9DAQAAAAEAAAABAAA","AAQAAAAhDCAGjP0TIQ0gBf0TIQ4DQCAIIA0gDiAK/foB/eUB/eAB/eYBIAj9AAQA/eQB/QsEACAKIAz9rgEhCiAIQRBqIQgg","CCAJSQ0ACwsgAyACaiAESgRAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEhCv0MBAAAAAQAAAAEAAAABAAAACEM/QwA","AID/AACA/wAAgP8AAID/IQ8gBP0RIQ4DQCAIIA8gCP0ABAAgCiAO/T/9Uv0LBAAgCiAM/a4BIQogCEEQaiEIIAggCUkNAAsL","IAAhCP0MAACA/wAAgP8AAID/AACA/yELA0AgCyAI/QAEAP3rASELIAhBEGohCCAIIAlJDQALIAEqAhAhESARIAv9HwAgC/0f","AZcgC/0fAiAL/R8Dl5eXIRJDAAAAACASIBJDAACA/1sbIRAgByAQOAIAIAEgESAQkzgCACABIBI4AhALiAUCCH8PeyADQQJ0","IQYgBf0JAgAhGSAF/QkCBCEaIAX9CQIIIRsgBf0JAgwhHCAAIARBAnRqIQlBACEHA0AgAiAHaiAGaiELIAsgBmohDCAMIAZq","IQ0gGSACIAdq/QAEAP3mASEOIBkgAiAHav0ABBD95gEhDyAaIAv9AAQA/eYBIRAgGiAL/QAEEP3mASERIBsgDP0ABAD95gEh","EiAbIAz9AAQQ/eYBIRMgHCAN/QAEAP3mASEUIBwgDf0ABBD95gEhFSAAIQggASAHaiEKA0AgCv0ABAAhFiAK/QAEECEXIAj9","CQIAIRggGCAW/eYBIA795AEhDiAYIBf95gEgD/3kASEPIAj9CQKAAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI","/QkCgAQhGCAYIBb95gEgEv3kASESIBggF/3mASAT/eQBIRMgCP0JAoAGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEV","IAogBmohCiAK/QAEACEWIAr9AAQQIRcgCP0JAgQhGCAYIBb95gEgDv3kASEOIBggF/3mASAP/eQBIQ8gCP0JAoQCIRggGCAW","/eYBIBD95AEhECAYIBf95gEgEf3kASERIAj9CQKEBCEYIBggFv3mASAS/eQBIRIgGCAX/eYBIBP95AEhEyAI/QkChAYhGCAY","IBb95gEgFP3kASEUIBggF/3mASAV/eQBIRUgCiAGaiEKIAhBCGohCCAIIAlJDQALIAIgB2ogDv0LBAAgAiAHaiAP/QsEECAL","IBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAHQSBqIQcgByAGSQ0ACwvnAQEDfyAGQQJ0","IQ4gACABIAggDmxqIAQgBiAHEAFBACEPA0AgCyEQIAwEQCAJIA9qQQFqIAsgCmtqIRAgECALSgRAIAshEAsLIAQgD0EIdGog","BSAPQQJ0aiAHIAggECAJIA9qIAsgCmtqsiANIARBgAhqIA9BAnRqEAIgD0EBaiEPIA9BBEkNAAsgBCAHQQJ0QQQgBEGACGog","BEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAEIAIgCCAObGogAyAG","IAcgBRADCyQBAX8gA0UEQCACDwsgAEEEaiACIAFraiEEIAIgBCAEIAJKGwv1AwQLfwF9AXsCfyAFQQJ0IQogCkECdCELIARB","wAhqIRQgBEMAAAAAOAKgCEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQSwRAQRAhDQsgAyAMIApsakEAIA0gC2z8","CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0MAAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEB","aiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFBACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQ","BSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIApsaiABIAIgAyAPIApsaiAEIBQgDkEwbGog","BSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAhDgNAIBQgDkECdkEwbCAOQQNxQQJ0amoq","AiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApqIRgDQCAXIBf9AAQAIBb95gH9CwQAIBdB","EGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join("");var Xe=512,Re=class{name;#e;#t;#r;constructor(e,r){let o=new WebAssembly.Instance(e);this.name=r,this.#e=o.exports.memory,this.#t=o.exports.attendHead,this.#r=new Float32Array(this.#e.buffer)}reserve(e){let r=e*4,o=this.#e.buffer.byteLength;if(r>o){let s=Math.ceil((r-o)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${r} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#r.buffer!==this.#e.buffer&&(this.#r=new Float32Array(this.#e.buffer)),this.#r}attendHead(e,r,o,s,n,i,a,c,A){this.#t(4*e,4*r,4*o,4*s,0,n,i,a,c?1:0,A)}},Je=class{name="js";#e=new Float32Array(Xe);#t=new Float64Array(0);#r=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,r,o,s,n,i,a,c,A){let l=this.#e;this.#t.length<a&&(this.#t=new Float64Array(a)),this.#r.length<n&&(this.#r=new Float64Array(n));let u=this.#t,f=this.#r,d=Math.fround;for(let h=0;h<i;h++){let p=h+a-i,g=c?Math.min(a,p+1):a,I=s+h*n;if(g<=0){l.fill(0,I,I+n);continue}let $=e+(h>>2)*n*4+(h&3),w=-1/0;for(let k=0;k<g;k++){let x=r+(k>>3)*n*8+(k&7),R=0;for(let E=0;E<n;E++)R+=l[$+4*E]*l[x+8*E];let P=A===0?R:R-d(A)*Math.abs(p-k);u[k]=P,P>w&&(w=P)}f.fill(0);let Q=0;for(let k=0;k<g;k++){let x=Math.exp((u[k]-w)*Math.LN2);Q+=x;let R=o+k*n;for(let P=0;P<n;P++)f[P]=f[P]+x*l[R+P]}for(let k=0;k<n;k++)l[I+k]=f[k]/Q}}};function vr(t){let e=atob(t),r=new Uint8Array(e.length);for(let o=0;o<e.length;o++)r[o]=e.charCodeAt(o);return r}var Pt;function xt(t){if(typeof WebAssembly!="object")return null;let e=vr(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function yr(){return Pt??={relaxed:xt(Bt),plain:xt(Ct)},Pt}var Ne;function Qt(){if(!Ne){let{relaxed:t,plain:e}=yr();Ne=t?new Re(t,"relaxed-simd"):e?new Re(e,"simd"):new Je}return Ne}function me(t,e,r,o,s=Qt(),n){let{batch:i,group:a,kvHeads:c,qSeq:A,kSeq:l,headDim:u,causal:f,scale:d,alibi:h}=t,p=e,g=r;if(t.rope){let{frequencies:D,pairing:G,angles:K}=t.rope,W=t.layout;p=Z(e,D,{layout:W,pairing:G,angles:K,positions:t.rope.query}),g=Z(r,D,{layout:W,pairing:G,angles:K,positions:t.rope.key})}let I=n?.into??new Float32Array(e.data.length);if(A===0||l===0)return{shape:Object.freeze([...e.shape]),data:I};let $=u+7&-8,w=l+7&-8,Q=A+3&-4,k=Xe,x=k+w*$,R=x+w*$,P=R+Q*$,E=s.reserve(P+Q*$),M=t.qStrides,q=t.kStrides,F=p.data,_=g.data,J=o.data,S=Math.fround,C=S(d*Math.LOG2E),b=q.seq===u&&u===$,B=M.seq===u&&u===$,y=n?.ranges??Array.from({length:i},(D,G)=>({batch:G,kv0:0,kv1:c}));for(let{batch:D,kv0:G,kv1:K}of y)for(let W=G;W<K;W++){let Y=D*q.batch+W*q.heads;for(let z=0;z<w;z++){let m=k+(z>>3)*$*8+(z&7),v=Y+z*q.seq,O=z<l?u:0;for(let T=0;T<O;T++)E[m+8*T]=_[v+T];for(let T=O;T<$;T++)E[m+8*T]=0}if(b)E.set(J.subarray(Y,Y+l*u),x);else for(let z=0;z<l;z++){let m=Y+z*q.seq,v=x+z*$;for(let O=0;O<u;O++)E[v+O]=J[m+O];for(let O=u;O<$;O++)E[v+O]=0}E.fill(0,x+l*$,x+w*$);for(let z=W*a;z<(W+1)*a;z++){let m=D*M.batch+z*M.heads;for(let v=0;v<Q;v++){let O=R+(v>>2)*$*4+(v&3),T=m+v*M.seq,H=v<A?u:0;for(let X=0;X<H;X++)E[O+4*X]=S(F[T+X]*C);for(let X=H;X<$;X++)E[O+4*X]=0}if(s.attendHead(R,k,x,P,$,A,l,f,h?h[z]*Math.LOG2E:0),B)I.set(E.subarray(P,P+A*u),m);else for(let v=0;v<A;v++){let O=P+v*$,T=m+v*M.seq;for(let H=0;H<u;H++)I[T+H]=E[O+H]}}}return{shape:Object.freeze([...e.shape]),data:I}}function xo(t,e,r,o={}){te("q",t),te("k",e),te("v",r);let s=ce(t,e,r,o);return me(s,t,e,r)}var Ce=Object.freeze({T48:49152,T32:32768,T16:16384});function St(t){return t>=Ce.T48?"T48":t>=Ce.T32?"T32":"T16"}function kr(t){let e=t.headDim/4,r=(e+(t.pad?1:0))*16,o=t.br*r,s=t.bc*r,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return o+s+n+i+a}function qt(t){let e=[];for(let r=1;r<=t;r++)t%r===0&&e.push(r);return e}function Er(t,e,r){let o=t*e/r;if(!Number.isInteger(o)||o<1||o>16)return;let s,n=1/0;for(let i of qt(e)){let a=o/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function Br(t,e,r){let o=t*e/r;if(!Number.isInteger(o)||o<1||o>16)return;let s,n=1/0;for(let i of qt(e)){let a=o/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var Ve=512;function Dt(t,e,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>Ve)return;let o=Ce[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>r))for(let c of[64,32,16,8,4])for(let A of[64,32,16,8,4]){let l=Er(c,A,a),u=Br(c,s,a);if(!(!l||!u))for(let f of[!1,!0])for(let d of[!0,!1]){let[h,p]=l,[g,I]=u,$=kr({headDim:t,br:c,bc:A,tn:p,sharedKV:f,pad:d});if($>o)continue;let w=4*h*p/(h+p),Q=[c*A,c>=A?1:0,A>=32?1:0,w>=4?1:0,a===128?2:a===64?1:0,w,f?0:1,d?1:0];(!i||Cr(Q,i))&&(i=Q,n={tier:e,headDim:t,workgroup:a,br:c,bc:A,tm:h,tn:p,om:g,od4:I,sharedKV:f,pad:d,bytes:$})}}return n}function Cr(t,e){for(let r=0;r<t.length;r++)if(t[r]!==e[r])return t[r]>e[r];return!1}var Pr=140,xr=72,Ze=9,Rt=1,Me=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#t=new Map;#r=null;constructor(e,r,o,s=!1){this.device=e,this.f16=s,this.ownsDevice=r,this.limits=o,this.tier=St(o.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),e.lost.then(n=>{this.#r??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#r}fail(e){this.#r??=e}cached(e,r){let o=this.#t.get(e);return o===void 0&&(o=r(),this.#t.set(e,o)),o}setCached(e,r){this.#t.set(e,r)}pipeline(e,r){let o=this.#e.get(e);return o||(o=this.#o(e,r()),this.#e.set(e,o),o.catch(()=>this.#e.delete(e))),o}async#o(e,r){let o=this.device.createShaderModule({code:r,label:e}),n=(await o.getCompilationInfo()).messages.filter(i=>i.type==="error");if(n.length>0)throw new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:o,entryPoint:"main"}})}catch(i){throw new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}buffer(e,r){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${r}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`);return this.device.createBuffer({size:Math.max(16,Math.ceil(e/16)*16),usage:Pr,label:r})}upload(e,r){let o=this.buffer(e.byteLength,r);return e.byteLength>0&&this.device.queue.writeBuffer(o,0,e.buffer,e.byteOffset,e.byteLength),o}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}uniform(e,r){let o=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:xr,label:r});return this.device.queue.writeBuffer(o,0,e),o}encode(e,r){for(let o of r.dispatches)e.setPipeline(o.pipeline),e.setBindGroup(0,o.bindGroup),e.dispatchWorkgroups(o.grid[0],o.grid[1],o.grid[2])}submit(e,r){let o=this.#s(e,r);return this.release(e),o}release(e){for(let r of e.temps)r.destroy()}#s(e,r){let o=this.device.createCommandEncoder();if(e.dispatches.length>0){let n=o.beginComputePass();this.encode(n,e),n.end()}let s;return r&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(r.bytes/16)*16),usage:Ze,label:"readback"}),r.bytes>0&&o.copyBufferToBuffer(r.source,0,s,0,Math.ceil(r.bytes/4)*4)),this.device.queue.submit([o.finish()]),s}async guarded(e,r){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let o,s,n=!1;try{o=r()}catch(l){s=l,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,A]=await Promise.all([i,a]);if(n)throw s;if(A)throw new Error(`Out of GPU memory while ${e}: ${A.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return o}async profile(e,r,o){o&&(this.#s(e),await this.idle());let s=this.device.createCommandEncoder(),n,i,a;this.timestamps&&(n=this.device.createQuerySet({type:"timestamp",count:2}),i=this.device.createBuffer({size:16,usage:516}),a=this.device.createBuffer({size:16,usage:Ze}));let c=s.beginComputePass(n?{timestampWrites:{querySet:n,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let u=0;u<r;u++)this.encode(c,e);c.end(),n&&i&&a&&(s.resolveQuerySet(n,0,2,i,0),s.copyBufferToBuffer(i,0,a,0,16));let A=performance.now();this.device.queue.submit([s.finish()]),await this.idle();let l=(performance.now()-A)/1e3;try{if(a){await a.mapAsync(Rt);let[u,f]=new BigUint64Array(a.getMappedRange().slice(0));a.unmap();let d=Number(f-u);if(d>0)return{seconds:d/1e9/r,source:"timestamp-query"}}return{seconds:l/r,source:"wall-clock"}}finally{n?.destroy(),i?.destroy(),a?.destroy()}}gather(e){let r=e.reduce((i,a)=>i+a.size,0),o=this.device.createBuffer({size:Math.max(16,Math.ceil(r/16)*16),usage:Ze,label:"readback"}),s=this.device.createCommandEncoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,o,n,i.size),n+=i.size;return this.device.queue.submit([s.finish()]),o}async read(e,r){try{return await e.mapAsync(Rt),e.getMappedRange(0,Math.max(16,Math.ceil(r/16)*16)).slice(0,r)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};function oe(t,e,r=[]){let o=new ArrayBuffer(Math.ceil(t.length*4/16)*16),s=new DataView(o);return t.forEach((n,i)=>{let a=e[n]??0;if(r.includes(n))s.setFloat32(i*4,a,!0);else{if(!Number.isInteger(a)||a<0||a>4294967295)throw new RangeError(`Internal error: uniform ${n} = ${a} does not fit an unsigned 32-bit integer`);s.setUint32(i*4,a,!0)}}),o}function se(t,e){return e==="f32"?r=>`${t}[${r}]`:r=>`vec4<f32>(${t}[${r}])`}function be(t,e,r,o,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,r=`(${r})`,o=`(${o})`,t.pairing==="interleaved"&&n%4===0)return`if (${o} < ${n/4}u) {
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
    }`}var Pe=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function Qr(t){let e=[t.q,t.k,t.v,t.o];return e.every(r=>r==="f32")?"":`:${e.join("")}`}var ee=-1e30,et=["sq","sk","group","kvHeads","causal","numTiles","tileBase","unitBase","qB","qH","qS","qOff","kB","kH","kS","kOff","vB","vH","vS","vOff","oB","oH","oS","oOff","qTab","qTabB","kTab","kTabB","scale2","pad0","pad1","pad2"];function tt(t){let e=["params","q","k","v","o"];return t.rope&&e.push("table"),t.alibi&&e.push("slopes"),e}function rt(t){let e=t.tiles,r=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${r}:alibi=${t.alibi}`+Qr(t.elements??Pe)}function ue(t){return Array.from({length:t},(e,r)=>r)}function Mt(t){let e=t.tiles,r=e.headDim/4,o=e.workgroup,s=e.br,n=e.bc,i=r+(e.pad?1:0),a=e.sharedKV?i:r,c=n+1,A=n/e.tn,l=r/e.od4,u=tt(t),f=m=>u.indexOf(m),d=e.sharedKV?"Ks":"Vs",h=t.elements??Pe,p=se("Q",h.q),g=se("K",h.k),I=se("V",h.v),$=[h.q,h.k,h.v,h.o].includes("f16"),w=et.map(m=>`  ${m}: ${m==="scale2"?"f32":"u32"},`).join(`
`),Q=(m,v)=>`for (var e = lid; e < ${m*r}u; e += ${o}u) {
    let r = e / ${r}u;
    let c = e % ${r}u;
    ${v("r","c")}
  }`,k=t.rope?be(t.rope,p,"base","c","P.qTab + b * P.qTabB + pos"):"",x=t.rope?be(t.rope,g,"base","c","P.kTab + b * P.kTabB + key"):"",R=Q(s,(m,v)=>`let flat = row0 + ${m};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${p(`base + ${v}`)};
      ${k}
    }
    Qs[${m} * ${i}u + ${v}] = x * P.scale2;`),P=Q(n,(m,v)=>`let key = k0 + ${m};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${g(`base + ${v}`)};
      ${x}
    }
    Ks[${m} * ${i}u + ${v}] = x;`),E=Q(n,(m,v)=>`let key = k0 + ${m};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${I(`b * P.vB + kvh * P.vH + key * P.vS - P.vOff + ${v}`)};
    }
    ${d}[${m} * ${a}u + ${v}] = x;`),M=ue(e.tm),q=ue(e.tn),F=ue(e.om),_=ue(e.od4),J=M.flatMap(m=>q.map(v=>`var s${m}_${v} = 0.0;`)).join(" "),S=ue(r).map(m=>{let v=M.map(H=>`let q${H} = Qs[qr${H} + ${m}u];`).join(" "),O=q.map(H=>`let k${H} = Ks[kr${H} + ${m}u];`).join(" "),T=M.flatMap(H=>q.map(X=>`s${H}_${X} += dot(q${H}, k${X});`)).join(" ");return`{ ${v} ${O} ${T} }`}).join(`
      `),C=M.flatMap(m=>q.map(v=>{let O=t.alibi?` - sl${m} * f32(abs(qp${m} - i32(key${v})))`:"";return`s${m}_${v} = select(${ee}, s${m}_${v}${O}, ok${m} && key${v} < P.sk && (P.causal == 0u || i32(key${v}) <= qp${m}));`})).join(`
      `),b=M.map(m=>`Mx[(tr * ${e.tm}u + ${m}u) * ${A}u + tc] = max(${q.map(v=>`s${m}_${v}`).reduce((v,O)=>`max(${v}, ${O})`)}, ${ee});`).join(`
      `),B=(m,v)=>`let ${v} = ${ue(A).map(O=>`Mx[${m} * ${A}u + ${O}u]`).reduce((O,T)=>`max(${O}, ${T})`)};`,y=M.map(m=>{let v=`(tr * ${e.tm}u + ${m}u)`,O=q.map(T=>`let p${T} = select(0.0, exp2(s${m}_${T} - tmax), s${m}_${T} > ${ee/2});
        Ps[${v} * ${c}u + tc + ${T*A}u] = p${T};`).join(`
        `);return`{
        ${B(v,"tmax")}
        ${O}
        Sm[${v} * ${A}u + tc] = ${q.map(T=>`p${T}`).join(" + ")};
      }`}).join(`
      `),D=F.flatMap(m=>_.map(v=>`var o${m}_${v} = vec4<f32>(0.0);`)).join(" "),G=F.map(m=>`var m${m} = ${ee}; var l${m} = 0.0;`).join(" "),K=F.map(m=>{let v=`orow${m}`;return`{
        ${B(v,"tmax")}
        let tsum = ${ue(A).map(O=>`Sm[${v} * ${A}u + ${O}u]`).join(" + ")};
        let mnew = max(m${m}, tmax);
        let alpha = exp2(m${m} - mnew);
        beta${m} = exp2(tmax - mnew);
        l${m} = l${m} * alpha + tsum * beta${m};
        m${m} = mnew;
        ${_.map(O=>`o${m}_${O} *= alpha;`).join(" ")}
      }`}).join(`
      `),W=ue(n).map(m=>{let v=F.map(H=>`let p${H} = Ps[orow${H} * ${c}u + ${m}u] * beta${H};`).join(" "),O=_.map(H=>`let v${H} = ${d}[${m*a}u + oc + ${H*l}u];`).join(" "),T=F.flatMap(H=>_.map(X=>`o${H}_${X} += p${H} * v${X};`)).join(" ");return`{ ${v} ${O} ${T} }`}).join(`
      `),Y=F.map(m=>`{
    let flat = row0 + orow${m};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = select(0.0, 1.0 / l${m}, l${m} > 0.0);
      ${_.map(v=>h.o==="f32"?`O[base + ${v*l}u] = o${m}_${v} * inv;`:`O[base + ${v*l}u] = vec4<f16>(o${m}_${v} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),z=M.map(m=>`let flat${m} = row0 + tr * ${e.tm}u + ${m}u;
  let pos${m} = flat${m} / P.group;
  let ok${m} = pos${m} < P.sq;
  let qp${m} = i32(pos${m}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${m} = SL[kvh * P.group + flat${m} % P.group];`:""}`).join(`
  `);return`// ${rt(t)}
${$?"enable f16;":""}
struct Params {
${w}
}
@group(0) @binding(${f("params")}) var<uniform> P: Params;
@group(0) @binding(${f("q")}) var<storage, read> Q: array<vec4<${h.q}>>;
@group(0) @binding(${f("k")}) var<storage, read> K: array<vec4<${h.k}>>;
@group(0) @binding(${f("v")}) var<storage, read> V: array<vec4<${h.v}>>;
@group(0) @binding(${f("o")}) var<storage, read_write> O: array<vec4<${h.o}>>;
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

  ${R}

  let tr = lid / ${A}u;
  let tc = lid % ${A}u;
  ${M.map(m=>`let qr${m} = (tr * ${e.tm}u + ${m}u) * ${i}u;`).join(" ")}
  ${q.map(m=>`let kr${m} = (tc + ${m*A}u) * ${i}u;`).join(" ")}
  ${z}
  let orr = lid / ${l}u;
  let oc = lid % ${l}u;
  ${F.map(m=>`let orow${m} = orr * ${e.om}u + ${m}u;`).join(" ")}
  ${D}
  ${G}
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
    ${P}
    ${e.sharedKV?"":E}
    workgroupBarrier();
    {
      ${J}
      ${S}
      ${q.map(m=>`let key${m} = k0 + tc + ${m*A}u;`).join(" ")}
      ${C}
      ${b}
      workgroupBarrier();
      ${y}
    }
    ${e.sharedKV?E:""}
    workgroupBarrier();
    {
      ${K}
      ${W}
    }
    workgroupBarrier();
  }

  ${Y}
}
`}function ie(t,e,r,o=4){let s=Math.max(16,r.minStorageBufferOffsetAlignment),n=Math.floor(t*o/s)*s,i=Math.max(4,Math.ceil((e*o-n)/4)*4);return{offset:n,size:i,base:n/o}}function re(t,e){return t.size<=e.maxStorageBufferBindingSize}function le(t,e,r,o){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!r(n,1))throw o(n);let a=1,c=i;if(r(n,c))a=c;else for(;c-a>1;){let A=Math.floor((a+c)/2);r(n,A)?a=A:c=A}s.push([n,a]),n+=a}return s}function ae(t,e){let r=e.maxComputeWorkgroupsPerDimension;if(t<=r)return[Math.max(1,t),1];let o=Math.ceil(t/r);if(o>r)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${r} x ${r}, the device's 2-D grid limit`);return[Math.ceil(t/o),o]}function he(t,e){let r=e.maxComputeWorkgroupsPerDimension;return r*r*t}var Sr=32*1024*1024,qr=1024;function Dr(t,e){return`rope-table|${e}|${t.attentionFactor}|${Array.from(t.invFreq).join(",")}`}function Ot(t,e,r){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${r} bytes; rotate in smaller batches`)}function de(t,e,r,o){let s=e.invFreq.length*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize);if(o.every(u=>u.positions.kind==="range")){let u=o.map(I=>I.positions.start),f=Math.min(...u),d=Math.max(...o.map((I,$)=>u[$]+I.seq)),h=qr;for(;h<d;)h*=2;if(h*s<=Math.min(Sr,n)){let I=Dr(e,r),$=t.cached(I,()=>null);if(!$||$.rows<d){let w=De(e,{start:0,count:h},r);$={rows:h,buffer:t.upload(w,"rope table")},t.setCached(I,$)}return{buffer:$.buffer,temp:!1,sides:u.map(w=>({tab:w,tabB:0}))}}let p=Math.max(1,d-f);if(p*s>n)throw Ot(p,p*s,n);let g=De(e,{start:f,count:p},r);return{buffer:t.upload(g,"rope table"),temp:!0,sides:u.map(I=>({tab:I-f,tabB:0}))}}let i=[],a=[],c=0;for(let u of o){let f=u.positions,d=f.kind==="list"?f.list:Float64Array.from({length:u.seq},(h,p)=>f.start+p);a.push({tab:c,tabB:f.kind==="list"&&f.perBatch?u.seq:0}),i.push(d),c+=d.length}let A=new Float64Array(Math.max(1,c)),l=0;for(let u of i)A.set(u,l),l+=u.length;if(A.length*s>n)throw Ot(A.length,A.length*s,n);return{buffer:t.upload(De(e,A,r),"rope table"),temp:!0,sides:a}}function Tt(t,e,r=Pe){let o=Dt(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!o)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:Ve}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:o,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:r}}function Ht(t,e){return t.pipeline(rt(e),()=>Mt(e))}function Ft(t,e,r){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${r} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function jt(t,e,r,o,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:A,headDim:l}=e,u={dispatches:[],temps:[]};if(n===0||c===0||A===0)return u;let f=t.limits,d=e.qStrides,h=e.kStrides,p=n*i,g=r.elements??Pe,I=S=>S==="f16"?2:4,$=(S,C,b=I(g.q))=>{let[B,y]=[Math.floor(S/i),S%i],D=S+C-1,[G,K]=[Math.floor(D/i),D%i],W=B*d.batch+y*a*d.heads,Y=G*d.batch+(K*a+a-1)*d.heads+(c-1)*d.seq+l;return ie(W,Y,f,b)},w=(S,C)=>$(S,C,I(g.o)),Q=(S,C,b=I(g.k))=>{let B=S+C-1,y=Math.floor(S/i)*h.batch+S%i*h.heads,D=Math.floor(B/i)*h.batch+B%i*h.heads+(A-1)*h.seq+l;return ie(y,D,f,b)},k=(S,C)=>Q(S,C,I(g.v)),x=(S,C)=>(I(g.q)>=I(g.o)?$:w)(S,C),R=(S,C)=>(I(g.k)>=I(g.v)?Q:k)(S,C),P=le(p,f.maxComputeWorkgroupsPerDimension,(S,C)=>re(x(S,C),f)&&re(R(S,C),f),S=>{let C=x(S,1);return re(C,f)?Ft("k and v",R(S,1).size,f.maxStorageBufferBindingSize):Ft("q and the output",C.size,f.maxStorageBufferBindingSize)}),E=null;e.rope&&(E=de(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:A}]),E.temp&&u.temps.push(E.buffer));let M=null;e.alibi&&(M=t.upload(e.alibi.map(S=>S*Math.LOG2E),"alibi slopes"),u.temps.push(M));let q=r.tiles,F=Math.ceil(c*a/q.br),_=f.maxComputeWorkgroupsPerDimension,J=tt(r);for(let[S,C]of P){let b=$(S,C),B=Q(S,C),y=k(S,C),D=w(S,C);for(let G=0;G<F;G+=_){let K={sq:c,sk:A,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:F,tileBase:G,unitBase:S,qB:d.batch/4,qH:d.heads/4,qS:d.seq/4,qOff:b.base/4,kB:h.batch/4,kH:h.heads/4,kS:h.seq/4,kOff:B.base/4,vB:h.batch/4,vH:h.heads/4,vS:h.seq/4,vOff:y.base/4,oB:d.batch/4,oH:d.heads/4,oS:d.seq/4,oOff:D.base/4,qTab:E?.sides[0]?.tab??0,qTabB:E?.sides[0]?.tabB??0,kTab:E?.sides[1]?.tab??0,kTabB:E?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},W=t.uniform(oe(et,K,["scale2"]),"flash params");u.temps.push(W);let Y={params:{buffer:W},q:{buffer:s.q,offset:b.offset,size:b.size},k:{buffer:s.k,offset:B.offset,size:B.size},v:{buffer:s.v,offset:y.offset,size:y.size},o:{buffer:s.o,offset:D.offset,size:D.size}};E&&(Y.table={buffer:E.buffer}),M&&(Y.slopes={buffer:M});let z=t.device.createBindGroup({layout:o.getBindGroupLayout(0),entries:J.map((v,O)=>({binding:O,resource:Y[v]}))}),[m]=ae(Math.min(_,F-G),f);u.dispatches.push({pipeline:o,bindGroup:z,grid:[m,C,1]})}}return u}var Rr=256,Mr=8;function Or(t){let e=t.kp*t.ku*t.rb,r=t.lr*(e+1),o=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(r+e+o+s)}function Gt(t,e,r,o=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let f of[1,2,3,4])if(s%f===0&&s/f<=32){n=f;break}let i=s/n,a=Math.min(r==="T16"?64:128,o);if(i>o)return;let c=Math.max(1,Math.floor(a/i)),A=c*i,l=Ce[r],u=Math.max(1,Math.min(e,Math.floor(Mr/n)));for(let f=u;f>=1;f--)for(let d=Math.max(1,Math.floor(i/f));d>=1;d--){let h={headDim:t,c:n,lr:i,kp:c,ku:d,rb:f},p=Or(h);if(p<=l)return{...h,workgroup:A,bytes:p}}}function Lt(t,e,r,o){let s=Math.ceil(r/Math.max(1,e)),n=Math.ceil(t/Rr);return ot(t,Math.max(1,Math.min(s,n,o)))}function ot(t,e){let r=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/r)),keysPerSplit:r}}var st=["sq","group","rows","kvHeads","len","nsplit","keysPerSplit","unitBase","chunkBase","lmax4","direct","statsOff","qB","qH","qS","qOff","oB","oH","oS","oOff","tab","tabB","pad0","scale2"],nt=["items","nsplit","rows","group","kvHeads","unitBase","statsOff","gridX","oB","oH","oS","oOff"],xe=64;function it(t){let e=["params","q","k","v","o","w"];return t.rope&&e.push("table"),t.alibi&&e.push("slopes"),e}function at(t){let e=t.tiles,r=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",o=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${r}:alibi=${t.alibi}:${o.q}${o.kv}${o.o}`}function ct(t,e){return`decode-merge:d${t}:${e}`}function pe(t){return Array.from({length:t},(e,r)=>r)}function Oe(t){return t.length===0?"0.0":t.join(" + ")}function _t(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function zt(t){let e=t.tiles,{c:r,lr:o,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,A=s*n*i,l=A+1,u=s*n,f=t.elements,d=it(t),h=b=>d.indexOf(b),p=se("Q",f.q),g=se("K",f.kv),I=se("V",f.kv),$=[f.q,f.kv,f.o].includes("f16"),w=pe(i),Q=pe(r),k=pe(n),x=st.map(b=>`  ${b}: ${b==="scale2"?"f32":"u32"},`).join(`
`),R=t.rope?be(t.rope,p,"base","cc","P.tab + b * P.tabB + t"):"",P=w.map(b=>`${Q.map(B=>`var q${b}_${B} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${b}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${Q.map(B=>`{
        let cc = lr + ${B*o}u;
        var x = ${p("base + cc")};
        ${R}
        q${b}_${B} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),E=w.map(b=>`var m${b} = ${ee}; var l${b} = 0.0; ${Q.map(B=>`var a${b}_${B} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),M=k.map(b=>{let B=w.map(y=>`Red[lr * ${l}u + kp * ${i}u + ${b*s*i+y}u] = ${Oe(Q.map(D=>`dot(q${y}_${D}, k${b}_${D})`))};`).join(`
      `);return`let kr${b} = kvBase + min(k0 + ${b*s}u + kp, kEnd - 1u) * ${c}u;
      ${Q.map(y=>`let k${b}_${y} = ${g(`kr${b} + ${y*o}u`)};`).join(" ")}
      ${Q.map(y=>`let v${b}_${y} = ${I(`kr${b} + ${y*o}u`)};`).join(" ")}
      ${B}`}).join(`
      `),q=t.alibi?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          s -= SL[h] * f32(i32(qp) - i32(key));`:"",F=pe(Math.ceil(A/a)).map(b=>{let B=(b+1)*a>A;return`{
        let i = lid + ${b*a}u;
        ${B?`if (i < ${A}u) {`:"{"}
          var s = ${Oe(pe(o).map(y=>`Red[${y*l}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${q}
          Sc[i] = select(${ee}, s, key < kEnd && f < P.rows && key <= qp);
        }
      }`}).join(`
      `),_=w.map(b=>{let B=k.map(y=>`s${y}`);return`{
        ${k.map(y=>`let s${y} = Sc[kp * ${i}u + ${y*s*i+b}u];`).join(" ")}
        let mx = max(m${b}, ${B.reduce((y,D)=>`max(${y}, ${D})`)});
        let alpha = exp2(m${b} - mx);
        ${k.map(y=>`let p${y} = select(0.0, exp2(s${y} - mx), s${y} > ${ee/2});`).join(" ")}
        l${b} = l${b} * alpha + ${Oe(k.map(y=>`p${y}`))};
        m${b} = mx;
        ${Q.map(y=>`a${b}_${y} = a${b}_${y} * alpha + ${Oe(k.map(D=>`p${D} * v${D}_${y}`))};`).join(`
        `)}
      }`}).join(`
      `),J=w.map(b=>`{
    let mr = ${pe(s).map(B=>`Mk[${B*i+b}u]`).reduce((B,y)=>`max(${B}, ${y})`)};
    let g = exp2(m${b} - mr);
    l${b} *= g;
    ${Q.map(B=>`a${b}_${B} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${b}u] = mr;
    }
  }`).join(`
  `),S=pe(s).map(b=>`if (kp == ${b}u) {
    ${w.flatMap(B=>Q.map(y=>{let D=`${B*c}u + lr + ${y*o}u`;return b===0?`X[${D}] = a${B}_${y};`:`X[${D}] += a${B}_${y};`})).join(`
    `)}
    if (lr == 0u) {
      ${w.map(B=>b===0?`Ls[${B}u] = l${B};`:`Ls[${B}u] += l${B};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),C=pe(Math.ceil(i*c/a)).map(b=>{let B=(b+1)*a>i*c;return`{
    let e = lid + ${b*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${B?`e < ${i*c}u && `:""}f < P.rows) {
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
  `);return`// ${at(t)}
${$?"enable f16;":""}
struct Params {
${x}
}
@group(0) @binding(${h("params")}) var<uniform> P: Params;
@group(0) @binding(${h("q")}) var<storage, read> Q: array<vec4<${f.q}>>;
@group(0) @binding(${h("k")}) var<storage, read> K: array<vec4<${f.kv}>>;
@group(0) @binding(${h("v")}) var<storage, read> V: array<vec4<${f.kv}>>;
@group(0) @binding(${h("o")}) var<storage, read_write> O: array<vec4<${f.o}>>;
@group(0) @binding(${h("w")}) var<storage, read_write> W: array<vec4<f32>>;
${t.rope?`@group(0) @binding(${h("table")}) var<storage, read> T: array<vec2<f32>>;`:""}
${t.alibi?`@group(0) @binding(${h("slopes")}) var<storage, read> SL: array<f32>;`:""}

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

  ${P}
  ${E}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${u}u) {
      ${M}
    workgroupBarrier();
      ${F}
    workgroupBarrier();
      ${_}
  }

  if (lr == 0u) {
    ${w.map(b=>`Mk[kp * ${i}u + ${b}u] = m${b};`).join(" ")}
  }
  workgroupBarrier();
  ${J}
  ${S}
  ${C}
}
`}function Ut(t,e){let r=t/4,o=nt.map(s=>`  ${s}: u32,`).join(`
`);return`// ${ct(t,e)}
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${_t(e,"acc * select(0.0, 1.0 / total, total > 0.0)")};
}
`}function Wt(t,e,r){let o=e.group*e.qSeq,s=Gt(e.headDim,o,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:r}}function At(t,e){let r=e.tiles.headDim,o=e.elements.o;return Promise.all([t.pipeline(at(e),()=>zt(e)),t.pipeline(ct(r,o),()=>Ut(r,o))])}function Kt(t,e,r,o,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let a=Math.min(o,n);if(e.splits>a)throw new RangeError(`Invalid splits: expected at most ${a} (the cache length ${o}${n<o?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return ot(o,e.splits)}let i=Math.ceil(e.group*e.qSeq/r.tiles.rb);return Lt(o,e.batch*e.kvHeads*i,s,n)}function ft(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function Yt(t,e,r,o,s,n,i){let a={dispatches:[],temps:[]},[c,A]=o,l=t.limits,{kvHeads:u,group:f,qSeq:d,headDim:h}=e,p=h/4,g=f*d,I=r.tiles,$=Math.ceil(g/I.rb),{splits:w,keysPerSplit:Q}=n,k=w===1,x=e.qStrides,R=r.elements.q==="f16"?2:4,P=r.elements.o==="f16"?2:4,E=(C,b,B)=>{let y=(W,Y)=>Math.floor(W/u)*x.batch+Y*x.heads,D=C+b-1,G=y(C,C%u*f),K=y(D,D%u*f+f-1)+(d-1)*x.seq+h;return ie(G,K,l,B)},M=C=>C*g*w*(p+1)*16,q=null;e.rope&&(q=de(t,e.rope.frequencies,e.rope.angles,[{positions:ft(e,s.length),seq:d}]),q.temp&&a.temps.push(q.buffer));let F=null;e.alibi&&(F=t.upload(e.alibi.map(C=>C*Math.LOG2E),"alibi slopes"),a.temps.push(F));let _=l.maxComputeWorkgroupsPerDimension,J=it(r),S=Math.max(1,Math.floor(he(xe,l)/(g*p)));for(let C of s.chunks){let b=le(C.n,Math.min(_,S),(B,y)=>re(E(C.u0+B,y,R),l)&&re(E(C.u0+B,y,P),l)&&(k||M(y)<=l.maxStorageBufferBindingSize),B=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${E(C.u0+B,1,Math.max(R,P)).size} bytes or their ${w} partial outputs ${M(1)} bytes, more than maxStorageBufferBindingSize (${l.maxStorageBufferBindingSize} bytes)`));for(let[B,y]of b){let D=C.u0+B,G=E(D,y,R),K=E(D,y,P),W=y*g*w*p,Y=t.dummy();k||(Y=t.buffer(M(y),"decode partials"),a.temps.push(Y));let z={sq:d,group:f,rows:g,kvHeads:u,len:s.length,nsplit:w,keysPerSplit:Q,unitBase:D,chunkBase:C.u0,lmax4:s.maxLength*p,direct:k?1:0,statsOff:W,qB:x.batch/4,qH:x.heads/4,qS:x.seq/4,qOff:G.base/4,oB:x.batch/4,oH:x.heads/4,oS:x.seq/4,oOff:K.base/4,tab:q?.sides[0]?.tab??0,tabB:q?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E},m=t.uniform(oe(st,z,["scale2"]),"decode params");a.temps.push(m);let v={params:{buffer:m},q:{buffer:i.q,offset:G.offset,size:G.size},k:{buffer:C.k},v:{buffer:C.v},o:{buffer:i.o,offset:K.offset,size:K.size},w:{buffer:Y}};if(q&&(v.table={buffer:q.buffer}),F&&(v.slopes={buffer:F}),a.dispatches.push({pipeline:c,bindGroup:t.device.createBindGroup({layout:c.getBindGroupLayout(0),entries:J.map((br,wr)=>({binding:wr,resource:v[br]}))}),grid:[w,y,$]}),k)continue;let O=y*g*p,[T,H]=ae(Math.ceil(O/xe),l),X=t.uniform(oe(nt,{items:O,nsplit:w,rows:g,group:f,kvHeads:u,unitBase:D,statsOff:W,gridX:T,oB:x.batch/4,oH:x.heads/4,oS:x.seq/4,oOff:K.base/4}),"decode merge params");a.temps.push(X),a.dispatches.push({pipeline:A,bindGroup:t.device.createBindGroup({layout:A.getBindGroupLayout(0),entries:[{binding:0,resource:{buffer:X}},{binding:1,resource:{buffer:Y}},{binding:2,resource:{buffer:i.o,offset:K.offset,size:K.size}}]}),grid:[T,H,1]})}}return a}var Nt=new Float32Array(1),Fr=new Uint32Array(Nt.buffer);function Tr(t){Nt[0]=t;let e=Fr[0],r=e>>>16&32768,o=e>>>23&255,s=e&8388607;if(o===255)return r|31744|(s!==0?512:0);let n=o-112;if(n>=31)return r|31744;if(n<=0){if(n<-10)return r;s|=8388608;let c=14-n,A=s>>>c,l=s&(1<<c)-1,u=1<<c-1;return(l>u||l===u&&(A&1)===1)&&A++,r|A}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,r|i}function Jt(t){let e=(t&32768)!==0?-1:1,r=t>>>10&31,o=t&1023;return r===0?e*o*2**-24:r===31?o!==0?NaN:e*(1/0):e*(1+o/1024)*2**(r-15)}function ut(t){let e=new Uint16Array(t.length+t.length%2);for(let r=0;r<t.length;r++)e[r]=Tr(t[r]);return e}function Fe(t,e=t.length){let r=new Float32Array(e);for(let o=0;o<e;o++)r[o]=Jt(t[o]);return r}var ne=64;function Xt(){return Float32Array.from({length:ne},(t,e)=>(e-31)*.125)}var Hr=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${ne/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function jr(t,e){let r=Xt();for(let o=0;o<ne;o++){let s=r[o]*3+.25,n=t[o],i=e[o]===void 0?void 0:Jt(e[o]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${o} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${ne} values was exact`}}async function Vt(t){let n=[],i=(a,c)=>{let A=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(A),A};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:Hr,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),A=i(ne*2,136),l=i(ne*4,132),u=i(ne*2,132),f=i(ne*4,9),d=i(ne*2,9),h=ut(Xt());t.queue.writeBuffer(A,0,h.buffer,h.byteOffset,h.byteLength);let p=t.createCommandEncoder(),g=p.beginComputePass();g.setPipeline(c),g.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[A,l,u].map((Q,k)=>({binding:k,resource:{buffer:Q}}))})),g.dispatchWorkgroups(1),g.end(),p.copyBufferToBuffer(l,0,f,0,ne*4),p.copyBufferToBuffer(u,0,d,0,ne*2),t.queue.submit([p.finish()]),await Promise.all([f.mapAsync(1),d.mapAsync(1)]);let I=new Float32Array(f.getMappedRange().slice(0)),$=new Uint16Array(d.getMappedRange().slice(0)),w=await t.popErrorScope();return w?{available:!1,detail:`the shader-f16 self-test was rejected: ${w.message}`}:jr(I,$)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var Te=256,Zt=["items","pad0","kvHeads","unitBase","chunkBase","slot","lmax4","gridX","kB","kH","kS","kOff","vB","vH","vS","vOff","tab","tabB","tokBase","tokCount"];function er(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function Gr(t){let e=t.headDim/4,r=se("K",t.k),o=se("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=c=>t.cache==="f32"?c:`vec4<f16>(${c})`,i=Zt.map(c=>`  ${c}: u32,`).join(`
`),a=t.rope?be(t.rope,r,"base","c","P.tab + b * P.tabB + s"):"";return`// ${er(t)}
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
`}function tr(t,e){return t.pipeline(er(e),()=>Gr(e))}function rr(t,e,r,o,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,A=r.headDim,l=A/4;if(a===0)return i;let u=t.limits,f=r.k==="f16"?2:4,d=r.v==="f16"?2:4,h=(w,Q,k)=>{let x=w+Q-1,R=P=>Math.floor(P/e.kvHeads)*c.batch+P%e.kvHeads*c.heads;return ie(R(w),R(x)+(a-1)*c.seq+A,u,k)},p=null;e.rope&&(p=de(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),p.temp&&i.temps.push(p.buffer));let g=he(Te,u),I=Math.min(a,Math.max(1,Math.floor(g/l))),$=Math.max(1,Math.floor(g/(I*l)));for(let w of n){let Q=le(w.n,$,(k,x)=>re(h(w.u0+k,x,f),u)&&re(h(w.u0+k,x,d),u),k=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${h(w.u0+k,1,Math.max(f,d)).size} bytes, more than maxStorageBufferBindingSize (${u.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[k,x]of Q)for(let R=0;R<a;R+=I){let P=Math.min(I,a-R),E=w.u0+k,M=h(E,x,f),q=h(E,x,d),F=x*P*l,[_,J]=ae(Math.ceil(F/Te),u),S={items:F,n:a,kvHeads:e.kvHeads,unitBase:E,chunkBase:w.u0,slot:e.slot,lmax4:e.maxLength*l,gridX:_,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:M.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:q.base/4,tab:p?.sides[0]?.tab??0,tabB:p?.sides[0]?.tabB??0,tokBase:R,tokCount:P},C=t.uniform(oe(Zt,S),"kv append params");i.temps.push(C);let b=[{binding:0,resource:{buffer:C}},{binding:1,resource:{buffer:s.k,offset:M.offset,size:M.size}},{binding:2,resource:{buffer:s.v,offset:q.offset,size:q.size}},{binding:3,resource:{buffer:w.k}},{binding:4,resource:{buffer:w.v}}];p&&b.push({binding:5,resource:{buffer:p.buffer}});let B=t.device.createBindGroup({layout:o.getBindGroupLayout(0),entries:b});i.dispatches.push({pipeline:o,bindGroup:B,grid:[_,J,1]})}}return i}var nr="This KvCache cannot be used: it was destroyed",ir="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",Lr=512,or=4;function lt(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${j(e)}`)}function ye(t,e,r){let o=N(t,e??"f32",{allowed:["f32","f16","auto"]});if(o==="auto")return r.available?"f16":"f32";if(o==="f16"&&!r.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${r.detail}); use "f32", or "auto" to fall back to float32`);return o}function ht(t){lt("options",t);let e=V("batch",t.batch,{min:1}),r=V("kvHeads",t.kvHeads,{min:1}),o=V("headDim",t.headDim,{min:4,max:Lr});if(o%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${o}`);let s=V("maxLength",t.maxLength,{min:1});return{batch:e,kvHeads:r,headDim:o,maxLength:s}}function ar(t,e,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${j(e)}`);let o=Be(`${t}.frequencies`,e.frequencies),s=2*o.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==s)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${s} (2 x the ${o.invFreq.length} frequencies), got ${j(e.rotaryDim)}`);if(s>r)throw new RangeError(`Invalid ${t}.frequencies: rotary dim ${s} (2 x ${o.invFreq.length} frequencies) exceeds the head dim ${r}`);let n=N(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),i=N(`${t}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),a=`${n}|${i}|${o.attentionFactor}|${Array.from(o.invFreq).join(",")}`;return{frequencies:o,pairing:n,rotaryDim:s,angles:i,fingerprint:a}}function sr(t,e,r,o){let s=Ae(t,e,r);if(s.batch!==o.batch)throw new RangeError(`Invalid ${t}: expected batch ${o.batch} (as the cache), got ${s.batch}`);if(s.heads!==o.kvHeads)throw new RangeError(`Invalid ${t}: expected ${o.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==o.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${o.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function He(t,e,r,o){lt("options",o);let s=N("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=sr("k",e,s,t),i=sr("v",r,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(o.rope!==void 0){let c=ar("rope",o.rope,t.headDim),A=o.rope.positions===void 0?null:ve("rope.positions",o.rope.positions,n.seq,t.batch,c.angles==="float32");a={...c,positions:A}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function cr(t,e,r){if(e+r.n>t.maxLength)throw new RangeError(`Cannot append ${r.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(r.rope&&!r.rope.positions&&r.rope.angles==="float32"){let o=e+r.n-1;if(o>fe)throw new RangeError(`Invalid rope: the last key would sit at position ${o}, above ${fe} (the largest position with angles "float32")`)}}function dt(t,e,r){lt("options",r);let o=N("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=Ae("q",e,o);if(s.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${s.batch}`);if(s.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${s.headDim}`);if(s.heads<1||s.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${s.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(s.seq<1||s.seq>or)throw new RangeError(`Invalid q: expected 1 to ${or} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${s.seq}`);let n=r.scale===void 0?1/Math.sqrt(s.headDim):ge("scale",r.scale),i=Ye(r.alibiSlopes,s.heads),a=null;if(r.rope!==void 0){let A=ar("rope",r.rope,t.headDim),l=r.queryPositions===void 0?null:ve("queryPositions",r.queryPositions,s.seq,s.batch,A.angles==="float32");a={...A,queryPositions:l}}else if(r.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let c=r.splits===void 0?void 0:V("splits",r.splits,{min:1});return{layout:o,batch:s.batch,heads:s.heads,kvHeads:t.kvHeads,group:s.heads/t.kvHeads,qSeq:s.seq,headDim:s.headDim,qShape:[...e.shape],qStrides:s.strides,scale:n,rope:a,alibi:i,splits:c}}function pt(t,e,r){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(r.keyRope&&r.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(r.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(t.rope.angles==="float32"&&e-1>fe)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${fe} (the largest position with angles "float32")`)}}}function Ar(t,e){let r=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==r)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:r,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var gt=Object.freeze({keyRope:void 0,explicitPositions:!1});var ke=class{owner;batch;kvHeads;headDim;maxLength;#e;#t=0;#r=gt;#o=!1;constructor(e,r,o){this.owner=e,this.#e=r,this.batch=o.batch,this.kvHeads=o.kvHeads,this.headDim=o.headDim,this.maxLength=o.maxLength}get length(){return this.#t}get destroyed(){return this.#o||!this.#e()}get ropeState(){return this.#r}live(){if(this.#o)throw new Error(nr);if(!this.#e())throw new Error(ir)}reserve(e){cr(this,this.#t,e);let r=Ar(this.#r,e),o=this.#t;return{slot:o,commit:()=>{this.#t=o+e.n,this.#r=r}}}clear(){this.#t=0,this.#r=gt}markDestroyed(){return this.#o?!1:(this.#o=!0,!0)}};var L=class{shape;dtype;owner;#e;#t;#r;#o=!1;constructor(e,r,o,s,n="float32"){this.owner=e,this.dtype=n,this.#r=s,this.shape=Object.freeze([...r]),this.#e=o instanceof Float32Array?null:o,this.#t=o instanceof Float32Array?o:null}get buffer(){return this.#e}get destroyed(){return this.#o||!this.#r()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#t}}destroy(){this.#o||(this.#o=!0,this.#e?.destroy())}};function U(t,e,r){if(e instanceof L){if(e.owner!==r)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let o=e;if(o===null||typeof o!="object"||!("data"in o))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${j(e)}`);return te(t,e)}var je=class{#e=Promise.resolve();run(e,r){let o=this.#e,s,n=new Promise(i=>s=i);return this.#e=o.then(()=>n),(async()=>{try{let i=await e();return await o,await r(i)}finally{s()}})()}};function we(t){return t instanceof L&&t.dtype==="float16"?"f16":"f32"}function mt(t,e,r){if(!(t instanceof r))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var _r="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",Qe=class t extends ke{precision;chunks;#e;#t=new je;#r=0;constructor(e,r,o,s,n,i){super(r,o,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,r,o,s,n){let i=n==="f16"?2:4,a=s.maxLength*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c)throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of maxLength ${s.maxLength} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller maxLength, precision "f16", or several caches`);let A=s.batch*s.kvHeads,l=Math.floor(c/a),u=2*A*a,f=[];return await e.guarded(`allocating the KV cache (${u} bytes)`,()=>{for(let d=0;d<A;d+=l){let h=Math.min(l,A-d);f.push({u0:d,n:h,k:e.buffer(h*a,"kv cache keys"),v:e.buffer(h*a,"kv cache values")})}}).catch(d=>{for(let h of f)h.k.destroy(),h.v.destroy();throw d}),new t(e,r,o,s,n,f)}view(){return{batch:this.batch,kvHeads:this.kvHeads,maxLength:this.maxLength,length:this.length,chunks:this.chunks}}schedule(e,r,o){let s=this.#r;return this.#t.run(r,n=>{if(this.live(),s!==this.#r)throw new Error(`This ${e} ${_r}`);return o(n)})}append(e,r,o={}){try{this.live();let s=this.#e,n=U("k",e,this.owner),i=U("v",r,this.owner),a=He(this,n,i,o),c={headDim:this.headDim,rope:a.rope?{pairing:a.rope.pairing,rotaryDim:a.rope.rotaryDim}:null,k:we(n),v:we(i),cache:this.precision};return this.schedule("append",()=>tr(s,c),async A=>{U("k",e,this.owner),U("v",r,this.owner);let{slot:l,commit:u}=this.reserve(a);a.n!==0&&(await s.guarded("the KV-cache append",()=>{let f=[],d=(g,I)=>{if(g instanceof L)return g.buffer;let $=s.upload(g.data,I);return f.push($),$},h={k:d(n,"k"),v:d(i,"v")},p={kvHeads:this.kvHeads,maxLength:this.maxLength,n:a.n,slot:l,strides:a.strides,rope:a.rope?{frequencies:a.rope.frequencies,angles:a.rope.angles,positions:a.rope.positions??{kind:"range",start:l}}:null};try{let g=rr(s,p,c,A,h,this.chunks);g.temps.push(...f),s.submit(g)}catch(g){for(let I of f)I.destroy();throw g}}),u())})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,r=this.headDim,o=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let l=this.length,u=l*r*o;if(l===0)return{length:l,target:null,bytes:0};let f=[];for(let h of["k","v"])for(let p of this.chunks)for(let g=0;g<p.n;g++){let I=g*this.maxLength*r*o;f.push({buffer:p[h],offset:I,size:u})}let d=await e.guarded("the KV-cache download",()=>e.gather(f));return{length:l,target:d,bytes:2*s*u}}),i=Object.freeze([this.batch,this.kvHeads,n.length,r]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,A=l=>this.precision==="f16"?Fe(new Uint16Array(l)):new Float32Array(l);return{k:{shape:i,data:A(a.slice(0,c))},v:{shape:i,data:A(a.slice(c))}}}reset(){this.live(),this.#r++,this.clear()}destroy(){if(this.markDestroyed()){this.#r++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var Se=class extends ke{precision="f32";#e;#t;constructor(e,r,o){super(e,r,o);let s=o.batch*o.kvHeads*o.maxLength*o.headDim;this.#e=new Float32Array(s),this.#t=new Float32Array(s)}append(e,r,o={}){try{this.live();let s=U("k",e,this.owner),n=U("v",r,this.owner),i=He(this,s,n,o),{slot:a,commit:c}=this.reserve(i),A=fr(s);i.rope&&(A=Z(A,i.rope.frequencies,{layout:i.layout,pairing:i.rope.pairing,angles:i.rope.angles,positions:i.rope.positions??{kind:"range",start:a}}));let l=fr(n),u=this.headDim,f=i.strides;for(let d=0;d<this.batch;d++)for(let h=0;h<this.kvHeads;h++)for(let p=0;p<i.n;p++){let g=d*f.batch+h*f.heads+p*f.seq,I=((d*this.kvHeads+h)*this.maxLength+a+p)*u;this.#e.set(A.data.subarray(g,g+u),I),this.#t.set(l.data.subarray(g,g+u),I)}return c(),Promise.resolve()}catch(s){return Promise.reject(s)}}tensors(e){let{batch:r,kvHeads:o,headDim:s}=this,n=this.length,i=Object.freeze(e==="bhsd"?[r,o,n,s]:[r,n,o,s]),a=new Float32Array(r*o*n*s),c=new Float32Array(a.length);for(let A=0;A<r;A++)for(let l=0;l<o;l++)for(let u=0;u<n;u++){let f=((A*o+l)*this.maxLength+u)*s,d=e==="bhsd"?((A*o+l)*n+u)*s:((A*n+u)*o+l)*s;a.set(this.#e.subarray(f,f+s),d),c.set(this.#t.subarray(f,f+s),d)}return{k:{shape:i,data:a},v:{shape:i,data:c}}}download(){try{return this.live(),Promise.resolve(this.tensors("bhsd"))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function fr(t){return t instanceof L?t.host:t}var Ie=256,$e=64,lr=["rowBase","rows","sq","sk","heads","group","causal","alibi","qB","qH","qS","dim","kB","kH","kS","gridX","scale","pad0","pad1","pad2"];function bt(){return`struct Params {
${lr.map(e=>`  ${e}: ${e==="scale"?"f32":"u32"},`).join(`
`)}
}
@group(0) @binding(0) var<uniform> P: Params;
`}var ur=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function zr(t){return t==="scores"?`// naive:scores
${bt()}
@group(0) @binding(1) var<storage, read> Q: array<f32>;
@group(0) @binding(2) var<storage, read> K: array<f32>;
@group(0) @binding(3) var<storage, read> SL: array<f32>;
@group(0) @binding(4) var<storage, read_write> S: array<f32>;
${ur}
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
${bt()}
@group(0) @binding(1) var<storage, read_write> S: array<f32>;
var<workgroup> red: array<f32, ${$e}>;
@compute @workgroup_size(${$e})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${ee};
  for (var j = lid; j < P.sk; j += ${$e}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${$e/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${$e}u) {
    let s = S[base + j];
    sum += select(0.0, exp(s - m), s > ${ee/2});
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${$e/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = select(0.0, 1.0 / total, total > 0.0);
  for (var j = lid; j < P.sk; j += ${$e}u) {
    let s = S[base + j];
    S[base + j] = select(0.0, exp(s - m) * inv, s > ${ee/2});
  }
}
`:`// naive:pv
${bt()}
@group(0) @binding(1) var<storage, read> S: array<f32>;
@group(0) @binding(2) var<storage, read> V: array<f32>;
@group(0) @binding(3) var<storage, read_write> O: array<f32>;
${ur}
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
`}function hr(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>zr(e))))}function dr(t,e,r,o){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:A}=e,l=n*i*a;if(l===0||c===0)return s;let u=t.limits,f=u.maxStorageBufferBindingSize;for(let[P,E]of[["q",o.q],["k",o.k],["v",o.v]])if(E.size>f)throw new RangeError(`Cannot run the naive kernel: ${P} (${E.size} bytes) exceeds maxStorageBufferBindingSize (${f} bytes); it is a small-size baseline, use the flash kernel`);let d=c*4;if(d>f)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${f} bytes)`);let h=he(Ie,u),p=Math.max(1,Math.min(l,Math.floor(f/d),Math.floor(h/c),Math.floor(h/A),u.maxComputeWorkgroupsPerDimension**2)),g=t.buffer(p*d,"naive scores");s.temps.push(g);let I=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(I);let[$,w,Q]=r,k=e.qStrides,x=e.kStrides,R=(P,E,M)=>t.device.createBindGroup({layout:P.getBindGroupLayout(0),entries:[E,...M].map((q,F)=>({binding:F,resource:{buffer:q}}))});for(let P=0;P<l;P+=p){let E=Math.min(p,l-P),M={rowBase:P,rows:E,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:k.batch,qH:k.heads,qS:k.seq,dim:A,kB:x.batch,kH:x.heads,kS:x.seq,scale:e.scale},q=[[$,Math.ceil(E*c/Ie),[o.q,o.k,I,g]],[w,E,[g]],[Q,Math.ceil(E*A/Ie),[g,o.v,o.o]]];for(let[F,_,J]of q){let[S,C]=ae(_,u),b=t.uniform(oe(lr,{...M,gridX:S},["scale"]),"naive params");s.temps.push(b),s.dispatches.push({pipeline:F,bindGroup:R(F,b,J),grid:[S,C,1]})}}return s}var Ur=1<<23;function Wr(t,e){let r=t.batch*t.kvHeads,o=Math.min(e,r),s=[];for(let n=0;n<o;n++){let i=Math.floor(n*r/o),a=Math.floor((n+1)*r/o),c=[];for(let A=i;A<a;){let l=Math.floor(A/t.kvHeads),u=A%t.kvHeads,f=Math.min(t.kvHeads,u+(a-A));c.push({batch:l,kv0:u,kv1:f}),A+=f-u}s.push(c)}return s}function pr(t,e){let r=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return e>1&&t.batch*t.kvHeads>1&&r>=Ur}function wt(t,e,r,o,s,n,i){let a=new Float32Array((s-o)*n*i),c=0;for(let A=o;A<s;A++){let l=r*e.batch+A*e.heads;if(e.seq===i){a.set(t.subarray(l,l+n*i),c),c+=n*i;continue}for(let u=0;u<n;u++,c+=i){let f=l+u*e.seq;a.set(t.subarray(f,f+i),c)}}return a}function Kr(t,e,r){if(!t.rope)return[e,r];let{frequencies:o,pairing:s,angles:n,layout:i}={...t.rope,layout:t.layout};return[Z(e,o,{layout:i,pairing:s,angles:n,positions:t.rope.query}),Z(r,o,{layout:i,pairing:s,angles:n,positions:t.rope.key})]}function Yr(t,e,r,o,s){let{group:n,qSeq:i,kSeq:a,headDim:c}=t,{batch:A,kv0:l,kv1:u}=e;return{q:wt(r.data,t.qStrides,A,l*n,u*n,i,c),k:wt(o.data,t.kStrides,A,l,u,a,c),v:wt(s.data,t.kStrides,A,l,u,a,c),alibi:t.alibi?t.alibi.slice(l*n,u*n):null}}function Nr(t,e,r,o){let{group:s,qSeq:n,headDim:i,qStrides:a}=t,c=0;for(let A=e.kv0*s;A<e.kv1*s;A++){let l=e.batch*a.batch+A*a.heads;if(a.seq===i){o.set(r.subarray(c,c+n*i),l),c+=n*i;continue}for(let u=0;u<n;u++,c+=i)o.set(r.subarray(c,c+i),l+u*a.seq)}}function Jr(t){let e=[];for(let r of t)e.push(r.q.buffer,r.k.buffer,r.v.buffer),r.alibi&&e.push(r.alibi.buffer);return e}var $t=class{#e;#t=new Map;#r=null;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let r=e.data,o=this.#t.get(r.id);o&&(this.#t.delete(r.id),"error"in r?o.reject(new Error(`A CPU attention worker failed: ${r.error}`)):o.resolve(r.outputs))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#r}run(e){return this.#r?Promise.reject(new Error(this.#r)):new Promise((r,o)=>{this.#t.set(e.id,{resolve:r,reject:o}),this.#e.postMessage(e,Jr(e.pieces))})}fail(e){if(!this.#r){this.#r=e,this.#e.terminate();for(let r of this.#t.values())r.reject(new Error(e));this.#t.clear()}}},Ge=class{#e;#t=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,r,o,s){let[n,i]=Kr(e,r,o),a=new Float32Array(r.data.length),c=Object.freeze([...r.shape]),[A,...l]=Wr(e,this.#e.length+1),u={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale},f=l.map((d,h)=>{let p=this.#e[h];(!p||p.failure)&&(p=this.#e[h]=new $t);let g={id:this.#t++,...u,pieces:d.map(I=>Yr(e,I,n,i,s))};return p.run(g).then(I=>{d.forEach(($,w)=>Nr(e,$,I[w],a))})});return me({...e,rope:null},n,i,s,void 0,{ranges:A,into:a}),await Promise.all(f),{shape:c,data:a}}destroy(e){for(let r of this.#e)r?.fail(e);this.#e.fill(void 0)}};var Le=256,gr=["items","perRow","rh","interleaved","heads","seq","bshd","rowBase","xB","xH","xS","xOff","oB","oH","oS","oOff","tab","tabB","gridX","pad0"];function Xr(t){let e=gr.map(o=>`  ${o}: u32,`).join(`
`),r=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
struct Params {
${e}
}
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, ${t?"read_write":"read"}> X: array<f32>;
@group(0) @binding(2) var<storage, read> T: array<vec2<f32>>;
${t?"":"@group(0) @binding(3) var<storage, read_write> Y: array<f32>;"}

@compute @workgroup_size(${Le})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Le}u + lid;
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
`}function It(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>Xr(e))}function _e(t,e,r,o,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:A}=e,l=i*a*c;if(l===0||A===0)return n;let u=e.frequencies.invFreq.length,f=u+(s?A-2*u:0),d=t.limits,h=de(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);h.temp&&n.temps.push(h.buffer);let p=h.sides[0],g=e.layout==="bhsd"?{b:a*c*A,h:c*A,s:A}:{b:c*a*A,h:A,s:a*A},I=Math.max(1,Math.floor(he(Le,d)/Math.max(1,f))),$=le(l,I,(w,Q)=>re(ie(w*A,(w+Q)*A,d),d),()=>new RangeError(`Cannot rotate: one row of ${A} elements exceeds the device's maxStorageBufferBindingSize`));for(let[w,Q]of $){let k=ie(w*A,(w+Q)*A,d),x=Q*f,[R,P]=ae(Math.ceil(x/Le),d),E={items:x,perRow:f,rh:u,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:w,xB:g.b,xH:g.h,xS:g.s,xOff:k.base,oB:g.b,oH:g.h,oS:g.s,oOff:k.base,tab:p.tab,tabB:p.tabB,gridX:R},M=t.uniform(oe(gr,E),"rope params");n.temps.push(M);let q=[{binding:0,resource:{buffer:M}},{binding:1,resource:{buffer:o,offset:k.offset,size:k.size}},{binding:2,resource:{buffer:h.buffer}}];s&&q.push({binding:3,resource:{buffer:s,offset:k.offset,size:k.size}});let F=t.device.createBindGroup({layout:r.getBindGroupLayout(0),entries:q});n.dispatches.push({pipeline:r,bindGroup:F,grid:[R,P,1]})}return n}function qe(t,e){if(typeof e!="boolean")throw new TypeError(`Invalid ${t}: expected a boolean, got ${j(e)}`);return e}function ze(t){return V("iterations",t,{min:1})}function mr(t,e,r){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${j(r)}`);let o=N("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=Ae("x",t,o),n=Be("frequencies",e),i=2*n.invFreq.length;if(r.rotaryDim!==void 0&&r.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (2 x the ${n.invFreq.length} frequencies), got ${j(r.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (2 x ${n.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=N("pairing",r.pairing??"half",{allowed:["half","interleaved"]}),c=N("angles",r.angles??"float32",{allowed:["float32","float64"]}),A=kt("",r.positions,r.offset,s.seq,s.batch,c),l=qe("inPlace",r.inPlace??!1);return{call:{layout:o,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:A},inPlace:l}}function Ee(t){return t.reduce((e,r)=>e*r,1)}var Ue=class{info;#e;constructor(e,r){this.#e=e,this.info=Object.freeze(r)}#t(){let e=this.#e.failure;if(e)throw new Error(`This GpuAttention cannot be used: ${e}`);return this.#e}#r=()=>this.#e.failure===null;#o(e,r,o="f32"){return new L(this,e,r,this.#r,o==="f16"?"float16":"float32")}#s(e,r){return r==="f16"?ut(e):e}#n(e,r,o){return r==="f16"?Fe(new Uint16Array(e),o):new Float32Array(e)}#i(e,r,o,s="f32"){if(e instanceof L)return e.buffer;let n=this.#e.upload(this.#s(e.data,s),o);return r.push(n),n}#c(e,r,o,s){let n=ye("precision",s.precision,this.info.f16),i=a=>a instanceof L?we(a):n;return{q:i(e),k:i(r),v:i(o),o:i(e)}}#a(e){return e.map(([r,o])=>U(r,o,this))}async attention(e,r,o,s={}){let n=this.#t(),[i,a,c]=this.#a([["q",e],["k",r],["v",o]]),A=ce(i,a,c,s),l=this.#c(i,a,c,s),u=await this.#A(A,s,l);this.#t(),this.#a([["q",e],["k",r],["v",o]]);let f=Ee(A.qShape),d=f*(l.o==="f16"?2:4),h=n.buffer(d,"attention output"),p=i instanceof L,g=await n.guarded("the attention dispatch",()=>{let $=u(i,a,c,h),w=p?void 0:{source:h,bytes:d},Q=n.submit($,w);return p||h.destroy(),Q});if(p)return this.#o(A.qShape,h,l.o);let I=this.#n(await n.read(g,d),l.o,f);return{shape:Object.freeze([...A.qShape]),data:I}}async#A(e,r,o){let s=this.#e;if(N("kernel",r.kernel??"flash",{allowed:["flash","naive"]})==="flash"){let A=Tt(s,e,o),l=await Ht(s,A);return(u,f,d,h)=>{let p=[],g={q:this.#i(u,p,"q",o.q),k:this.#i(f,p,"k",o.k),v:this.#i(d,p,"v",o.v),o:h},I=jt(s,e,A,l,g);return{dispatches:I.dispatches,temps:[...p,...I.temps]}}}let i=Object.entries(o).find(([,A])=>A==="f16");if(i)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${i[0]==="o"?"output":i[0]}; use the flash kernel`);let[a,c]=await Promise.all([hr(s),e.rope?It(s,!1):Promise.resolve(null)]);return(A,l,u,f)=>{let d=[],h=[],p=this.#i(A,d,"q"),g=this.#i(l,d,"k"),I=this.#i(u,d,"v");if(e.rope&&c){let w=e.rope,Q=(k,x,R,P)=>{let E={layout:e.layout,batch:e.batch,heads:x,seq:R,headDim:e.headDim,frequencies:w.frequencies,pairing:w.pairing,angles:w.angles,positions:k},M=s.buffer(e.batch*x*R*e.headDim*4,"rotated");d.push(M);let q=_e(s,E,c,P,M);return h.push(...q.dispatches),d.push(...q.temps),M};p=Q(w.query,e.heads,e.qSeq,p),g=Q(w.key,e.kvHeads,e.kSeq,g)}let $=dr(s,e,a,{q:p,k:g,v:I,o:f});return{dispatches:[...h,...$.dispatches],temps:[...d,...$.temps]}}}async applyRope(e,r,o={}){let s=this.#t(),n=U("x",e,this),{call:i,inPlace:a}=mr(n,r,o);if(we(n)==="f16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)");let c=n instanceof L,A=await It(s,a||!c);this.#t(),U("x",e,this);let l=Ee(n.shape)*4;if(c){let h=n.buffer,p=a?null:s.buffer(l,"rotated");return await s.guarded("the RoPE dispatch",()=>{s.submit(_e(s,i,A,h,p))}),p?this.#o(n.shape,p):n}let u=n,f=await s.guarded("the RoPE dispatch",()=>{let h=s.upload(u.data,"x"),p=_e(s,i,A,h,null);return p.temps.push(h),s.submit(p,{source:h,bytes:l})}),d=new Float32Array(await s.read(f,l));return a?(u.data.set(d),u):{shape:Object.freeze([...u.shape]),data:d}}upload(e,r={}){let o=this.#t(),s=te("t",e);if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${j(r)}`);let n=ye("precision",r.precision,this.info.f16),i=o.upload(this.#s(s.data,n),"tensor");return this.#o(s.shape,i,n)}async download(e){let r=this.#t(),o=U("t",e,this);if(!(o instanceof L))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");let s=Ee(o.shape),n=s*o.elementBytes,i=await r.guarded("the download",()=>r.submit({dispatches:[],temps:[]},{source:o.buffer,bytes:n})),a=this.#n(await r.read(i,n),we(o),s);return{shape:Object.freeze([...o.shape]),data:a}}async synchronize(){await this.#t().idle()}async profileAttention(e,r,o,s={}){let n=this.#t(),[i,a,c]=this.#a([["q",e],["k",r],["v",o]]),A=ce(i,a,c,s),l=ze(s.iterations??10),u=qe("warmup",s.warmup??!0),f=this.#c(i,a,c,s),d=await this.#A(A,s,f);this.#t();let h=n.buffer(Ee(A.qShape)*(f.o==="f16"?2:4),"attention output"),p=await n.guarded("the attention dispatch",()=>d(i,a,c,h));try{let g=await n.profile(p,l,u);return{seconds:g.seconds,iterations:l,source:g.source}}finally{n.release(p),h.destroy()}}async createKvCache(e){let r=this.#t(),o=ht(e),s=ye("precision",e.precision,this.info.f16);return await Qe.create(r,this,this.#r,o,s)}async decode(e,r,o={}){let s=this.#t(),n=this.#f(e,r,o),{plan:i,qo:a,elements:c}=n,A=Ee(i.qShape),l=A*(c.o==="f16"?2:4),u=a instanceof L,{output:f,target:d}=await n.cache.schedule("decode",()=>At(s,n.params),async p=>{this.#t(),U("q",e,this);let g=s.buffer(l,"decode output"),I=await s.guarded("the decode dispatch",()=>{let{job:$}=this.#u(n,p,g),w=u?void 0:{source:g,bytes:l},Q=s.submit($,w);return u||g.destroy(),Q}).catch($=>{throw g.destroy(),$});return{output:g,target:I}});if(u)return this.#o(i.qShape,f,c.o);let h=this.#n(await s.read(d,l),c.o,A);return{shape:Object.freeze([...i.qShape]),data:h}}#f(e,r,o){let s=U("q",e,this),n=mt(r,this,Qe),i=dt(n,s,o),a=we(s),c={q:a,kv:n.precision,o:a},A=Wt(this.#e,i,c);return{qo:s,cache:n,plan:i,elements:c,params:A}}#u(e,r,o){let s=this.#e,{cache:n,plan:i,params:a,qo:c}=e;pt(i,n.length,n.ropeState);let A=Kt(s,i,a,n.length,this.info.decodeWorkgroups??1),l=[],u=this.#i(c,l,"q");try{let f=Yt(s,i,a,r,n.view(),A,{q:u,o});return f.temps.push(...l),{job:f,splits:A.splits}}catch(f){for(let d of l)d.destroy();throw f}}async profileDecode(e,r,o={}){let s=this.#t(),n=this.#f(e,r,o),i=ze(o.iterations??10),a=qe("warmup",o.warmup??!0),c=Ee(n.plan.qShape)*(n.elements.o==="f16"?2:4),{job:A,splits:l,output:u}=await n.cache.schedule("profileDecode",()=>At(s,n.params),async f=>{this.#t(),U("q",e,this);let d=s.buffer(c,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#u(n,f,d)),output:d}}catch(h){throw d.destroy(),h}});try{let f=await s.profile(A,i,a);return{seconds:f.seconds,iterations:i,source:f.source,splits:l}}finally{s.release(A),u.destroy()}}destroy(){this.#e.failure||(this.#e.fail("it was destroyed; create a new one with createGpuAttention()"),this.#e.ownsDevice&&this.#e.device.destroy())}},We=class{info;#e=!1;#t;#r=null;constructor(e,r=1){this.#t=r,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:r})}#o(){if(this.#e)throw new Error("This GpuAttention cannot be used: it was destroyed; create a new one with createGpuAttention()")}#s=()=>!this.#e;#n(e){return e instanceof L?e.host:e}attention(e,r,o,s={}){try{this.#o();let n=U("q",e,this),i=U("k",r,this),a=U("v",o,this),c=ce(n,i,a,s);N("kernel",s.kernel??"flash",{allowed:["flash","naive"]});let[A,l,u]=[this.#n(n),this.#n(i),this.#n(a)],f=d=>n instanceof L?new L(this,d.shape,d.data,this.#s):d;return pr(c,this.#t)?(this.#r??=new Ge(this.#t-1),this.#r.attention(c,A,l,u).then(f)):Promise.resolve(f(me(c,A,l,u)))}catch(n){return Promise.reject(n)}}applyRope(e,r,o={}){try{this.#o();let s=U("x",e,this),{call:n,inPlace:i}=mr(s,r,o),a=this.#n(s),c=Z(a,n.frequencies,{layout:n.layout,pairing:n.pairing,angles:n.angles,positions:n.positions});return i?(a.data.set(c.data),Promise.resolve(s)):Promise.resolve(s instanceof L?new L(this,c.shape,c.data,this.#s):c)}catch(s){return Promise.reject(s)}}upload(e,r={}){this.#o();let o=te("t",e);if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${j(r)}`);return ye("precision",r.precision,this.info.f16),new L(this,o.shape,new Float32Array(o.data),this.#s)}createKvCache(e){try{this.#o();let r=ht(e);return ye("precision",e.precision,this.info.f16),Promise.resolve(new Se(this,this.#s,r))}catch(r){return Promise.reject(r)}}decode(e,r,o={}){try{this.#o();let s=U("q",e,this),n=mt(r,this,Se),i=dt(n,s,o);pt(i,n.length,n.ropeState);let a=this.#n(s);i.rope&&(a=Z(a,i.rope.frequencies,{layout:i.layout,pairing:i.rope.pairing,angles:i.rope.angles,positions:ft(i,n.length)}));let{k:c,v:A}=n.tensors(i.layout),l=ce(a,c,A,{layout:i.layout,causal:!0,scale:i.scale,...i.alibi?{alibiSlopes:i.alibi}:{}}),u=me(l,a,c,A);return Promise.resolve(s instanceof L?new L(this,u.shape,u.data,this.#s):u)}catch(s){return Promise.reject(s)}}async profileDecode(e,r,o={}){this.#o();let s=ze(o.iterations??10);qe("warmup",o.warmup??!0)&&await this.decode(e,r,o);let n=performance.now();for(let i=0;i<s;i++)await this.decode(e,r,o);return{seconds:(performance.now()-n)/1e3/s,iterations:s,source:"wall-clock",splits:1}}download(e){try{this.#o();let r=U("t",e,this);if(!(r instanceof L))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return Promise.resolve({shape:r.shape,data:new Float32Array(r.host.data)})}catch(r){return Promise.reject(r)}}synchronize(){try{return this.#o(),Promise.resolve()}catch(e){return Promise.reject(e)}}async profileAttention(e,r,o,s={}){this.#o();let n=ze(s.iterations??10);qe("warmup",s.warmup??!0)&&await this.attention(e,r,o,s);let i=performance.now();for(let a=0;a<n;a++)await this.attention(e,r,o,s);return{seconds:(performance.now()-i)/1e3/n,iterations:n,source:"wall-clock"}}destroy(){this.#e=!0,this.#r?.destroy("This GpuAttention cannot be used: it was destroyed; create a new one with createGpuAttention()"),this.#r=null}};var Vr="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",Zr="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",eo='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',to=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],ro='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function oo(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function so(t,e){let r=t.limits,o=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(V(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${j(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:o("maxStorageBufferBindingSize",r.maxStorageBufferBindingSize,256,4),maxBufferSize:r.maxBufferSize,maxComputeWorkgroupStorageSize:o("maxComputeWorkgroupStorageSize",r.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(r.maxComputeInvocationsPerWorkgroup,r.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:o("maxComputeWorkgroupsPerDimension",r.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:r.minStorageBufferOffsetAlignment}}var no=8;function io(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,no):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${j(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${j(t)}`);return t}async function un(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${j(t)}`);let e=N("fallback",t.fallback??"none",{allowed:["none","cpu"]}),r=t.limits??{};if(r===null||typeof r!="object")throw new TypeError(`Invalid limits: expected an object, got ${j(r)}`);let o=t.decodeWorkgroups===void 0?void 0:V("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:io(t.threads),n=t.device,i=!1,a;if(!n){let h=t.adapter,p=Zr;if(!h){let $=globalThis.navigator?.gpu;$?h=await $.requestAdapter():p=Vr}if(!h){if(e==="cpu")return new We(p,s);throw new Error(`${p}. ${eo}.`)}let g={};for(let $ of to)g[$]=h.limits[$];let I=[];h.features.has("timestamp-query")&&I.push("timestamp-query"),h.features.has("shader-f16")&&I.push("shader-f16");try{n=await h.requestDevice({requiredLimits:g,requiredFeatures:I})}catch($){throw new Error(`Requesting a WebGPU device failed: ${$ instanceof Error?$.message:String($)}`,{cause:$})}i=!0,a=h.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,A=o??oo(c),l;try{l=so(n,r)}catch(h){throw i&&n.destroy(),h}let u=n.features.has("shader-f16")?await Vt(n):{available:!1,detail:ro},f=new Me(n,i,l,u.available),d=[];return f.timestamps&&d.push("timestamp-query"),u.available&&d.push("shader-f16"),new Ue(f,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:d,f16:Object.freeze({...u}),decodeWorkgroups:A,tier:f.tier,limits:f.limits,fallbackReason:null,threads:null})}export{xo as attentionCpu,bo as attentionReference,un as createGpuAttention};
