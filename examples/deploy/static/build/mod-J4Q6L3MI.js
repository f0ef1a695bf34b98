import{d as X,h as Z,i as he,j as V,k as oe,l as re,m as Se,o as io,t as ao,u as Qt}from"./chunk-XRNOE754.js";var Dt=Object.freeze({layout:!0,causal:!0,scale:!0,rope:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0}),co=Object.freeze({frequencies:!0,pairing:!0,rotaryDim:!0,positions:!0,queryPositions:!0,offset:!0,angles:!0}),uo=Object.freeze({batch:!0,kvHeads:!0,headDim:!0,maxLength:!0,window:!0,precision:!0}),lo=Object.freeze({layout:!0,rope:!0}),fo=Object.freeze({frequencies:!0,pairing:!0,rotaryDim:!0,angles:!0,positions:!0}),Ao=Object.freeze({frequencies:!0,pairing:!0,rotaryDim:!0,angles:!0}),Fe=Object.freeze({layout:!0,scale:!0,rope:!0,queryPositions:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0,splits:!0,kernel:!0}),ct=Object.freeze({...Dt,precision:!0,kernel:!0}),ho=Object.freeze({...ct,iterations:!0,warmup:!0}),po=Object.freeze({...Fe,iterations:!0,warmup:!0}),go=Object.freeze({precision:!0}),mo=Object.freeze({layout:!0,pairing:!0,rotaryDim:!0,positions:!0,offset:!0,inPlace:!0,angles:!0}),wo=Object.freeze({device:!0,adapter:!0,fallback:!0,limits:!0,decodeWorkgroups:!0,threads:!0}),bo=Object.freeze({maxStorageBufferBindingSize:!0,maxComputeWorkgroupStorageSize:!0,maxComputeWorkgroupsPerDimension:!0});var ut=-1e30;function ko(o,e,t,r){let s=e;if(s===null||typeof s!="object"||typeof s.length!="number")throw new TypeError(`Invalid ${o}: expected an array of ${t} ${r}, got ${X(e)}`);if(s.length!==t)throw new RangeError(`Invalid ${o}: expected ${t} ${r}, got ${s.length}`);return s}function lt(o,e){if(o===void 0)return null;let t=ko("sinks",o,e,"logits (one per query head)"),r=new Float64Array(e);for(let s=0;s<e;s++)r[s]=he(`sinks[${s}]`,t[s]);return r}function ft(o){return o===void 0?null:he("softcap",o,{min:0,exclusiveMin:!0})}function Te(o,e="slidingWindow"){return o===void 0?null:Z(e,o,{min:1})}function At(o,e,t){if(o===void 0)return null;let r=ko("leftPadding",o,e,"integers (one per batch row)"),s=new Uint32Array(e);for(let n=0;n<e;n++)s[n]=Z(`leftPadding[${n}]`,r[n],{min:0,max:t});return s}function Ne(o,e){if(o===void 0)return null;let t=oe("bias",o),{batch:r,heads:s,qSeq:n}=e,i=t.shape,a=e.kSeq??i[3],c=`[${r===1?1:`1 or ${r}`}, ${s===1?1:`1 or ${s}`}, ${n}, ${e.kSeq??"keys"}] ([batch, heads, queries, keys] whatever the layout; dims of 1 broadcast)`;if(i.length!==4||i[0]!==1&&i[0]!==r||i[1]!==1&&i[1]!==s||i[2]!==n||i[3]!==a)throw new RangeError(`Invalid bias: expected shape ${c}, got ${X(i)}`);let u=i[3],l=u,A=i[1]===1?0:n*u,f=i[0]===1?0:i[1]*n*u;return{data:t.data,shape:[...i],batchStride:f,headStride:A,rowStride:l}}var be=2**24;function we(o,e,t){return io(e,t,{name:o})}function Ce(o,e,t,r,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${o}: expected an array of non-negative integers, got ${X(e)}`);if(e.length!==t&&e.length!==r*t)throw new RangeError(`Invalid ${o}: expected ${t} positions (one per token) or ${r*t} (batch x tokens), got ${e.length}`);let n=s?be:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=Z(`${o}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==t}}function Tr(o,e,t,r,s){let n=e?s:1,i=new Float64Array(n*r);for(let a=0;a<n;a++)i.set(o.subarray(a*t+t-r,a*t+t),a*r);return{kind:"list",list:i,perBatch:e}}function We(o,e){let t=e;if(t===null||typeof t!="object"||!(t.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${o}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${X(t)}`);let r=t.invFreq;if(r.length===0)throw new RangeError(`Invalid ${o}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<r.length;s++)he(`${o}.invFreq[${s}]`,r[s],{min:0});return he(`${o}.attentionFactor`,t.attentionFactor,{min:0,exclusiveMin:!0}),t}function _r(o,e,t,r,s){if(o===null||typeof o!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${X(o)}`);re("rope",o,{allowed:co});let n=We("rope.frequencies",o.frequencies),i=n.invFreq,a=2*i.length;if(o.rotaryDim!==void 0&&o.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${i.length} frequencies), got ${X(o.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${i.length} frequencies) exceeds the head dim ${e}`);let c=V("rope.pairing",o.pairing??"half",{allowed:["half","interleaved"]}),u=V("rope.angles",o.angles??"float32",{allowed:["float32","float64"]}),l=u==="float32",A=l?be:Number.MAX_SAFE_INTEGER;if(o.positions!==void 0&&o.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let f,h;if(o.queryPositions!==void 0&&(h=Ce("rope.queryPositions",o.queryPositions,r,t,l)),o.positions!==void 0){let d=Ce("rope.positions",o.positions,s,t,l);if(f=d,!h){if(r>s)throw new RangeError(`Invalid rope.positions: q has ${r} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);h=Tr(d.list,d.perBatch,s,r,t)}}else{let d=Z("rope.offset",o.offset??0,{min:0});if(d+Math.max(s,1)-1>A)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${d+s-1}, above ${A} (the largest position with angles "${u}")`);if(f={kind:"range",start:d},!h){let w=d+s-r;if(w<0)throw new RangeError(`Invalid rope.offset: q has ${r} tokens and k ${s}, so bottom-right aligned queries would start at position ${w}; pass rope.offset >= ${r-s} or rope.queryPositions`);h={kind:"range",start:w}}}return{frequencies:n,pairing:c,rotaryDim:a,angles:u,query:h,key:f}}function Mt(o,e){if(o===void 0)return null;if(o===null||typeof o!="object"||typeof o.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${X(o)}`);if(o.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${o.length}`);let t=new Float32Array(o.length);for(let r=0;r<o.length;r++)t[r]=he(`alibiSlopes[${r}]`,o[r]);return t}function $e(o,e,t,r,s=Dt){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${X(r)}`);re("options",r,{allowed:s});let n=V("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),i=we("q",o,n),a=we("k",e,n),c=we("v",t,n);if(i.heads<1||i.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${X(o.shape)}`);if(a.batch!==i.batch)throw new RangeError(`Invalid k: expected batch ${i.batch} (as q), got ${a.batch}`);if(c.batch!==i.batch)throw new RangeError(`Invalid v: expected batch ${i.batch} (as q), got ${c.batch}`);if(a.headDim!==i.headDim)throw new RangeError(`Invalid k: expected head dim ${i.headDim} (as q), got ${a.headDim}`);if(c.headDim!==i.headDim)throw new RangeError(`Invalid v: expected head dim ${i.headDim} (as q), got ${c.headDim}`);if(c.seq!==a.seq)throw new RangeError(`Invalid v: expected ${a.seq} tokens (as k), got ${c.seq}`);if(c.heads!==a.heads)throw new RangeError(`Invalid v: expected ${a.heads} heads (as k), got ${c.heads}`);if(a.heads<1||i.heads%a.heads!==0)throw new RangeError(`Invalid k: q has ${i.heads} heads, which is not a multiple of k's ${a.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let u=Se("causal",r.causal??!1),l=r.scale===void 0?1/Math.sqrt(i.headDim):he("scale",r.scale),A=Mt(r.alibiSlopes,i.heads),f=Te(r.slidingWindow);if(f!==null&&!u)throw new TypeError("Invalid slidingWindow: a sliding window needs causal: true (it hides the keys before the window; causal hides those after the query)");let h=lt(r.sinks,i.heads),d=ft(r.softcap),w=At(r.leftPadding,i.batch,a.seq),$=Ne(r.bias,{batch:i.batch,heads:i.heads,qSeq:i.seq,kSeq:a.seq}),m=r.rope===void 0?null:_r(r.rope,i.headDim,i.batch,i.seq,a.seq);return{layout:n,batch:i.batch,heads:i.heads,kvHeads:a.heads,group:i.heads/a.heads,qSeq:i.seq,kSeq:a.seq,headDim:i.headDim,qShape:[...o.shape],qStrides:i.strides,kStrides:a.strides,causal:u,scale:l,rope:m,alibi:A,window:f,sinks:h,softcap:d,leftPadding:w,bias:$}}function $o(o,e,t,r,s,n){let i=n==="float32";if(e!==void 0&&t!==void 0)throw new TypeError(`Invalid ${o}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return Ce(`${o}positions`,e,r,s,i);let a=Z(`${o}offset`,t??0,{min:0}),c=i?be:Number.MAX_SAFE_INTEGER;if(a+Math.max(r,1)-1>c)throw new RangeError(`Invalid ${o}offset: the last token would sit at position ${a+r-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function ht(o,e,t){let r=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=ao(o,r,{angles:t}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function ne(o,e,t){let{layout:r,pairing:s,angles:n,positions:i}=t;return i.kind==="range"?Qt(o,e,{layout:r,pairing:s,angles:n,offset:i.start}):Qt(o,e,{layout:r,pairing:s,angles:n,positions:i.list})}function Lr(o,e,t){let{kSeq:r,qSeq:s,causal:n,window:i,leftPadding:a}=o,c=t+r-s,u=n?Math.min(r,Math.max(0,c+1)):r,l=a?a[e]:0;return i!==null&&(l=Math.max(l,c-i+1)),[Math.min(l,u),u]}function Eo(o,e,t,r){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:u,scale:l,alibi:A,sinks:f,softcap:h,bias:d}=o,w=e,$=t;if(o.rope){let{frequencies:S,pairing:M,angles:Q}=o.rope;w=ne(e,S,{layout:o.layout,pairing:M,angles:Q,positions:o.rope.query}),$=ne(t,S,{layout:o.layout,pairing:M,angles:Q,positions:o.rope.key})}let m=o.qStrides,E=o.kStrides,B=new Float32Array(e.data.length),P=new Float64Array(c),R=new Float64Array(u),x=w.data,q=$.data,D=r.data;for(let S=0;S<s;S++)for(let M=0;M<n;M++){let Q=Math.floor(M/i),T=A?A[M]:0;for(let j=0;j<a;j++){let F=j+c-a,[W,N]=Lr(o,S,j),v=S*m.batch+M*m.heads+j*m.seq,C=d?S*d.batchStride+M*d.headStride+j*d.rowStride:0,g=f?f[M]:-1/0,b=0;for(let k=W;k<N;k++){let O=S*E.batch+Q*E.heads+k*E.seq,H=0;for(let I=0;I<u;I++)H+=x[v+I]*q[O+I];let p=l*H;if(h!==null&&(p=h*Math.tanh(p/h)),p-=T*Math.abs(F-k),d){let I=d.data[C+k];if(I<=ut){P[k]=-1/0;continue}p+=I}P[k]=p,b++,p>g&&(g=p)}if(b===0)continue;R.fill(0);let y=f?Math.exp(f[M]-g):0;for(let k=W;k<N;k++){if(P[k]===-1/0)continue;let O=Math.exp(P[k]-g);y+=O;let H=S*E.batch+Q*E.heads+k*E.seq;for(let p=0;p<u;p++)R[p]=R[p]+O*D[H+p]}for(let k=0;k<u;k++)B[v+k]=R[k]/y}}return{shape:Object.freeze([...e.shape]),data:B}}function dn(o,e,t,r={}){oe("q",o),oe("k",e),oe("v",t);let s=$e(o,e,t,r);return Eo(s,o,e,t)}var yo=["AGFzbQEAAAABWAdgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwADCwoAAQEAAgMEBQUGBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRl","bmRIZWFkAAkKox4KhAQCAn8Se/0MAAD8wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/","N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hj","PUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACA","PyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQA","IA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsg","CiAU/YUCIQsgCyAKIBX9hQIhCyALIAogFv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9","TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAg","A0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwveAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC/UMhASAA/QwAAPzCAAD8wgAA/MIA","APzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBLAABAS/3lAf3lASED/Qz+5X83/uV/","N/7lfzf+5X83IAP9DImEITmJhCE5iYQhOYmEITn9hQIhBCAEIAP9DP/Drjr/w646/8OuOv/Drjr9hQIhBCAEIAP9DFuVHTxb","lR08W5UdPFuVHTz9hQIhBCAEIAP9DEdYYz1HWGM9R1hjPUdYYz39hQIhBCAEIAP9DPD9dT7w/XU+8P11PvD9dT79hQIhBCAE","IAP9DBhyMT8YcjE/GHIxPxhyMT/9hQIhBCAEIAP9DAAAgD8AAIA/AACAPwAAgD/9hQIhBCAEIAL9DH8AwLR/AMC0fwDAtH8A","wLT9rgFBF/2rAf3mASAB/U8LvQIBBHsgAP3gASEBIAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL9DBs3EbwbNxG8GzcR","vBs3Ebz9hQIhAyADIAL9DKQnszykJ7M8pCezPKQnszz9hQIhAyADIAL9DNENXb3RDV290Q1dvdENXb39hQIhAyADIAL9DImI","CD6JiAg+iYgIPomICD79hQIhAyADIAL9DKuqqr6rqqq+q6qqvquqqr79hQIhAyABIAL95gEgAyAB/YUCIQMgAf0MO6o4wDuq","OMA7qjjAO6o4wP3mARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAE","IAH9DM3MzD7NzMw+zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAAAID9Tv1QC74EAgN/C3sgACADQQR0aiEFIAIgBEEC","dGohBwNA/QwAAAAAAAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAA","AAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAA","IQ79DAAAAAAAAAAAAAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQIREgBv0JAgAhEiASIBAgCP2FAiEIIBIgESAJ/YUC","IQkgBv0JAgQhEiASIBAgCv2FAiEKIBIgESAL/YUCIQsgBv0JAgghEiASIBAgDP2FAiEMIBIgESAN/YUCIQ0gBv0JAgwhEiAS","IBAgDv2FAiEOIBIgESAP/YUCIQ8gAf0ABCAhECAB/QAEMCERIAb9CQIQIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIU","IRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIYIRIgEiAQIAz9hQIhDCASIBEgDf2FAiENIAb9CQIcIRIgEiAQIA79hQIh","DiASIBEgD/2FAiEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsgAiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIg","DP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJBIGohAiACIAdJDQALC74EBgJ/BnsDfQJ7AX8BeyAAIAJBAnRq","IQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNAIAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJ","DQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQ","IAX9EyERA0AgCyAQIBEgDf36Af3lAf3gASAL/QAEAP2FAv0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsg","CiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEYIAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9","Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI","/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8A","AID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBqIQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0f","A5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACABIBQgE5M4AgAgASAVOAIQC9gEAgh/D3sgA0ECdCEGIAX9CQIAIRkg","Bf0JAgQhGiAF/QkCCCEbIAX9CQIMIRwgACAEQQJ0aiEJQQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIBkgAiAHav0A","BAD95gEhDiAZIAIgB2r9AAQQ/eYBIQ8gGiAL/QAEAP3mASEQIBogC/0ABBD95gEhESAbIAz9AAQA/eYBIRIgGyAM/QAEEP3m","ASETIBwgDf0ABAD95gEhFCAcIA39AAQQ/eYBIRUgACEIIAEgB2ohCgNAIAr9AAQAIRYgCv0ABBAhFyAI/QkCACEYIBggFiAO","/YUCIQ4gGCAXIA/9hQIhDyAI/QkCgAIhGCAYIBYgEP2FAiEQIBggFyAR/YUCIREgCP0JAoAEIRggGCAWIBL9hQIhEiAYIBcg","E/2FAiETIAj9CQKABiEYIBggFiAU/YUCIRQgGCAXIBX9hQIhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIAj9CQIEIRggGCAW","IA79hQIhDiAYIBcgD/2FAiEPIAj9CQKEAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkChAQhGCAYIBYgEv2FAiESIBgg","FyAT/YUCIRMgCP0JAoQGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAIQQhqIQggCCAJSQ0ACyACIAdqIA79CwQA","IAIgB2ogD/0LBBAgCyAQ/QsEACALIBH9CwQQIAwgEv0LBAAgDCAT/QsEECANIBT9CwQAIA0gFf0LBBAgB0EgaiEHIAcgBkkN","AAsLrgIBBn8gBkECdCEUIAAgASAIIBRsaiAEIAYgBxADQQAhFQNAIAkgFWogDmohFyALIRYgDARAIBdBAWohFiAWIAtKBEAg","CyEWCwsgECEYIA8EQCAYIBcgD2tBAWogGCAXIA9rQQFqShshGAtBACEZIBJBAEcgCSAVaiAKSHEEQCASIAkgFWogE2xqIAhB","AnRqIRkLIAQgFUEIdGogBSAVQQJ0aiAHIAggFiAXsiANIARBgAhqIBVBAnRqIBggESAZEAQgFUEBaiEVIBVBBEkNAAsgBCAH","QQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAE","IAIgCCAUbGogAyAGIAcgBRAFCyEBAX8gA0UEQCACDwsgAEEEaiABaiEEIAIgBCAEIAJKGwswAQF/IAMhBCACBEAgBCAAIAFq","IAJrQQFqIAQgACABaiACa0EBakobIQQLIARBeHELngQFC38BfQF7BX8BeyAFQQJ0IREgEUECdCESIARBwAhqIRsgBEMAAAAA","OAKgCEMAAIA/QwAAAAAgDkMAAID/XBv9EyEjQQAhEwJAA0AgEyAGTg0BIAYgE2tBA2pBAnYhFCAUQRBLBEBBECEUCyADIBMg","EWxqQQAgFCASbPwLAEEAIRUDQCAbIBVBMGxqIA79E/0LBBAgGyAVQTBsaiAj/QsEICAVQQFqIRUgFSAUSQ0ACyATIBRBAWtB","AnRqIAogByAIEAchFyATIAogCyAMEAghGQJAA0AgGSAXTg0BQQAhFQNAIBMgFUECdGohFiAWIAogByAIEAchGCAWIAogCyAM","EAghICAZICAgGSAgShshISAZQcAAaiEiIBggIkgEQCAYISILICEgIkgEQCAiICFrQQdqQXhxIRogACAWIBFsaiABIAIgAyAW","IBFsaiAEIBsgFUEwbGogBSAaICEgFiAGIAcgCCAJIAogCyAMIA0gDyAQEAYLIBVBAWohFSAVIBRJDQALIBlBwABqIRkMAAsL","QQAhFQNAIBsgFUECdkEwbCAVQQNxQQJ0amoqAiAhHEMAAIA/IByVQwAAAAAgHEMAAAAAXhv9EyEdIAMgEyAVaiARbGohHiAe","IBFqIR8DQCAeIB79AAQAIB395gH9CwQAIB5BEGohHiAeIB9JDQALIBVBAWohFSAVIBRBAnRJDQALIBNBwABqIRMMAAsLCw=="].join(""),Io=["AGFzbQEAAAABWAdgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwADCwoAAQEAAgMEBQUGBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRl","bmRIZWFkAAkKwh8KmQQCAn8Se/0MAAD8wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/","N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hj","PUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACA","PyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQA","IA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3k","ASELIAsgCv3mASAU/eQBIQsgCyAK/eYBIBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEh","CyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9","HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwvzAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC","/UMhASAA/QwAAPzCAAD8wgAA/MIAAPzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBL","AABAS/3lAf3lASED/Qz+5X83/uV/N/7lfzf+5X83IAP95gH9DImEITmJhCE5iYQhOYmEITn95AEhBCAEIAP95gH9DP/Drjr/","w646/8OuOv/Drjr95AEhBCAEIAP95gH9DFuVHTxblR08W5UdPFuVHTz95AEhBCAEIAP95gH9DEdYYz1HWGM9R1hjPUdYYz39","5AEhBCAEIAP95gH9DPD9dT7w/XU+8P11PvD9dT795AEhBCAEIAP95gH9DBhyMT8YcjE/GHIxPxhyMT/95AEhBCAEIAP95gH9","DAAAgD8AAIA/AACAPwAAgD/95AEhBCAEIAL9DH8AwLR/AMC0fwDAtH8AwLT9rgFBF/2rAf3mASAB/U8LzwIBBHsgAP3gASEB","IAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL95gH9DBs3EbwbNxG8GzcRvBs3Ebz95AEhAyADIAL95gH9DKQnszykJ7M8","pCezPKQnszz95AEhAyADIAL95gH9DNENXb3RDV290Q1dvdENXb395AEhAyADIAL95gH9DImICD6JiAg+iYgIPomICD795AEh","AyADIAL95gH9DKuqqr6rqqq+q6qqvquqqr795AEhAyABIAL95gEgA/3mASAB/eQBIQMgAf0MO6o4wDuqOMA7qjjAO6o4wP3m","ARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAEIAH9DM3MzD7NzMw+","zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAAAID9Tv1QC+4EAgN/C3sgACADQQR0aiEFIAIgBEECdGohBwNA/QwAAAAA","AAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAA","IQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAA","AAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQIREgBv0JAgAhEiASIBD95gEgCP3kASEIIBIgEf3mASAJ/eQBIQkgBv0J","AgQhEiASIBD95gEgCv3kASEKIBIgEf3mASAL/eQBIQsgBv0JAgghEiASIBD95gEgDP3kASEMIBIgEf3mASAN/eQBIQ0gBv0J","AgwhEiASIBD95gEgDv3kASEOIBIgEf3mASAP/eQBIQ8gAf0ABCAhECAB/QAEMCERIAb9CQIQIRIgEiAQ/eYBIAj95AEhCCAS","IBH95gEgCf3kASEJIAb9CQIUIRIgEiAQ/eYBIAr95AEhCiASIBH95gEgC/3kASELIAb9CQIYIRIgEiAQ/eYBIAz95AEhDCAS","IBH95gEgDf3kASENIAb9CQIcIRIgEiAQ/eYBIA795AEhDiASIBH95gEgD/3kASEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsg","AiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIgDP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJB","IGohAiACIAdJDQALC8EEBgJ/BnsDfQJ7AX8BeyAAIAJBAnRqIQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNA","IAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJDQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAA","AwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQIAX9EyERA0AgCyAQIBEgDf36Af3lAf3gAf3mASAL/QAEAP3k","Af0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsgCiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEY","IAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAA","AAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9","CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8AAID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBq","IQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0fA5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACAB","IBQgE5M4AgAgASAVOAIQC4gFAgh/D3sgA0ECdCEGIAX9CQIAIRkgBf0JAgQhGiAF/QkCCCEbIAX9CQIMIRwgACAEQQJ0aiEJ","QQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIBkgAiAHav0ABAD95gEhDiAZIAIgB2r9AAQQ/eYBIQ8gGiAL/QAEAP3m","ASEQIBogC/0ABBD95gEhESAbIAz9AAQA/eYBIRIgGyAM/QAEEP3mASETIBwgDf0ABAD95gEhFCAcIA39AAQQ/eYBIRUgACEI","IAEgB2ohCgNAIAr9AAQAIRYgCv0ABBAhFyAI/QkCACEYIBggFv3mASAO/eQBIQ4gGCAX/eYBIA/95AEhDyAI/QkCgAIhGCAY","IBb95gEgEP3kASEQIBggF/3mASAR/eQBIREgCP0JAoAEIRggGCAW/eYBIBL95AEhEiAYIBf95gEgE/3kASETIAj9CQKABiEY","IBggFv3mASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIAj9CQIEIRggGCAW/eYBIA795AEh","DiAYIBf95gEgD/3kASEPIAj9CQKEAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI/QkChAQhGCAYIBb95gEgEv3k","ASESIBggF/3mASAT/eQBIRMgCP0JAoQGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEVIAogBmohCiAIQQhqIQggCCAJ","SQ0ACyACIAdqIA79CwQAIAIgB2ogD/0LBBAgCyAQ/QsEACALIBH9CwQQIAwgEv0LBAAgDCAT/QsEECANIBT9CwQAIA0gFf0L","BBAgB0EgaiEHIAcgBkkNAAsLrgIBBn8gBkECdCEUIAAgASAIIBRsaiAEIAYgBxADQQAhFQNAIAkgFWogDmohFyALIRYgDARA","IBdBAWohFiAWIAtKBEAgCyEWCwsgECEYIA8EQCAYIBcgD2tBAWogGCAXIA9rQQFqShshGAtBACEZIBJBAEcgCSAVaiAKSHEE","QCASIAkgFWogE2xqIAhBAnRqIRkLIAQgFUEIdGogBSAVQQJ0aiAHIAggFiAXsiANIARBgAhqIBVBAnRqIBggESAZEAQgFUEB","aiEVIBVBBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEg","BP0ABJAI/eQB/QsEICAEIAIgCCAUbGogAyAGIAcgBRAFCyEBAX8gA0UEQCACDwsgAEEEaiABaiEEIAIgBCAEIAJKGwswAQF/","IAMhBCACBEAgBCAAIAFqIAJrQQFqIAQgACABaiACa0EBakobIQQLIARBeHELngQFC38BfQF7BX8BeyAFQQJ0IREgEUECdCES","IARBwAhqIRsgBEMAAAAAOAKgCEMAAIA/QwAAAAAgDkMAAID/XBv9EyEjQQAhEwJAA0AgEyAGTg0BIAYgE2tBA2pBAnYhFCAU","QRBLBEBBECEUCyADIBMgEWxqQQAgFCASbPwLAEEAIRUDQCAbIBVBMGxqIA79E/0LBBAgGyAVQTBsaiAj/QsEICAVQQFqIRUg","FSAUSQ0ACyATIBRBAWtBAnRqIAogByAIEAchFyATIAogCyAMEAghGQJAA0AgGSAXTg0BQQAhFQNAIBMgFUECdGohFiAWIAog","ByAIEAchGCAWIAogCyAMEAghICAZICAgGSAgShshISAZQcAAaiEiIBggIkgEQCAYISILICEgIkgEQCAiICFrQQdqQXhxIRog","ACAWIBFsaiABIAIgAyAWIBFsaiAEIBsgFUEwbGogBSAaICEgFiAGIAcgCCAJIAogCyAMIA0gDyAQEAYLIBVBAWohFSAVIBRJ","DQALIBlBwABqIRkMAAsLQQAhFQNAIBsgFUECdkEwbCAVQQNxQQJ0amoqAiAhHEMAAIA/IByVQwAAAAAgHEMAAAAAXhv9EyEd","IAMgEyAVaiARbGohHiAeIBFqIR8DQCAeIB79AAQAIB395gH9CwQAIB5BEGohHiAeIB9JDQALIBVBAWohFSAVIBRBAnRJDQAL","IBNBwABqIRMMAAsLCw=="].join("");var Ye=512,qe=class{name;#e;#o;#t;constructor(e,t){let r=new WebAssembly.Instance(e);this.name=t,this.#e=r.exports.memory,this.#o=r.exports.attendHead,this.#t=new Float32Array(this.#e.buffer)}reserve(e){let t=e*4,r=this.#e.buffer.byteLength;if(t>r){let s=Math.ceil((t-r)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${t} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#t.buffer!==this.#e.buffer&&(this.#t=new Float32Array(this.#e.buffer)),this.#t}attendHead(e,t,r,s,n,i,a,c,u,l={}){this.#o(4*e,4*t,4*r,4*s,0,n,i,a,c?1:0,u,l.shift??a-i,l.window??0,l.pad??0,l.cap??0,l.sink??-1/0,4*(l.bias??0),4*(l.biasStride??0))}},Ke=class{name="js";#e=new Float32Array(Ye);#o=new Float64Array(0);#t=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,t,r,s,n,i,a,c,u,l={}){let A=this.#e;this.#o.length<a&&(this.#o=new Float64Array(a)),this.#t.length<n&&(this.#t=new Float64Array(n));let f=this.#o,h=this.#t,d=Math.fround,w=l.shift??a-i,$=l.window??0,m=l.cap??0,E=l.sink??-1/0,B=l.bias??0;for(let P=0;P<i;P++){let R=P+w,x=c?Math.min(a,R+1):a,q=Math.max(l.pad??0,$?R-$+1:0),D=s+P*n,S=B+P*(l.biasStride??0),M=e+(P>>2)*n*4+(P&3),Q=E,T=0;for(let F=q;F<x;F++){let W=t+(F>>3)*n*8+(F&7),N=0;for(let C=0;C<n;C++)N+=A[M+4*C]*A[W+8*C];let v=m===0?N:m*Math.tanh(N/m);u!==0&&(v-=d(u)*Math.abs(R-F)),B!==0&&(v+=A[S+F]),f[F]=v,v!==-1/0&&T++,v>Q&&(Q=v)}if(T===0){A.fill(0,D,D+n);continue}h.fill(0);let j=E===-1/0?0:Math.exp((E-Q)*Math.LN2);for(let F=q;F<x;F++){if(f[F]===-1/0)continue;let W=Math.exp((f[F]-Q)*Math.LN2);j+=W;let N=r+F*n;for(let v=0;v<n;v++)h[v]=h[v]+W*A[N+v]}for(let F=0;F<n;F++)A[D+F]=h[F]/j}}};function jr(o){let e=atob(o),t=new Uint8Array(e.length);for(let r=0;r<e.length;r++)t[r]=e.charCodeAt(r);return t}var Bo;function vo(o){if(typeof WebAssembly!="object")return null;let e=jr(o);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function Ot(){return Bo??={relaxed:vo(yo),plain:vo(Io)},Bo}var Rt;function Po(){if(!Rt){let{relaxed:o,plain:e}=Ot();Rt=o?new qe(o,"relaxed-simd"):e?new qe(e,"simd"):new Ke}return Rt}var Ue=64;function xo(o,e,t){return{shift:o.kSeq-o.qSeq,window:o.window??0,pad:o.leftPadding?o.leftPadding[e]:0,cap:o.softcap===null?0:o.softcap*Math.LOG2E,sink:o.sinks?o.sinks[t]*Math.LOG2E:-1/0}}function So(o,e,t,r,s,n,i){let a=e.bias;if(!a){o.attendHead(s.q,s.k,s.v,s.o,n,i.count,e.kSeq,i.causal,i.slope,i.features);return}let c=e.kSeq,u=c+7&-8,l=i.features.shift??c-i.count,A=o.reserve(s.bias+Ue*u);for(let f=0;f<i.count;f+=Ue){let h=Math.min(Ue,i.count-f);for(let d=0;d<h;d++){let w=t*a.batchStride+r*a.headStride+(f+d)*a.rowStride,$=s.bias+d*u;for(let m=0;m<c;m++){let E=a.data[w+m];A[$+m]=E<=ut?-1/0:E*Math.LOG2E}A.fill(0,$+c,$+u)}o.attendHead(s.q+f*n,s.k,s.v,s.o+f*n,n,h,c,i.causal,i.slope,{...i.features,shift:l+f,bias:s.bias,biasStride:u})}}var Co=new WeakMap;function qo(o,e){Co.set(o,e)}function Ee(o,e,t,r,s=Po(),n){let{batch:i,group:a,kvHeads:c,qSeq:u,kSeq:l,headDim:A,causal:f,scale:h,alibi:d}=o,w=e,$=t;if(o.rope){let{frequencies:k,pairing:O,angles:H}=o.rope,p=o.layout;w=ne(e,k,{layout:p,pairing:O,angles:H,positions:o.rope.query}),$=ne(t,k,{layout:p,pairing:O,angles:H,positions:o.rope.key})}let m=n===void 0&&!o.rope?Co.get(t.data):void 0;if(m&&m.length===l&&m.batch===i&&m.kvHeads===c&&m.headDim===A&&u>0&&l>0)return Hr(o,e,m);let E=n?.into??new Float32Array(e.data.length);if(u===0||l===0)return{shape:Object.freeze([...e.shape]),data:E};let B=A+7&-8,P=l+7&-8,R=u+3&-4,x=Ye,q=x+P*B,D=q+P*B,S=D+R*B,M=S+R*B,Q=s.reserve(M+(o.bias?Ue*P:0)),T=o.qStrides,j=o.kStrides,F=w.data,W=$.data,N=r.data,v=Math.fround,C=v(h*Math.LOG2E),g=j.seq===A&&A===B,b=T.seq===A&&A===B,y=n?.ranges??Array.from({length:i},(k,O)=>({batch:O,kv0:0,kv1:c}));for(let{batch:k,kv0:O,kv1:H}of y)for(let p=O;p<H;p++){let I=k*j.batch+p*j.heads;for(let _=0;_<P;_++){let U=x+(_>>3)*B*8+(_&7),L=I+_*j.seq,Y=_<l?A:0;for(let te=0;te<Y;te++)Q[U+8*te]=W[L+te];for(let te=Y;te<B;te++)Q[U+8*te]=0}if(g)Q.set(N.subarray(I,I+l*A),q);else for(let _=0;_<l;_++){let U=I+_*j.seq,L=q+_*B;for(let Y=0;Y<A;Y++)Q[L+Y]=N[U+Y];for(let Y=A;Y<B;Y++)Q[L+Y]=0}Q.fill(0,q+l*B,q+P*B);for(let _=p*a;_<(p+1)*a;_++){let U=k*T.batch+_*T.heads;for(let L=0;L<R;L++){let Y=D+(L>>2)*B*4+(L&3),te=U+L*T.seq,le=L<u?A:0;for(let Ae=0;Ae<le;Ae++)Q[Y+4*Ae]=v(F[te+Ae]*C);for(let Ae=le;Ae<B;Ae++)Q[Y+4*Ae]=0}if(So(s,o,k,_,{q:D,k:x,v:q,o:S,bias:M},B,{count:u,causal:f,slope:d?d[_]*Math.LOG2E:0,features:xo(o,k,_)}),b)E.set(Q.subarray(S,S+u*A),U);else for(let L=0;L<u;L++){let Y=S+L*B,te=U+L*T.seq;for(let le=0;le<A;le++)E[te+le]=Q[Y+le]}}}return{shape:Object.freeze([...e.shape]),data:E}}function Hr(o,e,t){let{batch:r,group:s,kvHeads:n,qSeq:i,kSeq:a,headDim:c,causal:u,scale:l,alibi:A}=o,f=t.kernel,h=c+7&-8,d=a+7&-8,w=i===1&&A===null&&o.sinks===null&&o.bias===null&&o.window===null,$=w?s:i,m=$+3&-4,E=t.end,B=E+m*h,P=B+m*h,R=f.reserve(P+(o.bias?Ue*d:0)),x=o.qStrides,q=e.data,D=new Float32Array(q.length),S=Math.fround,M=S(l*Math.LOG2E);for(let Q=0;Q<r;Q++)for(let T=0;T<n;T++){let j=Q*n+T,F=t.kAt+j*t.headFloats,W=t.vAt+j*t.headFloats;for(let v=a;v<d;v++){let C=F+(v>>3)*h*8+(v&7);for(let g=0;g<h;g++)R[C+8*g]=0}R.fill(0,W+a*h,W+d*h);let N=w?1:s;for(let v=0;v<N;v++){for(let g=0;g<m;g++){let b=E+(g>>2)*h*4+(g&3),y=T*s+(w?g:v),k=Q*x.batch+y*x.heads+(w?0:g)*x.seq,O=g<$?c:0;for(let H=0;H<O;H++)R[b+4*H]=S(q[k+H]*M);for(let H=O;H<h;H++)R[b+4*H]=0}let C=T*s+v;So(f,o,Q,C,{q:E,k:F,v:W,o:B,bias:P},h,{count:$,causal:u&&!w,slope:A?A[C]*Math.LOG2E:0,features:{...xo(o,Q,C),...w?{shift:a-1}:{}}});for(let g=0;g<$;g++){let b=w?T*s+g:C,y=Q*x.batch+b*x.heads+(w?0:g)*x.seq;D.set(R.subarray(B+g*h,B+g*h+c),y)}}}return{shape:Object.freeze([...e.shape]),data:D}}function vn(o,e,t,r={}){oe("q",o),oe("k",e),oe("v",t);let s=$e(o,e,t,r);return Ee(s,o,e,t)}var Qe=Object.freeze({T48:49152,T32:32768,T16:16384});function Qo(o){return o>=Qe.T48?"T48":o>=Qe.T32?"T32":"T16"}function Gr(o){let e=o.headDim/4,t=(e+(o.pad?1:0))*16,r=o.br*t,s=o.bc*t,n=o.sharedKV?0:o.bc*e*16,i=o.br*(o.bc+1)*4,a=2*o.br*(o.bc/o.tn)*4;return r+s+n+i+a}function Do(o){let e=[];for(let t=1;t<=o;t++)o%t===0&&e.push(t);return e}function zr(o,e,t){let r=o*e/t;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Do(e)){let a=r/i;if(!Number.isInteger(a)||o%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function Nr(o,e,t){let r=o*e/t;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Do(e)){let a=r/i;if(!Number.isInteger(a)||o%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var Tt=512;function Mo(o,e,t=256){let r=`${o}|${e}|${t}`;return Ft.has(r)||Ft.set(r,Wr(o,e,t)),Ft.get(r)}var Ft=new Map;function Wr(o,e,t){if(!Number.isInteger(o)||o%4!==0||o<4||o>Tt)return;let r=Qe[e],s=o/4,n,i;for(let a of[128,64,256,32])if(!(a>t))for(let c of[64,32,16,8,4])for(let u of[64,32,16,8,4]){let l=zr(c,u,a),A=Nr(c,s,a);if(!(!l||!A))for(let f of[!1,!0])for(let h of[!0,!1]){let[d,w]=l,[$,m]=A,E=Gr({headDim:o,br:c,bc:u,tn:w,sharedKV:f,pad:h});if(E>r)continue;let B=4*d*w/(d+w),P=[c*u,c>=u?1:0,u>=32?1:0,B>=4?1:0,a===128?2:a===64?1:0,B,f?0:1,h?1:0];(!i||Kr(P,i))&&(i=P,n=Object.freeze({tier:e,headDim:o,workgroup:a,br:c,bc:u,tm:d,tn:w,om:$,od4:m,sharedKV:f,pad:h,bytes:E}))}}return n}function Kr(o,e){for(let t=0;t<o.length;t++)if(o[t]!==e[t])return o[t]>e[t];return!1}function Ro(){return{next:new WeakMap,groups:null}}var dt=class{#e;#o;#t=[];#r=new ArrayBuffer(65536);#s=new DataView(this.#r);#n=Ro();#a=new WeakMap;#i=-1;#c=0;#u=0;constructor(e){this.#e=e,this.#o=Math.max(16,e.limits.minUniformBufferOffsetAlignment??256)}get open(){return this.#i>=0}get created(){return this.#u}begin(){if(this.#i>=0)throw new Error("Internal error: a frame is already open");this.#i=0,this.#c=0}end(e){let t=this.#i>this.#c;if(this.#i=-1,t&&!e)throw new Error("Internal error: a frame packed uniform blocks it did not submit")}flush(){if(this.#i<0)return;let e=this.#e.queue,t=this.#c;for(;t<this.#i;){let r=Math.floor(t/65536),s=Math.min(this.#i,(r+1)*65536);e.writeBuffer(this.#t[r],t-r*65536,this.#r,t,s-t),t=s}this.#c=this.#i}groupLayout(e){let t=this.#a.get(e);return t||(t=e.getBindGroupLayout(0),this.#a.set(e,t)),t}bind(e,t,r,s){let n=t.uniformBytes;if(n>65536)throw new Error(`Internal error: the uniform block of ${t.name} is over 65536 bytes`);let i=Math.ceil(this.#i/this.#o)*this.#o;Math.floor(i/65536)!==Math.floor((i+n-1)/65536)&&(i=Math.ceil(i/65536)*65536);let a=Math.floor(i/65536);this.#f(a),t.packInto(r,this.#s,i),this.#i=i+n;let c=this.#t[a],u=i-a*65536,l=this.#l(this.#l(this.#n,e),c),A=`${u}`,f=s;for(let d of t.bindingNames){if(d==="params")continue;let w=f[d];w&&(l=this.#l(l,w.buffer),A+=`|${w.offset??0}:${w.size??-1}`)}l.groups??=new Map;let h=l.groups.get(A);return h||(h=this.#e.createBindGroup({label:t.name,layout:this.groupLayout(e),entries:t.entries({...s,params:{buffer:c,offset:u,size:n}})}),this.#u++,l.groups.set(A,h)),h}destroy(){for(let e of this.#t)e.destroy();this.#t.length=0}#l(e,t){let r=e.next.get(t);return r||(r=Ro(),e.next.set(t,r)),r}#f(e){for(;this.#t.length<=e;)this.#t.push(this.#e.createBuffer({size:65536,usage:72,label:"uniform arena"}));let t=(e+1)*65536;if(this.#r.byteLength<t){let r=new ArrayBuffer(Math.max(t,2*this.#r.byteLength));new Uint8Array(r).set(new Uint8Array(this.#r)),this.#r=r,this.#s=new DataView(r)}}};var pt=class o{#e;#o=new Map;#t=0;#r=new WeakSet;#s=[];#n=null;#a=[];#i=!1;constructor(e){this.#e=e}static sizeOf(e){return Math.max(16,Math.ceil(e/16)*16)}create(e,t){return this.#e.createBuffer({size:o.sizeOf(e),usage:140,label:t})}take(e,t,r){let s=o.sizeOf(e),n=this.#o.get(s)?.pop();if(!n)return this.create(e,t);if(this.#t-=s,this.#r.delete(n),r)this.#s.push(n);else{let i=Math.ceil(e/4)*4;i<s&&this.#e.queue.writeBuffer(n,i,new Uint8Array(s-i))}return n}recycle(e){if(this.#r.has(e))return;let t=e.size,r=this.#s.indexOf(e);if(r>=0&&this.#s.splice(r,1),this.#i||e.usage!==140||t>16777216||this.#t+t>67108864){e.destroy();return}let s=this.#o.get(t);s||(s=[],this.#o.set(t,s)),s.push(e),this.#r.add(e),this.#t+=t}scratch(e,t){if(!this.#n||this.#n.size<e){this.#n&&this.#a.push(this.#n);let r=Math.min(Math.max(2*(this.#n?.size??0),65536),t);this.#n=this.create(Math.max(e,r),"scratch")}return this.#n}encodeClears(e){if(this.#s.length!==0){for(let t of this.#s)e.clearBuffer(t);this.#s=[]}}submitted(){for(let e of this.#a.splice(0))e.destroy()}close(){this.#i=!0;for(let e of this.#o.values())for(let t of e)t.destroy();this.#o.clear(),this.#t=0,this.#n?.destroy(),this.#n=null,this.submitted()}};async function Oo(o,e,t,r){let s=o.device;if(r){let f=o.encoder(),h=f.beginComputePass();o.encode(h,e),h.end(),o.finish(f),await o.idle()}let n=o.encoder(),i,a,c;o.timestamps&&(i=s.createQuerySet({type:"timestamp",count:2}),a=s.createBuffer({size:16,usage:516}),c=s.createBuffer({size:16,usage:9}));let u=n.beginComputePass(i?{timestampWrites:{querySet:i,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let f=0;f<t;f++)o.encode(u,e);u.end(),i&&a&&c&&(n.resolveQuerySet(i,0,2,a,0),n.copyBufferToBuffer(a,0,c,0,16));let l=performance.now();o.finish(n),await o.idle();let A=(performance.now()-l)/1e3;try{if(c){await c.mapAsync(1);let[f,h]=new BigUint64Array(c.getMappedRange().slice(0));c.unmap();let d=Number(h-f);if(d>0)return{seconds:d/1e9/t,source:"timestamp-query"}}return{seconds:A/t,source:"wall-clock"}}finally{i?.destroy(),a?.destroy(),c?.destroy()}}var Yr=72,Fo=9,Ur=1,gt=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#o=new Map;#t;#r;#s=null;constructor(e,t,r,s=!1){this.device=e,this.f16=s,this.ownsDevice=t,this.limits=r,this.tier=Qo(r.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),this.#t=new dt(e),this.#r=new pt(e),e.lost.then(n=>{this.#s??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#s}fail(e){this.#s??=e}dispose(){this.#t.destroy(),this.#r.close()}get bindGroupsCreated(){return this.#t.created}#n(e){return this.#s!==null?new Error(`This GpuAttention cannot be used: ${this.#s}`):e instanceof Error?e:new Error(String(e))}cached(e,t){let r=this.#o.get(e);return r===void 0&&(r=t(),this.#o.set(e,r)),r}setCached(e,t){this.#o.set(e,t)}pipeline(e,t){let r=this.#e.get(e);return r||(r=this.#a(e,t()),this.#e.set(e,r),r.catch(()=>this.#e.delete(e))),r}async#a(e,t){let r=this.device.createShaderModule({code:t,label:e}),n=(await r.getCompilationInfo().catch(i=>{throw this.#n(i)})).messages.filter(i=>i.type==="error");if(n.length>0)throw this.#s!==null?this.#n(null):new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:r,entryPoint:"main"}})}catch(i){throw this.#s!==null?this.#n(i):new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}#i(e,t){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${t}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`)}buffer(e,t){return this.#i(e,t),this.#r.create(e,t)}output(e,t){return this.#i(e,t),this.#r.take(e,t,!0)}recycle(e){this.#r.recycle(e)}upload(e,t){this.#i(e.byteLength,t);let r=this.#r.take(e.byteLength,t,!1);return e.byteLength>0&&(e.buffer instanceof ArrayBuffer||(e=e.slice()),this.device.queue.writeBuffer(r,0,e.buffer,e.byteOffset,e.byteLength)),r}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}scratch(e){this.#i(e,"scratch");let t=Math.min(this.limits.maxStorageBufferBindingSize,this.limits.maxBufferSize);return this.#r.scratch(e,t)}uniform(e,t){let r=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:Yr,label:t});return this.device.queue.writeBuffer(r,0,e),r}bind(e,t,r,s,n){if(this.#t.open)return this.#t.bind(e,t,r,s);let i=this.uniform(t.pack(r),`${t.name} params`);return n.push(i),this.device.createBindGroup({label:t.name,layout:this.#t.groupLayout(e),entries:t.entries({...s,params:{buffer:i}})})}encode(e,t){for(let r of t.dispatches)e.setPipeline(r.pipeline),e.setBindGroup(0,r.bindGroup),e.dispatchWorkgroups(r.grid[0],r.grid[1],r.grid[2])}submit(e,t){let r=Array.isArray(e)?e:[e];try{return this.#c(r,t)}finally{for(let s of r)this.release(s)}}release(e){for(let t of e.temps)this.#r.recycle(t)}encoder(){let e=this.device.createCommandEncoder();return this.#r.encodeClears(e),e}finish(e){this.#t.flush(),this.device.queue.submit([e.finish()]),this.#r.submitted()}#c(e,t){let r=this.encoder();if(e.some(n=>n.dispatches.length>0)){let n=r.beginComputePass();for(let i of e)this.encode(n,i);n.end()}let s;return t&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(t.bytes/16)*16),usage:Fo,label:"readback"}),t.bytes>0&&r.copyBufferToBuffer(t.source,0,s,0,Math.ceil(t.bytes/4)*4)),this.finish(r),s}async guarded(e,t){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let r,s,n=!1;try{r=t()}catch(l){s=l,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,u]=await Promise.all([i,a]);if(n)throw s;if(u)throw new Error(`Out of GPU memory while ${e}: ${u.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return r}submitting(e,t){return this.guarded(e,()=>{this.#t.begin();let r=!1;try{let s=t();return r=!0,s}finally{this.#t.end(!r)}})}profile(e,t,r){return Oo(this,e,t,r)}gather(e){let t=e.reduce((i,a)=>i+a.size,0),r=this.device.createBuffer({size:Math.max(16,Math.ceil(t/16)*16),usage:Fo,label:"readback"}),s=this.encoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,r,n,i.size),n+=i.size;return this.finish(s),r}async read(e,t){try{return await e.mapAsync(Ur),e.getMappedRange(0,Math.max(16,Math.ceil(t/16)*16)).slice(0,t)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var To=new WeakMap;function Xr(o,e){if(o.length!==e.length)return!1;for(let t=0;t<o.length;t++)if(o[t]!==e[t])return!1;return!0}function mt(o,e){let t=To.get(e);(!t||t.factor!==e.attentionFactor||!Xr(t.invFreq,e.invFreq))&&(t={factor:e.attentionFactor,invFreq:e.invFreq.slice(),texts:new Map},To.set(e,t));let r=t.texts.get(o);return r===void 0&&(r=`${o}|${t.factor}|${Array.from(t.invFreq).join(",")}`,t.texts.set(o,r)),r}var Lo="This KvCache cannot be used: it was destroyed",jo="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",Vr=512,wt=4,Ho=["split","keys"];function bt(o,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${o}: expected an object, got ${X(e)}`)}function Xe(o,e,t){let r=V(o,e??"f32",{allowed:["f32","f16","auto"]});if(r==="auto")return t.available?"f16":"f32";if(r==="f16"&&!t.available)throw new Error(`Invalid ${o}: "f16" storage is not available here (${t.detail}); use "f32", or "auto" to fall back to float32`);return r}function Go(o){bt("options",o),re("options",o,{allowed:uo});let e=Z("batch",o.batch,{min:1}),t=Z("kvHeads",o.kvHeads,{min:1}),r=Z("headDim",o.headDim,{min:4,max:Vr});if(r%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${r}`);let s=o.window===void 0?null:Te(o.window,"window");if(s===null&&o.maxLength===void 0)throw new TypeError("Invalid maxLength: expected an integer >= 1 (the tokens the cache holds), got undefined; only a window cache may leave it out");let n=o.maxLength===void 0?1/0:Z("maxLength",o.maxLength,{min:1}),i=s===null?n:Math.min(n,s+wt-1);return{batch:e,kvHeads:t,headDim:r,maxLength:n,window:s,slots:i}}function _t(o,e,t,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${o}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${X(e)}`);re(o,e,{allowed:r});let s=We(`${o}.frequencies`,e.frequencies),n=2*s.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==n)throw new RangeError(`Invalid ${o}.rotaryDim: expected ${n} (2 x the ${s.invFreq.length} frequencies), got ${X(e.rotaryDim)}`);if(n>t)throw new RangeError(`Invalid ${o}.frequencies: rotary dim ${n} (2 x ${s.invFreq.length} frequencies) exceeds the head dim ${t}`);let i=V(`${o}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),a=V(`${o}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),c=mt(`${i}|${a}`,s);return{frequencies:s,pairing:i,rotaryDim:n,angles:a,fingerprint:c}}function _o(o,e,t,r){let s=we(o,e,t);if(s.batch!==r.batch)throw new RangeError(`Invalid ${o}: expected batch ${r.batch} (as the cache), got ${s.batch}`);if(s.heads!==r.kvHeads)throw new RangeError(`Invalid ${o}: expected ${r.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==r.headDim)throw new RangeError(`Invalid ${o}: expected head dim ${r.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function _e(o,e,t,r){bt("options",r),re("options",r,{allowed:lo});let s=V("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=_o("k",e,s,o),i=_o("v",t,s,o);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(r.rope!==void 0){let c=_t("rope",r.rope,o.headDim,fo),u=r.rope.positions===void 0?null:Ce("rope.positions",r.rope.positions,n.seq,o.batch,c.angles==="float32");a={...c,positions:u}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function zo(o,e,t){if(e+t.n>o.maxLength)throw new RangeError(`Cannot append ${t.n} tokens: the KV cache holds ${e} of its maxLength ${o.maxLength} tokens (${o.maxLength-e} free); create a larger cache or reset() it`);if(t.rope&&!t.rope.positions&&t.rope.angles==="float32"){let r=e+t.n-1;if(r>be)throw new RangeError(`Invalid rope: the last key would sit at position ${r}, above ${be} (the largest position with angles "float32")`)}}function No(o,e){let t=e.rope?e.rope.fingerprint:null;if(o.keyRope!==void 0&&e.n>0&&o.keyRope!==t)throw new RangeError(`Invalid rope: this cache's keys were ${o.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?o:{keyRope:t,explicitPositions:o.explicitPositions||!!e.rope?.positions}}var Lt=Object.freeze({keyRope:void 0,explicitPositions:!1});function Wo(o,e,t,r=Fe){bt("options",t),re("options",t,{allowed:r});let s=V("layout",t.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=we("q",e,s);if(n.batch!==o.batch)throw new RangeError(`Invalid q: expected batch ${o.batch} (as the cache), got ${n.batch}`);if(n.headDim!==o.headDim)throw new RangeError(`Invalid q: expected head dim ${o.headDim} (as the cache), got ${n.headDim}`);if(n.heads<1||n.heads%o.kvHeads!==0)throw new RangeError(`Invalid q: its ${n.heads} heads are not a multiple of the cache's ${o.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(n.seq<1||n.seq>wt)throw new RangeError(`Invalid q: expected 1 to ${wt} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${n.seq}`);let i=t.scale===void 0?1/Math.sqrt(n.headDim):he("scale",t.scale),a=Mt(t.alibiSlopes,n.heads),c=null;if(t.rope!==void 0){if(t.rope!==null&&typeof t.rope=="object"&&"positions"in t.rope)throw new TypeError(`Invalid rope: unknown key "positions"; a decode's query positions are the option queryPositions (the cached keys keep the positions they were appended at)`);let h=_t("rope",t.rope,o.headDim,Ao),d=t.queryPositions===void 0?null:Ce("queryPositions",t.queryPositions,n.seq,n.batch,h.angles==="float32");c={...h,queryPositions:d}}else if(t.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let u=t.splits===void 0?void 0:Z("splits",t.splits,{min:1}),l=V("kernel",t.kernel??"split",{allowed:Ho}),A=Te(t.slidingWindow);if(A!==null&&o.window!==null&&A>o.window)throw new RangeError(`Invalid slidingWindow: expected at most ${o.window}, the window of this cache (it keeps no older keys), got ${A}`);let f=null;return t.bias!==void 0&&(f=oe("bias",t.bias),Ne(f,{batch:n.batch,heads:n.heads,qSeq:n.seq,kSeq:null})),{layout:s,batch:n.batch,heads:n.heads,kvHeads:o.kvHeads,group:n.heads/o.kvHeads,qSeq:n.seq,headDim:n.headDim,qShape:[...e.shape],qStrides:n.strides,scale:i,rope:c,alibi:a,splits:u,kernel:l,window:A,sinks:lt(t.sinks,n.heads),softcap:ft(t.softcap),leftPadding:At(t.leftPadding,n.batch,2**31-1),bias:f}}function kt(o,e,t,r=null){return Zr(o,e,t),Jr(o,e,r)}function Jr(o,e,t){let r=o.window??t,s=r===null?0:Math.max(0,e-o.qSeq-r+1),n=null;return o.bias&&(n=Ne(o.bias,{batch:o.batch,heads:o.heads,qSeq:o.qSeq,kSeq:e})),{window:r,first:s,bias:n}}function Zr(o,e,t){if(o.qSeq>e)throw new RangeError(`Invalid q: ${o.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(o.rope){if(t.keyRope&&t.keyRope!==o.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!o.rope.queryPositions){if(t.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(o.rope.angles==="float32"&&e-1>be)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${be} (the largest position with angles "float32")`)}}}var Le=class{owner;batch;kvHeads;headDim;maxLength;window;slots;#e;#o=0;#t=Lt;#r=!1;constructor(e,t,r){this.owner=e,this.#e=t,this.batch=r.batch,this.kvHeads=r.kvHeads,this.headDim=r.headDim,this.maxLength=r.maxLength,this.window=r.window,this.slots=r.slots}held(){let e=Math.min(this.#o,this.slots);return{first:this.#o-e,count:e}}get length(){return this.#o}get destroyed(){return this.#r||!this.#e()}get ropeState(){return this.#t}live(){if(this.#r)throw new Error(Lo);if(!this.#e())throw new Error(jo)}reserve(e){zo(this,this.#o,e);let t=No(this.#t,e),r=this.#o;return{slot:r,skip:Math.max(0,e.n-this.slots),commit:()=>{this.#o=r+e.n,this.#t=t}}}snapshot(){let e=this.#o,t=this.#t;return()=>{this.#o=e,this.#t=t}}clear(){this.#o=0,this.#t=Lt}markDestroyed(){return this.#r?!1:(this.#r=!0,!0)}};function jt(o,e,t){if(!(o instanceof t))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(o.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(o.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return o}var K=class{shape;dtype;owner;#e;#o;#t;#r;#s=!1;#n=!1;#a=null;#i=null;constructor(e,t,r,s,n="float32",i=a=>a.destroy()){this.owner=e,this.dtype=n,this.#t=s,this.#r=i,this.shape=Object.freeze([...t]),this.#e=r instanceof Float32Array?null:r,this.#o=r instanceof Float32Array?r:null}get buffer(){return this.#e}get destroyed(){return this.#s||!this.#t()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#o}}get recording(){return this.#a}get failure(){return this.#i}awaitRecording(e){return this.#a=e,this}settle(e){this.#a=null,e!==null&&(this.#i=e,this.#s=!0),this.#s&&this.#c()}destroy(){this.#s||(this.#s=!0,this.#a===null&&this.#c())}#c(){this.#n||(this.#n=!0,this.#e&&this.#r(this.#e))}};function z(o,e,t,r=null){if(e instanceof K){if(e.owner!==t)throw new Error(`Invalid ${o}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);let n=e.recording;if(n!==null){if(n===r&&e.owner===t)return e;throw new Error(`Invalid ${o}: this GpuTensor is an output of a recording whose submit() has not resolved yet; await submit() before using it outside that recording`)}if(e.failure!==null)throw new Error(`Invalid ${o}: this GpuTensor was never computed: its recording failed (${e.failure})`);if(e.destroyed)throw new Error(`Invalid ${o}: this GpuTensor was destroyed`);return e}let s=e;if(s===null||typeof s!="object"||!("data"in s))throw new TypeError(`Invalid ${o}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${X(e)}`);return oe(o,e)}function Ht(o,e,t){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${X(t)}`);re("options",t,{allowed:mo});let r=V("layout",t.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=we("x",o,r),n=We("frequencies",e),i=2*n.invFreq.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (2 x the ${n.invFreq.length} frequencies), got ${X(t.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (2 x ${n.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=V("pairing",t.pairing??"half",{allowed:["half","interleaved"]}),c=V("angles",t.angles??"float32",{allowed:["float32","float64"]}),u=$o("",t.positions,t.offset,s.seq,s.batch,c),l=Se("inPlace",t.inPlace??!1);return{call:{layout:r,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:u},inPlace:l}}var $t=class{#e;#o=[];#t="recording";constructor(e){this.#e=e}get state(){return this.#t}get calls(){return this.#o.length}#r(){if(this.#t!=="recording")throw new Error(`This recording cannot take more calls: it was ${this.#t==="submitting"?"submitted":this.#t}; start a new one with gpu.record()`);this.#e.live()}attention(e,t,r,s={}){this.#r();let n=this.#e.attention([e,t,r],s,this),i=this.#e.output(n.plan.qShape,n.elements.o,this);return this.#o.push({kind:"attention",call:n,output:i}),i}applyRope(e,t,r={}){this.#r();let s=this.#e.rope(e,t,r,this);if(s.inPlace&&!(s.x instanceof K))throw new TypeError("Invalid inPlace: a recording writes in place only into a GpuTensor; upload x first or leave inPlace false");let n=s.x instanceof K&&s.inPlace?s.x:this.#e.output(s.x.shape,"f32",this);return this.#o.push({kind:"rope",request:s,output:n}),n}append(e,t,r,s={}){this.#r(),this.#o.push({kind:"append",call:this.#e.append(e,[t,r],s,this)})}decode(e,t,r={}){this.#r();let s=this.#e.decode(e,t,r,this),n=this.#e.decodeOutput(s,this);return this.#o.push({kind:"decode",call:s,output:n}),n}submit(){if(this.#t!=="recording")return Promise.reject(new Error(`This recording cannot be submitted: it was ${this.#t==="submitting"?"submitted":this.#t} already; start a new one with gpu.record()`));this.#t="submitting";let e;try{e=this.#e.run(this.#o,this)}catch(t){e=Promise.reject(t)}return e.then(()=>this.#s("submitted",null),t=>{let r=t instanceof Error?t.message:String(t);throw this.#s("failed",r),t})}discard(){this.#t==="recording"&&this.#s("discarded","it was discarded before submit()")}#s(e,t){this.#t=e;for(let r of this.#o)r.kind==="append"||r.kind==="rope"&&r.request.inPlace||r.output.settle(t)}};var es=["flash","naive"],Ve="it was destroyed; create a new one with createGpuAttention()";function Ko(o){return Z("iterations",o,{min:1})}function ts(o,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${o}: expected an object, got ${X(e)}`)}var je=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e,t=null){return[z("q",e[0],this,t),z("k",e[1],this,t),z("v",e[2],this,t)]}#e(e,t,r,s=null){this.live();let n=this.checkOperands(e,s);return{operands:n,plan:$e(...n,t,r)}}#o(e,t,r){let[s,n,i]=t.operands,a=this.elementsOf(s,n,i,r),c=V("kernel",r.kernel??"flash",{allowed:es});return{args:e,q:s,k:n,v:i,plan:t.plan,elements:a,kernel:c}}async attention(e,t,r,s={}){let n=[e,t,r],i=this.#e(n,s,ct);return await this.runAttention(this.#o(n,i,s))}async profileAttention(e,t,r,s={}){let n=[e,t,r],i=this.#e(n,s,ho),a=Ko(s.iterations??10),c=Se("warmup",s.warmup??!0),u=this.#o(n,i,s);return await this.timeAttention(u,a,c,s)}async applyRope(e,t,r={}){this.live();let s=z("x",e,this),n=Ht(s,t,r);return Yo(s),await this.runRope({...n,arg:e,x:s})}upload(e,t={}){this.live();let r=oe("t",e);return ts("options",t),re("options",t,{allowed:go}),this.store(r,Xe("precision",t.precision,this.info.f16))}async download(e){this.live();let t=z("t",e,this);if(!(t instanceof K))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(t)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let t=Go(e),r=Xe("precision",e.precision,this.info.f16);return await this.makeCache(t,r)}#t(e,t,r,s,n=null){this.live();let i=z("q",e,this,n),a=jt(t,this,this.cacheClass),c=Wo(a,i,r,s);return this.prepareDecode({arg:e,q:i,cache:a,plan:c})}async decode(e,t,r={}){return await this.runDecode(this.#t(e,t,r,Fe),r)}async profileDecode(e,t,r={}){let s=this.#t(e,t,r,po),n=Ko(r.iterations??10),i=Se("warmup",r.warmup??!0);return await this.timeDecode(s,n,i,r)}record(){return this.live(),new $t(this.#r())}#r(){return{live:()=>this.live(),attention:(e,t,r)=>{let s=this.#e(e,t,ct,r);return this.#o(e,s,t)},rope:(e,t,r,s)=>{this.live();let n=z("x",e,this,s),i=Ht(n,t,r);return Yo(n),{...i,arg:e,x:n}},append:(e,t,r,s)=>{this.live();let n=jt(e,this,this.cacheClass),i=z("k",t[0],this,s),a=z("v",t[1],this,s);return{cache:n,args:t,k:i,v:a,plan:_e(n,i,a,r)}},decode:(e,t,r,s)=>this.#t(e,t,r,Fe,s),output:(e,t,r)=>this.recordedOutput(e,t,r),decodeOutput:(e,t)=>this.recordedOutput(e.plan.qShape,this.decodeElement(e),t),run:(e,t)=>this.runRecording(e,t)}}};function Yo(o){if(o instanceof K&&o.dtype==="float16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)")}function ye(o){return o.reduce((e,t)=>e*t,1)}var os=256,rs=8;function ss(o){let e=o.kp*o.ku*o.rb,t=o.lr*(e+1),r=o.kp*o.rb+2*o.rb,s=o.rb*(o.headDim/4)*4;return 4*(t+e+r+s)}function Uo(o,e,t,r=256){if(!Number.isInteger(o)||o%4!==0||o<4||o>512)return;let s=o/4,n=1;for(let f of[1,2,3,4])if(s%f===0&&s/f<=32){n=f;break}let i=s/n,a=Math.min(t==="T16"?64:128,r);if(i>r)return;let c=Math.max(1,Math.floor(a/i)),u=c*i,l=Qe[t],A=Math.max(1,Math.min(e,Math.floor(rs/n)));for(let f=A;f>=1;f--)for(let h=Math.max(1,Math.floor(i/f));h>=1;h--){let d={headDim:o,c:n,lr:i,kp:c,ku:h,rb:f},w=ss(d);if(w<=l)return{...d,workgroup:u,bytes:w}}}function Xo(o,e,t,r){let s=Math.ceil(t/Math.max(1,e)),n=Math.ceil(o/os);return Je(o,Math.max(1,Math.min(s,n,r)))}function Je(o,e){let t=Math.max(1,Math.ceil(o/e));return{splits:Math.max(1,Math.ceil(o/t)),keysPerSplit:t}}var de=`fn isNan(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
}
fn isNan4(x: vec4<f32>) -> vec4<bool> {
  return (bitcast<vec4<u32>>(x) & vec4<u32>(0x7fffffffu)) > vec4<u32>(0x7f800000u);
}
fn capped(x: f32, cap: f32) -> f32 {
  return select(cap * tanh(clamp(x / cap, -9.0, 9.0)), x, isNan(x));
}
fn biasHides(x: f32) -> bool {
  return x <= ${-1e30} && !isNan(x);
}
`;function He(o,e){return`select(select(0.0, exp2(${o} - ${e}), ${o} > ${-1e30/2}), ${o}, isNan(${o}))`}function pe(o){return`select(select(0.0, 1.0 / ${o}, ${o} > 0.0), ${o}, isNan(${o}))`}function Et(o){let e=["softcap","sinks","padding","bias"].filter(t=>o[t]);return e.length===0?"":`:${e.join("+")}`}function ae(o,e){return e==="f32"?t=>`${o}[${t}]`:t=>`vec4<f32>(${o}[${t}])`}function ke(o,e,t,r,s){let n=o.rotaryDim,i=n/2;if(s=`(${s})`,t=`(${t})`,r=`(${r})`,o.pairing==="interleaved"&&n%4===0)return`if (${r} < ${n/4}u) {
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
    }`}var Vo=new WeakMap;function G(o,e){return{variable:o,access:"read",type:e}}function J(o,e){return{variable:o,access:"read_write",type:e}}var Gt=class{name;fields;bindingNames;uniformBytes;#e;#o;#t;#r=null;constructor(e){this.name=e.name,this.#e=e.uniforms;let t=Vo.get(e.uniforms);if(!t){let s=Object.keys(e.uniforms);t={names:s,types:s.map(n=>e.uniforms[n])},Vo.set(e.uniforms,t)}if(this.fields=t.names,this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let r=["params"];for(let s in e.bindings)e.bindings[s]!==null&&r.push(s);this.bindingNames=r,this.uniformBytes=Math.ceil(this.fields.length*4/16)*16,this.#o=t.types,this.#t=e}get wgsl(){if(this.#r===null){let e=this.#t,t=this.fields.map(n=>`  ${n}: ${e.uniforms[n]},`).join(`
`),s=Object.values(e.bindings).filter(n=>n!==null).map((n,i)=>`@group(0) @binding(${i+1}) var<storage, ${n.access}> ${n.variable}: ${n.type};`);this.#r=`struct Params {
${t}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}return this.#r}binding(e){let t=this.bindingNames.indexOf(e);if(t<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return t}pack(e){let t=new ArrayBuffer(this.uniformBytes);return this.packInto(e,new DataView(t),0),t}packInto(e,t,r){let s=e,n=0;for(let c in s)n++;let i=this.fields;n!==i.length&&this.#s(s);let a=this.#o;for(let c=0;c<i.length;c++){let u=i[c],l=s[u];if(l===void 0)throw Object.hasOwn(s,u)||this.#s(s),new Error(`Internal error: uniform ${u} of kernel ${this.name} is missing`);let A=r+c*4,f=a[c];if(f==="f32"){if(!Number.isFinite(l))throw this.#n(u,l,"a finite f32");t.setFloat32(A,l,!0)}else if(f==="i32"){if(!Number.isInteger(l)||l<-2147483648||l>2147483647)throw this.#n(u,l,"a signed 32-bit integer");t.setInt32(A,l,!0)}else{if(!Number.isInteger(l)||l<0||l>4294967295)throw this.#n(u,l,"an unsigned 32-bit integer");t.setUint32(A,l,!0)}}}#s(e){for(let r of Object.keys(e))if(!Object.hasOwn(this.#e,r))throw new Error(`Internal error: kernel ${this.name} has no uniform ${r}`);let t=this.fields.find(r=>e[r]===void 0);throw new Error(`Internal error: uniform ${t} of kernel ${this.name} is missing`)}#n(e,t,r){return new RangeError(`Internal error: uniform ${e} = ${t} of kernel ${this.name} does not fit ${r}`)}entries(e){for(let t of Object.keys(e))if(!this.bindingNames.includes(t))throw new Error(`Internal error: kernel ${this.name} declares no binding ${t}`);return this.bindingNames.map((t,r)=>{let s=e[t];if(!s)throw new Error(`Internal error: binding ${t} of kernel ${this.name} is missing`);return{binding:r,resource:s}})}};function se(o){return new Gt(o)}var ns={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",first:"u32",slots:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32",window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"},is={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function zt(o){let e=o.elements;return se({name:"decode",uniforms:ns,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<vec4<${e.kv}>>`),v:G("V",`array<vec4<${e.kv}>>`),o:J("O",`array<vec4<${e.o}>>`),w:J("W","array<vec4<f32>>"),table:o.rope?G("T","array<vec2<f32>>"):null,slopes:o.alibi?G("SL","array<f32>"):null,sinks:o.sinks?G("SK","array<f32>"):null,padding:o.padding?G("PD","array<u32>"):null,bias:o.bias?G("BI","array<f32>"):null}})}function Nt(o){return se({name:"decode merge",uniforms:is,bindings:{w:G("W","array<vec4<f32>>"),o:J("O",`array<vec4<${o}>>`)}})}var Ze=64;function Wt(o){let e=o.tiles,t=o.rope?`${o.rope.pairing}${o.rope.rotaryDim}`:"none",r=o.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${t}:alibi=${o.alibi}:${r.q}${r.kv}${r.o}`+Et(o)}function Kt(o,e){return`decode-merge:d${o}:${e}`}function Ie(o){return Array.from({length:o},(e,t)=>t)}function yt(o){return o.length===0?"0.0":o.join(" + ")}function Jo(o,e){return o==="f32"?e:`vec4<f16>(${e})`}function Zo(o){let e=o.tiles,{c:t,lr:r,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,u=s*n*i,l=u+1,A=s*n,f=o.elements,h=ae("Q",f.q),d=ae("K",f.kv),w=ae("V",f.kv),$=[f.q,f.kv,f.o].includes("f16"),m=Ie(i),E=Ie(t),B=Ie(n),P=o.rope?ke(o.rope,h,"base","cc","P.tab + b * P.tabB + t"):"",R=m.map(b=>`${E.map(y=>`var q${b}_${y} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${b}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${E.map(y=>`{
        let cc = lr + ${y*r}u;
        var x = ${h("base + cc")};
        ${P}
        q${b}_${y} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),x=m.map(b=>`${o.sinks?`let sink${b} = split == 0u && kp == 0u;
  var m${b} = select(${-1e30}, SK[kvh * P.group + min(row0 + ${b}u, P.rows - 1u) % P.group], sink${b});
  var l${b} = select(0.0, 1.0, sink${b});`:`var m${b} = ${-1e30}; var l${b} = 0.0;`} ${E.map(y=>`var a${b}_${y} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),q=B.map(b=>{let y=m.map(k=>`Red[lr * ${l}u + kp * ${i}u + ${b*s*i+k}u] = ${yt(E.map(O=>`dot(q${k}_${O}, k${b}_${O})`))};`).join(`
      `);return`let kr${b} = kvBase + (min(k0 + ${b*s}u + kp, kEnd - 1u) % P.slots) * ${c}u;
      ${E.map(k=>`let k${b}_${k} = ${d(`kr${b} + ${k*r}u`)};`).join(" ")}
      ${E.map(k=>`let v${b}_${k} = ${w(`kr${b} + ${k*r}u`)};`).join(" ")}
      ${y}`}).join(`
      `),D=o.alibi||o.bias,S=o.softcap?"s = capped(s, P.cap2);":"",M=(D?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          `:"")+(o.alibi?"s -= SL[h] * f32(i32(qp) - i32(key));":""),Q=o.bias?`let bv = BI[b * P.bB + h * P.bH + (min(f, P.rows - 1u) / P.group) * P.bS + min(key, P.len - 1u)];
          s += bv * ${Math.LOG2E};`:"",T=o.padding?" && key >= padB":"",j=o.bias?" && !biasHides(bv)":"",F=Ie(Math.ceil(u/a)).map(b=>{let y=(b+1)*a>u;return`{
        let i = lid + ${b*a}u;
        ${y?`if (i < ${u}u) {`:"{"}
          var s = ${yt(Ie(r).map(k=>`Red[${k*l}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${S}
          ${M}
          ${Q}
          Sc[i] = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp && i32(key) > i32(qp) - i32(P.window)${T}${j});
        }
      }`}).join(`
      `),W=b=>yt(B.map(y=>`select(p${y} * v${y}_${b}, vec4<f32>(0.0), p${y} == 0.0)`)),N=m.map(b=>{let y=B.map(k=>`s${k}`);return`{
        ${B.map(k=>`let s${k} = Sc[kp * ${i}u + ${k*s*i+b}u];`).join(" ")}
        let mx = max(m${b}, ${y.reduce((k,O)=>`max(${k}, ${O})`)});
        let alpha = exp2(m${b} - mx);
        ${B.map(k=>`let p${k} = ${He(`s${k}`,"mx")};`).join(" ")}
        l${b} = l${b} * alpha + ${yt(B.map(k=>`p${k}`))};
        m${b} = mx;
        ${E.map(k=>`a${b}_${k} = a${b}_${k} * alpha + ${W(k)};`).join(`
        `)}
      }`}).join(`
      `),v=m.map(b=>`{
    let mr = ${Ie(s).map(y=>`Mk[${y*i+b}u]`).reduce((y,k)=>`max(${y}, ${k})`)};
    let g = exp2(m${b} - mr);
    l${b} *= g;
    ${E.map(y=>`a${b}_${y} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${b}u] = mr;
    }
  }`).join(`
  `),C=Ie(s).map(b=>`if (kp == ${b}u) {
    ${m.flatMap(y=>E.map(k=>{let O=`${y*c}u + lr + ${k*r}u`;return b===0?`X[${O}] = a${y}_${k};`:`X[${O}] += a${y}_${k};`})).join(`
    `)}
    if (lr == 0u) {
      ${m.map(y=>b===0?`Ls[${y}u] = l${y};`:`Ls[${y}u] += l${y};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),g=Ie(Math.ceil(i*c/a)).map(b=>{let y=(b+1)*a>i*c;return`{
    let e = lid + ${b*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${y?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Jo(f.o,`X[e] * ${pe("total")}`)};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${Wt(o)}
${$?"enable f16;":""}
${zt(o).wgsl}
${de}
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
  let kvBase = (unit - P.chunkBase) * P.slots * ${c}u + lr;

  ${R}
  ${x}

  // This split's keys (of those from the first visible one), cut at the last
  // one any row of the block sees and after the padding (uniform per workgroup).
  ${o.padding?"let padB = PD[b];":""}
  let kSplit = P.first + split * P.keysPerSplit;
  let kBegin = ${o.padding?"max(kSplit, padB)":"kSplit"};
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kSplit + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${A}u) {
      ${q}
    workgroupBarrier();
      ${F}
    workgroupBarrier();
      ${N}
  }

  if (lr == 0u) {
    ${m.map(b=>`Mk[kp * ${i}u + ${b}u] = m${b};`).join(" ")}
  }
  workgroupBarrier();
  ${v}
  ${C}
  ${g}
}
`}function er(o,e){let t=o/4;return`// ${Kt(o,e)}
${e==="f16"?"enable f16;":""}
${Nt(e).wgsl}
${de}
@compute @workgroup_size(${Ze})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ze}u + lid;
  if (idx >= P.items) {
    return;
  }
  let row = idx / ${t}u;
  let cc = idx % ${t}u;
  let stats = P.statsOff + row * P.nsplit;
  var mx = ${-1e30};
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Jo(e,`acc * ${pe("total")}`)};
}
`}function ce(o,e,t,r=4){let s=Math.max(16,t.minStorageBufferOffsetAlignment),n=Math.floor(o*r/s)*s,i=Math.max(4,Math.ceil((e*r-n)/4)*4);return{offset:n,size:i,base:n/r}}function ie(o,e){return o.size<=e.maxStorageBufferBindingSize}function ge(o,e,t,r){let s=[],n=0;for(;n<o;){let i=Math.min(o-n,e);if(!t(n,1))throw r(n);let a=1,c=i;if(t(n,c))a=c;else for(;c-a>1;){let u=Math.floor((a+c)/2);t(n,u)?a=u:c=u}s.push([n,a]),n+=a}return s}function ue(o,e){let t=e.maxComputeWorkgroupsPerDimension;if(o<=t)return[Math.max(1,o),1];let r=Math.ceil(o/t);if(r>t)throw new RangeError(`Cannot dispatch ${o} workgroups: more than ${t} x ${t}, the device's 2-D grid limit`);return[Math.ceil(o/r),r]}function Be(o,e){let t=e.maxComputeWorkgroupsPerDimension;return t*t*o}var Pe=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function as(o){let e=[o.q,o.k,o.v,o.o];return e.every(t=>t==="f32")?"":`:${e.join("")}`}var cs={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32",window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"};function Yt(o){let e=o.elements??Pe;return se({name:"flash",uniforms:cs,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<vec4<${e.k}>>`),v:G("V",`array<vec4<${e.v}>>`),o:J("O",`array<vec4<${e.o}>>`),table:o.rope?G("T","array<vec2<f32>>"):null,slopes:o.alibi?G("SL","array<f32>"):null,sinks:o.sinks?G("SK","array<f32>"):null,padding:o.padding?G("PD","array<u32>"):null,bias:o.bias?G("BI","array<f32>"):null}})}function Ut(o){let e=o.tiles,t=o.rope?`${o.rope.pairing}${o.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${t}:alibi=${o.alibi}`+as(o.elements??Pe)+Et(o)}function ve(o){return Array.from({length:o},(e,t)=>t)}function tr(o){let e=o.tiles,t=e.headDim/4,r=e.workgroup,s=e.br,n=e.bc,i=t+(e.pad?1:0),a=e.sharedKV?i:t,c=n+1,u=n/e.tn,l=t/e.od4,A=e.sharedKV?"Ks":"Vs",f=o.elements??Pe,h=ae("Q",f.q),d=ae("K",f.k),w=ae("V",f.v),$=[f.q,f.k,f.v,f.o].includes("f16"),m=(p,I)=>`for (var e = lid; e < ${p*t}u; e += ${r}u) {
    let r = e / ${t}u;
    let c = e % ${t}u;
    ${I("r","c")}
  }`,E=o.rope?ke(o.rope,h,"base","c","P.qTab + b * P.qTabB + pos"):"",B=o.rope?ke(o.rope,d,"base","c","P.kTab + b * P.kTabB + key"):"",P=m(s,(p,I)=>`let flat = row0 + ${p};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${h(`base + ${I}`)};
      ${E}
    }
    Qs[${p} * ${i}u + ${I}] = x * P.scale2;`),R=m(n,(p,I)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${d(`base + ${I}`)};
      ${B}
    }
    Ks[${p} * ${i}u + ${I}] = x;`),x=(p,I)=>`b * P.vB + kvh * P.vH + ${p} * P.vS - P.vOff + ${I}`,q=m(n,(p,I)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${w(x("key",I))};
    }
    let bad = isNan4(x);
    if (any(bad)) {
      atomicMax(&NanTile, kt + 1u);
    }
    ${A}[${p} * ${a}u + ${I}] = select(x, vec4<f32>(0.0), bad);`),D=ve(e.tm),S=ve(e.tn),M=ve(e.om),Q=ve(e.od4),T=D.flatMap(p=>S.map(I=>`var s${p}_${I} = 0.0;`)).join(" "),j=ve(t).map(p=>{let I=D.map(L=>`let q${L} = Qs[qr${L} + ${p}u];`).join(" "),_=S.map(L=>`let k${L} = Ks[kr${L} + ${p}u];`).join(" "),U=D.flatMap(L=>S.map(Y=>`s${L}_${Y} += dot(q${L}, k${Y});`)).join(" ");return`{ ${I} ${_} ${U} }`}).join(`
      `),F=D.flatMap(p=>S.map(I=>{let _=`s${p}_${I}`,U=o.softcap?`${_} = capped(${_}, P.cap2);
      `:"",L=o.alibi?` - sl${p} * f32(abs(qp${p} - i32(key${I})))`:"",Y=o.bias?`let b${p}_${I} = BI[br${p} + min(key${I}, P.sk - 1u)];
      `:"",te=o.bias?` + b${p}_${I} * ${Math.LOG2E}`:"",le=o.padding?` && key${I} >= padB`:"",Ae=o.bias?` && !biasHides(b${p}_${I})`:"";return`${U}${Y}${_} = select(${-1e30}, ${_}${L}${te}, ok${p} && key${I} < P.sk && (P.causal == 0u || i32(key${I}) <= qp${p}) && i32(key${I}) > qp${p} - i32(P.window)${le}${Ae});`})).join(`
      `),W=D.map(p=>`Mx[(tr * ${e.tm}u + ${p}u) * ${u}u + tc] = max(${S.map(I=>`s${p}_${I}`).reduce((I,_)=>`max(${I}, ${_})`)}, ${-1e30});`).join(`
      `),N=(p,I)=>`let ${I} = ${ve(u).map(_=>`Mx[${p} * ${u}u + ${_}u]`).reduce((_,U)=>`max(${_}, ${U})`)};`,v=D.map(p=>{let I=`(tr * ${e.tm}u + ${p}u)`,_=S.map(U=>`let p${U} = ${He(`s${p}_${U}`,"tmax")};
        Ps[${I} * ${c}u + tc + ${U*u}u] = p${U};`).join(`
        `);return`{
        ${N(I,"tmax")}
        ${_}
        Sm[${I} * ${u}u + tc] = ${S.map(U=>`p${U}`).join(" + ")};
      }`}).join(`
      `),C=M.flatMap(p=>Q.map(I=>`var o${p}_${I} = vec4<f32>(0.0);`)).join(" "),g=M.map(p=>o.sinks?`var m${p} = SK[kvh * P.group + (row0 + orow${p}) % P.group]; var l${p} = 1.0;`:`var m${p} = ${-1e30}; var l${p} = 0.0;`).join(" "),b=M.map(p=>{let I=`orow${p}`;return`{
        ${N(I,"tmax")}
        let tsum = ${ve(u).map(_=>`Sm[${I} * ${u}u + ${_}u]`).join(" + ")};
        let mnew = max(m${p}, tmax);
        let alpha = exp2(m${p} - mnew);
        beta${p} = exp2(tmax - mnew);
        l${p} = l${p} * alpha + tsum * beta${p};
        m${p} = mnew;
        ${Q.map(_=>`o${p}_${_} *= alpha;`).join(" ")}
      }`}).join(`
      `),y=`if (atomicLoad(&NanTile) == kt + 1u) {
        for (var kk = 0u; kk < ${n}u; kk++) {
          let key = k0 + kk;
          if (key < P.sk) {
            ${Q.map(p=>`let v${p} = ${w(x("key",`oc + ${p*l}u`))};`).join(" ")}
            ${M.map(p=>`{
              let seen = vec4<bool>(Ps[orow${p} * ${c}u + kk] > 0.0);
              ${Q.map(I=>`o${p}_${I} = select(o${p}_${I}, v${I}, isNan4(v${I}) & seen);`).join(" ")}
            }`).join(`
            `)}
          }
        }
      }`,k=ve(n).map(p=>{let I=M.map(L=>`let p${L} = Ps[orow${L} * ${c}u + ${p}u] * beta${L};`).join(" "),_=Q.map(L=>`let v${L} = ${A}[${p*a}u + oc + ${L*l}u];`).join(" "),U=M.flatMap(L=>Q.map(Y=>`o${L}_${Y} += p${L} * v${Y};`)).join(" ");return`{ ${I} ${_} ${U} }`}).join(`
      `),O=M.map(p=>`{
    let flat = row0 + orow${p};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = ${pe(`l${p}`)};
      ${Q.map(I=>f.o==="f32"?`O[base + ${I*l}u] = o${p}_${I} * inv;`:`O[base + ${I*l}u] = vec4<f16>(o${p}_${I} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),H=D.map(p=>`let flat${p} = row0 + tr * ${e.tm}u + ${p}u;
  let pos${p} = flat${p} / P.group;
  let ok${p} = pos${p} < P.sq;
  let qp${p} = i32(pos${p}) + i32(P.sk) - i32(P.sq);${o.alibi?`
  let sl${p} = SL[kvh * P.group + flat${p} % P.group];`:""}${o.bias?`
  let br${p} = b * P.bB + (kvh * P.group + flat${p} % P.group) * P.bH + min(pos${p}, P.sq - 1u) * P.bS;`:""}`).join(`
  `);return`// ${Ut(o)}
${$?"enable f16;":""}
${Yt(o).wgsl}
${de}
var<workgroup> Qs: array<vec4<f32>, ${s*i}>;
var<workgroup> Ks: array<vec4<f32>, ${n*i}>;
${e.sharedKV?"":`var<workgroup> Vs: array<vec4<f32>, ${n*t}>;`}
var<workgroup> Ps: array<f32, ${s*c}>;
var<workgroup> Mx: array<f32, ${s*u}>;
var<workgroup> Sm: array<f32, ${s*u}>;
var<workgroup> NanTile: atomic<u32>;

@compute @workgroup_size(${r})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // Tiles run last-first: under a causal mask the longest ones start first.
  let tile = P.numTiles - 1u - (P.tileBase + wid.x);
  let unit = P.unitBase + wid.y;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let row0 = tile * ${s}u;

  ${P}

  let tr = lid / ${u}u;
  let tc = lid % ${u}u;
  ${D.map(p=>`let qr${p} = (tr * ${e.tm}u + ${p}u) * ${i}u;`).join(" ")}
  ${S.map(p=>`let kr${p} = (tc + ${p*u}u) * ${i}u;`).join(" ")}
  ${H}
  let orr = lid / ${l}u;
  let oc = lid % ${l}u;
  ${M.map(p=>`let orow${p} = orr * ${e.om}u + ${p}u;`).join(" ")}
  ${C}
  ${g}
  ${M.map(p=>`var beta${p} = 0.0;`).join(" ")}

  // Keys past the last visible one, before the first row's window or in the
  // padding are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${s}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  ${o.padding?"let padB = PD[b];":""}
  let firstKey = i32(row0 / P.group) + i32(P.sk) - i32(P.sq) - i32(P.window) + 1;
  let kvBegin = ${o.padding?"max(u32(max(firstKey, 0)), padB)":"u32(max(firstKey, 0))"};
  let tiles = (kvEnd + ${n-1}u) / ${n}u;
  for (var kt = kvBegin / ${n}u; kt < tiles; kt++) {
    let k0 = kt * ${n}u;
    ${R}
    ${e.sharedKV?"":q}
    workgroupBarrier();
    {
      ${T}
      ${j}
      ${S.map(p=>`let key${p} = k0 + tc + ${p*u}u;`).join(" ")}
      ${F}
      ${W}
      workgroupBarrier();
      ${v}
    }
    ${e.sharedKV?q:""}
    workgroupBarrier();
    {
      ${b}
      ${k}
      ${y}
    }
    workgroupBarrier();
  }

  ${O}
}
`}var us=32*1024*1024,ls=1024;function fs(o,e){return mt(`rope-table|${e}`,o)}function or(o,e,t){return new RangeError(`Cannot bind the RoPE table: ${o} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${t} bytes; rotate in smaller batches`)}function me(o,e,t,r){let s=e.invFreq.length*8,n=Math.min(o.limits.maxStorageBufferBindingSize,o.limits.maxBufferSize);if(r.every(A=>A.positions.kind==="range")){let A=r.map(m=>m.positions.start),f=Math.min(...A),h=Math.max(...r.map((m,E)=>A[E]+m.seq)),d=ls;for(;d<h;)d*=2;if(d*s<=Math.min(us,n)){let m=fs(e,t),E=o.cached(m,()=>null);if(!E||E.rows<h){let B=ht(e,{start:0,count:d},t);E={rows:d,buffer:o.upload(B,"rope table")},o.setCached(m,E)}return{buffer:E.buffer,temp:!1,sides:A.map(B=>({tab:B,tabB:0}))}}let w=Math.max(1,h-f);if(w*s>n)throw or(w,w*s,n);let $=ht(e,{start:f,count:w},t);return{buffer:o.upload($,"rope table"),temp:!0,sides:A.map(m=>({tab:m-f,tabB:0}))}}let i=[],a=[],c=0;for(let A of r){let f=A.positions,h=f.kind==="list"?f.list:Float64Array.from({length:A.seq},(d,w)=>f.start+w);a.push({tab:c,tabB:f.kind==="list"&&f.perBatch?A.seq:0}),i.push(h),c+=h.length}let u=new Float64Array(Math.max(1,c)),l=0;for(let A of i)u.set(A,l),l+=A.length;if(u.length*s>n)throw or(u.length,u.length*s,n);return{buffer:o.upload(ht(e,u,t),"rope table"),temp:!0,sides:a}}function sr(o,e,t=Pe){let r=Mo(e.headDim,o.tier,o.limits.maxComputeInvocationsPerWorkgroup);if(!r)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${o.tier}, ${o.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${o.tier==="T16"?256:Tt}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:t,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function Xt(o,e,t){let r=null,s=null,n=null;if(e.sinks&&(r=o.upload(Float32Array.from(e.sinks,i=>i*Math.LOG2E),"sinks"),t.push(r)),e.leftPadding&&(s=o.upload(e.leftPadding,"left padding"),t.push(s)),e.bias){let i=e.bias.data.byteLength,a=o.limits.maxStorageBufferBindingSize;if(i>a)throw new RangeError(`Invalid bias: its ${i} bytes exceed the device's storage binding limit of ${a} bytes (maxStorageBufferBindingSize); broadcast it over batch or heads, or split the call`);n=o.upload(e.bias.data,"bias"),t.push(n)}return{sinks:r,padding:s,bias:n}}function Vt(o){return{...o.sinks?{sinks:{buffer:o.sinks}}:{},...o.padding?{padding:{buffer:o.padding}}:{},...o.bias?{bias:{buffer:o.bias}}:{}}}function nr(o,e){return o.pipeline(Ut(e),()=>tr(e))}function rr(o,e,t){return new RangeError(`Cannot split ${o} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${t} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function ir(o,e,t,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:u,headDim:l}=e,A={dispatches:[],temps:[]};if(n===0||c===0||u===0)return A;let f=o.limits,h=e.qStrides,d=e.kStrides,w=n*i,$=t.elements??Pe,m=v=>v==="f16"?2:4,E=(v,C,g=m($.q))=>{let[b,y]=[Math.floor(v/i),v%i],k=v+C-1,[O,H]=[Math.floor(k/i),k%i],p=b*h.batch+y*a*h.heads,I=O*h.batch+(H*a+a-1)*h.heads+(c-1)*h.seq+l;return ce(p,I,f,g)},B=(v,C)=>E(v,C,m($.o)),P=(v,C,g=m($.k))=>{let b=v+C-1,y=Math.floor(v/i)*d.batch+v%i*d.heads,k=Math.floor(b/i)*d.batch+b%i*d.heads+(u-1)*d.seq+l;return ce(y,k,f,g)},R=(v,C)=>P(v,C,m($.v)),x=(v,C)=>(m($.q)>=m($.o)?E:B)(v,C),q=(v,C)=>(m($.k)>=m($.v)?P:R)(v,C),D=ge(w,f.maxComputeWorkgroupsPerDimension,(v,C)=>ie(x(v,C),f)&&ie(q(v,C),f),v=>{let C=x(v,1);return ie(C,f)?rr("k and v",q(v,1).size,f.maxStorageBufferBindingSize):rr("q and the output",C.size,f.maxStorageBufferBindingSize)}),S=null;e.rope&&(S=me(o,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:u}]),S.temp&&A.temps.push(S.buffer));let M=null;e.alibi&&(M=o.upload(e.alibi.map(v=>v*Math.LOG2E),"alibi slopes"),A.temps.push(M));let Q=Xt(o,e,A.temps),T=e.bias,j=t.tiles,F=Math.ceil(c*a/j.br),W=f.maxComputeWorkgroupsPerDimension,N=Yt(t);for(let[v,C]of D){let g=E(v,C),b=P(v,C),y=R(v,C),k=B(v,C);for(let O=0;O<F;O+=W){let H={sq:c,sk:u,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:F,tileBase:O,unitBase:v,qB:h.batch/4,qH:h.heads/4,qS:h.seq/4,qOff:g.base/4,kB:d.batch/4,kH:d.heads/4,kS:d.seq/4,kOff:b.base/4,vB:d.batch/4,vH:d.heads/4,vS:d.seq/4,vOff:y.base/4,oB:h.batch/4,oH:h.heads/4,oS:h.seq/4,oOff:k.base/4,qTab:S?.sides[0]?.tab??0,qTabB:S?.sides[0]?.tabB??0,kTab:S?.sides[1]?.tab??0,kTabB:S?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E,window:e.window===null?1073741824:Math.min(e.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:T?.batchStride??0,bH:T?.headStride??0,bS:T?.rowStride??0},p=o.bind(r,N,H,{q:{buffer:s.q,offset:g.offset,size:g.size},k:{buffer:s.k,offset:b.offset,size:b.size},v:{buffer:s.v,offset:y.offset,size:y.size},o:{buffer:s.o,offset:k.offset,size:k.size},...S?{table:{buffer:S.buffer}}:{},...M?{slopes:{buffer:M}}:{},...Vt(Q)},A.temps),[I]=ue(Math.min(W,F-O),f);A.dispatches.push({pipeline:r,bindGroup:p,grid:[I,C,1]})}}return A}function ar(o,e,t){let r=e.group*e.qSeq,s=Uo(e.headDim,r,o.tier,o.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${o.tier}, ${o.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${o.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:t,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function cr(o,e){let t=e.tiles.headDim,r=e.elements.o;return Promise.all([o.pipeline(Wt(e),()=>Zo(e)),o.pipeline(Kt(t,r),()=>er(t,r))])}function ur(o,e,t,r,s,n=!1){let i=o.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,i);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (${n?`the ${r} keys of the window`:`the cache length ${r}`}${i<r?` and maxComputeWorkgroupsPerDimension ${i}`:""}), got ${e.splits}`);return Je(r,e.splits)}let a=Math.ceil(e.group*e.qSeq/t.tiles.rb);return Xo(r,e.batch*e.kvHeads*a,s,i)}function tt(o,e){return o.rope?.queryPositions??{kind:"range",start:e-o.qSeq}}function lr(o,e,t,r,s,n,i,a){let c={dispatches:[],temps:[]},[u,l]=r,A=o.limits,{kvHeads:f,group:h,qSeq:d,headDim:w}=e,$=w/4,m=h*d,E=t.tiles,B=Math.ceil(m/E.rb),{splits:P,keysPerSplit:R}=n,x=P===1,q=e.qStrides,D=t.elements.q==="f16"?2:4,S=t.elements.o==="f16"?2:4,M=(g,b,y)=>{let k=(I,_)=>Math.floor(I/f)*q.batch+_*q.heads,O=g+b-1,H=k(g,g%f*h),p=k(O,O%f*h+h-1)+(d-1)*q.seq+w;return ce(H,p,A,y)},Q=g=>g*m*P*($+1)*16,T=null;e.rope&&(T=me(o,e.rope.frequencies,e.rope.angles,[{positions:tt(e,s.length),seq:d}]),T.temp&&c.temps.push(T.buffer));let j=null;e.alibi&&(j=o.upload(e.alibi.map(g=>g*Math.LOG2E),"alibi slopes"),c.temps.push(j));let F=Xt(o,{...e,bias:a.bias},c.temps),W=A.maxComputeWorkgroupsPerDimension,N=zt(t),v=Nt(t.elements.o),C=Math.max(1,Math.floor(Be(Ze,A)/(m*$)));for(let g of s.chunks){let b=ge(g.n,Math.min(W,C),(y,k)=>ie(M(g.u0+y,k,D),A)&&ie(M(g.u0+y,k,S),A)&&(x||Q(k)<=A.maxStorageBufferBindingSize),y=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${M(g.u0+y,1,Math.max(D,S)).size} bytes or their ${P} partial outputs ${Q(1)} bytes, more than maxStorageBufferBindingSize (${A.maxStorageBufferBindingSize} bytes)`));for(let[y,k]of b){let O=g.u0+y,H=M(O,k,D),p=M(O,k,S),I=k*m*P*$,_=x?o.dummy():o.scratch(Q(k)),U={sq:d,group:h,rows:m,kvHeads:f,len:s.length,first:a.first,slots:s.slots,nsplit:P,keysPerSplit:R,unitBase:O,chunkBase:g.u0,direct:x?1:0,statsOff:I,qB:q.batch/4,qH:q.heads/4,qS:q.seq/4,qOff:H.base/4,oB:q.batch/4,oH:q.heads/4,oS:q.seq/4,oOff:p.base/4,tab:T?.sides[0]?.tab??0,tabB:T?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E,window:a.window===null?1073741824:Math.min(a.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:a.bias?.batchStride??0,bH:a.bias?.headStride??0,bS:a.bias?.rowStride??0};if(c.dispatches.push({pipeline:u,bindGroup:o.bind(u,N,U,{q:{buffer:i.q,offset:H.offset,size:H.size},k:{buffer:g.k},v:{buffer:g.v},o:{buffer:i.o,offset:p.offset,size:p.size},w:{buffer:_},...T?{table:{buffer:T.buffer}}:{},...j?{slopes:{buffer:j}}:{},...Vt(F)},c.temps),grid:[P,k,B]}),x)continue;let L=k*m*$,[Y,te]=ue(Math.ceil(L/Ze),A),le={items:L,nsplit:P,rows:m,group:h,kvHeads:f,unitBase:O,statsOff:I,gridX:Y,oB:q.batch/4,oH:q.heads/4,oS:q.seq/4,oOff:p.base/4};c.dispatches.push({pipeline:l,bindGroup:o.bind(l,v,le,{w:{buffer:_},o:{buffer:i.o,offset:p.offset,size:p.size}},c.temps),grid:[Y,te,1]})}}return c}function As(o){if(o.window!==null)return null;let{relaxed:e,plain:t}=Ot(),r=e?new qe(e,"relaxed-simd"):t?new qe(t,"simd"):new Ke,s=o.headDim+7&-8,n=(o.slots+7&-8)*s,i=o.batch*o.kvHeads*n,a=Ye,c=a+i,u=c+i;if(u*4>2**31)return null;try{r.reserve(u)}catch{return null}return{kernel:r,dp:s,kAt:a,vAt:c,headFloats:n,end:u}}var ot=class extends Le{precision="f32";#e;#o;#t;constructor(e,t,r){super(e,t,r);let s=r.batch*r.kvHeads*r.slots*r.headDim;this.#e=new Float32Array(s),this.#o=new Float32Array(s),this.#t=As(r)}append(e,t,r={}){try{this.live();let s=z("k",e,this.owner),n=z("v",t,this.owner);return this.write(_e(this,s,n,r),s,n),Promise.resolve()}catch(s){return Promise.reject(s)}}write(e,t,r){let{slot:s,skip:n,commit:i}=this.reserve(e),a=fr(t);e.rope&&(a=ne(a,e.rope.frequencies,{layout:e.layout,pairing:e.rope.pairing,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:s}}));let c=fr(r),u=this.headDim,l=e.strides;for(let A=0;A<this.batch;A++)for(let f=0;f<this.kvHeads;f++)for(let h=n;h<e.n;h++){let d=A*l.batch+f*l.heads+h*l.seq,w=((A*this.kvHeads+f)*this.slots+(s+h)%this.slots)*u;this.#e.set(a.data.subarray(d,d+u),w),this.#o.set(c.data.subarray(d,d+u),w)}this.#r(s,e.n),i()}#r(e,t){let r=this.#t;if(r===null)return;let{dp:s,headFloats:n}=r,i=this.headDim,a=r.kernel.reserve(r.end);for(let c=0;c<this.batch*this.kvHeads;c++){let u=r.kAt+c*n,l=r.vAt+c*n;for(let A=e;A<e+t;A++){let f=(c*this.slots+A)*i,h=u+(A>>3)*s*8+(A&7);for(let d=0;d<i;d++)a[h+8*d]=this.#e[f+d];for(let d=i;d<s;d++)a[h+8*d]=0;a.set(this.#o.subarray(f,f+i),l+A*s),a.fill(0,l+A*s+i,l+(A+1)*s)}}}tensors(e,t=!1,r=this.held().count){let{batch:s,kvHeads:n,headDim:i,slots:a}=this,c=r,u=this.length-c,l=Object.freeze(e==="bhsd"?[s,n,c,i]:[s,c,n,i]),A,f;if(!t&&e==="bhsd"&&c===a&&this.window===null)A=this.#e,f=this.#o;else{A=new Float32Array(s*n*c*i),f=new Float32Array(A.length);for(let d=0;d<s;d++)for(let w=0;w<n;w++){let $=(d*n+w)*a*i;if(e==="bhsd"&&this.window===null){let m=(d*n+w)*c*i;A.set(this.#e.subarray($,$+c*i),m),f.set(this.#o.subarray($,$+c*i),m);continue}for(let m=0;m<c;m++){let E=$+(u+m)%a*i,B=e==="bhsd"?((d*n+w)*c+m)*i:((d*c+m)*n+w)*i;A.set(this.#e.subarray(E,E+i),B),f.set(this.#o.subarray(E,E+i),B)}}}let h=this.#t;if(!t&&h!==null){let d={kernel:h.kernel,batch:s,kvHeads:n,headDim:i,length:c,kAt:h.kAt,vAt:h.vAt,headFloats:h.headFloats,end:h.end};qo(A,d)}return{k:{shape:l,data:A},v:{shape:l,data:f}}}download(){try{this.live();let e=Math.min(this.length,this.window??1/0);return Promise.resolve(this.tensors("bhsd",!0,e))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function fr(o){return o instanceof K?o.host:o}var hs=1<<23;function ds(o,e){let t=o.batch*o.kvHeads,r=Math.min(e,t),s=[];for(let n=0;n<r;n++){let i=Math.floor(n*t/r),a=Math.floor((n+1)*t/r),c=[];for(let u=i;u<a;){let l=Math.floor(u/o.kvHeads),A=u%o.kvHeads,f=Math.min(o.kvHeads,A+(a-u));c.push({batch:l,kv0:A,kv1:f}),u+=f-A}s.push(c)}return s}function Ar(o,e){let t=o.batch*o.heads*o.qSeq*o.kSeq*o.headDim;return o.bias===null&&e>1&&o.batch*o.kvHeads>1&&t>=hs}function Jt(o,e,t,r,s,n,i){let a=new Float32Array((s-r)*n*i),c=0;for(let u=r;u<s;u++){let l=t*e.batch+u*e.heads;if(e.seq===i){a.set(o.subarray(l,l+n*i),c),c+=n*i;continue}for(let A=0;A<n;A++,c+=i){let f=l+A*e.seq;a.set(o.subarray(f,f+i),c)}}return a}function ps(o,e,t){if(!o.rope)return[e,t];let{frequencies:r,pairing:s,angles:n,layout:i}={...o.rope,layout:o.layout};return[ne(e,r,{layout:i,pairing:s,angles:n,positions:o.rope.query}),ne(t,r,{layout:i,pairing:s,angles:n,positions:o.rope.key})]}function gs(o,e,t,r,s){let{group:n,qSeq:i,kSeq:a,headDim:c}=o,{batch:u,kv0:l,kv1:A}=e;return{q:Jt(t.data,o.qStrides,u,l*n,A*n,i,c),k:Jt(r.data,o.kStrides,u,l,A,a,c),v:Jt(s.data,o.kStrides,u,l,A,a,c),alibi:o.alibi?o.alibi.slice(l*n,A*n):null,sinks:o.sinks?o.sinks.slice(l*n,A*n):null,pad:o.leftPadding?o.leftPadding[u]:null}}function ms(o,e,t,r){let{group:s,qSeq:n,headDim:i,qStrides:a}=o,c=0;for(let u=e.kv0*s;u<e.kv1*s;u++){let l=e.batch*a.batch+u*a.heads;if(a.seq===i){r.set(t.subarray(c,c+n*i),l),c+=n*i;continue}for(let A=0;A<n;A++,c+=i)r.set(t.subarray(c,c+i),l+A*a.seq)}}function ws(o){let e=[];for(let t of o)e.push(t.q.buffer,t.k.buffer,t.v.buffer),t.alibi&&e.push(t.alibi.buffer),t.sinks&&e.push(t.sinks.buffer);return e}var Zt=class{#e;#o=new Map;#t=null;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let t=e.data,r=this.#o.get(t.id);r&&(this.#o.delete(t.id),"error"in t?r.reject(new Error(`A CPU attention worker failed: ${t.error}`)):r.resolve(t.outputs))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#t}run(e){return this.#t?Promise.reject(new Error(this.#t)):new Promise((t,r)=>{this.#o.set(e.id,{resolve:t,reject:r}),this.#e.postMessage(e,ws(e.pieces))})}fail(e){if(!this.#t){this.#t=e,this.#e.terminate();for(let t of this.#o.values())t.reject(new Error(e));this.#o.clear()}}},It=class{#e;#o=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,t,r,s){let[n,i]=ps(e,t,r),a=new Float32Array(t.data.length),c=Object.freeze([...t.shape]),[u,...l]=ds(e,this.#e.length+1),A={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale,window:e.window,softcap:e.softcap},f=l.map((h,d)=>{let w=this.#e[d];(!w||w.failure)&&(w=this.#e[d]=new Zt);let $={id:this.#o++,...A,pieces:h.map(m=>gs(e,m,n,i,s))};return w.run($).then(m=>{h.forEach((E,B)=>ms(e,E,m[B],a))})});return Ee({...e,rope:null},n,i,s,void 0,{ranges:u,into:a}),await Promise.all(f),{shape:c,data:a}}destroy(e){for(let t of this.#e)t?.fail(e);this.#e.fill(void 0)}};function bs(o,e){if(e===0)return o;let[t,r,s,n]=o.shape,i=n-e,a=new Float32Array(t*r*s*i);for(let c=0;c<t*r*s;c++)a.set(o.data.subarray(c*n+e,(c+1)*n),c*i);return{shape:[t,r,s,i],data:a}}var Bt=class extends je{info;cacheClass=ot;#e=!1;#o;#t=null;constructor(e,t=1){super(),this.#o=t,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:t})}failure(){return this.#e?Ve:null}#r(e){return e instanceof K?e.host:e}#s(e,t){return e instanceof K?new K(this,t.shape,t.data,this.alive):t}elementsOf(){return Pe}async runAttention(e){let{plan:t}=e,[r,s,n]=[this.#r(e.q),this.#r(e.k),this.#r(e.v)];return Ar(t,this.#o)?(this.#t??=new It(this.#o-1),this.#s(e.q,await this.#t.attention(t,r,s,n))):this.#s(e.q,Ee(t,r,s,n))}async timeAttention(e,t,r,s){let[n,i,a]=e.args,{iterations:c,warmup:u,...l}=s;r&&await this.attention(n,i,a,l);let A=performance.now();for(let f=0;f<t;f++)await this.attention(n,i,a,l);return{seconds:(performance.now()-A)/1e3/t,iterations:t,source:"wall-clock"}}runRope(e){let{x:t,call:r,inPlace:s}=e,n=this.#r(t),i=ne(n,r.frequencies,{layout:r.layout,pairing:r.pairing,angles:r.angles,positions:r.positions});return s?(n.data.set(i.data),Promise.resolve(t)):Promise.resolve(this.#s(t,i))}store(e){return new K(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new ot(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){return Promise.resolve(this.#s(e.q,this.#n(e)))}#n(e){let{plan:t,cache:r}=e,s=kt(t,r.length,r.ropeState,r.window),n=this.#r(e.q);t.rope&&(n=ne(n,t.rope.frequencies,{layout:t.layout,pairing:t.rope.pairing,angles:t.rope.angles,positions:tt(t,r.length)}));let{k:i,v:a}=r.tensors(t.layout),c=r.held().first,u=$e(n,i,a,{layout:t.layout,causal:!0,scale:t.scale,...t.alibi?{alibiSlopes:t.alibi}:{},...s.window!==null?{slidingWindow:s.window}:{},...t.sinks?{sinks:t.sinks}:{},...t.softcap!==null?{softcap:t.softcap}:{},...t.leftPadding?{leftPadding:Array.from(t.leftPadding,l=>Math.min(Math.max(0,l-c),r.length-c))}:{},...t.bias?{bias:bs(t.bias,c)}:{}});return Ee(u,n,i,a)}async timeDecode(e,t,r,s){let n=e.arg,{iterations:i,warmup:a,...c}=s;r&&await this.decode(n,e.cache,c);let u=performance.now();for(let l=0;l<t;l++)await this.decode(n,e.cache,c);return{seconds:(performance.now()-u)/1e3/t,iterations:t,source:"wall-clock",splits:1}}recordedOutput(e,t,r){let s=e.reduce((n,i)=>n*i,1);return new K(this,e,new Float32Array(s),this.alive).awaitRecording(r)}decodeElement(){return"f32"}runRecording(e,t){let r=[];try{this.live();for(let s of e)this.#a(s,t);for(let s of e)if(s.kind==="attention"){let{plan:n}=s.call,[i,a,c]=[this.#r(s.call.q),this.#r(s.call.k),this.#r(s.call.v)];s.output.host.data.set(Ee(n,i,a,c).data)}else if(s.kind==="rope"){let{x:n,call:i,inPlace:a}=s.request,c=a?n.host.data:s.output.host.data;if(a){let u=c.slice();r.push(()=>c.set(u))}c.set(ne(this.#r(n),i.frequencies,{layout:i.layout,pairing:i.pairing,angles:i.angles,positions:i.positions}).data)}else s.kind==="append"?(r.push(s.call.cache.snapshot()),s.call.cache.write(s.call.plan,s.call.k,s.call.v)):s.output.host.data.set(this.#n(s.call).data);return Promise.resolve()}catch(s){for(let n of r.reverse())n();return Promise.reject(s)}}#a(e,t){e.kind==="attention"?this.checkOperands(e.call.args,t):e.kind==="rope"?z("x",e.request.arg,this,t):e.kind==="append"?(e.call.cache.live(),z("k",e.call.args[0],this,t),z("v",e.call.args[1],this,t)):(e.call.cache.live(),z("q",e.call.arg,this,t))}destroy(){this.#e=!0,this.#t?.destroy(`This GpuAttention cannot be used: ${Ve}`),this.#t=null}};var ks=128,$s=16,Es=8;function ys(o){let e=o.tk*(o.de+1)*16,t=o.rb*(o.headDim/4)*16,r=o.tk*o.rb*4,s=o.rb*4;return e+t+r+s}function hr(o,e,t,r,s=256){let n=t==="f16"?8:4;if(!Number.isInteger(o)||o%n!==0||o<n||o>512)return`the keys kernel reads ${t} rows in 16-byte units of ${n} dims, so it needs a head dim that is a multiple of ${n} up to 512, got ${o}`;let i=o/n,a=Math.min(ks,s);if(i>a)return`a row of ${i} load units needs more than the ${a} invocations per workgroup`;let c=Math.floor(a/i),u=c*i,l=Math.max(1,Math.min(e,Es)),A=Qe[r];for(let f=l;f>=1;f--){let h;for(let d=Math.min(u,c*$s);d>=c;d-=c){let w=ys({headDim:o,de:i,tk:d,rb:f});if(w>A)continue;let $=Math.ceil(f/Math.max(1,Math.floor(u/d))),m=Math.ceil(f/$),E={headDim:o,kv:t,e:n,de:i,wg:u,kg:c,tk:d,vk:d/c,rb:f,sg:m,rh:$,bytes:w};if(d%32===0||d<32)return E;h??=E}if(h)return h}return`no tile of keys fits ${A} bytes of workgroup storage (tier ${r}) at head dim ${o}`}var Is=256,Bs=1024,vs=4;function dr(o,e,t,r,s){let n=vs*Math.max(1,t),i=Math.ceil(o*Math.max(1,e)/n),a=Math.min(Bs,Math.max(Is,i)),c=Math.ceil(a/s)*s,u=Math.max(1,Math.ceil(o/c));return u>r&&(u=r,c=Math.ceil(o/u)),u===1?{splits:1,keysPerSplit:Math.max(1,o)}:{splits:Math.ceil(o/c),keysPerSplit:c}}var Ps={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmaxU:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},xs={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function pr(o){return o.kv==="f16"?"vec4<u32>":"vec4<f32>"}function eo(o){let e=o.elements,t=pr(o.tiles);return se({name:"decode keys",uniforms:Ps,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<${t}>`),v:G("V",`array<${t}>`),o:J("O",`array<vec4<${e.o}>>`),w:J("W","array<vec4<f32>>"),table:o.rope?G("T","array<vec2<f32>>"):null,slopes:o.alibi?G("SL","array<f32>"):null}})}function to(o){return se({name:"decode keys merge",uniforms:xs,bindings:{w:G("W","array<vec4<f32>>"),o:J("O",`array<vec4<${o}>>`)}})}function oo(o){let e=o.tiles,t=o.rope?`${o.rope.pairing}${o.rope.rotaryDim}`:"none",r=o.elements;return`decode-keys:d${e.headDim}:${e.kv}:wg${e.wg}:tk${e.tk}:rb${e.rb}:rope=${t}:alibi=${o.alibi}:${r.q}${r.kv}${r.o}`}function rt(o){let e=o/4,t=[8,4,2,1].find(s=>e%s===0),r=256/t;return{chunks:t,lanes:r,blocks:e/t,workgroup:256}}function ro(o,e){return`decode-keys-merge:d${o}:${e}`}function De(o){return Array.from({length:o},(e,t)=>t)}function gr(o,e){return o==="f32"?e:`vec4<f16>(${e})`}function Ss(o){return[4,2,1].find(e=>o%e===0)}function mr(o){let e=o.tiles,{wg:t,tk:r,rb:s,de:n,kg:i,vk:a,sg:c,rh:u}=e,l=e.headDim/4,A=e.e/4,f=n+1,h=o.elements,d=ae("Q",h.q),w=[h.q,h.o].includes("f16"),$=De(s),m=De(A),E=e.kv==="f16",B=(g,b)=>E?`vec4<f32>(unpack2x16float(${g}.${"xz"[b]}), unpack2x16float(${g}.${"yw"[b]}))`:g,P=o.rope?ke(o.rope,d,"base","cc","P.tab + b * P.tabB + tq"):"",R=De(a).map(g=>`let ki${g} = kvBase + min(k0 + g + ${g*i}u, kEnd - 1u) * ${n}u + c;
    Ks[(g + ${g*i}u) * ${f}u + c] = K[ki${g}];
    let v${g} = V[ki${g}];`).join(`
    `),x=De(u),q=c*u!==s,D=g=>c===1?`${g}u`:`(rg * ${u}u + ${g}u)`,S=g=>q?`min(${D(g)}, ${s-1}u)`:D(g),M=Ss(n),Q=De(M).map(g=>{let b=m.map(k=>`let x${g}_${k} = ${B(`Ks[kr + u + ${g}u]`,k)};`).join(" "),y=x.map(k=>`s${k} += ${m.map(O=>`dot(Qs[${S(k)} * ${l}u + (u + ${g}u) * ${A}u + ${O}u], x${g}_${O})`).join(" + ")};`).join(" ");return`${b}
        ${y}`}).join(`
        `),T=o.alibi?"s -= SL[kvh * P.group + min(f, P.rows - 1u) % P.group] * f32(i32(qp) - i32(key));":"",j=x.map(g=>`{
        let row = ${D(g)};
        let f = row0 + row;
        let qp = P.len - P.sq + f / P.group;
        var s = s${g};
        ${T}
        s${g} = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp);
        ${q?`if (row < ${s}u && `:"if ("}s${g} > unordered(atomicLoad(&Mx[row]))) {
          atomicMax(&Mx[row], ordered(s${g}));
        }
      }`).join(`
      `),F=$.map(g=>`{
      let mn = unordered(atomicLoad(&Mx[${g}u]));
      let al = exp2(m${g} - mn);
      m${g} = mn;
      l${g} *= al;
      ${m.map(b=>`a${g}_${b} *= al;`).join(" ")}
    }`).join(`
    `),W=x.map(g=>{let b=`Ps[kl * ${s}u + row] = ${He(`s${g}`,c===1?`m${g}`:"unordered(atomicLoad(&Mx[row]))")};`;return`{
        let row = ${D(g)};
        ${q?`if (row < ${s}u) { ${b} }`:b}
      }`}).join(`
      `),N=De(a).map(g=>`{
      let pb = (g + ${g*i}u) * ${s}u;
      ${m.map(b=>`let w${b} = ${B(`v${g}`,b)};`).join(" ")}
      ${$.map(b=>`{ let pr = Ps[pb + ${b}u]; l${b} += pr; ${m.map(y=>`a${b}_${y} += select(pr * w${y}, vec4<f32>(0.0), pr == 0.0);`).join(" ")} }`).join(`
      `)}
    }`).join(`
    `),v=$.map(g=>m.map(b=>{let y=`${g*l}u + c * ${A}u + ${b}u`;return`Qs[${y}] = a${g}_${b} + select(vec4<f32>(0.0), Qs[${y}], gi > 0u);`}).join(" ")).join(`
      `),C=$.map(g=>`Ps[${g}u] = l${g} + select(0.0, Ps[${g}u], gi > 0u);`).join(" ");return`// ${oo(o)}
${w?"enable f16;":""}
${eo(o).wgsl}
${de}
var<workgroup> Ks: array<${pr(e)}, ${r*f}>;
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
      ${P}
    }
    Qs[i] = x * P.scale2;
  }
  if (lid < ${s}u) {
    atomicStore(&Mx[lid], ordered(${-1e30}));
  }
  ${$.map(g=>`var m${g} = ${-1e30}; var l${g} = 0.0;`).join(`
  `)}
  ${x.map(g=>`var s${g} = 0.0;`).join(" ")}
  let kl = lid % ${r}u; // the score invocation's key in the tile
  let rg = lid / ${r}u; // and its group of rows
  ${$.flatMap(g=>m.map(b=>`var a${g}_${b} = vec4<f32>(0.0);`)).join(" ")}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${s}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  workgroupBarrier();
  for (var k0 = kBegin; k0 < kEnd; k0 += ${r}u) {
    ${R}
    workgroupBarrier();
    if (lid < ${r*c}u) {
      ${x.map(g=>`s${g} = 0.0;`).join(" ")}
      let kr = kl * ${f}u;
      for (var u = 0u; u < ${n}u; u += ${M}u) {
        ${Q}
      }
      let key = k0 + kl;
      ${j}
    }
    workgroupBarrier();
    ${F}
    if (lid < ${r*c}u) {
      ${W}
    }
    workgroupBarrier();
    ${N}
  }

  // The key groups' outputs and sums, added in workgroup memory (Qs and Ps are free now).
  workgroupBarrier();
  for (var gi = 0u; gi < ${i}u; gi++) {
    if (g == gi) {
      ${v}
      if (c == 0u) {
        ${C}
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
        O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + cc] = ${gr(h.o,`Qs[i] * ${pe("total")}`)};
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
`}function wr(o,e){let t=o/4,{chunks:r,lanes:s,workgroup:n,blocks:i}=rt(o),a=De(4),c=`vec4<f32>(${-1e30}, 0.0, 0.0, 0.0)`,u=[];for(let l=s/2;l>=1;l/=2)u.push(`if (sl < ${l}u) {
    let other = lid + ${l*r}u;
    let x = Sm[lid];
    let y = Sm[other];
    let mx = max(x.x, y.x);
    let wx = exp2(x.x - mx);
    let wy = exp2(y.x - mx);
    Am[lid] = Am[lid] * wx + Am[other] * wy;
    Sm[lid] = vec2<f32>(mx, x.y * wx + y.y * wy);
  }
  workgroupBarrier();`);return`// ${ro(o,e)}
${e==="f16"?"enable f16;":""}
${to(e).wgsl}
${de}
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
  var m = ${-1e30};
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
    O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + c] = ${gr(e,`Am[lid] * ${pe("total")}`)};
  }
}
`}function br(o,e,t){let r=hr(e.headDim,e.group*e.qSeq,t.kv,o.tier,o.limits.maxComputeInvocationsPerWorkgroup);if(typeof r=="string")return r;let s=rt(e.headDim).workgroup;if(s>o.limits.maxComputeInvocationsPerWorkgroup)return`its merge kernel needs ${s} invocations per workgroup`;let n=e.group*e.qSeq,i=o.limits.maxComputeWorkgroupsPerDimension;return Math.ceil(n/r.rb)>i||n*rt(e.headDim).blocks>i*i?`${n} query rows per KV head exceed its grid (maxComputeWorkgroupsPerDimension ${i})`:{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:t}}function kr(o,e){let t=e.tiles.headDim,r=e.elements.o;return Promise.all([o.pipeline(oo(e),()=>mr(e)),o.pipeline(ro(t,r),()=>wr(t,r))])}function $r(o,e,t,r,s){let n=o.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,n);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return Je(r,e.splits)}let i=t.tiles,a=Math.ceil(e.group*e.qSeq/i.rb);return dr(r,e.batch*e.kvHeads*a,s,n,i.tk)}function Er(o,e,t,r,s,n,i){let a={dispatches:[],temps:[]},[c,u]=r,l=o.limits,{kvHeads:A,group:f,qSeq:h,headDim:d}=e,w=d/4,$=f*h,m=t.tiles,E=Math.ceil($/m.rb),{splits:B,keysPerSplit:P}=n,R=B===1,x=e.qStrides,q=t.elements.q==="f16"?2:4,D=t.elements.o==="f16"?2:4,S=(C,g,b)=>{let y=(p,I)=>Math.floor(p/A)*x.batch+I*x.heads,k=C+g-1,O=y(C,C%A*f),H=y(k,k%A*f+f-1)+(h-1)*x.seq+d;return ce(O,H,l,b)},M=C=>C*$*B*(w+1)*16,Q=null;e.rope&&(Q=me(o,e.rope.frequencies,e.rope.angles,[{positions:tt(e,s.length),seq:h}]),Q.temp&&a.temps.push(Q.buffer));let T=null;e.alibi&&(T=o.upload(e.alibi.map(C=>C*Math.LOG2E),"alibi slopes"),a.temps.push(T));let j=l.maxComputeWorkgroupsPerDimension,F=eo(t),W=to(t.elements.o),N=rt(d).blocks,v=Math.max(1,Math.floor(j*j/($*N)));for(let C of s.chunks){let g=ge(C.n,Math.min(j,v),(b,y)=>ie(S(C.u0+b,y,q),l)&&ie(S(C.u0+b,y,D),l)&&(R||M(y)<=l.maxStorageBufferBindingSize),b=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${S(C.u0+b,1,Math.max(q,D)).size} bytes or their ${B} partial outputs ${M(1)} bytes, more than maxStorageBufferBindingSize (${l.maxStorageBufferBindingSize} bytes)`));for(let[b,y]of g){let k=C.u0+b,O=S(k,y,q),H=S(k,y,D),p=y*$*B*w,I=o.dummy();R||(I=o.buffer(M(y),"decode partials"),a.temps.push(I));let _={sq:h,group:f,rows:$,kvHeads:A,len:s.length,nsplit:B,keysPerSplit:P,unitBase:k,chunkBase:C.u0,lmaxU:s.slots*m.de,direct:R?1:0,statsOff:p,qB:x.batch/4,qH:x.heads/4,qS:x.seq/4,qOff:O.base/4,oB:x.batch/4,oH:x.heads/4,oS:x.seq/4,oOff:H.base/4,tab:Q?.sides[0]?.tab??0,tabB:Q?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:o.bind(c,F,_,{q:{buffer:i.q,offset:O.offset,size:O.size},k:{buffer:C.k},v:{buffer:C.v},o:{buffer:i.o,offset:H.offset,size:H.size},w:{buffer:I},...Q?{table:{buffer:Q.buffer}}:{},...T?{slopes:{buffer:T}}:{}},a.temps),grid:[B,y,E]}),R)continue;let U=y*$*N,[L,Y]=ue(U,l),te={items:U,nsplit:B,rows:$,group:f,kvHeads:A,unitBase:k,statsOff:p,gridX:L,oB:x.batch/4,oH:x.heads/4,oS:x.seq/4,oOff:H.base/4};a.dispatches.push({pipeline:u,bindGroup:o.bind(u,W,te,{w:{buffer:I},o:{buffer:i.o,offset:H.offset,size:H.size}},a.temps),grid:[L,Y,1]})}}return a}function Cs(o,e){let t=o.window!==null?"slidingWindow":o.sinks?"sinks":o.softcap!==null?"softcap":o.leftPadding?"leftPadding":o.bias?"bias":null;return t?`it does not take ${t}`:e!==null?"it does not read a window cache's ring":null}function yr(o,e,t,r=null){let s=null;if(e.kernel==="keys"){let n=Cs(e,r)??br(o,e,t);if(typeof n!="string")return{kernel:"keys",params:n};s=n}return{kernel:"split",params:ar(o,e,t),fallback:s}}function st(o,e){return e.kernel==="keys"?kr(o,e.params):cr(o,e.params)}function Ir(o,e,t,r,s,n,i,a){if(t.kernel==="keys"){let A=$r(o,e,t.params,s.length,n);return{job:Er(o,e,t.params,r,s,A,i),splits:A.splits}}let c=s.length-a.first,u=ur(o,e,t.params,c,n,a.window!==null);return{job:lr(o,e,t.params,r,s,u,i,a),splits:u.splits}}var Br=new Float32Array(1),qs=new Uint32Array(Br.buffer);function Qs(o){Br[0]=o;let e=qs[0],t=e>>>16&32768,r=e>>>23&255,s=e&8388607;if(r===255)return t|31744|(s!==0?512:0);let n=r-112;if(n>=31)return t|31744;if(n<=0){if(n<-10)return t;s|=8388608;let c=14-n,u=s>>>c,l=s&(1<<c)-1,A=1<<c-1;return(l>A||l===A&&(u&1)===1)&&u++,t|u}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,t|i}function vr(o){let e=(o&32768)!==0?-1:1,t=o>>>10&31,r=o&1023;return t===0?e*r*2**-24:t===31?r!==0?NaN:e*(1/0):e*(1+r/1024)*2**(t-15)}function so(o){let e=new Uint16Array(o.length+o.length%2);for(let t=0;t<o.length;t++)e[t]=Qs(o[t]);return e}function vt(o,e=o.length){let t=new Float32Array(e);for(let r=0;r<e;r++)t[r]=vr(o[r]);return t}var fe=64;function Pr(){return Float32Array.from({length:fe},(o,e)=>(e-31)*.125)}var Ds=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${fe/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function Ms(o,e){let t=Pr();for(let r=0;r<fe;r++){let s=t[r]*3+.25,n=o[r],i=e[r]===void 0?void 0:vr(e[r]);if(n!==s||i!==s){let a=o.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${r} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${fe} values was exact`}}async function xr(o){let n=[],i=(a,c)=>{let u=o.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(u),u};o.pushErrorScope("validation");try{let a=o.createShaderModule({code:Ds,label:"f16 self-test"}),c=await o.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),u=i(fe*2,136),l=i(fe*4,132),A=i(fe*2,132),f=i(fe*4,9),h=i(fe*2,9),d=so(Pr());o.queue.writeBuffer(u,0,d.buffer,d.byteOffset,d.byteLength);let w=o.createCommandEncoder(),$=w.beginComputePass();$.setPipeline(c),$.setBindGroup(0,o.createBindGroup({layout:c.getBindGroupLayout(0),entries:[u,l,A].map((P,R)=>({binding:R,resource:{buffer:P}}))})),$.dispatchWorkgroups(1),$.end(),w.copyBufferToBuffer(l,0,f,0,fe*4),w.copyBufferToBuffer(A,0,h,0,fe*2),o.queue.submit([w.finish()]),await Promise.all([f.mapAsync(1),h.mapAsync(1)]);let m=new Float32Array(f.getMappedRange().slice(0)),E=new Uint16Array(h.getMappedRange().slice(0)),B=await o.popErrorScope();return B?{available:!1,detail:`the shader-f16 self-test was rejected: ${B.message}`}:Ms(m,E)}catch(a){return await o.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var Pt=256,Rs={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",slots:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function Sr(o){return se({name:"kv append",uniforms:Rs,bindings:{k:G("K",`array<vec4<${o.k}>>`),v:G("V",`array<vec4<${o.v}>>`),kc:J("KC",`array<vec4<${o.cache}>>`),vc:J("VC",`array<vec4<${o.cache}>>`),table:o.rope?G("T","array<vec2<f32>>"):null}})}function Cr(o){let e=o.rope?`${o.rope.pairing}${o.rope.rotaryDim}`:"none";return`kv-append:d${o.headDim}:rope=${e}:${o.k}${o.v}${o.cache}`}function Os(o){let e=o.headDim/4,t=ae("K",o.k),r=ae("V",o.v),s=[o.k,o.v,o.cache].includes("f16"),n=a=>o.cache==="f32"?a:`vec4<f16>(${a})`,i=o.rope?ke(o.rope,t,"base","c","P.tab + b * P.tabB + s"):"";return`// ${Cr(o)}
${s?"enable f16;":""}
${Sr(o).wgsl}
@compute @workgroup_size(${Pt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Pt}u + lid;
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
  // Token slot + s lives in slot (slot + s) % slots (a ring for window caches).
  let dst = (unit - P.chunkBase) * P.lmax4 + ((P.slot + s) % P.slots) * ${e}u + c;
  KC[dst] = ${n("x")};
  VC[dst] = ${n(r("b * P.vB + h * P.vH + s * P.vS - P.vOff + c"))};
}
`}function xt(o,e){return o.pipeline(Cr(e),()=>Os(e))}function qr(o,e,t,r,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,u=t.headDim,l=u/4;if(a===0)return i;let A=o.limits,f=t.k==="f16"?2:4,h=t.v==="f16"?2:4,d=(P,R,x)=>{let q=P+R-1,D=S=>Math.floor(S/e.kvHeads)*c.batch+S%e.kvHeads*c.heads;return ce(D(P)+e.skip*c.seq,D(q)+(a-1)*c.seq+u,A,x)},w=null;e.rope&&(w=me(o,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),w.temp&&i.temps.push(w.buffer));let $=Be(Pt,A),m=Math.min(a-e.skip,Math.max(1,Math.floor($/l))),E=Math.max(1,Math.floor($/(m*l))),B=Sr(t);for(let P of n){let R=ge(P.n,E,(x,q)=>ie(d(P.u0+x,q,f),A)&&ie(d(P.u0+x,q,h),A),x=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${d(P.u0+x,1,Math.max(f,h)).size} bytes, more than maxStorageBufferBindingSize (${A.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[x,q]of R)for(let D=e.skip;D<a;D+=m){let S=Math.min(m,a-D),M=P.u0+x,Q=d(M,q,f),T=d(M,q,h),j=q*S*l,[F,W]=ue(Math.ceil(j/Pt),A),N={items:j,kvHeads:e.kvHeads,unitBase:M,chunkBase:P.u0,slot:e.slot,slots:e.slots,lmax4:e.slots*l,gridX:F,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:Q.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:T.base/4,tab:w?.sides[0]?.tab??0,tabB:w?.sides[0]?.tabB??0,tokBase:D,tokCount:S},v=o.bind(r,B,N,{k:{buffer:s.k,offset:Q.offset,size:Q.size},v:{buffer:s.v,offset:T.offset,size:T.size},kc:{buffer:P.k},vc:{buffer:P.v},...w?{table:{buffer:w.buffer}}:{}},i.temps);i.dispatches.push({pipeline:r,bindGroup:v,grid:[F,W,1]})}}return i}var St=class{#e=Promise.resolve();hold(){let e=this.#e,t,r=new Promise(s=>t=s);return this.#e=e.then(()=>r),{ready:e,release:t}}run(e,t){let r=this.#e,s,n=new Promise(i=>s=i);return this.#e=r.then(()=>n),(async()=>{try{let i=await e();return await r,await t(i)}finally{s()}})()}};function Ge(o){return o instanceof K&&o.dtype==="float16"?"f16":"f32"}var Fs="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",nt=class o extends Le{precision;chunks;#e;#o=new St;#t=0;constructor(e,t,r,s,n,i){super(t,r,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,t,r,s,n){let i=n==="f16"?2:4,a=s.slots*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c){let h=s.window===null?`maxLength ${s.maxLength}`:`${s.slots} slots (window ${s.window} + ${s.slots-s.window})`;throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of ${h} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller ${s.window===null?"maxLength":"window"}, precision "f16", or several caches`)}let u=s.batch*s.kvHeads,l=Math.floor(c/a),A=2*u*a,f=[];return await e.guarded(`allocating the KV cache (${A} bytes)`,()=>{for(let h=0;h<u;h+=l){let d=Math.min(l,u-h);f.push({u0:h,n:d,k:e.buffer(d*a,"kv cache keys"),v:e.buffer(d*a,"kv cache values")})}}).catch(h=>{for(let d of f)d.k.destroy(),d.v.destroy();throw h}),new o(e,t,r,s,n,f)}view(){return{batch:this.batch,kvHeads:this.kvHeads,slots:this.slots,length:this.length,chunks:this.chunks}}schedule(e,t,r){let s=this.#t;return this.#o.run(t,n=>(this.#r(e,s),r(n)))}hold(e){let t=this.#t;return{...this.#o.hold(),check:()=>this.#r(e,t)}}#r(e,t){if(this.live(),t!==this.#t)throw new Error(`This ${e} ${Fs}`)}appendParams(e,t,r){return{headDim:this.headDim,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,k:Ge(t),v:Ge(r),cache:this.precision}}appendJobNow(e,t,r,s,n){let i=this.#e,{slot:a,skip:c,commit:u}=this.reserve(e);if(e.n===0)return{job:null,commit:()=>{}};let l=[],A=(f,h)=>{if(f instanceof K)return f.buffer;let d=i.upload(f.data,h);return l.push(d),d};try{let f={k:A(s,"k"),v:A(n,"v")},h={kvHeads:this.kvHeads,slots:this.slots,n:e.n,skip:c,slot:a,strides:e.strides,rope:e.rope?{frequencies:e.rope.frequencies,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:a}}:null},d=qr(i,h,t,r,f,this.chunks);return d.temps.push(...l),{job:d,commit:u}}catch(f){for(let h of l)i.recycle(h);throw f}}append(e,t,r={}){try{this.live();let s=this.#e,n=z("k",e,this.owner),i=z("v",t,this.owner),a=_e(this,n,i,r),c=this.appendParams(a,n,i);return this.schedule("append",()=>xt(s,c),async u=>{z("k",e,this.owner),z("v",t,this.owner);let l=()=>{};await s.submitting("the KV-cache append",()=>{let A=this.appendJobNow(a,c,u,n,i);l=A.commit,A.job&&s.submit(A.job)}),l()})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,t=this.headDim,r=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let l=Math.min(this.length,this.window??1/0),A=this.length-l,f=l*t*r;if(l===0)return{length:l,target:null,bytes:0};let h=t*r,d=A%this.slots,w=Math.min(l,this.slots-d),$=[];for(let E of["k","v"])for(let B of this.chunks)for(let P=0;P<B.n;P++){let R=P*this.slots*h;$.push({buffer:B[E],offset:R+d*h,size:w*h}),w<l&&$.push({buffer:B[E],offset:R,size:(l-w)*h})}let m=await e.guarded("the KV-cache download",()=>e.gather($));return{length:l,target:m,bytes:2*s*f}}),i=Object.freeze([this.batch,this.kvHeads,n.length,t]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,u=l=>this.precision==="f16"?vt(new Uint16Array(l)):new Float32Array(l);return{k:{shape:i,data:u(a.slice(0,c))},v:{shape:i,data:u(a.slice(c))}}}reset(){this.live(),this.#t++,this.clear()}destroy(){if(this.markDestroyed()){this.#t++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var Re=256,Me=64,no={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},xe="array<f32>",ze={scores:se({name:"naive scores",uniforms:no,bindings:{q:G("Q",xe),k:G("K",xe),slopes:G("SL",xe),scores:J("S",xe)}}),softmax:se({name:"naive softmax",uniforms:no,bindings:{scores:J("S",xe)}}),pv:se({name:"naive pv",uniforms:no,bindings:{scores:G("S",xe),v:G("V",xe),o:J("O",xe)}})},Qr=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function Ts(o){return o==="scores"?`// naive:scores
${ze.scores.wgsl}${Qr}
@compute @workgroup_size(${Re})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Re}u + lid;
  if (idx >= P.rows * P.sk) {
    return;
  }
  let c = rowCoords(P.rowBase + idx / P.sk);
  let j = idx % P.sk;
  let kvh = c.y / P.group;
  let aligned = i32(c.z) + i32(P.sk) - i32(P.sq);
  var value = ${-1e30};
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
${ze.softmax.wgsl}${de}
var<workgroup> red: array<f32, ${Me}>;
@compute @workgroup_size(${Me})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${-1e30};
  for (var j = lid; j < P.sk; j += ${Me}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${Me/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${Me}u) {
    let s = S[base + j];
    sum += select(select(0.0, exp(s - m), s > ${-1e30/2}), s, isNan(s));
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${Me/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = ${pe("total")};
  for (var j = lid; j < P.sk; j += ${Me}u) {
    let s = S[base + j];
    S[base + j] = select(select(0.0, exp(s - m) * inv, s > ${-1e30/2}), s, isNan(s));
  }
}
`:`// naive:pv
${ze.pv.wgsl}${Qr}
@compute @workgroup_size(${Re})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Re}u + lid;
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
    let p = S[local * P.sk + j];
    acc += select(p * V[vb + j * P.kS], 0.0, p == 0.0);
  }
  O[c.x * P.qB + c.y * P.qH + c.z * P.qS + d] = acc;
}
`}function Dr(o){return Promise.all(["scores","softmax","pv"].map(e=>o.pipeline(`naive:${e}`,()=>Ts(e))))}function Mr(o,e,t,r){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:u}=e,l=n*i*a;if(l===0||c===0)return s;let A=o.limits,f=A.maxStorageBufferBindingSize;for(let[q,D]of[["q",r.q],["k",r.k],["v",r.v]])if(D.size>f)throw new RangeError(`Cannot run the naive kernel: ${q} (${D.size} bytes) exceeds maxStorageBufferBindingSize (${f} bytes); it is a small-size baseline, use the flash kernel`);let h=c*4;if(h>f)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${f} bytes)`);let d=Be(Re,A),w=Math.max(1,Math.min(l,Math.floor(f/h),Math.floor(d/c),Math.floor(d/u),A.maxComputeWorkgroupsPerDimension**2)),$=o.buffer(w*h,"naive scores");s.temps.push($);let m=o.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(m);let[E,B,P]=t,R=e.qStrides,x=e.kStrides;for(let q=0;q<l;q+=w){let D=Math.min(w,l-q),S={rowBase:q,rows:D,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:R.batch,qH:R.heads,qS:R.seq,dim:u,kB:x.batch,kH:x.heads,kS:x.seq,scale:e.scale},[M,Q,T]=[D*c/Re,D,D*u/Re].map(F=>ue(Math.ceil(F),A)),j=(F,W,[N,v],C)=>s.dispatches.push({pipeline:F,bindGroup:o.bind(F,W,{...S,gridX:N},C,s.temps),grid:[N,v,1]});j(E,ze.scores,M,{q:{buffer:r.q},k:{buffer:r.k},slopes:{buffer:m},scores:{buffer:$}}),j(B,ze.softmax,Q,{scores:{buffer:$}}),j(P,ze.pv,T,{scores:{buffer:$},v:{buffer:r.v},o:{buffer:r.o}})}return s}var Ct=256,_s={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function Rr(o){return se({name:"rope",uniforms:_s,bindings:{x:o?J("X","array<f32>"):G("X","array<f32>"),table:G("T","array<vec2<f32>>"),y:o?null:J("Y","array<f32>")}})}function Ls(o){let e=o?"X":"Y";return`// rope:${o?"inplace":"copy"}
${Rr(o).wgsl}
@compute @workgroup_size(${Ct})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ct}u + lid;
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
`}function it(o,e){return o.pipeline(`rope:${e?"inplace":"copy"}`,()=>Ls(e))}function Oe(o,e,t,r,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:u}=e,l=i*a*c;if(l===0||u===0)return n;let A=e.frequencies.invFreq.length,f=A+(s?u-2*A:0),h=o.limits,d=me(o,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);d.temp&&n.temps.push(d.buffer);let w=d.sides[0],$=e.layout==="bhsd"?{b:a*c*u,h:c*u,s:u}:{b:c*a*u,h:u,s:a*u},m=Math.max(1,Math.floor(Be(Ct,h)/Math.max(1,f))),E=ge(l,m,(P,R)=>ie(ce(P*u,(P+R)*u,h),h),()=>new RangeError(`Cannot rotate: one row of ${u} elements exceeds the device's maxStorageBufferBindingSize`)),B=Rr(s===null);for(let[P,R]of E){let x=ce(P*u,(P+R)*u,h),q=R*f,[D,S]=ue(Math.ceil(q/Ct),h),M={items:q,perRow:f,rh:A,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:P,xB:$.b,xH:$.h,xS:$.s,xOff:x.base,oB:$.b,oH:$.h,oS:$.s,oOff:x.base,tab:w.tab,tabB:w.tabB,gridX:D},Q=o.bind(t,B,M,{x:{buffer:r,offset:x.offset,size:x.size},table:{buffer:d.buffer},...s?{y:{buffer:s,offset:x.offset,size:x.size}}:{}},n.temps);n.dispatches.push({pipeline:t,bindGroup:Q,grid:[D,S,1]})}return n}async function Or(o,e,t){let{ctx:r,owner:s}=o;switch(e.kind){case"attention":{let{call:n,output:i}=e,a=await o.prepareAttention(n);return{recheck:()=>{for(let[c,u]of["q","k","v"].entries())z(u,n.args[c],s,t)},build:()=>a(n.q,n.k,n.v,i.buffer)}}case"rope":{let{request:n,output:i}=e,a=n.x,c=await it(r,n.inPlace);return{recheck:()=>void z("x",n.arg,s,t),build:()=>{let u=n.inPlace?null:i.buffer;if(a instanceof K)return Oe(r,n.call,c,a.buffer,u);let l=r.upload(a.data,"x");try{let A=Oe(r,n.call,c,l,u);return A.temps.push(l),A}catch(A){throw r.recycle(l),A}}}}case"append":{let{cache:n,plan:i,k:a,v:c,args:u}=e.call,l=n.appendParams(i,a,c),A=await xt(r,l);return{recheck:()=>{z("k",u[0],s,t),z("v",u[1],s,t)},build:()=>{let{job:f,commit:h}=n.appendJobNow(i,l,A,a,c);return h(),f}}}case"decode":{let{call:n,output:i}=e,a=await st(r,n.choice);return{recheck:()=>void z("q",n.arg,s,t),build:()=>o.decodeJob(n,a,i.buffer)}}}}function Fr(o,e,t,r){let s=e.map(i=>i.hold("recording")),n=Promise.all(t);return n.catch(()=>{}),(async()=>{try{let[i]=await Promise.all([n,...s.map(c=>c.ready)]);r();for(let c of s)c.check();for(let c of i)c.recheck();let a=e.map(c=>c.snapshot());try{await o.submitting("the recorded calls",()=>{let c=[];try{for(let u of i){let l=u.build();l&&c.push(l)}}catch(u){for(let l of c)o.release(l);throw u}o.submit(c)})}catch(c){for(let u of a)u();throw c}}finally{for(let i of s)i.release()}})()}var at=o=>o==="f16"?2:4;function js(o){return o.window!==null?"slidingWindow":o.sinks?"sinks":o.softcap!==null?"softcap":o.leftPadding?"leftPadding":o.bias?"bias":null}var qt=class extends je{info;#e;cacheClass=nt;constructor(e,t){super(),this.#e=e,this.info=Object.freeze(t)}failure(){return this.#e.failure}#o(e,t,r="f32"){return new K(this,e,t,this.alive,r==="f16"?"float16":"float32",this.#t)}#t=e=>this.#e.recycle(e);#r(e,t){return t==="f16"?so(e):e}#s(e,t,r){return t==="f16"?vt(new Uint16Array(e),r):new Float32Array(e)}#n(e,t,r,s="f32"){if(e instanceof K)return e.buffer;let n=this.#e.upload(this.#r(e.data,s),r);return t.push(n),n}elementsOf(e,t,r,s){let n=Xe("precision",s.precision,this.info.f16),i=a=>a instanceof K?Ge(a):n;return{q:i(e),k:i(t),v:i(r),o:i(e)}}async runAttention(e){let t=this.#e,{plan:r,elements:s}=e,n=await this.#a(e);this.live(),this.checkOperands(e.args);let i=ye(r.qShape),a=i*at(s.o),c=t.output(a,"attention output"),u=e.q instanceof K,l=await t.submitting("the attention dispatch",()=>{let f=n(e.q,e.k,e.v,c),h=u?void 0:{source:c,bytes:a};return t.submit(f,h)}).finally(()=>{u||t.recycle(c)}).catch(f=>{throw u&&t.recycle(c),f});if(u)return this.#o(r.qShape,c,s.o);let A=this.#s(await t.read(l,a),s.o,i);return{shape:Object.freeze([...r.qShape]),data:A}}async timeAttention(e,t,r,s){let n=this.#e,i=await this.#a(e);this.live();let a=n.buffer(ye(e.plan.qShape)*at(e.elements.o),"attention output"),c=await n.guarded("the attention dispatch",()=>i(e.q,e.k,e.v,a));try{let u=await n.profile(c,t,r);return{seconds:u.seconds,iterations:t,source:u.source}}finally{n.release(c),a.destroy()}}#a(e){return e.kernel==="flash"?this.#i(e.plan,e.elements):this.#c(e.plan,e.elements)}async#i(e,t){let r=this.#e,s=sr(r,e,t),n=await nr(r,s);return(i,a,c,u)=>{let l=[],A={q:this.#n(i,l,"q",t.q),k:this.#n(a,l,"k",t.k),v:this.#n(c,l,"v",t.v),o:u},f=ir(r,e,s,n,A);return{dispatches:f.dispatches,temps:[...l,...f.temps]}}}async#c(e,t){let r=this.#e,s=js(e);if(s)throw new TypeError(`Invalid kernel: the naive kernel does not take ${s}; use the flash kernel (the default)`);let n=Object.entries(t).find(([,c])=>c==="f16");if(n)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${n[0]==="o"?"output":n[0]}; use the flash kernel`);let[i,a]=await Promise.all([Dr(r),e.rope?it(r,!1):Promise.resolve(null)]);return(c,u,l,A)=>{let f=[],h=[],d=this.#n(c,f,"q"),w=this.#n(u,f,"k"),$=this.#n(l,f,"v");if(e.rope&&a){let E=e.rope,B=(P,R,x,q)=>{let D={layout:e.layout,batch:e.batch,heads:R,seq:x,headDim:e.headDim,frequencies:E.frequencies,pairing:E.pairing,angles:E.angles,positions:P},S=r.buffer(e.batch*R*x*e.headDim*4,"rotated");f.push(S);let M=Oe(r,D,a,q,S);return h.push(...M.dispatches),f.push(...M.temps),S};d=B(E.query,e.heads,e.qSeq,d),w=B(E.key,e.kvHeads,e.kSeq,w)}let m=Mr(r,e,i,{q:d,k:w,v:$,o:A});return{dispatches:[...h,...m.dispatches],temps:[...f,...m.temps]}}}async runRope(e){let t=this.#e,{x:r,call:s,inPlace:n}=e,i=r instanceof K,a=await it(t,n||!i);this.live(),z("x",e.arg,this);let c=ye(r.shape)*4;if(i){let f=r.buffer,h=n?null:t.output(c,"rotated");return await t.submitting("the RoPE dispatch",()=>{t.submit(Oe(t,s,a,f,h))}).catch(d=>{throw h&&t.recycle(h),d}),h?this.#o(r.shape,h):r}let u=r,l=await t.submitting("the RoPE dispatch",()=>{let f=t.upload(u.data,"x"),h=Oe(t,s,a,f,null);return h.temps.push(f),t.submit(h,{source:f,bytes:c})}),A=new Float32Array(await t.read(l,c));return n?(u.data.set(A),u):{shape:Object.freeze([...u.shape]),data:A}}store(e,t){let r=this.#e.upload(this.#r(e.data,t),"tensor");return this.#o(e.shape,r,t)}async read(e){let t=this.#e,r=ye(e.shape),s=r*e.elementBytes,n=await t.guarded("the download",()=>t.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),i=this.#s(await t.read(n,s),Ge(e),r);return{shape:Object.freeze([...e.shape]),data:i}}idle(){return this.#e.idle()}async makeCache(e,t){return await nt.create(this.#e,this,this.alive,e,t)}prepareDecode(e){let t=Ge(e.q),r={q:t,kv:e.cache.precision,o:t},s=yr(this.#e,e.plan,r,e.cache.window);return{...e,elements:r,choice:s}}async runDecode(e){let t=this.#e,{plan:r,elements:s}=e,n=ye(r.qShape),i=n*at(s.o),a=e.q instanceof K,{output:c,target:u}=await e.cache.schedule("decode",()=>st(t,e.choice),async A=>{this.live(),z("q",e.arg,this);let f=t.output(i,"decode output"),h=await t.submitting("the decode dispatch",()=>{let{job:d}=this.#u(e,A,f),w=a?void 0:{source:f,bytes:i};return t.submit(d,w)}).finally(()=>{a||t.recycle(f)}).catch(d=>{throw a&&t.recycle(f),d});return{output:f,target:h}});if(a)return this.#o(r.qShape,c,s.o);let l=this.#s(await t.read(u,i),s.o,n);return{shape:Object.freeze([...r.qShape]),data:l}}#u(e,t,r){let s=this.#e,{cache:n,plan:i,choice:a}=e,c=kt(i,n.length,n.ropeState,n.window),u=[],l=this.#n(e.q,u,"q");try{let A=this.info.decodeWorkgroups??1,f={q:l,o:r},h=n.view(),d=Ir(s,i,a,t,h,A,f,c);return d.job.temps.push(...u),d}catch(A){for(let f of u)s.recycle(f);throw A}}async timeDecode(e,t,r){let s=this.#e,n=ye(e.plan.qShape)*at(e.elements.o),{job:i,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>st(s,e.choice),async u=>{this.live(),z("q",e.arg,this);let l=s.buffer(n,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#u(e,u,l)),output:l}}catch(A){throw l.destroy(),A}});try{let u=await s.profile(i,t,r);return{seconds:u.seconds,iterations:t,source:u.source,splits:a,kernel:e.choice.kernel}}finally{s.release(i),c.destroy()}}recordedOutput(e,t,r){let s=ye(e)*at(t);return this.#o(e,this.#e.output(s,"recorded output"),t).awaitRecording(r)}decodeElement(e){return e.elements.o}runRecording(e,t){let r=new Set;for(let i of e)(i.kind==="append"||i.kind==="decode")&&r.add(i.call.cache);let s={ctx:this.#e,owner:this,prepareAttention:i=>this.#a(i),decodeJob:(i,a,c)=>this.#u(i,a,c).job},n=e.map(i=>Or(s,i,t));return Fr(this.#e,[...r],n,()=>this.live())}destroy(){this.#e.failure||(this.#e.fail(Ve),this.#e.ownsDevice?this.#e.device.destroy():this.#e.dispose())}};var Hs="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",Gs="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",zs='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',Ns=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],Ws='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function Ks(o){if(!o)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function Ys(o,e){let t=o.limits,r=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(Z(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${X(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:r("maxStorageBufferBindingSize",t.maxStorageBufferBindingSize,256,4),maxBufferSize:t.maxBufferSize,maxComputeWorkgroupStorageSize:r("maxComputeWorkgroupStorageSize",t.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(t.maxComputeInvocationsPerWorkgroup,t.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:r("maxComputeWorkgroupsPerDimension",t.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:t.minStorageBufferOffsetAlignment}}var Us=8;function Xs(o){if(o==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,Us):1}if(typeof o!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${X(o)}`);if(!Number.isInteger(o)||o<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${X(o)}`);return o}async function Sc(o={}){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${X(o)}`);re("options",o,{allowed:wo});let e=V("fallback",o.fallback??"none",{allowed:["none","cpu"]}),t=o.limits??{};if(t===null||typeof t!="object")throw new TypeError(`Invalid limits: expected an object, got ${X(t)}`);re("limits",t,{allowed:bo});let r=o.decodeWorkgroups===void 0?void 0:Z("decodeWorkgroups",o.decodeWorkgroups,{min:1}),s=o.threads===void 0?1:Xs(o.threads),n=o.device,i=!1,a;if(!n){let d=o.adapter,w=Gs;if(!d){let E=globalThis.navigator?.gpu;E?d=await E.requestAdapter():w=Hs}if(!d){if(e==="cpu")return new Bt(w,s);throw new Error(`${w}. ${zs}.`)}let $={};for(let E of Ns)$[E]=d.limits[E];let m=[];d.features.has("timestamp-query")&&m.push("timestamp-query"),d.features.has("shader-f16")&&m.push("shader-f16");try{n=await d.requestDevice({requiredLimits:$,requiredFeatures:m})}catch(E){throw new Error(`Requesting a WebGPU device failed: ${E instanceof Error?E.message:String(E)}`,{cause:E})}i=!0,a=d.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,u=r??Ks(c),l;try{l=Ys(n,t)}catch(d){throw i&&n.destroy(),d}let A=n.features.has("shader-f16")?await xr(n):{available:!1,detail:Ws},f=new gt(n,i,l,A.available),h=[];return f.timestamps&&h.push("timestamp-query"),A.available&&h.push("shader-f16"),new qt(f,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:h,f16:Object.freeze({...A}),decodeWorkgroups:u,tier:f.tier,limits:f.limits,fallbackReason:null,threads:null})}export{vn as attentionCpu,dn as attentionReference,Sc as createGpuAttention};
