import{d as Y,h as J,i as de,j as X,k as oe,l as re,m as Pe,o as Zt,t as eo,u as yt}from"./chunk-XRNOE754.js";var Bt=Object.freeze({layout:!0,causal:!0,scale:!0,rope:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0}),to=Object.freeze({frequencies:!0,pairing:!0,rotaryDim:!0,positions:!0,queryPositions:!0,offset:!0,angles:!0}),oo=Object.freeze({batch:!0,kvHeads:!0,headDim:!0,maxLength:!0,window:!0,precision:!0}),ro=Object.freeze({layout:!0,rope:!0}),so=Object.freeze({frequencies:!0,pairing:!0,rotaryDim:!0,angles:!0,positions:!0}),no=Object.freeze({frequencies:!0,pairing:!0,rotaryDim:!0,angles:!0}),je=Object.freeze({layout:!0,scale:!0,rope:!0,queryPositions:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0,splits:!0,kernel:!0}),vt=Object.freeze({...Bt,precision:!0,kernel:!0}),io=Object.freeze({...vt,iterations:!0,warmup:!0}),ao=Object.freeze({...je,iterations:!0,warmup:!0}),co=Object.freeze({precision:!0}),uo=Object.freeze({layout:!0,pairing:!0,rotaryDim:!0,positions:!0,offset:!0,inPlace:!0,angles:!0}),Ao=Object.freeze({device:!0,adapter:!0,fallback:!0,limits:!0,decodeWorkgroups:!0,threads:!0}),fo=Object.freeze({maxStorageBufferBindingSize:!0,maxComputeWorkgroupStorageSize:!0,maxComputeWorkgroupsPerDimension:!0});var rt=-1e30;function lo(t,e,o,r){let s=e;if(s===null||typeof s!="object"||typeof s.length!="number")throw new TypeError(`Invalid ${t}: expected an array of ${o} ${r}, got ${Y(e)}`);if(s.length!==o)throw new RangeError(`Invalid ${t}: expected ${o} ${r}, got ${s.length}`);return s}function st(t,e){if(t===void 0)return null;let o=lo("sinks",t,e,"logits (one per query head)"),r=new Float64Array(e);for(let s=0;s<e;s++)r[s]=de(`sinks[${s}]`,o[s]);return r}function nt(t){return t===void 0?null:de("softcap",t,{min:0,exclusiveMin:!0})}function Fe(t,e="slidingWindow"){return t===void 0?null:J(e,t,{min:1})}function it(t,e,o){if(t===void 0)return null;let r=lo("leftPadding",t,e,"integers (one per batch row)"),s=new Uint32Array(e);for(let i=0;i<e;i++)s[i]=J(`leftPadding[${i}]`,r[i],{min:0,max:o});return s}function ze(t,e){if(t===void 0)return null;let o=oe("bias",t),{batch:r,heads:s,qSeq:i}=e,n=o.shape,a=e.kSeq??n[3],c=`[${r===1?1:`1 or ${r}`}, ${s===1?1:`1 or ${s}`}, ${i}, ${e.kSeq??"keys"}] ([batch, heads, queries, keys] whatever the layout; dims of 1 broadcast)`;if(n.length!==4||n[0]!==1&&n[0]!==r||n[1]!==1&&n[1]!==s||n[2]!==i||n[3]!==a)throw new RangeError(`Invalid bias: expected shape ${c}, got ${Y(n)}`);let u=n[3],A=u,l=n[1]===1?0:i*u,f=n[0]===1?0:n[1]*i*u;return{data:o.data,shape:[...n],batchStride:f,headStride:l,rowStride:A}}var be=2**24;function we(t,e,o){return Zt(e,o,{name:t})}function xe(t,e,o,r,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${Y(e)}`);if(e.length!==o&&e.length!==r*o)throw new RangeError(`Invalid ${t}: expected ${o} positions (one per token) or ${r*o} (batch x tokens), got ${e.length}`);let i=s?be:Number.MAX_SAFE_INTEGER,n=new Float64Array(e.length);for(let a=0;a<e.length;a++)n[a]=J(`${t}[${a}]`,e[a],{min:0,max:i});return{kind:"list",list:n,perBatch:e.length!==o}}function Pr(t,e,o,r,s){let i=e?s:1,n=new Float64Array(i*r);for(let a=0;a<i;a++)n.set(t.subarray(a*o+o-r,a*o+o),a*r);return{kind:"list",list:n,perBatch:e}}function Ge(t,e){let o=e;if(o===null||typeof o!="object"||!(o.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${Y(o)}`);let r=o.invFreq;if(r.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<r.length;s++)de(`${t}.invFreq[${s}]`,r[s],{min:0});return de(`${t}.attentionFactor`,o.attentionFactor,{min:0,exclusiveMin:!0}),o}function xr(t,e,o,r,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${Y(t)}`);re("rope",t,{allowed:to});let i=Ge("rope.frequencies",t.frequencies),n=i.invFreq,a=2*n.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${n.length} frequencies), got ${Y(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${n.length} frequencies) exceeds the head dim ${e}`);let c=X("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),u=X("rope.angles",t.angles??"float32",{allowed:["float32","float64"]}),A=u==="float32",l=A?be:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let f,d;if(t.queryPositions!==void 0&&(d=xe("rope.queryPositions",t.queryPositions,r,o,A)),t.positions!==void 0){let h=xe("rope.positions",t.positions,s,o,A);if(f=h,!d){if(r>s)throw new RangeError(`Invalid rope.positions: q has ${r} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);d=Pr(h.list,h.perBatch,s,r,o)}}else{let h=J("rope.offset",t.offset??0,{min:0});if(h+Math.max(s,1)-1>l)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${h+s-1}, above ${l} (the largest position with angles "${u}")`);if(f={kind:"range",start:h},!d){let w=h+s-r;if(w<0)throw new RangeError(`Invalid rope.offset: q has ${r} tokens and k ${s}, so bottom-right aligned queries would start at position ${w}; pass rope.offset >= ${r-s} or rope.queryPositions`);d={kind:"range",start:w}}}return{frequencies:i,pairing:c,rotaryDim:a,angles:u,query:d,key:f}}function Pt(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${Y(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let o=new Float32Array(t.length);for(let r=0;r<t.length;r++)o[r]=de(`alibiSlopes[${r}]`,t[r]);return o}function $e(t,e,o,r,s=Bt){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${Y(r)}`);re("options",r,{allowed:s});let i=X("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=we("q",t,i),a=we("k",e,i),c=we("v",o,i);if(n.heads<1||n.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${Y(t.shape)}`);if(a.batch!==n.batch)throw new RangeError(`Invalid k: expected batch ${n.batch} (as q), got ${a.batch}`);if(c.batch!==n.batch)throw new RangeError(`Invalid v: expected batch ${n.batch} (as q), got ${c.batch}`);if(a.headDim!==n.headDim)throw new RangeError(`Invalid k: expected head dim ${n.headDim} (as q), got ${a.headDim}`);if(c.headDim!==n.headDim)throw new RangeError(`Invalid v: expected head dim ${n.headDim} (as q), got ${c.headDim}`);if(c.seq!==a.seq)throw new RangeError(`Invalid v: expected ${a.seq} tokens (as k), got ${c.seq}`);if(c.heads!==a.heads)throw new RangeError(`Invalid v: expected ${a.heads} heads (as k), got ${c.heads}`);if(a.heads<1||n.heads%a.heads!==0)throw new RangeError(`Invalid k: q has ${n.heads} heads, which is not a multiple of k's ${a.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let u=Pe("causal",r.causal??!1),A=r.scale===void 0?1/Math.sqrt(n.headDim):de("scale",r.scale),l=Pt(r.alibiSlopes,n.heads),f=Fe(r.slidingWindow);if(f!==null&&!u)throw new TypeError("Invalid slidingWindow: a sliding window needs causal: true (it hides the keys before the window; causal hides those after the query)");let d=st(r.sinks,n.heads),h=nt(r.softcap),w=it(r.leftPadding,n.batch,a.seq),k=ze(r.bias,{batch:n.batch,heads:n.heads,qSeq:n.seq,kSeq:a.seq}),g=r.rope===void 0?null:xr(r.rope,n.headDim,n.batch,n.seq,a.seq);return{layout:i,batch:n.batch,heads:n.heads,kvHeads:a.heads,group:n.heads/a.heads,qSeq:n.seq,kSeq:a.seq,headDim:n.headDim,qShape:[...t.shape],qStrides:n.strides,kStrides:a.strides,causal:u,scale:A,rope:g,alibi:l,window:f,sinks:d,softcap:h,leftPadding:w,bias:k}}function ho(t,e,o,r,s,i){let n=i==="float32";if(e!==void 0&&o!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return xe(`${t}positions`,e,r,s,n);let a=J(`${t}offset`,o??0,{min:0}),c=n?be:Number.MAX_SAFE_INTEGER;if(a+Math.max(r,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+r-1}, above ${c} (the largest position with angles "${i}")`);return{kind:"range",start:a}}function at(t,e,o){let r=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:i}=eo(t,r,{angles:o}),n=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)n[2*a]=s.data[a],n[2*a+1]=i.data[a];return n}function ie(t,e,o){let{layout:r,pairing:s,angles:i,positions:n}=o;return n.kind==="range"?yt(t,e,{layout:r,pairing:s,angles:i,offset:n.start}):yt(t,e,{layout:r,pairing:s,angles:i,positions:n.list})}function Sr(t,e,o){let{kSeq:r,qSeq:s,causal:i,window:n,leftPadding:a}=t,c=o+r-s,u=i?Math.min(r,Math.max(0,c+1)):r,A=a?a[e]:0;return n!==null&&(A=Math.max(A,c-n+1)),[Math.min(A,u),u]}function po(t,e,o,r){let{batch:s,heads:i,group:n,qSeq:a,kSeq:c,headDim:u,scale:A,alibi:l,sinks:f,softcap:d,bias:h}=t,w=e,k=o;if(t.rope){let{frequencies:S,pairing:M,angles:Q}=t.rope;w=ie(e,S,{layout:t.layout,pairing:M,angles:Q,positions:t.rope.query}),k=ie(o,S,{layout:t.layout,pairing:M,angles:Q,positions:t.rope.key})}let g=t.qStrides,I=t.kStrides,E=new Float32Array(e.data.length),P=new Float64Array(c),R=new Float64Array(u),x=w.data,q=k.data,D=r.data;for(let S=0;S<s;S++)for(let M=0;M<i;M++){let Q=Math.floor(M/n),T=l?l[M]:0;for(let H=0;H<a;H++){let L=H+c-a,[N,G]=Sr(t,S,H),v=S*g.batch+M*g.heads+H*g.seq,C=h?S*h.batchStride+M*h.headStride+H*h.rowStride:0,m=f?f[M]:-1/0,b=0;for(let $=N;$<G;$++){let O=S*I.batch+Q*I.heads+$*I.seq,j=0;for(let B=0;B<u;B++)j+=x[v+B]*q[O+B];let p=A*j;if(d!==null&&(p=d*Math.tanh(p/d)),p-=T*Math.abs(L-$),h){let B=h.data[C+$];if(B<=rt){P[$]=-1/0;continue}p+=B}P[$]=p,b++,p>m&&(m=p)}if(b===0)continue;R.fill(0);let y=f?Math.exp(f[M]-m):0;for(let $=N;$<G;$++){if(P[$]===-1/0)continue;let O=Math.exp(P[$]-m);y+=O;let j=S*I.batch+Q*I.heads+$*I.seq;for(let p=0;p<u;p++)R[p]=R[p]+O*D[j+p]}for(let $=0;$<u;$++)E[v+$]=R[$]/y}}return{shape:Object.freeze([...e.shape]),data:E}}function en(t,e,o,r={}){oe("q",t),oe("k",e),oe("v",o);let s=$e(t,e,o,r);return po(s,t,e,o)}var go=["AGFzbQEAAAABWAdgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwADCwoAAQEAAgMEBQUGBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRl","bmRIZWFkAAkKox4KhAQCAn8Se/0MAAD8wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/","N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hj","PUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACA","PyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQA","IA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsg","CiAU/YUCIQsgCyAKIBX9hQIhCyALIAogFv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9","TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAg","A0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwveAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC/UMhASAA/QwAAPzCAAD8wgAA/MIA","APzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBLAABAS/3lAf3lASED/Qz+5X83/uV/","N/7lfzf+5X83IAP9DImEITmJhCE5iYQhOYmEITn9hQIhBCAEIAP9DP/Drjr/w646/8OuOv/Drjr9hQIhBCAEIAP9DFuVHTxb","lR08W5UdPFuVHTz9hQIhBCAEIAP9DEdYYz1HWGM9R1hjPUdYYz39hQIhBCAEIAP9DPD9dT7w/XU+8P11PvD9dT79hQIhBCAE","IAP9DBhyMT8YcjE/GHIxPxhyMT/9hQIhBCAEIAP9DAAAgD8AAIA/AACAPwAAgD/9hQIhBCAEIAL9DH8AwLR/AMC0fwDAtH8A","wLT9rgFBF/2rAf3mASAB/U8LvQIBBHsgAP3gASEBIAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL9DBs3EbwbNxG8GzcR","vBs3Ebz9hQIhAyADIAL9DKQnszykJ7M8pCezPKQnszz9hQIhAyADIAL9DNENXb3RDV290Q1dvdENXb39hQIhAyADIAL9DImI","CD6JiAg+iYgIPomICD79hQIhAyADIAL9DKuqqr6rqqq+q6qqvquqqr79hQIhAyABIAL95gEgAyAB/YUCIQMgAf0MO6o4wDuq","OMA7qjjAO6o4wP3mARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAE","IAH9DM3MzD7NzMw+zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAAAID9Tv1QC74EAgN/C3sgACADQQR0aiEFIAIgBEEC","dGohBwNA/QwAAAAAAAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAA","AAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAA","IQ79DAAAAAAAAAAAAAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQIREgBv0JAgAhEiASIBAgCP2FAiEIIBIgESAJ/YUC","IQkgBv0JAgQhEiASIBAgCv2FAiEKIBIgESAL/YUCIQsgBv0JAgghEiASIBAgDP2FAiEMIBIgESAN/YUCIQ0gBv0JAgwhEiAS","IBAgDv2FAiEOIBIgESAP/YUCIQ8gAf0ABCAhECAB/QAEMCERIAb9CQIQIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIU","IRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIYIRIgEiAQIAz9hQIhDCASIBEgDf2FAiENIAb9CQIcIRIgEiAQIA79hQIh","DiASIBEgD/2FAiEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsgAiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIg","DP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJBIGohAiACIAdJDQALC74EBgJ/BnsDfQJ7AX8BeyAAIAJBAnRq","IQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNAIAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJ","DQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQ","IAX9EyERA0AgCyAQIBEgDf36Af3lAf3gASAL/QAEAP2FAv0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsg","CiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEYIAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9","Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI","/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8A","AID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBqIQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0f","A5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACABIBQgE5M4AgAgASAVOAIQC9gEAgh/D3sgA0ECdCEGIAX9CQIAIRkg","Bf0JAgQhGiAF/QkCCCEbIAX9CQIMIRwgACAEQQJ0aiEJQQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIBkgAiAHav0A","BAD95gEhDiAZIAIgB2r9AAQQ/eYBIQ8gGiAL/QAEAP3mASEQIBogC/0ABBD95gEhESAbIAz9AAQA/eYBIRIgGyAM/QAEEP3m","ASETIBwgDf0ABAD95gEhFCAcIA39AAQQ/eYBIRUgACEIIAEgB2ohCgNAIAr9AAQAIRYgCv0ABBAhFyAI/QkCACEYIBggFiAO","/YUCIQ4gGCAXIA/9hQIhDyAI/QkCgAIhGCAYIBYgEP2FAiEQIBggFyAR/YUCIREgCP0JAoAEIRggGCAWIBL9hQIhEiAYIBcg","E/2FAiETIAj9CQKABiEYIBggFiAU/YUCIRQgGCAXIBX9hQIhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIAj9CQIEIRggGCAW","IA79hQIhDiAYIBcgD/2FAiEPIAj9CQKEAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkChAQhGCAYIBYgEv2FAiESIBgg","FyAT/YUCIRMgCP0JAoQGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAIQQhqIQggCCAJSQ0ACyACIAdqIA79CwQA","IAIgB2ogD/0LBBAgCyAQ/QsEACALIBH9CwQQIAwgEv0LBAAgDCAT/QsEECANIBT9CwQAIA0gFf0LBBAgB0EgaiEHIAcgBkkN","AAsLrgIBBn8gBkECdCEUIAAgASAIIBRsaiAEIAYgBxADQQAhFQNAIAkgFWogDmohFyALIRYgDARAIBdBAWohFiAWIAtKBEAg","CyEWCwsgECEYIA8EQCAYIBcgD2tBAWogGCAXIA9rQQFqShshGAtBACEZIBJBAEcgCSAVaiAKSHEEQCASIAkgFWogE2xqIAhB","AnRqIRkLIAQgFUEIdGogBSAVQQJ0aiAHIAggFiAXsiANIARBgAhqIBVBAnRqIBggESAZEAQgFUEBaiEVIBVBBEkNAAsgBCAH","QQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAE","IAIgCCAUbGogAyAGIAcgBRAFCyEBAX8gA0UEQCACDwsgAEEEaiABaiEEIAIgBCAEIAJKGwswAQF/IAMhBCACBEAgBCAAIAFq","IAJrQQFqIAQgACABaiACa0EBakobIQQLIARBeHELngQFC38BfQF7BX8BeyAFQQJ0IREgEUECdCESIARBwAhqIRsgBEMAAAAA","OAKgCEMAAIA/QwAAAAAgDkMAAID/XBv9EyEjQQAhEwJAA0AgEyAGTg0BIAYgE2tBA2pBAnYhFCAUQRBLBEBBECEUCyADIBMg","EWxqQQAgFCASbPwLAEEAIRUDQCAbIBVBMGxqIA79E/0LBBAgGyAVQTBsaiAj/QsEICAVQQFqIRUgFSAUSQ0ACyATIBRBAWtB","AnRqIAogByAIEAchFyATIAogCyAMEAghGQJAA0AgGSAXTg0BQQAhFQNAIBMgFUECdGohFiAWIAogByAIEAchGCAWIAogCyAM","EAghICAZICAgGSAgShshISAZQcAAaiEiIBggIkgEQCAYISILICEgIkgEQCAiICFrQQdqQXhxIRogACAWIBFsaiABIAIgAyAW","IBFsaiAEIBsgFUEwbGogBSAaICEgFiAGIAcgCCAJIAogCyAMIA0gDyAQEAYLIBVBAWohFSAVIBRJDQALIBlBwABqIRkMAAsL","QQAhFQNAIBsgFUECdkEwbCAVQQNxQQJ0amoqAiAhHEMAAIA/IByVQwAAAAAgHEMAAAAAXhv9EyEdIAMgEyAVaiARbGohHiAe","IBFqIR8DQCAeIB79AAQAIB395gH9CwQAIB5BEGohHiAeIB9JDQALIBVBAWohFSAVIBRBAnRJDQALIBNBwABqIRMMAAsLCw=="].join(""),mo=["AGFzbQEAAAABWAdgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwADCwoAAQEAAgMEBQUGBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRl","bmRIZWFkAAkKwh8KmQQCAn8Se/0MAAD8wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/","N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hj","PUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACA","PyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQA","IA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3k","ASELIAsgCv3mASAU/eQBIQsgCyAK/eYBIBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEh","CyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9","HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwvzAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC","/UMhASAA/QwAAPzCAAD8wgAA/MIAAPzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBL","AABAS/3lAf3lASED/Qz+5X83/uV/N/7lfzf+5X83IAP95gH9DImEITmJhCE5iYQhOYmEITn95AEhBCAEIAP95gH9DP/Drjr/","w646/8OuOv/Drjr95AEhBCAEIAP95gH9DFuVHTxblR08W5UdPFuVHTz95AEhBCAEIAP95gH9DEdYYz1HWGM9R1hjPUdYYz39","5AEhBCAEIAP95gH9DPD9dT7w/XU+8P11PvD9dT795AEhBCAEIAP95gH9DBhyMT8YcjE/GHIxPxhyMT/95AEhBCAEIAP95gH9","DAAAgD8AAIA/AACAPwAAgD/95AEhBCAEIAL9DH8AwLR/AMC0fwDAtH8AwLT9rgFBF/2rAf3mASAB/U8LzwIBBHsgAP3gASEB","IAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL95gH9DBs3EbwbNxG8GzcRvBs3Ebz95AEhAyADIAL95gH9DKQnszykJ7M8","pCezPKQnszz95AEhAyADIAL95gH9DNENXb3RDV290Q1dvdENXb395AEhAyADIAL95gH9DImICD6JiAg+iYgIPomICD795AEh","AyADIAL95gH9DKuqqr6rqqq+q6qqvquqqr795AEhAyABIAL95gEgA/3mASAB/eQBIQMgAf0MO6o4wDuqOMA7qjjAO6o4wP3m","ARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAEIAH9DM3MzD7NzMw+","zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAAAID9Tv1QC+4EAgN/C3sgACADQQR0aiEFIAIgBEECdGohBwNA/QwAAAAA","AAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAA","IQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAA","AAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQIREgBv0JAgAhEiASIBD95gEgCP3kASEIIBIgEf3mASAJ/eQBIQkgBv0J","AgQhEiASIBD95gEgCv3kASEKIBIgEf3mASAL/eQBIQsgBv0JAgghEiASIBD95gEgDP3kASEMIBIgEf3mASAN/eQBIQ0gBv0J","AgwhEiASIBD95gEgDv3kASEOIBIgEf3mASAP/eQBIQ8gAf0ABCAhECAB/QAEMCERIAb9CQIQIRIgEiAQ/eYBIAj95AEhCCAS","IBH95gEgCf3kASEJIAb9CQIUIRIgEiAQ/eYBIAr95AEhCiASIBH95gEgC/3kASELIAb9CQIYIRIgEiAQ/eYBIAz95AEhDCAS","IBH95gEgDf3kASENIAb9CQIcIRIgEiAQ/eYBIA795AEhDiASIBH95gEgD/3kASEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsg","AiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIgDP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJB","IGohAiACIAdJDQALC8EEBgJ/BnsDfQJ7AX8BeyAAIAJBAnRqIQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNA","IAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJDQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAA","AwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQIAX9EyERA0AgCyAQIBEgDf36Af3lAf3gAf3mASAL/QAEAP3k","Af0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsgCiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEY","IAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAA","AAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9","CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8AAID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBq","IQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0fA5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACAB","IBQgE5M4AgAgASAVOAIQC4gFAgh/D3sgA0ECdCEGIAX9CQIAIRkgBf0JAgQhGiAF/QkCCCEbIAX9CQIMIRwgACAEQQJ0aiEJ","QQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIBkgAiAHav0ABAD95gEhDiAZIAIgB2r9AAQQ/eYBIQ8gGiAL/QAEAP3m","ASEQIBogC/0ABBD95gEhESAbIAz9AAQA/eYBIRIgGyAM/QAEEP3mASETIBwgDf0ABAD95gEhFCAcIA39AAQQ/eYBIRUgACEI","IAEgB2ohCgNAIAr9AAQAIRYgCv0ABBAhFyAI/QkCACEYIBggFv3mASAO/eQBIQ4gGCAX/eYBIA/95AEhDyAI/QkCgAIhGCAY","IBb95gEgEP3kASEQIBggF/3mASAR/eQBIREgCP0JAoAEIRggGCAW/eYBIBL95AEhEiAYIBf95gEgE/3kASETIAj9CQKABiEY","IBggFv3mASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIAj9CQIEIRggGCAW/eYBIA795AEh","DiAYIBf95gEgD/3kASEPIAj9CQKEAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI/QkChAQhGCAYIBb95gEgEv3k","ASESIBggF/3mASAT/eQBIRMgCP0JAoQGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEVIAogBmohCiAIQQhqIQggCCAJ","SQ0ACyACIAdqIA79CwQAIAIgB2ogD/0LBBAgCyAQ/QsEACALIBH9CwQQIAwgEv0LBAAgDCAT/QsEECANIBT9CwQAIA0gFf0L","BBAgB0EgaiEHIAcgBkkNAAsLrgIBBn8gBkECdCEUIAAgASAIIBRsaiAEIAYgBxADQQAhFQNAIAkgFWogDmohFyALIRYgDARA","IBdBAWohFiAWIAtKBEAgCyEWCwsgECEYIA8EQCAYIBcgD2tBAWogGCAXIA9rQQFqShshGAtBACEZIBJBAEcgCSAVaiAKSHEE","QCASIAkgFWogE2xqIAhBAnRqIRkLIAQgFUEIdGogBSAVQQJ0aiAHIAggFiAXsiANIARBgAhqIBVBAnRqIBggESAZEAQgFUEB","aiEVIBVBBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEg","BP0ABJAI/eQB/QsEICAEIAIgCCAUbGogAyAGIAcgBRAFCyEBAX8gA0UEQCACDwsgAEEEaiABaiEEIAIgBCAEIAJKGwswAQF/","IAMhBCACBEAgBCAAIAFqIAJrQQFqIAQgACABaiACa0EBakobIQQLIARBeHELngQFC38BfQF7BX8BeyAFQQJ0IREgEUECdCES","IARBwAhqIRsgBEMAAAAAOAKgCEMAAIA/QwAAAAAgDkMAAID/XBv9EyEjQQAhEwJAA0AgEyAGTg0BIAYgE2tBA2pBAnYhFCAU","QRBLBEBBECEUCyADIBMgEWxqQQAgFCASbPwLAEEAIRUDQCAbIBVBMGxqIA79E/0LBBAgGyAVQTBsaiAj/QsEICAVQQFqIRUg","FSAUSQ0ACyATIBRBAWtBAnRqIAogByAIEAchFyATIAogCyAMEAghGQJAA0AgGSAXTg0BQQAhFQNAIBMgFUECdGohFiAWIAog","ByAIEAchGCAWIAogCyAMEAghICAZICAgGSAgShshISAZQcAAaiEiIBggIkgEQCAYISILICEgIkgEQCAiICFrQQdqQXhxIRog","ACAWIBFsaiABIAIgAyAWIBFsaiAEIBsgFUEwbGogBSAaICEgFiAGIAcgCCAJIAogCyAMIA0gDyAQEAYLIBVBAWohFSAVIBRJ","DQALIBlBwABqIRkMAAsLQQAhFQNAIBsgFUECdkEwbCAVQQNxQQJ0amoqAiAhHEMAAIA/IByVQwAAAAAgHEMAAAAAXhv9EyEd","IAMgEyAVaiARbGohHiAeIBFqIR8DQCAeIB79AAQAIB395gH9CwQAIB5BEGohHiAeIB9JDQALIBVBAWohFSAVIBRBAnRJDQAL","IBNBwABqIRMMAAsLCw=="].join("");var We=512,Se=class{name;#e;#t;#o;constructor(e,o){let r=new WebAssembly.Instance(e);this.name=o,this.#e=r.exports.memory,this.#t=r.exports.attendHead,this.#o=new Float32Array(this.#e.buffer)}reserve(e){let o=e*4,r=this.#e.buffer.byteLength;if(o>r){let s=Math.ceil((o-r)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${o} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#o.buffer!==this.#e.buffer&&(this.#o=new Float32Array(this.#e.buffer)),this.#o}attendHead(e,o,r,s,i,n,a,c,u,A={}){this.#t(4*e,4*o,4*r,4*s,0,i,n,a,c?1:0,u,A.shift??a-n,A.window??0,A.pad??0,A.cap??0,A.sink??-1/0,4*(A.bias??0),4*(A.biasStride??0))}},Ne=class{name="js";#e=new Float32Array(We);#t=new Float64Array(0);#o=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,o,r,s,i,n,a,c,u,A={}){let l=this.#e;this.#t.length<a&&(this.#t=new Float64Array(a)),this.#o.length<i&&(this.#o=new Float64Array(i));let f=this.#t,d=this.#o,h=Math.fround,w=A.shift??a-n,k=A.window??0,g=A.cap??0,I=A.sink??-1/0,E=A.bias??0;for(let P=0;P<n;P++){let R=P+w,x=c?Math.min(a,R+1):a,q=Math.max(A.pad??0,k?R-k+1:0),D=s+P*i,S=E+P*(A.biasStride??0),M=e+(P>>2)*i*4+(P&3),Q=I,T=0;for(let L=q;L<x;L++){let N=o+(L>>3)*i*8+(L&7),G=0;for(let C=0;C<i;C++)G+=l[M+4*C]*l[N+8*C];let v=g===0?G:g*Math.tanh(G/g);u!==0&&(v-=h(u)*Math.abs(R-L)),E!==0&&(v+=l[S+L]),f[L]=v,v!==-1/0&&T++,v>Q&&(Q=v)}if(T===0){l.fill(0,D,D+i);continue}d.fill(0);let H=I===-1/0?0:Math.exp((I-Q)*Math.LN2);for(let L=q;L<x;L++){if(f[L]===-1/0)continue;let N=Math.exp((f[L]-Q)*Math.LN2);H+=N;let G=r+L*i;for(let v=0;v<i;v++)d[v]=d[v]+N*l[G+v]}for(let L=0;L<i;L++)l[D+L]=d[L]/H}}};function Cr(t){let e=atob(t),o=new Uint8Array(e.length);for(let r=0;r<e.length;r++)o[r]=e.charCodeAt(r);return o}var wo;function bo(t){if(typeof WebAssembly!="object")return null;let e=Cr(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function St(){return wo??={relaxed:bo(go),plain:bo(mo)},wo}var xt;function ko(){if(!xt){let{relaxed:t,plain:e}=St();xt=t?new Se(t,"relaxed-simd"):e?new Se(e,"simd"):new Ne}return xt}var Ke=64;function $o(t,e,o){return{shift:t.kSeq-t.qSeq,window:t.window??0,pad:t.leftPadding?t.leftPadding[e]:0,cap:t.softcap===null?0:t.softcap*Math.LOG2E,sink:t.sinks?t.sinks[o]*Math.LOG2E:-1/0}}function Io(t,e,o,r,s,i,n){let a=e.bias;if(!a){t.attendHead(s.q,s.k,s.v,s.o,i,n.count,e.kSeq,n.causal,n.slope,n.features);return}let c=e.kSeq,u=c+7&-8,A=n.features.shift??c-n.count,l=t.reserve(s.bias+Ke*u);for(let f=0;f<n.count;f+=Ke){let d=Math.min(Ke,n.count-f);for(let h=0;h<d;h++){let w=o*a.batchStride+r*a.headStride+(f+h)*a.rowStride,k=s.bias+h*u;for(let g=0;g<c;g++){let I=a.data[w+g];l[k+g]=I<=rt?-1/0:I*Math.LOG2E}l.fill(0,k+c,k+u)}t.attendHead(s.q+f*i,s.k,s.v,s.o+f*i,i,d,c,n.causal,n.slope,{...n.features,shift:A+f,bias:s.bias,biasStride:u})}}var Eo=new WeakMap;function yo(t,e){Eo.set(t,e)}function Ce(t,e,o,r,s=ko(),i){let{batch:n,group:a,kvHeads:c,qSeq:u,kSeq:A,headDim:l,causal:f,scale:d,alibi:h}=t,w=e,k=o;if(t.rope){let{frequencies:$,pairing:O,angles:j}=t.rope,p=t.layout;w=ie(e,$,{layout:p,pairing:O,angles:j,positions:t.rope.query}),k=ie(o,$,{layout:p,pairing:O,angles:j,positions:t.rope.key})}let g=i===void 0&&!t.rope?Eo.get(o.data):void 0;if(g&&g.length===A&&g.batch===n&&g.kvHeads===c&&g.headDim===l&&u>0&&A>0)return qr(t,e,g);let I=i?.into??new Float32Array(e.data.length);if(u===0||A===0)return{shape:Object.freeze([...e.shape]),data:I};let E=l+7&-8,P=A+7&-8,R=u+3&-4,x=We,q=x+P*E,D=q+P*E,S=D+R*E,M=S+R*E,Q=s.reserve(M+(t.bias?Ke*P:0)),T=t.qStrides,H=t.kStrides,L=w.data,N=k.data,G=r.data,v=Math.fround,C=v(d*Math.LOG2E),m=H.seq===l&&l===E,b=T.seq===l&&l===E,y=i?.ranges??Array.from({length:n},($,O)=>({batch:O,kv0:0,kv1:c}));for(let{batch:$,kv0:O,kv1:j}of y)for(let p=O;p<j;p++){let B=$*H.batch+p*H.heads;for(let F=0;F<P;F++){let K=x+(F>>3)*E*8+(F&7),_=B+F*H.seq,W=F<A?l:0;for(let te=0;te<W;te++)Q[K+8*te]=N[_+te];for(let te=W;te<E;te++)Q[K+8*te]=0}if(m)Q.set(G.subarray(B,B+A*l),q);else for(let F=0;F<A;F++){let K=B+F*H.seq,_=q+F*E;for(let W=0;W<l;W++)Q[_+W]=G[K+W];for(let W=l;W<E;W++)Q[_+W]=0}Q.fill(0,q+A*E,q+P*E);for(let F=p*a;F<(p+1)*a;F++){let K=$*T.batch+F*T.heads;for(let _=0;_<R;_++){let W=D+(_>>2)*E*4+(_&3),te=K+_*T.seq,Ae=_<u?l:0;for(let le=0;le<Ae;le++)Q[W+4*le]=v(L[te+le]*C);for(let le=Ae;le<E;le++)Q[W+4*le]=0}if(Io(s,t,$,F,{q:D,k:x,v:q,o:S,bias:M},E,{count:u,causal:f,slope:h?h[F]*Math.LOG2E:0,features:$o(t,$,F)}),b)I.set(Q.subarray(S,S+u*l),K);else for(let _=0;_<u;_++){let W=S+_*E,te=K+_*T.seq;for(let Ae=0;Ae<l;Ae++)I[te+Ae]=Q[W+Ae]}}}return{shape:Object.freeze([...e.shape]),data:I}}function qr(t,e,o){let{batch:r,group:s,kvHeads:i,qSeq:n,kSeq:a,headDim:c,causal:u,scale:A,alibi:l}=t,f=o.kernel,d=c+7&-8,h=a+7&-8,w=n===1&&l===null&&t.sinks===null&&t.bias===null&&t.window===null,k=w?s:n,g=k+3&-4,I=o.end,E=I+g*d,P=E+g*d,R=f.reserve(P+(t.bias?Ke*h:0)),x=t.qStrides,q=e.data,D=new Float32Array(q.length),S=Math.fround,M=S(A*Math.LOG2E);for(let Q=0;Q<r;Q++)for(let T=0;T<i;T++){let H=Q*i+T,L=o.kAt+H*o.headFloats,N=o.vAt+H*o.headFloats;for(let v=a;v<h;v++){let C=L+(v>>3)*d*8+(v&7);for(let m=0;m<d;m++)R[C+8*m]=0}R.fill(0,N+a*d,N+h*d);let G=w?1:s;for(let v=0;v<G;v++){for(let m=0;m<g;m++){let b=I+(m>>2)*d*4+(m&3),y=T*s+(w?m:v),$=Q*x.batch+y*x.heads+(w?0:m)*x.seq,O=m<k?c:0;for(let j=0;j<O;j++)R[b+4*j]=S(q[$+j]*M);for(let j=O;j<d;j++)R[b+4*j]=0}let C=T*s+v;Io(f,t,Q,C,{q:I,k:L,v:N,o:E,bias:P},d,{count:k,causal:u&&!w,slope:l?l[C]*Math.LOG2E:0,features:{...$o(t,Q,C),...w?{shift:a-1}:{}}});for(let m=0;m<k;m++){let b=w?T*s+m:C,y=Q*x.batch+b*x.heads+(w?0:m)*x.seq;D.set(R.subarray(E+m*d,E+m*d+c),y)}}}return{shape:Object.freeze([...e.shape]),data:D}}function dn(t,e,o,r={}){oe("q",t),oe("k",e),oe("v",o);let s=$e(t,e,o,r);return Ce(s,t,e,o)}var qe=Object.freeze({T48:49152,T32:32768,T16:16384});function Bo(t){return t>=qe.T48?"T48":t>=qe.T32?"T32":"T16"}function Qr(t){let e=t.headDim/4,o=(e+(t.pad?1:0))*16,r=t.br*o,s=t.bc*o,i=t.sharedKV?0:t.bc*e*16,n=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return r+s+i+n+a}function vo(t){let e=[];for(let o=1;o<=t;o++)t%o===0&&e.push(o);return e}function Dr(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,i=1/0;for(let n of vo(e)){let a=r/n;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+n)*10+Math.abs(n-4);c<i&&(i=c,s=[a,n])}return s}function Mr(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,i=1/0;for(let n of vo(e)){let a=r/n;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+n)*10+Math.abs(n-4);c<i&&(i=c,s=[a,n])}return s}var Ct=512;function Po(t,e,o=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>Ct)return;let r=qe[e],s=t/4,i,n;for(let a of[128,64,256,32])if(!(a>o))for(let c of[64,32,16,8,4])for(let u of[64,32,16,8,4]){let A=Dr(c,u,a),l=Mr(c,s,a);if(!(!A||!l))for(let f of[!1,!0])for(let d of[!0,!1]){let[h,w]=A,[k,g]=l,I=Qr({headDim:t,br:c,bc:u,tn:w,sharedKV:f,pad:d});if(I>r)continue;let E=4*h*w/(h+w),P=[c*u,c>=u?1:0,u>=32?1:0,E>=4?1:0,a===128?2:a===64?1:0,E,f?0:1,d?1:0];(!n||Rr(P,n))&&(n=P,i={tier:e,headDim:t,workgroup:a,br:c,bc:u,tm:h,tn:w,om:k,od4:g,sharedKV:f,pad:d,bytes:I})}}return i}function Rr(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]>e[o];return!1}var Or=140,Fr=72,qt=9,xo=1,ct=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#t=new Map;#o=null;constructor(e,o,r,s=!1){this.device=e,this.f16=s,this.ownsDevice=o,this.limits=r,this.tier=Bo(r.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),e.lost.then(i=>{this.#o??=`the WebGPU device was lost (${i.reason}: ${i.message||"no message"})`})}get failure(){return this.#o}fail(e){this.#o??=e}cached(e,o){let r=this.#t.get(e);return r===void 0&&(r=o(),this.#t.set(e,r)),r}setCached(e,o){this.#t.set(e,o)}pipeline(e,o){let r=this.#e.get(e);return r||(r=this.#r(e,o()),this.#e.set(e,r),r.catch(()=>this.#e.delete(e))),r}async#r(e,o){let r=this.device.createShaderModule({code:o,label:e}),i=(await r.getCompilationInfo()).messages.filter(n=>n.type==="error");if(i.length>0)throw new Error(`Internal error: the generated WGSL for ${e} does not compile: ${i.map(n=>`line ${n.lineNum}: ${n.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:r,entryPoint:"main"}})}catch(n){throw new Error(`Internal error: creating the pipeline ${e} failed: ${n instanceof Error?n.message:String(n)}`)}}buffer(e,o){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${o}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`);return this.device.createBuffer({size:Math.max(16,Math.ceil(e/16)*16),usage:Or,label:o})}upload(e,o){let r=this.buffer(e.byteLength,o);return e.byteLength>0&&this.device.queue.writeBuffer(r,0,e.buffer,e.byteOffset,e.byteLength),r}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}uniform(e,o){let r=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:Fr,label:o});return this.device.queue.writeBuffer(r,0,e),r}bind(e,o,r,s,i){let n=this.uniform(o.pack(r),`${o.name} params`);return i.push(n),this.device.createBindGroup({label:o.name,layout:e.getBindGroupLayout(0),entries:o.entries({...s,params:{buffer:n}})})}encode(e,o){for(let r of o.dispatches)e.setPipeline(r.pipeline),e.setBindGroup(0,r.bindGroup),e.dispatchWorkgroups(r.grid[0],r.grid[1],r.grid[2])}submit(e,o){let r=this.#s(e,o);return this.release(e),r}release(e){for(let o of e.temps)o.destroy()}#s(e,o){let r=this.device.createCommandEncoder();if(e.dispatches.length>0){let i=r.beginComputePass();this.encode(i,e),i.end()}let s;return o&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(o.bytes/16)*16),usage:qt,label:"readback"}),o.bytes>0&&r.copyBufferToBuffer(o.source,0,s,0,Math.ceil(o.bytes/4)*4)),this.device.queue.submit([r.finish()]),s}async guarded(e,o){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let r,s,i=!1;try{r=o()}catch(A){s=A,i=!0}let n=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,u]=await Promise.all([n,a]);if(i)throw s;if(u)throw new Error(`Out of GPU memory while ${e}: ${u.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return r}async profile(e,o,r){r&&(this.#s(e),await this.idle());let s=this.device.createCommandEncoder(),i,n,a;this.timestamps&&(i=this.device.createQuerySet({type:"timestamp",count:2}),n=this.device.createBuffer({size:16,usage:516}),a=this.device.createBuffer({size:16,usage:qt}));let c=s.beginComputePass(i?{timestampWrites:{querySet:i,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let l=0;l<o;l++)this.encode(c,e);c.end(),i&&n&&a&&(s.resolveQuerySet(i,0,2,n,0),s.copyBufferToBuffer(n,0,a,0,16));let u=performance.now();this.device.queue.submit([s.finish()]),await this.idle();let A=(performance.now()-u)/1e3;try{if(a){await a.mapAsync(xo);let[l,f]=new BigUint64Array(a.getMappedRange().slice(0));a.unmap();let d=Number(f-l);if(d>0)return{seconds:d/1e9/o,source:"timestamp-query"}}return{seconds:A/o,source:"wall-clock"}}finally{i?.destroy(),n?.destroy(),a?.destroy()}}gather(e){let o=e.reduce((n,a)=>n+a.size,0),r=this.device.createBuffer({size:Math.max(16,Math.ceil(o/16)*16),usage:qt,label:"readback"}),s=this.device.createCommandEncoder(),i=0;for(let n of e)n.size>0&&s.copyBufferToBuffer(n.buffer,n.offset,r,i,n.size),i+=n.size;return this.device.queue.submit([s.finish()]),r}async read(e,o){try{return await e.mapAsync(xo),e.getMappedRange(0,Math.max(16,Math.ceil(o/16)*16)).slice(0,o)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var Co="This KvCache cannot be used: it was destroyed",qo="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",Lr=512,ut=4,Qo=["split","keys"];function At(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${Y(e)}`)}function Ye(t,e,o){let r=X(t,e??"f32",{allowed:["f32","f16","auto"]});if(r==="auto")return o.available?"f16":"f32";if(r==="f16"&&!o.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${o.detail}); use "f32", or "auto" to fall back to float32`);return r}function Do(t){At("options",t),re("options",t,{allowed:oo});let e=J("batch",t.batch,{min:1}),o=J("kvHeads",t.kvHeads,{min:1}),r=J("headDim",t.headDim,{min:4,max:Lr});if(r%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${r}`);let s=t.window===void 0?null:Fe(t.window,"window");if(s===null&&t.maxLength===void 0)throw new TypeError("Invalid maxLength: expected an integer >= 1 (the tokens the cache holds), got undefined; only a window cache may leave it out");let i=t.maxLength===void 0?1/0:J("maxLength",t.maxLength,{min:1}),n=s===null?i:Math.min(i,s+ut-1);return{batch:e,kvHeads:o,headDim:r,maxLength:i,window:s,slots:n}}function Qt(t,e,o,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${Y(e)}`);re(t,e,{allowed:r});let s=Ge(`${t}.frequencies`,e.frequencies),i=2*s.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==i)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${i} (2 x the ${s.invFreq.length} frequencies), got ${Y(e.rotaryDim)}`);if(i>o)throw new RangeError(`Invalid ${t}.frequencies: rotary dim ${i} (2 x ${s.invFreq.length} frequencies) exceeds the head dim ${o}`);let n=X(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),a=X(`${t}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),c=`${n}|${a}|${s.attentionFactor}|${Array.from(s.invFreq).join(",")}`;return{frequencies:s,pairing:n,rotaryDim:i,angles:a,fingerprint:c}}function So(t,e,o,r){let s=we(t,e,o);if(s.batch!==r.batch)throw new RangeError(`Invalid ${t}: expected batch ${r.batch} (as the cache), got ${s.batch}`);if(s.heads!==r.kvHeads)throw new RangeError(`Invalid ${t}: expected ${r.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==r.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${r.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function ft(t,e,o,r){At("options",r),re("options",r,{allowed:ro});let s=X("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),i=So("k",e,s,t),n=So("v",o,s,t);if(n.seq!==i.seq)throw new RangeError(`Invalid v: expected ${i.seq} tokens (as k), got ${n.seq}`);let a=null;if(r.rope!==void 0){let c=Qt("rope",r.rope,t.headDim,so),u=r.rope.positions===void 0?null:xe("rope.positions",r.rope.positions,i.seq,t.batch,c.angles==="float32");a={...c,positions:u}}return{layout:s,n:i.seq,strides:i.strides,rope:a}}function Mo(t,e,o){if(e+o.n>t.maxLength)throw new RangeError(`Cannot append ${o.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(o.rope&&!o.rope.positions&&o.rope.angles==="float32"){let r=e+o.n-1;if(r>be)throw new RangeError(`Invalid rope: the last key would sit at position ${r}, above ${be} (the largest position with angles "float32")`)}}function Ro(t,e){let o=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==o)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:o,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var Dt=Object.freeze({keyRope:void 0,explicitPositions:!1});function Oo(t,e,o,r=je){At("options",o),re("options",o,{allowed:r});let s=X("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),i=we("q",e,s);if(i.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${i.batch}`);if(i.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${i.headDim}`);if(i.heads<1||i.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${i.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(i.seq<1||i.seq>ut)throw new RangeError(`Invalid q: expected 1 to ${ut} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${i.seq}`);let n=o.scale===void 0?1/Math.sqrt(i.headDim):de("scale",o.scale),a=Pt(o.alibiSlopes,i.heads),c=null;if(o.rope!==void 0){if(o.rope!==null&&typeof o.rope=="object"&&"positions"in o.rope)throw new TypeError(`Invalid rope: unknown key "positions"; a decode's query positions are the option queryPositions (the cached keys keep the positions they were appended at)`);let d=Qt("rope",o.rope,t.headDim,no),h=o.queryPositions===void 0?null:xe("queryPositions",o.queryPositions,i.seq,i.batch,d.angles==="float32");c={...d,queryPositions:h}}else if(o.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let u=o.splits===void 0?void 0:J("splits",o.splits,{min:1}),A=X("kernel",o.kernel??"split",{allowed:Qo}),l=Fe(o.slidingWindow);if(l!==null&&t.window!==null&&l>t.window)throw new RangeError(`Invalid slidingWindow: expected at most ${t.window}, the window of this cache (it keeps no older keys), got ${l}`);let f=null;return o.bias!==void 0&&(f=oe("bias",o.bias),ze(f,{batch:i.batch,heads:i.heads,qSeq:i.seq,kSeq:null})),{layout:s,batch:i.batch,heads:i.heads,kvHeads:t.kvHeads,group:i.heads/t.kvHeads,qSeq:i.seq,headDim:i.headDim,qShape:[...e.shape],qStrides:i.strides,scale:n,rope:c,alibi:a,splits:u,kernel:A,window:l,sinks:st(o.sinks,i.heads),softcap:nt(o.softcap),leftPadding:it(o.leftPadding,i.batch,2**31-1),bias:f}}function lt(t,e,o,r=null){return _r(t,e,o),Tr(t,e,r)}function Tr(t,e,o){let r=t.window??o,s=r===null?0:Math.max(0,e-t.qSeq-r+1),i=null;return t.bias&&(i=ze(t.bias,{batch:t.batch,heads:t.heads,qSeq:t.qSeq,kSeq:e})),{window:r,first:s,bias:i}}function _r(t,e,o){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(o.keyRope&&o.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(o.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(t.rope.angles==="float32"&&e-1>be)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${be} (the largest position with angles "float32")`)}}}var Le=class{owner;batch;kvHeads;headDim;maxLength;window;slots;#e;#t=0;#o=Dt;#r=!1;constructor(e,o,r){this.owner=e,this.#e=o,this.batch=r.batch,this.kvHeads=r.kvHeads,this.headDim=r.headDim,this.maxLength=r.maxLength,this.window=r.window,this.slots=r.slots}held(){let e=Math.min(this.#t,this.slots);return{first:this.#t-e,count:e}}get length(){return this.#t}get destroyed(){return this.#r||!this.#e()}get ropeState(){return this.#o}live(){if(this.#r)throw new Error(Co);if(!this.#e())throw new Error(qo)}reserve(e){Mo(this,this.#t,e);let o=Ro(this.#o,e),r=this.#t;return{slot:r,skip:Math.max(0,e.n-this.slots),commit:()=>{this.#t=r+e.n,this.#o=o}}}clear(){this.#t=0,this.#o=Dt}markDestroyed(){return this.#r?!1:(this.#r=!0,!0)}};function Fo(t,e,o){if(!(t instanceof o))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var U=class{shape;dtype;owner;#e;#t;#o;#r=!1;constructor(e,o,r,s,i="float32"){this.owner=e,this.dtype=i,this.#o=s,this.shape=Object.freeze([...o]),this.#e=r instanceof Float32Array?null:r,this.#t=r instanceof Float32Array?r:null}get buffer(){return this.#e}get destroyed(){return this.#r||!this.#o()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#t}}destroy(){this.#r||(this.#r=!0,this.#e?.destroy())}};function Z(t,e,o){if(e instanceof U){if(e.owner!==o)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let r=e;if(r===null||typeof r!="object"||!("data"in r))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${Y(e)}`);return oe(t,e)}function Lo(t,e,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${Y(o)}`);re("options",o,{allowed:uo});let r=X("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=we("x",t,r),i=Ge("frequencies",e),n=2*i.invFreq.length;if(o.rotaryDim!==void 0&&o.rotaryDim!==n)throw new RangeError(`Invalid rotaryDim: expected ${n} (2 x the ${i.invFreq.length} frequencies), got ${Y(o.rotaryDim)}`);if(n>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${n} (2 x ${i.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=X("pairing",o.pairing??"half",{allowed:["half","interleaved"]}),c=X("angles",o.angles??"float32",{allowed:["float32","float64"]}),u=ho("",o.positions,o.offset,s.seq,s.batch,c),A=Pe("inPlace",o.inPlace??!1);return{call:{layout:r,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:i,pairing:a,angles:c,positions:u},inPlace:A}}var Hr=["flash","naive"],Ue="it was destroyed; create a new one with createGpuAttention()";function To(t){return J("iterations",t,{min:1})}function jr(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${Y(e)}`)}var Te=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e){return[Z("q",e[0],this),Z("k",e[1],this),Z("v",e[2],this)]}#e(e,o,r){this.live();let s=this.checkOperands(e);return{operands:s,plan:$e(...s,o,r)}}#t(e,o,r){let[s,i,n]=o.operands,a=this.elementsOf(s,i,n,r),c=X("kernel",r.kernel??"flash",{allowed:Hr});return{args:e,q:s,k:i,v:n,plan:o.plan,elements:a,kernel:c}}async attention(e,o,r,s={}){let i=[e,o,r],n=this.#e(i,s,vt);return await this.runAttention(this.#t(i,n,s))}async profileAttention(e,o,r,s={}){let i=[e,o,r],n=this.#e(i,s,io),a=To(s.iterations??10),c=Pe("warmup",s.warmup??!0),u=this.#t(i,n,s);return await this.timeAttention(u,a,c,s)}async applyRope(e,o,r={}){this.live();let s=Z("x",e,this),i=Lo(s,o,r);return await this.runRope({...i,arg:e,x:s})}upload(e,o={}){this.live();let r=oe("t",e);return jr("options",o),re("options",o,{allowed:co}),this.store(r,Ye("precision",o.precision,this.info.f16))}async download(e){this.live();let o=Z("t",e,this);if(!(o instanceof U))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(o)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let o=Do(e),r=Ye("precision",e.precision,this.info.f16);return await this.makeCache(o,r)}#o(e,o,r,s){this.live();let i=Z("q",e,this),n=Fo(o,this,this.cacheClass),a=Oo(n,i,r,s);return this.prepareDecode({arg:e,q:i,cache:n,plan:a})}async decode(e,o,r={}){return await this.runDecode(this.#o(e,o,r,je),r)}async profileDecode(e,o,r={}){let s=this.#o(e,o,r,ao),i=To(r.iterations??10),n=Pe("warmup",r.warmup??!0);return await this.timeDecode(s,i,n,r)}};function Qe(t){return t.reduce((e,o)=>e*o,1)}var zr=256,Gr=8;function Nr(t){let e=t.kp*t.ku*t.rb,o=t.lr*(e+1),r=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(o+e+r+s)}function _o(t,e,o,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,i=1;for(let f of[1,2,3,4])if(s%f===0&&s/f<=32){i=f;break}let n=s/i,a=Math.min(o==="T16"?64:128,r);if(n>r)return;let c=Math.max(1,Math.floor(a/n)),u=c*n,A=qe[o],l=Math.max(1,Math.min(e,Math.floor(Gr/i)));for(let f=l;f>=1;f--)for(let d=Math.max(1,Math.floor(n/f));d>=1;d--){let h={headDim:t,c:i,lr:n,kp:c,ku:d,rb:f},w=Nr(h);if(w<=A)return{...h,workgroup:u,bytes:w}}}function Ho(t,e,o,r){let s=Math.ceil(o/Math.max(1,e)),i=Math.ceil(t/zr);return Xe(t,Math.max(1,Math.min(s,i,r)))}function Xe(t,e){let o=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/o)),keysPerSplit:o}}var he=`fn isNan(x: f32) -> bool {
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
`;function _e(t,e){return`select(select(0.0, exp2(${t} - ${e}), ${t} > ${-1e30/2}), ${t}, isNan(${t}))`}function pe(t){return`select(select(0.0, 1.0 / ${t}, ${t} > 0.0), ${t}, isNan(${t}))`}function dt(t){let e=["softcap","sinks","padding","bias"].filter(o=>t[o]);return e.length===0?"":`:${e.join("+")}`}function ae(t,e){return e==="f32"?o=>`${t}[${o}]`:o=>`vec4<f32>(${t}[${o}])`}function ke(t,e,o,r,s){let i=t.rotaryDim,n=i/2;if(s=`(${s})`,o=`(${o})`,r=`(${r})`,t.pairing==="interleaved"&&i%4===0)return`if (${r} < ${i/4}u) {
      let tb = ${s} * ${n}u + ${r} * 2u;
      let a = T[tb];
      let e = T[tb + 1u];
      x = vec4<f32>(x.x * a.x - x.y * a.y, x.y * a.x + x.x * a.y,
                    x.z * e.x - x.w * e.y, x.w * e.x + x.z * e.y);
    }`;if(t.pairing==="half"&&n%4===0){let c=n/4;return`if (${r} < ${2*c}u) {
      let lo = ${r} < ${c}u;
      let pc = select(${r} - ${c}u, ${r} + ${c}u, lo);
      let p = ${e(`${o} + pc`)};
      let tb = ${s} * ${n}u + select(${r} - ${c}u, ${r}, lo) * 4u;
      let t0 = T[tb];
      let t1 = T[tb + 1u];
      let t2 = T[tb + 2u];
      let t3 = T[tb + 3u];
      let sg = select(1.0, -1.0, lo);
      x = x * vec4<f32>(t0.x, t1.x, t2.x, t3.x) + (sg * p) * vec4<f32>(t0.y, t1.y, t2.y, t3.y);
    }`}let a=[];for(let c=0;c<4;c++)if(t.pairing==="interleaved"){let u=c^1,A=c%2===0?"-":"+";a.push(`{
        let d = ${r} * 4u + ${c}u;
        if (d < ${i}u) {
          let t = T[${s} * ${n}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${A} x[${u}] * t.y;
        }
      }`)}else a.push(`{
        let d = ${r} * 4u + ${c}u;
        if (d < ${i}u) {
          let lo = d < ${n}u;
          let pd = select(d - ${n}u, d + ${n}u, lo);
          let t = T[${s} * ${n}u + select(d - ${n}u, d, lo)];
          let p = ${e(`${o} + pd / 4u`)}[pd % 4u];
          y[${c}] = x[${c}] * t.x + select(1.0, -1.0, lo) * p * t.y;
        }
      }`);return`if (${r} * 4u < ${i}u) {
      var y = x;
      ${a.join(`
      `)}
      x = y;
    }`}function z(t,e){return{variable:t,access:"read",type:e}}function V(t,e){return{variable:t,access:"read_write",type:e}}var Mt=class{name;fields;bindingNames;wgsl;uniformBytes;#e;constructor(e){if(this.name=e.name,this.#e=e.uniforms,this.fields=Object.keys(e.uniforms),this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let o=Object.entries(e.bindings).filter(i=>i[1]!==null);this.bindingNames=["params",...o.map(([i])=>i)],this.uniformBytes=Math.ceil(this.fields.length*4/16)*16;let r=this.fields.map(i=>`  ${i}: ${e.uniforms[i]},`).join(`
`),s=o.map(([,i],n)=>`@group(0) @binding(${n+1}) var<storage, ${i.access}> ${i.variable}: ${i.type};`);this.wgsl=`struct Params {
${r}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}binding(e){let o=this.bindingNames.indexOf(e);if(o<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return o}pack(e){for(let s of Object.keys(e))if(!Object.hasOwn(this.#e,s))throw new Error(`Internal error: kernel ${this.name} has no uniform ${s}`);let o=new ArrayBuffer(this.uniformBytes),r=new DataView(o);return this.fields.forEach((s,i)=>{let n=e[s];if(n===void 0)throw new Error(`Internal error: uniform ${s} of kernel ${this.name} is missing`);let a=this.#e[s],c=u=>new RangeError(`Internal error: uniform ${s} = ${n} of kernel ${this.name} does not fit ${u}`);if(a==="f32"){if(!Number.isFinite(n))throw c("a finite f32");r.setFloat32(i*4,n,!0)}else if(a==="i32"){if(!Number.isInteger(n)||n<-2147483648||n>2147483647)throw c("a signed 32-bit integer");r.setInt32(i*4,n,!0)}else{if(!Number.isInteger(n)||n<0||n>4294967295)throw c("an unsigned 32-bit integer");r.setUint32(i*4,n,!0)}}),o}entries(e){for(let o of Object.keys(e))if(!this.bindingNames.includes(o))throw new Error(`Internal error: kernel ${this.name} declares no binding ${o}`);return this.bindingNames.map((o,r)=>{let s=e[o];if(!s)throw new Error(`Internal error: binding ${o} of kernel ${this.name} is missing`);return{binding:r,resource:s}})}};function se(t){return new Mt(t)}var Wr={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",first:"u32",slots:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32",window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"},Kr={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function Rt(t){let e=t.elements;return se({name:"decode",uniforms:Wr,bindings:{q:z("Q",`array<vec4<${e.q}>>`),k:z("K",`array<vec4<${e.kv}>>`),v:z("V",`array<vec4<${e.kv}>>`),o:V("O",`array<vec4<${e.o}>>`),w:V("W","array<vec4<f32>>"),table:t.rope?z("T","array<vec2<f32>>"):null,slopes:t.alibi?z("SL","array<f32>"):null,sinks:t.sinks?z("SK","array<f32>"):null,padding:t.padding?z("PD","array<u32>"):null,bias:t.bias?z("BI","array<f32>"):null}})}function Ot(t){return se({name:"decode merge",uniforms:Kr,bindings:{w:z("W","array<vec4<f32>>"),o:V("O",`array<vec4<${t}>>`)}})}var Ve=64;function Ft(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`+dt(t)}function Lt(t,e){return`decode-merge:d${t}:${e}`}function Ie(t){return Array.from({length:t},(e,o)=>o)}function ht(t){return t.length===0?"0.0":t.join(" + ")}function jo(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function zo(t){let e=t.tiles,{c:o,lr:r,kp:s,ku:i,rb:n,workgroup:a}=e,c=e.headDim/4,u=s*i*n,A=u+1,l=s*i,f=t.elements,d=ae("Q",f.q),h=ae("K",f.kv),w=ae("V",f.kv),k=[f.q,f.kv,f.o].includes("f16"),g=Ie(n),I=Ie(o),E=Ie(i),P=t.rope?ke(t.rope,d,"base","cc","P.tab + b * P.tabB + t"):"",R=g.map(b=>`${I.map(y=>`var q${b}_${y} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${b}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${I.map(y=>`{
        let cc = lr + ${y*r}u;
        var x = ${d("base + cc")};
        ${P}
        q${b}_${y} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),x=g.map(b=>`${t.sinks?`let sink${b} = split == 0u && kp == 0u;
  var m${b} = select(${-1e30}, SK[kvh * P.group + min(row0 + ${b}u, P.rows - 1u) % P.group], sink${b});
  var l${b} = select(0.0, 1.0, sink${b});`:`var m${b} = ${-1e30}; var l${b} = 0.0;`} ${I.map(y=>`var a${b}_${y} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),q=E.map(b=>{let y=g.map($=>`Red[lr * ${A}u + kp * ${n}u + ${b*s*n+$}u] = ${ht(I.map(O=>`dot(q${$}_${O}, k${b}_${O})`))};`).join(`
      `);return`let kr${b} = kvBase + (min(k0 + ${b*s}u + kp, kEnd - 1u) % P.slots) * ${c}u;
      ${I.map($=>`let k${b}_${$} = ${h(`kr${b} + ${$*r}u`)};`).join(" ")}
      ${I.map($=>`let v${b}_${$} = ${w(`kr${b} + ${$*r}u`)};`).join(" ")}
      ${y}`}).join(`
      `),D=t.alibi||t.bias,S=t.softcap?"s = capped(s, P.cap2);":"",M=(D?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          `:"")+(t.alibi?"s -= SL[h] * f32(i32(qp) - i32(key));":""),Q=t.bias?`let bv = BI[b * P.bB + h * P.bH + (min(f, P.rows - 1u) / P.group) * P.bS + min(key, P.len - 1u)];
          s += bv * ${Math.LOG2E};`:"",T=t.padding?" && key >= padB":"",H=t.bias?" && !biasHides(bv)":"",L=Ie(Math.ceil(u/a)).map(b=>{let y=(b+1)*a>u;return`{
        let i = lid + ${b*a}u;
        ${y?`if (i < ${u}u) {`:"{"}
          var s = ${ht(Ie(r).map($=>`Red[${$*A}u + i]`))};
          let key = k0 + i / ${n}u;
          let f = row0 + i % ${n}u;
          let qp = P.len - P.sq + f / P.group;
          ${S}
          ${M}
          ${Q}
          Sc[i] = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp && i32(key) > i32(qp) - i32(P.window)${T}${H});
        }
      }`}).join(`
      `),N=b=>ht(E.map(y=>`select(p${y} * v${y}_${b}, vec4<f32>(0.0), p${y} == 0.0)`)),G=g.map(b=>{let y=E.map($=>`s${$}`);return`{
        ${E.map($=>`let s${$} = Sc[kp * ${n}u + ${$*s*n+b}u];`).join(" ")}
        let mx = max(m${b}, ${y.reduce(($,O)=>`max(${$}, ${O})`)});
        let alpha = exp2(m${b} - mx);
        ${E.map($=>`let p${$} = ${_e(`s${$}`,"mx")};`).join(" ")}
        l${b} = l${b} * alpha + ${ht(E.map($=>`p${$}`))};
        m${b} = mx;
        ${I.map($=>`a${b}_${$} = a${b}_${$} * alpha + ${N($)};`).join(`
        `)}
      }`}).join(`
      `),v=g.map(b=>`{
    let mr = ${Ie(s).map(y=>`Mk[${y*n+b}u]`).reduce((y,$)=>`max(${y}, ${$})`)};
    let g = exp2(m${b} - mr);
    l${b} *= g;
    ${I.map(y=>`a${b}_${y} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${b}u] = mr;
    }
  }`).join(`
  `),C=Ie(s).map(b=>`if (kp == ${b}u) {
    ${g.flatMap(y=>I.map($=>{let O=`${y*c}u + lr + ${$*r}u`;return b===0?`X[${O}] = a${y}_${$};`:`X[${O}] += a${y}_${$};`})).join(`
    `)}
    if (lr == 0u) {
      ${g.map(y=>b===0?`Ls[${y}u] = l${y};`:`Ls[${y}u] += l${y};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),m=Ie(Math.ceil(n*c/a)).map(b=>{let y=(b+1)*a>n*c;return`{
    let e = lid + ${b*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${y?`e < ${n*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${jo(f.o,`X[e] * ${pe("total")}`)};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${Ft(t)}
${k?"enable f16;":""}
${Rt(t).wgsl}
${he}
var<workgroup> Red: array<f32, ${r*A}>;
var<workgroup> Sc: array<f32, ${u}>;
var<workgroup> X: array<vec4<f32>, ${n*c}>;
var<workgroup> Mk: array<f32, ${s*n}>;
var<workgroup> Ms: array<f32, ${n}>;
var<workgroup> Ls: array<f32, ${n}>;

@compute @workgroup_size(${a})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let split = wid.x;
  let unit = P.unitBase + wid.y;
  let row0 = wid.z * ${n}u;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let kp = lid / ${r}u;
  let lr = lid % ${r}u;
  let kvBase = (unit - P.chunkBase) * P.slots * ${c}u + lr;

  ${R}
  ${x}

  // This split's keys (of those from the first visible one), cut at the last
  // one any row of the block sees and after the padding (uniform per workgroup).
  ${t.padding?"let padB = PD[b];":""}
  let kSplit = P.first + split * P.keysPerSplit;
  let kBegin = ${t.padding?"max(kSplit, padB)":"kSplit"};
  let lastRow = min(row0 + ${n}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kSplit + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${l}u) {
      ${q}
    workgroupBarrier();
      ${L}
    workgroupBarrier();
      ${G}
  }

  if (lr == 0u) {
    ${g.map(b=>`Mk[kp * ${n}u + ${b}u] = m${b};`).join(" ")}
  }
  workgroupBarrier();
  ${v}
  ${C}
  ${m}
}
`}function Go(t,e){let o=t/4;return`// ${Lt(t,e)}
${e==="f16"?"enable f16;":""}
${Ot(e).wgsl}
${he}
@compute @workgroup_size(${Ve})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ve}u + lid;
  if (idx >= P.items) {
    return;
  }
  let row = idx / ${o}u;
  let cc = idx % ${o}u;
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
    acc += w * W[(row * P.nsplit + s) * ${o}u + cc];
  }
  let unit = P.unitBase + row / P.rows;
  let f = row % P.rows;
  let b = unit / P.kvHeads;
  let h = (unit % P.kvHeads) * P.group + f % P.group;
  let t = f / P.group;
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${jo(e,`acc * ${pe("total")}`)};
}
`}function ce(t,e,o,r=4){let s=Math.max(16,o.minStorageBufferOffsetAlignment),i=Math.floor(t*r/s)*s,n=Math.max(4,Math.ceil((e*r-i)/4)*4);return{offset:i,size:n,base:i/r}}function ne(t,e){return t.size<=e.maxStorageBufferBindingSize}function ge(t,e,o,r){let s=[],i=0;for(;i<t;){let n=Math.min(t-i,e);if(!o(i,1))throw r(i);let a=1,c=n;if(o(i,c))a=c;else for(;c-a>1;){let u=Math.floor((a+c)/2);o(i,u)?a=u:c=u}s.push([i,a]),i+=a}return s}function ue(t,e){let o=e.maxComputeWorkgroupsPerDimension;if(t<=o)return[Math.max(1,t),1];let r=Math.ceil(t/o);if(r>o)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${o} x ${o}, the device's 2-D grid limit`);return[Math.ceil(t/r),r]}function Ee(t,e){let o=e.maxComputeWorkgroupsPerDimension;return o*o*t}var Be=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function Yr(t){let e=[t.q,t.k,t.v,t.o];return e.every(o=>o==="f32")?"":`:${e.join("")}`}var Ur={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32",window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"};function Tt(t){let e=t.elements??Be;return se({name:"flash",uniforms:Ur,bindings:{q:z("Q",`array<vec4<${e.q}>>`),k:z("K",`array<vec4<${e.k}>>`),v:z("V",`array<vec4<${e.v}>>`),o:V("O",`array<vec4<${e.o}>>`),table:t.rope?z("T","array<vec2<f32>>"):null,slopes:t.alibi?z("SL","array<f32>"):null,sinks:t.sinks?z("SK","array<f32>"):null,padding:t.padding?z("PD","array<u32>"):null,bias:t.bias?z("BI","array<f32>"):null}})}function _t(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${o}:alibi=${t.alibi}`+Yr(t.elements??Be)+dt(t)}function ye(t){return Array.from({length:t},(e,o)=>o)}function No(t){let e=t.tiles,o=e.headDim/4,r=e.workgroup,s=e.br,i=e.bc,n=o+(e.pad?1:0),a=e.sharedKV?n:o,c=i+1,u=i/e.tn,A=o/e.od4,l=e.sharedKV?"Ks":"Vs",f=t.elements??Be,d=ae("Q",f.q),h=ae("K",f.k),w=ae("V",f.v),k=[f.q,f.k,f.v,f.o].includes("f16"),g=(p,B)=>`for (var e = lid; e < ${p*o}u; e += ${r}u) {
    let r = e / ${o}u;
    let c = e % ${o}u;
    ${B("r","c")}
  }`,I=t.rope?ke(t.rope,d,"base","c","P.qTab + b * P.qTabB + pos"):"",E=t.rope?ke(t.rope,h,"base","c","P.kTab + b * P.kTabB + key"):"",P=g(s,(p,B)=>`let flat = row0 + ${p};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${d(`base + ${B}`)};
      ${I}
    }
    Qs[${p} * ${n}u + ${B}] = x * P.scale2;`),R=g(i,(p,B)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${h(`base + ${B}`)};
      ${E}
    }
    Ks[${p} * ${n}u + ${B}] = x;`),x=(p,B)=>`b * P.vB + kvh * P.vH + ${p} * P.vS - P.vOff + ${B}`,q=g(i,(p,B)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${w(x("key",B))};
    }
    let bad = isNan4(x);
    if (any(bad)) {
      atomicMax(&NanTile, kt + 1u);
    }
    ${l}[${p} * ${a}u + ${B}] = select(x, vec4<f32>(0.0), bad);`),D=ye(e.tm),S=ye(e.tn),M=ye(e.om),Q=ye(e.od4),T=D.flatMap(p=>S.map(B=>`var s${p}_${B} = 0.0;`)).join(" "),H=ye(o).map(p=>{let B=D.map(_=>`let q${_} = Qs[qr${_} + ${p}u];`).join(" "),F=S.map(_=>`let k${_} = Ks[kr${_} + ${p}u];`).join(" "),K=D.flatMap(_=>S.map(W=>`s${_}_${W} += dot(q${_}, k${W});`)).join(" ");return`{ ${B} ${F} ${K} }`}).join(`
      `),L=D.flatMap(p=>S.map(B=>{let F=`s${p}_${B}`,K=t.softcap?`${F} = capped(${F}, P.cap2);
      `:"",_=t.alibi?` - sl${p} * f32(abs(qp${p} - i32(key${B})))`:"",W=t.bias?`let b${p}_${B} = BI[br${p} + min(key${B}, P.sk - 1u)];
      `:"",te=t.bias?` + b${p}_${B} * ${Math.LOG2E}`:"",Ae=t.padding?` && key${B} >= padB`:"",le=t.bias?` && !biasHides(b${p}_${B})`:"";return`${K}${W}${F} = select(${-1e30}, ${F}${_}${te}, ok${p} && key${B} < P.sk && (P.causal == 0u || i32(key${B}) <= qp${p}) && i32(key${B}) > qp${p} - i32(P.window)${Ae}${le});`})).join(`
      `),N=D.map(p=>`Mx[(tr * ${e.tm}u + ${p}u) * ${u}u + tc] = max(${S.map(B=>`s${p}_${B}`).reduce((B,F)=>`max(${B}, ${F})`)}, ${-1e30});`).join(`
      `),G=(p,B)=>`let ${B} = ${ye(u).map(F=>`Mx[${p} * ${u}u + ${F}u]`).reduce((F,K)=>`max(${F}, ${K})`)};`,v=D.map(p=>{let B=`(tr * ${e.tm}u + ${p}u)`,F=S.map(K=>`let p${K} = ${_e(`s${p}_${K}`,"tmax")};
        Ps[${B} * ${c}u + tc + ${K*u}u] = p${K};`).join(`
        `);return`{
        ${G(B,"tmax")}
        ${F}
        Sm[${B} * ${u}u + tc] = ${S.map(K=>`p${K}`).join(" + ")};
      }`}).join(`
      `),C=M.flatMap(p=>Q.map(B=>`var o${p}_${B} = vec4<f32>(0.0);`)).join(" "),m=M.map(p=>t.sinks?`var m${p} = SK[kvh * P.group + (row0 + orow${p}) % P.group]; var l${p} = 1.0;`:`var m${p} = ${-1e30}; var l${p} = 0.0;`).join(" "),b=M.map(p=>{let B=`orow${p}`;return`{
        ${G(B,"tmax")}
        let tsum = ${ye(u).map(F=>`Sm[${B} * ${u}u + ${F}u]`).join(" + ")};
        let mnew = max(m${p}, tmax);
        let alpha = exp2(m${p} - mnew);
        beta${p} = exp2(tmax - mnew);
        l${p} = l${p} * alpha + tsum * beta${p};
        m${p} = mnew;
        ${Q.map(F=>`o${p}_${F} *= alpha;`).join(" ")}
      }`}).join(`
      `),y=`if (atomicLoad(&NanTile) == kt + 1u) {
        for (var kk = 0u; kk < ${i}u; kk++) {
          let key = k0 + kk;
          if (key < P.sk) {
            ${Q.map(p=>`let v${p} = ${w(x("key",`oc + ${p*A}u`))};`).join(" ")}
            ${M.map(p=>`{
              let seen = vec4<bool>(Ps[orow${p} * ${c}u + kk] > 0.0);
              ${Q.map(B=>`o${p}_${B} = select(o${p}_${B}, v${B}, isNan4(v${B}) & seen);`).join(" ")}
            }`).join(`
            `)}
          }
        }
      }`,$=ye(i).map(p=>{let B=M.map(_=>`let p${_} = Ps[orow${_} * ${c}u + ${p}u] * beta${_};`).join(" "),F=Q.map(_=>`let v${_} = ${l}[${p*a}u + oc + ${_*A}u];`).join(" "),K=M.flatMap(_=>Q.map(W=>`o${_}_${W} += p${_} * v${W};`)).join(" ");return`{ ${B} ${F} ${K} }`}).join(`
      `),O=M.map(p=>`{
    let flat = row0 + orow${p};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = ${pe(`l${p}`)};
      ${Q.map(B=>f.o==="f32"?`O[base + ${B*A}u] = o${p}_${B} * inv;`:`O[base + ${B*A}u] = vec4<f16>(o${p}_${B} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),j=D.map(p=>`let flat${p} = row0 + tr * ${e.tm}u + ${p}u;
  let pos${p} = flat${p} / P.group;
  let ok${p} = pos${p} < P.sq;
  let qp${p} = i32(pos${p}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${p} = SL[kvh * P.group + flat${p} % P.group];`:""}${t.bias?`
  let br${p} = b * P.bB + (kvh * P.group + flat${p} % P.group) * P.bH + min(pos${p}, P.sq - 1u) * P.bS;`:""}`).join(`
  `);return`// ${_t(t)}
${k?"enable f16;":""}
${Tt(t).wgsl}
${he}
var<workgroup> Qs: array<vec4<f32>, ${s*n}>;
var<workgroup> Ks: array<vec4<f32>, ${i*n}>;
${e.sharedKV?"":`var<workgroup> Vs: array<vec4<f32>, ${i*o}>;`}
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
  ${D.map(p=>`let qr${p} = (tr * ${e.tm}u + ${p}u) * ${n}u;`).join(" ")}
  ${S.map(p=>`let kr${p} = (tc + ${p*u}u) * ${n}u;`).join(" ")}
  ${j}
  let orr = lid / ${A}u;
  let oc = lid % ${A}u;
  ${M.map(p=>`let orow${p} = orr * ${e.om}u + ${p}u;`).join(" ")}
  ${C}
  ${m}
  ${M.map(p=>`var beta${p} = 0.0;`).join(" ")}

  // Keys past the last visible one, before the first row's window or in the
  // padding are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${s}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  ${t.padding?"let padB = PD[b];":""}
  let firstKey = i32(row0 / P.group) + i32(P.sk) - i32(P.sq) - i32(P.window) + 1;
  let kvBegin = ${t.padding?"max(u32(max(firstKey, 0)), padB)":"u32(max(firstKey, 0))"};
  let tiles = (kvEnd + ${i-1}u) / ${i}u;
  for (var kt = kvBegin / ${i}u; kt < tiles; kt++) {
    let k0 = kt * ${i}u;
    ${R}
    ${e.sharedKV?"":q}
    workgroupBarrier();
    {
      ${T}
      ${H}
      ${S.map(p=>`let key${p} = k0 + tc + ${p*u}u;`).join(" ")}
      ${L}
      ${N}
      workgroupBarrier();
      ${v}
    }
    ${e.sharedKV?q:""}
    workgroupBarrier();
    {
      ${b}
      ${$}
      ${y}
    }
    workgroupBarrier();
  }

  ${O}
}
`}var Xr=32*1024*1024,Vr=1024;function Jr(t,e){return`rope-table|${e}|${t.attentionFactor}|${Array.from(t.invFreq).join(",")}`}function Wo(t,e,o){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${o} bytes; rotate in smaller batches`)}function me(t,e,o,r){let s=e.invFreq.length*8,i=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize);if(r.every(l=>l.positions.kind==="range")){let l=r.map(g=>g.positions.start),f=Math.min(...l),d=Math.max(...r.map((g,I)=>l[I]+g.seq)),h=Vr;for(;h<d;)h*=2;if(h*s<=Math.min(Xr,i)){let g=Jr(e,o),I=t.cached(g,()=>null);if(!I||I.rows<d){let E=at(e,{start:0,count:h},o);I={rows:h,buffer:t.upload(E,"rope table")},t.setCached(g,I)}return{buffer:I.buffer,temp:!1,sides:l.map(E=>({tab:E,tabB:0}))}}let w=Math.max(1,d-f);if(w*s>i)throw Wo(w,w*s,i);let k=at(e,{start:f,count:w},o);return{buffer:t.upload(k,"rope table"),temp:!0,sides:l.map(g=>({tab:g-f,tabB:0}))}}let n=[],a=[],c=0;for(let l of r){let f=l.positions,d=f.kind==="list"?f.list:Float64Array.from({length:l.seq},(h,w)=>f.start+w);a.push({tab:c,tabB:f.kind==="list"&&f.perBatch?l.seq:0}),n.push(d),c+=d.length}let u=new Float64Array(Math.max(1,c)),A=0;for(let l of n)u.set(l,A),A+=l.length;if(u.length*s>i)throw Wo(u.length,u.length*s,i);return{buffer:t.upload(at(e,u,o),"rope table"),temp:!0,sides:a}}function Yo(t,e,o=Be){let r=Po(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!r)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:Ct}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function Ht(t,e,o){let r=null,s=null,i=null;if(e.sinks&&(r=t.upload(Float32Array.from(e.sinks,n=>n*Math.LOG2E),"sinks"),o.push(r)),e.leftPadding&&(s=t.upload(e.leftPadding,"left padding"),o.push(s)),e.bias){let n=e.bias.data.byteLength,a=t.limits.maxStorageBufferBindingSize;if(n>a)throw new RangeError(`Invalid bias: its ${n} bytes exceed the device's storage binding limit of ${a} bytes (maxStorageBufferBindingSize); broadcast it over batch or heads, or split the call`);i=t.upload(e.bias.data,"bias"),o.push(i)}return{sinks:r,padding:s,bias:i}}function jt(t){return{...t.sinks?{sinks:{buffer:t.sinks}}:{},...t.padding?{padding:{buffer:t.padding}}:{},...t.bias?{bias:{buffer:t.bias}}:{}}}function Uo(t,e){return t.pipeline(_t(e),()=>No(e))}function Ko(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function Xo(t,e,o,r,s){let{batch:i,kvHeads:n,group:a,qSeq:c,kSeq:u,headDim:A}=e,l={dispatches:[],temps:[]};if(i===0||c===0||u===0)return l;let f=t.limits,d=e.qStrides,h=e.kStrides,w=i*n,k=o.elements??Be,g=v=>v==="f16"?2:4,I=(v,C,m=g(k.q))=>{let[b,y]=[Math.floor(v/n),v%n],$=v+C-1,[O,j]=[Math.floor($/n),$%n],p=b*d.batch+y*a*d.heads,B=O*d.batch+(j*a+a-1)*d.heads+(c-1)*d.seq+A;return ce(p,B,f,m)},E=(v,C)=>I(v,C,g(k.o)),P=(v,C,m=g(k.k))=>{let b=v+C-1,y=Math.floor(v/n)*h.batch+v%n*h.heads,$=Math.floor(b/n)*h.batch+b%n*h.heads+(u-1)*h.seq+A;return ce(y,$,f,m)},R=(v,C)=>P(v,C,g(k.v)),x=(v,C)=>(g(k.q)>=g(k.o)?I:E)(v,C),q=(v,C)=>(g(k.k)>=g(k.v)?P:R)(v,C),D=ge(w,f.maxComputeWorkgroupsPerDimension,(v,C)=>ne(x(v,C),f)&&ne(q(v,C),f),v=>{let C=x(v,1);return ne(C,f)?Ko("k and v",q(v,1).size,f.maxStorageBufferBindingSize):Ko("q and the output",C.size,f.maxStorageBufferBindingSize)}),S=null;e.rope&&(S=me(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:u}]),S.temp&&l.temps.push(S.buffer));let M=null;e.alibi&&(M=t.upload(e.alibi.map(v=>v*Math.LOG2E),"alibi slopes"),l.temps.push(M));let Q=Ht(t,e,l.temps),T=e.bias,H=o.tiles,L=Math.ceil(c*a/H.br),N=f.maxComputeWorkgroupsPerDimension,G=Tt(o);for(let[v,C]of D){let m=I(v,C),b=P(v,C),y=R(v,C),$=E(v,C);for(let O=0;O<L;O+=N){let j={sq:c,sk:u,group:a,kvHeads:n,causal:e.causal?1:0,numTiles:L,tileBase:O,unitBase:v,qB:d.batch/4,qH:d.heads/4,qS:d.seq/4,qOff:m.base/4,kB:h.batch/4,kH:h.heads/4,kS:h.seq/4,kOff:b.base/4,vB:h.batch/4,vH:h.heads/4,vS:h.seq/4,vOff:y.base/4,oB:d.batch/4,oH:d.heads/4,oS:d.seq/4,oOff:$.base/4,qTab:S?.sides[0]?.tab??0,qTabB:S?.sides[0]?.tabB??0,kTab:S?.sides[1]?.tab??0,kTabB:S?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E,window:e.window===null?1073741824:Math.min(e.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:T?.batchStride??0,bH:T?.headStride??0,bS:T?.rowStride??0},p=t.bind(r,G,j,{q:{buffer:s.q,offset:m.offset,size:m.size},k:{buffer:s.k,offset:b.offset,size:b.size},v:{buffer:s.v,offset:y.offset,size:y.size},o:{buffer:s.o,offset:$.offset,size:$.size},...S?{table:{buffer:S.buffer}}:{},...M?{slopes:{buffer:M}}:{},...jt(Q)},l.temps),[B]=ue(Math.min(N,L-O),f);l.dispatches.push({pipeline:r,bindGroup:p,grid:[B,C,1]})}}return l}function Vo(t,e,o){let r=e.group*e.qSeq,s=_o(e.headDim,r,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function Jo(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(Ft(e),()=>zo(e)),t.pipeline(Lt(o,r),()=>Go(o,r))])}function Zo(t,e,o,r,s,i=!1){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,n);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (${i?`the ${r} keys of the window`:`the cache length ${r}`}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return Xe(r,e.splits)}let a=Math.ceil(e.group*e.qSeq/o.tiles.rb);return Ho(r,e.batch*e.kvHeads*a,s,n)}function Ze(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function er(t,e,o,r,s,i,n,a){let c={dispatches:[],temps:[]},[u,A]=r,l=t.limits,{kvHeads:f,group:d,qSeq:h,headDim:w}=e,k=w/4,g=d*h,I=o.tiles,E=Math.ceil(g/I.rb),{splits:P,keysPerSplit:R}=i,x=P===1,q=e.qStrides,D=o.elements.q==="f16"?2:4,S=o.elements.o==="f16"?2:4,M=(m,b,y)=>{let $=(B,F)=>Math.floor(B/f)*q.batch+F*q.heads,O=m+b-1,j=$(m,m%f*d),p=$(O,O%f*d+d-1)+(h-1)*q.seq+w;return ce(j,p,l,y)},Q=m=>m*g*P*(k+1)*16,T=null;e.rope&&(T=me(t,e.rope.frequencies,e.rope.angles,[{positions:Ze(e,s.length),seq:h}]),T.temp&&c.temps.push(T.buffer));let H=null;e.alibi&&(H=t.upload(e.alibi.map(m=>m*Math.LOG2E),"alibi slopes"),c.temps.push(H));let L=Ht(t,{...e,bias:a.bias},c.temps),N=l.maxComputeWorkgroupsPerDimension,G=Rt(o),v=Ot(o.elements.o),C=Math.max(1,Math.floor(Ee(Ve,l)/(g*k)));for(let m of s.chunks){let b=ge(m.n,Math.min(N,C),(y,$)=>ne(M(m.u0+y,$,D),l)&&ne(M(m.u0+y,$,S),l)&&(x||Q($)<=l.maxStorageBufferBindingSize),y=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${M(m.u0+y,1,Math.max(D,S)).size} bytes or their ${P} partial outputs ${Q(1)} bytes, more than maxStorageBufferBindingSize (${l.maxStorageBufferBindingSize} bytes)`));for(let[y,$]of b){let O=m.u0+y,j=M(O,$,D),p=M(O,$,S),B=$*g*P*k,F=t.dummy();x||(F=t.buffer(Q($),"decode partials"),c.temps.push(F));let K={sq:h,group:d,rows:g,kvHeads:f,len:s.length,first:a.first,slots:s.slots,nsplit:P,keysPerSplit:R,unitBase:O,chunkBase:m.u0,direct:x?1:0,statsOff:B,qB:q.batch/4,qH:q.heads/4,qS:q.seq/4,qOff:j.base/4,oB:q.batch/4,oH:q.heads/4,oS:q.seq/4,oOff:p.base/4,tab:T?.sides[0]?.tab??0,tabB:T?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E,window:a.window===null?1073741824:Math.min(a.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:a.bias?.batchStride??0,bH:a.bias?.headStride??0,bS:a.bias?.rowStride??0};if(c.dispatches.push({pipeline:u,bindGroup:t.bind(u,G,K,{q:{buffer:n.q,offset:j.offset,size:j.size},k:{buffer:m.k},v:{buffer:m.v},o:{buffer:n.o,offset:p.offset,size:p.size},w:{buffer:F},...T?{table:{buffer:T.buffer}}:{},...H?{slopes:{buffer:H}}:{},...jt(L)},c.temps),grid:[P,$,E]}),x)continue;let _=$*g*k,[W,te]=ue(Math.ceil(_/Ve),l),Ae={items:_,nsplit:P,rows:g,group:d,kvHeads:f,unitBase:O,statsOff:B,gridX:W,oB:q.batch/4,oH:q.heads/4,oS:q.seq/4,oOff:p.base/4};c.dispatches.push({pipeline:A,bindGroup:t.bind(A,v,Ae,{w:{buffer:F},o:{buffer:n.o,offset:p.offset,size:p.size}},c.temps),grid:[W,te,1]})}}return c}function Zr(t){if(t.window!==null)return null;let{relaxed:e,plain:o}=St(),r=e?new Se(e,"relaxed-simd"):o?new Se(o,"simd"):new Ne,s=t.headDim+7&-8,i=(t.slots+7&-8)*s,n=t.batch*t.kvHeads*i,a=We,c=a+n,u=c+n;if(u*4>2**31)return null;try{r.reserve(u)}catch{return null}return{kernel:r,dp:s,kAt:a,vAt:c,headFloats:i,end:u}}var et=class extends Le{precision="f32";#e;#t;#o;constructor(e,o,r){super(e,o,r);let s=r.batch*r.kvHeads*r.slots*r.headDim;this.#e=new Float32Array(s),this.#t=new Float32Array(s),this.#o=Zr(r)}append(e,o,r={}){try{this.live();let s=Z("k",e,this.owner),i=Z("v",o,this.owner),n=ft(this,s,i,r),{slot:a,skip:c,commit:u}=this.reserve(n),A=tr(s);n.rope&&(A=ie(A,n.rope.frequencies,{layout:n.layout,pairing:n.rope.pairing,angles:n.rope.angles,positions:n.rope.positions??{kind:"range",start:a}}));let l=tr(i),f=this.headDim,d=n.strides;for(let h=0;h<this.batch;h++)for(let w=0;w<this.kvHeads;w++)for(let k=c;k<n.n;k++){let g=h*d.batch+w*d.heads+k*d.seq,I=((h*this.kvHeads+w)*this.slots+(a+k)%this.slots)*f;this.#e.set(A.data.subarray(g,g+f),I),this.#t.set(l.data.subarray(g,g+f),I)}return this.#r(a,n.n),u(),Promise.resolve()}catch(s){return Promise.reject(s)}}#r(e,o){let r=this.#o;if(r===null)return;let{dp:s,headFloats:i}=r,n=this.headDim,a=r.kernel.reserve(r.end);for(let c=0;c<this.batch*this.kvHeads;c++){let u=r.kAt+c*i,A=r.vAt+c*i;for(let l=e;l<e+o;l++){let f=(c*this.slots+l)*n,d=u+(l>>3)*s*8+(l&7);for(let h=0;h<n;h++)a[d+8*h]=this.#e[f+h];for(let h=n;h<s;h++)a[d+8*h]=0;a.set(this.#t.subarray(f,f+n),A+l*s),a.fill(0,A+l*s+n,A+(l+1)*s)}}}tensors(e,o=!1,r=this.held().count){let{batch:s,kvHeads:i,headDim:n,slots:a}=this,c=r,u=this.length-c,A=Object.freeze(e==="bhsd"?[s,i,c,n]:[s,c,i,n]),l,f;if(!o&&e==="bhsd"&&c===a&&this.window===null)l=this.#e,f=this.#t;else{l=new Float32Array(s*i*c*n),f=new Float32Array(l.length);for(let h=0;h<s;h++)for(let w=0;w<i;w++){let k=(h*i+w)*a*n;if(e==="bhsd"&&this.window===null){let g=(h*i+w)*c*n;l.set(this.#e.subarray(k,k+c*n),g),f.set(this.#t.subarray(k,k+c*n),g);continue}for(let g=0;g<c;g++){let I=k+(u+g)%a*n,E=e==="bhsd"?((h*i+w)*c+g)*n:((h*c+g)*i+w)*n;l.set(this.#e.subarray(I,I+n),E),f.set(this.#t.subarray(I,I+n),E)}}}let d=this.#o;if(!o&&d!==null){let h={kernel:d.kernel,batch:s,kvHeads:i,headDim:n,length:c,kAt:d.kAt,vAt:d.vAt,headFloats:d.headFloats,end:d.end};yo(l,h)}return{k:{shape:A,data:l},v:{shape:A,data:f}}}download(){try{this.live();let e=Math.min(this.length,this.window??1/0);return Promise.resolve(this.tensors("bhsd",!0,e))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function tr(t){return t instanceof U?t.host:t}var es=1<<23;function ts(t,e){let o=t.batch*t.kvHeads,r=Math.min(e,o),s=[];for(let i=0;i<r;i++){let n=Math.floor(i*o/r),a=Math.floor((i+1)*o/r),c=[];for(let u=n;u<a;){let A=Math.floor(u/t.kvHeads),l=u%t.kvHeads,f=Math.min(t.kvHeads,l+(a-u));c.push({batch:A,kv0:l,kv1:f}),u+=f-l}s.push(c)}return s}function or(t,e){let o=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return t.bias===null&&e>1&&t.batch*t.kvHeads>1&&o>=es}function zt(t,e,o,r,s,i,n){let a=new Float32Array((s-r)*i*n),c=0;for(let u=r;u<s;u++){let A=o*e.batch+u*e.heads;if(e.seq===n){a.set(t.subarray(A,A+i*n),c),c+=i*n;continue}for(let l=0;l<i;l++,c+=n){let f=A+l*e.seq;a.set(t.subarray(f,f+n),c)}}return a}function os(t,e,o){if(!t.rope)return[e,o];let{frequencies:r,pairing:s,angles:i,layout:n}={...t.rope,layout:t.layout};return[ie(e,r,{layout:n,pairing:s,angles:i,positions:t.rope.query}),ie(o,r,{layout:n,pairing:s,angles:i,positions:t.rope.key})]}function rs(t,e,o,r,s){let{group:i,qSeq:n,kSeq:a,headDim:c}=t,{batch:u,kv0:A,kv1:l}=e;return{q:zt(o.data,t.qStrides,u,A*i,l*i,n,c),k:zt(r.data,t.kStrides,u,A,l,a,c),v:zt(s.data,t.kStrides,u,A,l,a,c),alibi:t.alibi?t.alibi.slice(A*i,l*i):null,sinks:t.sinks?t.sinks.slice(A*i,l*i):null,pad:t.leftPadding?t.leftPadding[u]:null}}function ss(t,e,o,r){let{group:s,qSeq:i,headDim:n,qStrides:a}=t,c=0;for(let u=e.kv0*s;u<e.kv1*s;u++){let A=e.batch*a.batch+u*a.heads;if(a.seq===n){r.set(o.subarray(c,c+i*n),A),c+=i*n;continue}for(let l=0;l<i;l++,c+=n)r.set(o.subarray(c,c+n),A+l*a.seq)}}function ns(t){let e=[];for(let o of t)e.push(o.q.buffer,o.k.buffer,o.v.buffer),o.alibi&&e.push(o.alibi.buffer),o.sinks&&e.push(o.sinks.buffer);return e}var Gt=class{#e;#t=new Map;#o=null;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let o=e.data,r=this.#t.get(o.id);r&&(this.#t.delete(o.id),"error"in o?r.reject(new Error(`A CPU attention worker failed: ${o.error}`)):r.resolve(o.outputs))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#o}run(e){return this.#o?Promise.reject(new Error(this.#o)):new Promise((o,r)=>{this.#t.set(e.id,{resolve:o,reject:r}),this.#e.postMessage(e,ns(e.pieces))})}fail(e){if(!this.#o){this.#o=e,this.#e.terminate();for(let o of this.#t.values())o.reject(new Error(e));this.#t.clear()}}},pt=class{#e;#t=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,o,r,s){let[i,n]=os(e,o,r),a=new Float32Array(o.data.length),c=Object.freeze([...o.shape]),[u,...A]=ts(e,this.#e.length+1),l={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale,window:e.window,softcap:e.softcap},f=A.map((d,h)=>{let w=this.#e[h];(!w||w.failure)&&(w=this.#e[h]=new Gt);let k={id:this.#t++,...l,pieces:d.map(g=>rs(e,g,i,n,s))};return w.run(k).then(g=>{d.forEach((I,E)=>ss(e,I,g[E],a))})});return Ce({...e,rope:null},i,n,s,void 0,{ranges:u,into:a}),await Promise.all(f),{shape:c,data:a}}destroy(e){for(let o of this.#e)o?.fail(e);this.#e.fill(void 0)}};function is(t,e){if(e===0)return t;let[o,r,s,i]=t.shape,n=i-e,a=new Float32Array(o*r*s*n);for(let c=0;c<o*r*s;c++)a.set(t.data.subarray(c*i+e,(c+1)*i),c*n);return{shape:[o,r,s,n],data:a}}var gt=class extends Te{info;cacheClass=et;#e=!1;#t;#o=null;constructor(e,o=1){super(),this.#t=o,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:o})}failure(){return this.#e?Ue:null}#r(e){return e instanceof U?e.host:e}#s(e,o){return e instanceof U?new U(this,o.shape,o.data,this.alive):o}elementsOf(){return Be}async runAttention(e){let{plan:o}=e,[r,s,i]=[this.#r(e.q),this.#r(e.k),this.#r(e.v)];return or(o,this.#t)?(this.#o??=new pt(this.#t-1),this.#s(e.q,await this.#o.attention(o,r,s,i))):this.#s(e.q,Ce(o,r,s,i))}async timeAttention(e,o,r,s){let[i,n,a]=e.args,{iterations:c,warmup:u,...A}=s;r&&await this.attention(i,n,a,A);let l=performance.now();for(let f=0;f<o;f++)await this.attention(i,n,a,A);return{seconds:(performance.now()-l)/1e3/o,iterations:o,source:"wall-clock"}}runRope(e){let{x:o,call:r,inPlace:s}=e,i=this.#r(o),n=ie(i,r.frequencies,{layout:r.layout,pairing:r.pairing,angles:r.angles,positions:r.positions});return s?(i.data.set(n.data),Promise.resolve(o)):Promise.resolve(this.#s(o,n))}store(e){return new U(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new et(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){let{plan:o,cache:r}=e,s=lt(o,r.length,r.ropeState,r.window),i=this.#r(e.q);o.rope&&(i=ie(i,o.rope.frequencies,{layout:o.layout,pairing:o.rope.pairing,angles:o.rope.angles,positions:Ze(o,r.length)}));let{k:n,v:a}=r.tensors(o.layout),c=r.held().first,u=$e(i,n,a,{layout:o.layout,causal:!0,scale:o.scale,...o.alibi?{alibiSlopes:o.alibi}:{},...s.window!==null?{slidingWindow:s.window}:{},...o.sinks?{sinks:o.sinks}:{},...o.softcap!==null?{softcap:o.softcap}:{},...o.leftPadding?{leftPadding:Array.from(o.leftPadding,A=>Math.min(Math.max(0,A-c),r.length-c))}:{},...o.bias?{bias:is(o.bias,c)}:{}});return Promise.resolve(this.#s(e.q,Ce(u,i,n,a)))}async timeDecode(e,o,r,s){let i=e.arg,{iterations:n,warmup:a,...c}=s;r&&await this.decode(i,e.cache,c);let u=performance.now();for(let A=0;A<o;A++)await this.decode(i,e.cache,c);return{seconds:(performance.now()-u)/1e3/o,iterations:o,source:"wall-clock",splits:1}}destroy(){this.#e=!0,this.#o?.destroy(`This GpuAttention cannot be used: ${Ue}`),this.#o=null}};var as=128,cs=16,us=8;function As(t){let e=t.tk*(t.de+1)*16,o=t.rb*(t.headDim/4)*16,r=t.tk*t.rb*4,s=t.rb*4;return e+o+r+s}function rr(t,e,o,r,s=256){let i=o==="f16"?8:4;if(!Number.isInteger(t)||t%i!==0||t<i||t>512)return`the keys kernel reads ${o} rows in 16-byte units of ${i} dims, so it needs a head dim that is a multiple of ${i} up to 512, got ${t}`;let n=t/i,a=Math.min(as,s);if(n>a)return`a row of ${n} load units needs more than the ${a} invocations per workgroup`;let c=Math.floor(a/n),u=c*n,A=Math.max(1,Math.min(e,us)),l=qe[r];for(let f=A;f>=1;f--){let d;for(let h=Math.min(u,c*cs);h>=c;h-=c){let w=As({headDim:t,de:n,tk:h,rb:f});if(w>l)continue;let k=Math.ceil(f/Math.max(1,Math.floor(u/h))),g=Math.ceil(f/k),I={headDim:t,kv:o,e:i,de:n,wg:u,kg:c,tk:h,vk:h/c,rb:f,sg:g,rh:k,bytes:w};if(h%32===0||h<32)return I;d??=I}if(d)return d}return`no tile of keys fits ${l} bytes of workgroup storage (tier ${r}) at head dim ${t}`}var fs=256,ls=1024,ds=4;function sr(t,e,o,r,s){let i=ds*Math.max(1,o),n=Math.ceil(t*Math.max(1,e)/i),a=Math.min(ls,Math.max(fs,n)),c=Math.ceil(a/s)*s,u=Math.max(1,Math.ceil(t/c));return u>r&&(u=r,c=Math.ceil(t/u)),u===1?{splits:1,keysPerSplit:Math.max(1,t)}:{splits:Math.ceil(t/c),keysPerSplit:c}}var hs={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmaxU:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},ps={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function nr(t){return t.kv==="f16"?"vec4<u32>":"vec4<f32>"}function Nt(t){let e=t.elements,o=nr(t.tiles);return se({name:"decode keys",uniforms:hs,bindings:{q:z("Q",`array<vec4<${e.q}>>`),k:z("K",`array<${o}>`),v:z("V",`array<${o}>`),o:V("O",`array<vec4<${e.o}>>`),w:V("W","array<vec4<f32>>"),table:t.rope?z("T","array<vec2<f32>>"):null,slopes:t.alibi?z("SL","array<f32>"):null}})}function Wt(t){return se({name:"decode keys merge",uniforms:ps,bindings:{w:z("W","array<vec4<f32>>"),o:V("O",`array<vec4<${t}>>`)}})}function Kt(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode-keys:d${e.headDim}:${e.kv}:wg${e.wg}:tk${e.tk}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function tt(t){let e=t/4,o=[8,4,2,1].find(s=>e%s===0),r=256/o;return{chunks:o,lanes:r,blocks:e/o,workgroup:256}}function Yt(t,e){return`decode-keys-merge:d${t}:${e}`}function De(t){return Array.from({length:t},(e,o)=>o)}function ir(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function gs(t){return[4,2,1].find(e=>t%e===0)}function ar(t){let e=t.tiles,{wg:o,tk:r,rb:s,de:i,kg:n,vk:a,sg:c,rh:u}=e,A=e.headDim/4,l=e.e/4,f=i+1,d=t.elements,h=ae("Q",d.q),w=[d.q,d.o].includes("f16"),k=De(s),g=De(l),I=e.kv==="f16",E=(m,b)=>I?`vec4<f32>(unpack2x16float(${m}.${"xz"[b]}), unpack2x16float(${m}.${"yw"[b]}))`:m,P=t.rope?ke(t.rope,h,"base","cc","P.tab + b * P.tabB + tq"):"",R=De(a).map(m=>`let ki${m} = kvBase + min(k0 + g + ${m*n}u, kEnd - 1u) * ${i}u + c;
    Ks[(g + ${m*n}u) * ${f}u + c] = K[ki${m}];
    let v${m} = V[ki${m}];`).join(`
    `),x=De(u),q=c*u!==s,D=m=>c===1?`${m}u`:`(rg * ${u}u + ${m}u)`,S=m=>q?`min(${D(m)}, ${s-1}u)`:D(m),M=gs(i),Q=De(M).map(m=>{let b=g.map($=>`let x${m}_${$} = ${E(`Ks[kr + u + ${m}u]`,$)};`).join(" "),y=x.map($=>`s${$} += ${g.map(O=>`dot(Qs[${S($)} * ${A}u + (u + ${m}u) * ${l}u + ${O}u], x${m}_${O})`).join(" + ")};`).join(" ");return`${b}
        ${y}`}).join(`
        `),T=t.alibi?"s -= SL[kvh * P.group + min(f, P.rows - 1u) % P.group] * f32(i32(qp) - i32(key));":"",H=x.map(m=>`{
        let row = ${D(m)};
        let f = row0 + row;
        let qp = P.len - P.sq + f / P.group;
        var s = s${m};
        ${T}
        s${m} = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp);
        ${q?`if (row < ${s}u && `:"if ("}s${m} > unordered(atomicLoad(&Mx[row]))) {
          atomicMax(&Mx[row], ordered(s${m}));
        }
      }`).join(`
      `),L=k.map(m=>`{
      let mn = unordered(atomicLoad(&Mx[${m}u]));
      let al = exp2(m${m} - mn);
      m${m} = mn;
      l${m} *= al;
      ${g.map(b=>`a${m}_${b} *= al;`).join(" ")}
    }`).join(`
    `),N=x.map(m=>{let b=`Ps[kl * ${s}u + row] = ${_e(`s${m}`,c===1?`m${m}`:"unordered(atomicLoad(&Mx[row]))")};`;return`{
        let row = ${D(m)};
        ${q?`if (row < ${s}u) { ${b} }`:b}
      }`}).join(`
      `),G=De(a).map(m=>`{
      let pb = (g + ${m*n}u) * ${s}u;
      ${g.map(b=>`let w${b} = ${E(`v${m}`,b)};`).join(" ")}
      ${k.map(b=>`{ let pr = Ps[pb + ${b}u]; l${b} += pr; ${g.map(y=>`a${b}_${y} += select(pr * w${y}, vec4<f32>(0.0), pr == 0.0);`).join(" ")} }`).join(`
      `)}
    }`).join(`
    `),v=k.map(m=>g.map(b=>{let y=`${m*A}u + c * ${l}u + ${b}u`;return`Qs[${y}] = a${m}_${b} + select(vec4<f32>(0.0), Qs[${y}], gi > 0u);`}).join(" ")).join(`
      `),C=k.map(m=>`Ps[${m}u] = l${m} + select(0.0, Ps[${m}u], gi > 0u);`).join(" ");return`// ${Kt(t)}
${w?"enable f16;":""}
${Nt(t).wgsl}
${he}
var<workgroup> Ks: array<${nr(e)}, ${r*f}>;
var<workgroup> Qs: array<vec4<f32>, ${s*A}>;
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
  let c = lid % ${i}u;
  let g = lid / ${i}u;
  let kvBase = (unit - P.chunkBase) * P.lmaxU;

  // q of the row block, rotated and scaled, in workgroup memory.
  for (var i = lid; i < ${s*A}u; i += ${o}u) {
    let f = row0 + i / ${A}u;
    let cc = i % ${A}u;
    var x = vec4<f32>(0.0);
    if (f < P.rows) {
      let tq = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + tq * P.qS - P.qOff;
      x = ${h("base + cc")};
      ${P}
    }
    Qs[i] = x * P.scale2;
  }
  if (lid < ${s}u) {
    atomicStore(&Mx[lid], ordered(${-1e30}));
  }
  ${k.map(m=>`var m${m} = ${-1e30}; var l${m} = 0.0;`).join(`
  `)}
  ${x.map(m=>`var s${m} = 0.0;`).join(" ")}
  let kl = lid % ${r}u; // the score invocation's key in the tile
  let rg = lid / ${r}u; // and its group of rows
  ${k.flatMap(m=>g.map(b=>`var a${m}_${b} = vec4<f32>(0.0);`)).join(" ")}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${s}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  workgroupBarrier();
  for (var k0 = kBegin; k0 < kEnd; k0 += ${r}u) {
    ${R}
    workgroupBarrier();
    if (lid < ${r*c}u) {
      ${x.map(m=>`s${m} = 0.0;`).join(" ")}
      let kr = kl * ${f}u;
      for (var u = 0u; u < ${i}u; u += ${M}u) {
        ${Q}
      }
      let key = k0 + kl;
      ${H}
    }
    workgroupBarrier();
    ${L}
    if (lid < ${r*c}u) {
      ${N}
    }
    workgroupBarrier();
    ${G}
  }

  // The key groups' outputs and sums, added in workgroup memory (Qs and Ps are free now).
  workgroupBarrier();
  for (var gi = 0u; gi < ${n}u; gi++) {
    if (g == gi) {
      ${v}
      if (c == 0u) {
        ${C}
      }
    }
    workgroupBarrier();
  }
  for (var i = lid; i < ${s*A}u; i += ${o}u) {
    let r = i / ${A}u;
    let cc = i % ${A}u;
    let f = row0 + r;
    if (f < P.rows) {
      let total = Ps[r];
      if (P.direct != 0u) {
        let tq = f / P.group;
        let h = kvh * P.group + f % P.group;
        O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + cc] = ${ir(d.o,`Qs[i] * ${pe("total")}`)};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${A}u + cc] = Qs[i];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] =
            vec4<f32>(unordered(atomicLoad(&Mx[r])), total, 0.0, 0.0);
        }
      }
    }
  }
}
`}function cr(t,e){let o=t/4,{chunks:r,lanes:s,workgroup:i,blocks:n}=tt(t),a=De(4),c=`vec4<f32>(${-1e30}, 0.0, 0.0, 0.0)`,u=[];for(let A=s/2;A>=1;A/=2)u.push(`if (sl < ${A}u) {
    let other = lid + ${A*r}u;
    let x = Sm[lid];
    let y = Sm[other];
    let mx = max(x.x, y.x);
    let wx = exp2(x.x - mx);
    let wy = exp2(y.x - mx);
    Am[lid] = Am[lid] * wx + Am[other] * wy;
    Sm[lid] = vec2<f32>(mx, x.y * wx + y.y * wy);
  }
  workgroupBarrier();`);return`// ${Yt(t,e)}
${e==="f16"?"enable f16;":""}
${Wt(e).wgsl}
${he}
var<workgroup> Am: array<vec4<f32>, ${i}>;
var<workgroup> Sm: array<vec2<f32>, ${i}>;

@compute @workgroup_size(${i})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let item = wid.y * P.gridX + wid.x;
  if (item >= P.items) {
    return;
  }
  let row = item / ${n}u;
  let c = (item % ${n}u) * ${r}u + lid % ${r}u;
  let sl = lid / ${r}u;
  let stats = P.statsOff + row * P.nsplit;
  let part = row * P.nsplit;
  let last = P.nsplit - 1u;
  var m = ${-1e30};
  var l = 0.0;
  var a = vec4<f32>(0.0);
  // Four splits per step, loaded independently; missing ones weigh exactly 0.
  for (var s = sl; s < P.nsplit; s += ${4*s}u) {
    ${a.map(A=>`let ok${A} = s + ${A*s}u < P.nsplit;
    let i${A} = min(s + ${A*s}u, last);
    let st${A} = select(${c}, W[stats + i${A}], ok${A});
    let w${A} = select(vec4<f32>(0.0), W[(part + i${A}) * ${o}u + c], ok${A});`).join(`
    `)}
    let mn = max(max(m, max(st0.x, st1.x)), max(st2.x, st3.x));
    let sc = exp2(m - mn);
    ${a.map(A=>`let e${A} = exp2(st${A}.x - mn);`).join(" ")}
    a = a * sc + ${a.map(A=>`e${A} * w${A}`).join(" + ")};
    l = l * sc + ${a.map(A=>`e${A} * st${A}.y`).join(" + ")};
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
    O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + c] = ${ir(e,`Am[lid] * ${pe("total")}`)};
  }
}
`}function ur(t,e,o){let r=rr(e.headDim,e.group*e.qSeq,o.kv,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(typeof r=="string")return r;let s=tt(e.headDim).workgroup;if(s>t.limits.maxComputeInvocationsPerWorkgroup)return`its merge kernel needs ${s} invocations per workgroup`;let i=e.group*e.qSeq,n=t.limits.maxComputeWorkgroupsPerDimension;return Math.ceil(i/r.rb)>n||i*tt(e.headDim).blocks>n*n?`${i} query rows per KV head exceed its grid (maxComputeWorkgroupsPerDimension ${n})`:{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function Ar(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(Kt(e),()=>ar(e)),t.pipeline(Yt(o,r),()=>cr(o,r))])}function fr(t,e,o,r,s){let i=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,i);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (the cache length ${r}${i<r?` and maxComputeWorkgroupsPerDimension ${i}`:""}), got ${e.splits}`);return Xe(r,e.splits)}let n=o.tiles,a=Math.ceil(e.group*e.qSeq/n.rb);return sr(r,e.batch*e.kvHeads*a,s,i,n.tk)}function lr(t,e,o,r,s,i,n){let a={dispatches:[],temps:[]},[c,u]=r,A=t.limits,{kvHeads:l,group:f,qSeq:d,headDim:h}=e,w=h/4,k=f*d,g=o.tiles,I=Math.ceil(k/g.rb),{splits:E,keysPerSplit:P}=i,R=E===1,x=e.qStrides,q=o.elements.q==="f16"?2:4,D=o.elements.o==="f16"?2:4,S=(C,m,b)=>{let y=(p,B)=>Math.floor(p/l)*x.batch+B*x.heads,$=C+m-1,O=y(C,C%l*f),j=y($,$%l*f+f-1)+(d-1)*x.seq+h;return ce(O,j,A,b)},M=C=>C*k*E*(w+1)*16,Q=null;e.rope&&(Q=me(t,e.rope.frequencies,e.rope.angles,[{positions:Ze(e,s.length),seq:d}]),Q.temp&&a.temps.push(Q.buffer));let T=null;e.alibi&&(T=t.upload(e.alibi.map(C=>C*Math.LOG2E),"alibi slopes"),a.temps.push(T));let H=A.maxComputeWorkgroupsPerDimension,L=Nt(o),N=Wt(o.elements.o),G=tt(h).blocks,v=Math.max(1,Math.floor(H*H/(k*G)));for(let C of s.chunks){let m=ge(C.n,Math.min(H,v),(b,y)=>ne(S(C.u0+b,y,q),A)&&ne(S(C.u0+b,y,D),A)&&(R||M(y)<=A.maxStorageBufferBindingSize),b=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${S(C.u0+b,1,Math.max(q,D)).size} bytes or their ${E} partial outputs ${M(1)} bytes, more than maxStorageBufferBindingSize (${A.maxStorageBufferBindingSize} bytes)`));for(let[b,y]of m){let $=C.u0+b,O=S($,y,q),j=S($,y,D),p=y*k*E*w,B=t.dummy();R||(B=t.buffer(M(y),"decode partials"),a.temps.push(B));let F={sq:d,group:f,rows:k,kvHeads:l,len:s.length,nsplit:E,keysPerSplit:P,unitBase:$,chunkBase:C.u0,lmaxU:s.slots*g.de,direct:R?1:0,statsOff:p,qB:x.batch/4,qH:x.heads/4,qS:x.seq/4,qOff:O.base/4,oB:x.batch/4,oH:x.heads/4,oS:x.seq/4,oOff:j.base/4,tab:Q?.sides[0]?.tab??0,tabB:Q?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,L,F,{q:{buffer:n.q,offset:O.offset,size:O.size},k:{buffer:C.k},v:{buffer:C.v},o:{buffer:n.o,offset:j.offset,size:j.size},w:{buffer:B},...Q?{table:{buffer:Q.buffer}}:{},...T?{slopes:{buffer:T}}:{}},a.temps),grid:[E,y,I]}),R)continue;let K=y*k*G,[_,W]=ue(K,A),te={items:K,nsplit:E,rows:k,group:f,kvHeads:l,unitBase:$,statsOff:p,gridX:_,oB:x.batch/4,oH:x.heads/4,oS:x.seq/4,oOff:j.base/4};a.dispatches.push({pipeline:u,bindGroup:t.bind(u,N,te,{w:{buffer:B},o:{buffer:n.o,offset:j.offset,size:j.size}},a.temps),grid:[_,W,1]})}}return a}function ms(t,e){let o=t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null;return o?`it does not take ${o}`:e!==null?"it does not read a window cache's ring":null}function dr(t,e,o,r=null){let s=null;if(e.kernel==="keys"){let i=ms(e,r)??ur(t,e,o);if(typeof i!="string")return{kernel:"keys",params:i};s=i}return{kernel:"split",params:Vo(t,e,o),fallback:s}}function Ut(t,e){return e.kernel==="keys"?Ar(t,e.params):Jo(t,e.params)}function hr(t,e,o,r,s,i,n,a){if(o.kernel==="keys"){let l=fr(t,e,o.params,s.length,i);return{job:lr(t,e,o.params,r,s,l,n),splits:l.splits}}let c=s.length-a.first,u=Zo(t,e,o.params,c,i,a.window!==null);return{job:er(t,e,o.params,r,s,u,n,a),splits:u.splits}}var pr=new Float32Array(1),ws=new Uint32Array(pr.buffer);function bs(t){pr[0]=t;let e=ws[0],o=e>>>16&32768,r=e>>>23&255,s=e&8388607;if(r===255)return o|31744|(s!==0?512:0);let i=r-112;if(i>=31)return o|31744;if(i<=0){if(i<-10)return o;s|=8388608;let c=14-i,u=s>>>c,A=s&(1<<c)-1,l=1<<c-1;return(A>l||A===l&&(u&1)===1)&&u++,o|u}let n=i<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(n&1)===1)&&n++,o|n}function gr(t){let e=(t&32768)!==0?-1:1,o=t>>>10&31,r=t&1023;return o===0?e*r*2**-24:o===31?r!==0?NaN:e*(1/0):e*(1+r/1024)*2**(o-15)}function Xt(t){let e=new Uint16Array(t.length+t.length%2);for(let o=0;o<t.length;o++)e[o]=bs(t[o]);return e}function mt(t,e=t.length){let o=new Float32Array(e);for(let r=0;r<e;r++)o[r]=gr(t[r]);return o}var fe=64;function mr(){return Float32Array.from({length:fe},(t,e)=>(e-31)*.125)}var ks=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${fe/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function $s(t,e){let o=mr();for(let r=0;r<fe;r++){let s=o[r]*3+.25,i=t[r],n=e[r]===void 0?void 0:gr(e[r]);if(i!==s||n!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${r} should be ${s}, read back ${i} (f32) and ${n} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${fe} values was exact`}}async function wr(t){let i=[],n=(a,c)=>{let u=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return i.push(u),u};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:ks,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),u=n(fe*2,136),A=n(fe*4,132),l=n(fe*2,132),f=n(fe*4,9),d=n(fe*2,9),h=Xt(mr());t.queue.writeBuffer(u,0,h.buffer,h.byteOffset,h.byteLength);let w=t.createCommandEncoder(),k=w.beginComputePass();k.setPipeline(c),k.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[u,A,l].map((P,R)=>({binding:R,resource:{buffer:P}}))})),k.dispatchWorkgroups(1),k.end(),w.copyBufferToBuffer(A,0,f,0,fe*4),w.copyBufferToBuffer(l,0,d,0,fe*2),t.queue.submit([w.finish()]),await Promise.all([f.mapAsync(1),d.mapAsync(1)]);let g=new Float32Array(f.getMappedRange().slice(0)),I=new Uint16Array(d.getMappedRange().slice(0)),E=await t.popErrorScope();return E?{available:!1,detail:`the shader-f16 self-test was rejected: ${E.message}`}:$s(g,I)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of i)a.destroy()}}var wt=256,Is={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",slots:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function br(t){return se({name:"kv append",uniforms:Is,bindings:{k:z("K",`array<vec4<${t.k}>>`),v:z("V",`array<vec4<${t.v}>>`),kc:V("KC",`array<vec4<${t.cache}>>`),vc:V("VC",`array<vec4<${t.cache}>>`),table:t.rope?z("T","array<vec2<f32>>"):null}})}function kr(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function Es(t){let e=t.headDim/4,o=ae("K",t.k),r=ae("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),i=a=>t.cache==="f32"?a:`vec4<f16>(${a})`,n=t.rope?ke(t.rope,o,"base","c","P.tab + b * P.tabB + s"):"";return`// ${kr(t)}
${s?"enable f16;":""}
${br(t).wgsl}
@compute @workgroup_size(${wt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${wt}u + lid;
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
  ${n}
  // Token slot + s lives in slot (slot + s) % slots (a ring for window caches).
  let dst = (unit - P.chunkBase) * P.lmax4 + ((P.slot + s) % P.slots) * ${e}u + c;
  KC[dst] = ${i("x")};
  VC[dst] = ${i(r("b * P.vB + h * P.vH + s * P.vS - P.vOff + c"))};
}
`}function $r(t,e){return t.pipeline(kr(e),()=>Es(e))}function Ir(t,e,o,r,s,i){let n={dispatches:[],temps:[]},{n:a,strides:c}=e,u=o.headDim,A=u/4;if(a===0)return n;let l=t.limits,f=o.k==="f16"?2:4,d=o.v==="f16"?2:4,h=(P,R,x)=>{let q=P+R-1,D=S=>Math.floor(S/e.kvHeads)*c.batch+S%e.kvHeads*c.heads;return ce(D(P)+e.skip*c.seq,D(q)+(a-1)*c.seq+u,l,x)},w=null;e.rope&&(w=me(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),w.temp&&n.temps.push(w.buffer));let k=Ee(wt,l),g=Math.min(a-e.skip,Math.max(1,Math.floor(k/A))),I=Math.max(1,Math.floor(k/(g*A))),E=br(o);for(let P of i){let R=ge(P.n,I,(x,q)=>ne(h(P.u0+x,q,f),l)&&ne(h(P.u0+x,q,d),l),x=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${h(P.u0+x,1,Math.max(f,d)).size} bytes, more than maxStorageBufferBindingSize (${l.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[x,q]of R)for(let D=e.skip;D<a;D+=g){let S=Math.min(g,a-D),M=P.u0+x,Q=h(M,q,f),T=h(M,q,d),H=q*S*A,[L,N]=ue(Math.ceil(H/wt),l),G={items:H,kvHeads:e.kvHeads,unitBase:M,chunkBase:P.u0,slot:e.slot,slots:e.slots,lmax4:e.slots*A,gridX:L,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:Q.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:T.base/4,tab:w?.sides[0]?.tab??0,tabB:w?.sides[0]?.tabB??0,tokBase:D,tokCount:S},v=t.bind(r,E,G,{k:{buffer:s.k,offset:Q.offset,size:Q.size},v:{buffer:s.v,offset:T.offset,size:T.size},kc:{buffer:P.k},vc:{buffer:P.v},...w?{table:{buffer:w.buffer}}:{}},n.temps);n.dispatches.push({pipeline:r,bindGroup:v,grid:[L,N,1]})}}return n}var bt=class{#e=Promise.resolve();run(e,o){let r=this.#e,s,i=new Promise(n=>s=n);return this.#e=r.then(()=>i),(async()=>{try{let n=await e();return await r,await o(n)}finally{s()}})()}};function Me(t){return t instanceof U&&t.dtype==="float16"?"f16":"f32"}var ys="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",ot=class t extends Le{precision;chunks;#e;#t=new bt;#o=0;constructor(e,o,r,s,i,n){super(o,r,s),this.#e=e,this.precision=i,this.chunks=Object.freeze(n)}static async create(e,o,r,s,i){let n=i==="f16"?2:4,a=s.slots*s.headDim*n,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c){let d=s.window===null?`maxLength ${s.maxLength}`:`${s.slots} slots (window ${s.window} + ${s.slots-s.window})`;throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of ${d} x headDim ${s.headDim} ${i} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller ${s.window===null?"maxLength":"window"}, precision "f16", or several caches`)}let u=s.batch*s.kvHeads,A=Math.floor(c/a),l=2*u*a,f=[];return await e.guarded(`allocating the KV cache (${l} bytes)`,()=>{for(let d=0;d<u;d+=A){let h=Math.min(A,u-d);f.push({u0:d,n:h,k:e.buffer(h*a,"kv cache keys"),v:e.buffer(h*a,"kv cache values")})}}).catch(d=>{for(let h of f)h.k.destroy(),h.v.destroy();throw d}),new t(e,o,r,s,i,f)}view(){return{batch:this.batch,kvHeads:this.kvHeads,slots:this.slots,length:this.length,chunks:this.chunks}}schedule(e,o,r){let s=this.#o;return this.#t.run(o,i=>{if(this.live(),s!==this.#o)throw new Error(`This ${e} ${ys}`);return r(i)})}append(e,o,r={}){try{this.live();let s=this.#e,i=Z("k",e,this.owner),n=Z("v",o,this.owner),a=ft(this,i,n,r),c={headDim:this.headDim,rope:a.rope?{pairing:a.rope.pairing,rotaryDim:a.rope.rotaryDim}:null,k:Me(i),v:Me(n),cache:this.precision};return this.schedule("append",()=>$r(s,c),async u=>{Z("k",e,this.owner),Z("v",o,this.owner);let{slot:A,skip:l,commit:f}=this.reserve(a);a.n!==0&&(await s.guarded("the KV-cache append",()=>{let d=[],h=(g,I)=>{if(g instanceof U)return g.buffer;let E=s.upload(g.data,I);return d.push(E),E},w={k:h(i,"k"),v:h(n,"v")},k={kvHeads:this.kvHeads,slots:this.slots,n:a.n,skip:l,slot:A,strides:a.strides,rope:a.rope?{frequencies:a.rope.frequencies,angles:a.rope.angles,positions:a.rope.positions??{kind:"range",start:A}}:null};try{let g=Ir(s,k,c,u,w,this.chunks);g.temps.push(...d),s.submit(g)}catch(g){for(let I of d)I.destroy();throw g}}),f())})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,o=this.headDim,r=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,i=await this.schedule("download",()=>Promise.resolve(null),async()=>{let A=Math.min(this.length,this.window??1/0),l=this.length-A,f=A*o*r;if(A===0)return{length:A,target:null,bytes:0};let d=o*r,h=l%this.slots,w=Math.min(A,this.slots-h),k=[];for(let I of["k","v"])for(let E of this.chunks)for(let P=0;P<E.n;P++){let R=P*this.slots*d;k.push({buffer:E[I],offset:R+h*d,size:w*d}),w<A&&k.push({buffer:E[I],offset:R,size:(A-w)*d})}let g=await e.guarded("the KV-cache download",()=>e.gather(k));return{length:A,target:g,bytes:2*s*f}}),n=Object.freeze([this.batch,this.kvHeads,i.length,o]);if(!i.target)return{k:{shape:n,data:new Float32Array(0)},v:{shape:n,data:new Float32Array(0)}};let a=await e.read(i.target,i.bytes),c=a.byteLength/2,u=A=>this.precision==="f16"?mt(new Uint16Array(A)):new Float32Array(A);return{k:{shape:n,data:u(a.slice(0,c))},v:{shape:n,data:u(a.slice(c))}}}reset(){this.live(),this.#o++,this.clear()}destroy(){if(this.markDestroyed()){this.#o++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var Oe=256,Re=64,Vt={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},ve="array<f32>",He={scores:se({name:"naive scores",uniforms:Vt,bindings:{q:z("Q",ve),k:z("K",ve),slopes:z("SL",ve),scores:V("S",ve)}}),softmax:se({name:"naive softmax",uniforms:Vt,bindings:{scores:V("S",ve)}}),pv:se({name:"naive pv",uniforms:Vt,bindings:{scores:z("S",ve),v:z("V",ve),o:V("O",ve)}})},Er=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function Bs(t){return t==="scores"?`// naive:scores
${He.scores.wgsl}${Er}
@compute @workgroup_size(${Oe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Oe}u + lid;
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
`:t==="softmax"?`// naive:softmax
${He.softmax.wgsl}${he}
var<workgroup> red: array<f32, ${Re}>;
@compute @workgroup_size(${Re})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${-1e30};
  for (var j = lid; j < P.sk; j += ${Re}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${Re/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${Re}u) {
    let s = S[base + j];
    sum += select(select(0.0, exp(s - m), s > ${-1e30/2}), s, isNan(s));
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${Re/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = ${pe("total")};
  for (var j = lid; j < P.sk; j += ${Re}u) {
    let s = S[base + j];
    S[base + j] = select(select(0.0, exp(s - m) * inv, s > ${-1e30/2}), s, isNan(s));
  }
}
`:`// naive:pv
${He.pv.wgsl}${Er}
@compute @workgroup_size(${Oe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Oe}u + lid;
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
`}function yr(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>Bs(e))))}function Br(t,e,o,r){let s={dispatches:[],temps:[]},{batch:i,heads:n,qSeq:a,kSeq:c,headDim:u}=e,A=i*n*a;if(A===0||c===0)return s;let l=t.limits,f=l.maxStorageBufferBindingSize;for(let[q,D]of[["q",r.q],["k",r.k],["v",r.v]])if(D.size>f)throw new RangeError(`Cannot run the naive kernel: ${q} (${D.size} bytes) exceeds maxStorageBufferBindingSize (${f} bytes); it is a small-size baseline, use the flash kernel`);let d=c*4;if(d>f)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${f} bytes)`);let h=Ee(Oe,l),w=Math.max(1,Math.min(A,Math.floor(f/d),Math.floor(h/c),Math.floor(h/u),l.maxComputeWorkgroupsPerDimension**2)),k=t.buffer(w*d,"naive scores");s.temps.push(k);let g=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(g);let[I,E,P]=o,R=e.qStrides,x=e.kStrides;for(let q=0;q<A;q+=w){let D=Math.min(w,A-q),S={rowBase:q,rows:D,sq:a,sk:c,heads:n,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:R.batch,qH:R.heads,qS:R.seq,dim:u,kB:x.batch,kH:x.heads,kS:x.seq,scale:e.scale},[M,Q,T]=[D*c/Oe,D,D*u/Oe].map(L=>ue(Math.ceil(L),l)),H=(L,N,[G,v],C)=>s.dispatches.push({pipeline:L,bindGroup:t.bind(L,N,{...S,gridX:G},C,s.temps),grid:[G,v,1]});H(I,He.scores,M,{q:{buffer:r.q},k:{buffer:r.k},slopes:{buffer:g},scores:{buffer:k}}),H(E,He.softmax,Q,{scores:{buffer:k}}),H(P,He.pv,T,{scores:{buffer:k},v:{buffer:r.v},o:{buffer:r.o}})}return s}var kt=256,vs={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function vr(t){return se({name:"rope",uniforms:vs,bindings:{x:t?V("X","array<f32>"):z("X","array<f32>"),table:z("T","array<vec2<f32>>"),y:t?null:V("Y","array<f32>")}})}function Ps(t){let e=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
${vr(t).wgsl}
@compute @workgroup_size(${kt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${kt}u + lid;
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
`}function Jt(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>Ps(e))}function $t(t,e,o,r,s){let i={dispatches:[],temps:[]},{batch:n,heads:a,seq:c,headDim:u}=e,A=n*a*c;if(A===0||u===0)return i;let l=e.frequencies.invFreq.length,f=l+(s?u-2*l:0),d=t.limits,h=me(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);h.temp&&i.temps.push(h.buffer);let w=h.sides[0],k=e.layout==="bhsd"?{b:a*c*u,h:c*u,s:u}:{b:c*a*u,h:u,s:a*u},g=Math.max(1,Math.floor(Ee(kt,d)/Math.max(1,f))),I=ge(A,g,(P,R)=>ne(ce(P*u,(P+R)*u,d),d),()=>new RangeError(`Cannot rotate: one row of ${u} elements exceeds the device's maxStorageBufferBindingSize`)),E=vr(s===null);for(let[P,R]of I){let x=ce(P*u,(P+R)*u,d),q=R*f,[D,S]=ue(Math.ceil(q/kt),d),M={items:q,perRow:f,rh:l,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:P,xB:k.b,xH:k.h,xS:k.s,xOff:x.base,oB:k.b,oH:k.h,oS:k.s,oOff:x.base,tab:w.tab,tabB:w.tabB,gridX:D},Q=t.bind(o,E,M,{x:{buffer:r,offset:x.offset,size:x.size},table:{buffer:h.buffer},...s?{y:{buffer:s,offset:x.offset,size:x.size}}:{}},i.temps);i.dispatches.push({pipeline:o,bindGroup:Q,grid:[D,S,1]})}return i}var It=t=>t==="f16"?2:4;function xs(t){return t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null}var Et=class extends Te{info;#e;cacheClass=ot;constructor(e,o){super(),this.#e=e,this.info=Object.freeze(o)}failure(){return this.#e.failure}#t(e,o,r="f32"){return new U(this,e,o,this.alive,r==="f16"?"float16":"float32")}#o(e,o){return o==="f16"?Xt(e):e}#r(e,o,r){return o==="f16"?mt(new Uint16Array(e),r):new Float32Array(e)}#s(e,o,r,s="f32"){if(e instanceof U)return e.buffer;let i=this.#e.upload(this.#o(e.data,s),r);return o.push(i),i}elementsOf(e,o,r,s){let i=Ye("precision",s.precision,this.info.f16),n=a=>a instanceof U?Me(a):i;return{q:n(e),k:n(o),v:n(r),o:n(e)}}async runAttention(e){let o=this.#e,{plan:r,elements:s}=e,i=await this.#n(e);this.live(),this.checkOperands(e.args);let n=Qe(r.qShape),a=n*It(s.o),c=o.buffer(a,"attention output"),u=e.q instanceof U,A=await o.guarded("the attention dispatch",()=>{let f=i(e.q,e.k,e.v,c),d=u?void 0:{source:c,bytes:a},h=o.submit(f,d);return u||c.destroy(),h});if(u)return this.#t(r.qShape,c,s.o);let l=this.#r(await o.read(A,a),s.o,n);return{shape:Object.freeze([...r.qShape]),data:l}}async timeAttention(e,o,r,s){let i=this.#e,n=await this.#n(e);this.live();let a=i.buffer(Qe(e.plan.qShape)*It(e.elements.o),"attention output"),c=await i.guarded("the attention dispatch",()=>n(e.q,e.k,e.v,a));try{let u=await i.profile(c,o,r);return{seconds:u.seconds,iterations:o,source:u.source}}finally{i.release(c),a.destroy()}}#n(e){return e.kernel==="flash"?this.#a(e.plan,e.elements):this.#c(e.plan,e.elements)}async#a(e,o){let r=this.#e,s=Yo(r,e,o),i=await Uo(r,s);return(n,a,c,u)=>{let A=[],l={q:this.#s(n,A,"q",o.q),k:this.#s(a,A,"k",o.k),v:this.#s(c,A,"v",o.v),o:u},f=Xo(r,e,s,i,l);return{dispatches:f.dispatches,temps:[...A,...f.temps]}}}async#c(e,o){let r=this.#e,s=xs(e);if(s)throw new TypeError(`Invalid kernel: the naive kernel does not take ${s}; use the flash kernel (the default)`);let i=Object.entries(o).find(([,c])=>c==="f16");if(i)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${i[0]==="o"?"output":i[0]}; use the flash kernel`);let[n,a]=await Promise.all([yr(r),e.rope?Jt(r,!1):Promise.resolve(null)]);return(c,u,A,l)=>{let f=[],d=[],h=this.#s(c,f,"q"),w=this.#s(u,f,"k"),k=this.#s(A,f,"v");if(e.rope&&a){let I=e.rope,E=(P,R,x,q)=>{let D={layout:e.layout,batch:e.batch,heads:R,seq:x,headDim:e.headDim,frequencies:I.frequencies,pairing:I.pairing,angles:I.angles,positions:P},S=r.buffer(e.batch*R*x*e.headDim*4,"rotated");f.push(S);let M=$t(r,D,a,q,S);return d.push(...M.dispatches),f.push(...M.temps),S};h=E(I.query,e.heads,e.qSeq,h),w=E(I.key,e.kvHeads,e.kSeq,w)}let g=Br(r,e,n,{q:h,k:w,v:k,o:l});return{dispatches:[...d,...g.dispatches],temps:[...f,...g.temps]}}}async runRope(e){let o=this.#e,{x:r,call:s,inPlace:i}=e;if(Me(r)==="f16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)");let n=r instanceof U,a=await Jt(o,i||!n);this.live(),Z("x",e.arg,this);let c=Qe(r.shape)*4;if(n){let f=r.buffer,d=i?null:o.buffer(c,"rotated");return await o.guarded("the RoPE dispatch",()=>{o.submit($t(o,s,a,f,d))}),d?this.#t(r.shape,d):r}let u=r,A=await o.guarded("the RoPE dispatch",()=>{let f=o.upload(u.data,"x"),d=$t(o,s,a,f,null);return d.temps.push(f),o.submit(d,{source:f,bytes:c})}),l=new Float32Array(await o.read(A,c));return i?(u.data.set(l),u):{shape:Object.freeze([...u.shape]),data:l}}store(e,o){let r=this.#e.upload(this.#o(e.data,o),"tensor");return this.#t(e.shape,r,o)}async read(e){let o=this.#e,r=Qe(e.shape),s=r*e.elementBytes,i=await o.guarded("the download",()=>o.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),n=this.#r(await o.read(i,s),Me(e),r);return{shape:Object.freeze([...e.shape]),data:n}}idle(){return this.#e.idle()}async makeCache(e,o){return await ot.create(this.#e,this,this.alive,e,o)}prepareDecode(e){let o=Me(e.q),r={q:o,kv:e.cache.precision,o},s=dr(this.#e,e.plan,r,e.cache.window);return{...e,elements:r,choice:s}}async runDecode(e){let o=this.#e,{plan:r,elements:s}=e,i=Qe(r.qShape),n=i*It(s.o),a=e.q instanceof U,{output:c,target:u}=await e.cache.schedule("decode",()=>Ut(o,e.choice),async l=>{this.live(),Z("q",e.arg,this);let f=o.buffer(n,"decode output"),d=await o.guarded("the decode dispatch",()=>{let{job:h}=this.#i(e,l,f),w=a?void 0:{source:f,bytes:n},k=o.submit(h,w);return a||f.destroy(),k}).catch(h=>{throw f.destroy(),h});return{output:f,target:d}});if(a)return this.#t(r.qShape,c,s.o);let A=this.#r(await o.read(u,n),s.o,i);return{shape:Object.freeze([...r.qShape]),data:A}}#i(e,o,r){let s=this.#e,{cache:i,plan:n,choice:a}=e,c=lt(n,i.length,i.ropeState,i.window),u=[],A=this.#s(e.q,u,"q");try{let l=this.info.decodeWorkgroups??1,f={q:A,o:r},d=i.view(),h=hr(s,n,a,o,d,l,f,c);return h.job.temps.push(...u),h}catch(l){for(let f of u)f.destroy();throw l}}async timeDecode(e,o,r){let s=this.#e,i=Qe(e.plan.qShape)*It(e.elements.o),{job:n,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>Ut(s,e.choice),async u=>{this.live(),Z("q",e.arg,this);let A=s.buffer(i,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#i(e,u,A)),output:A}}catch(l){throw A.destroy(),l}});try{let u=await s.profile(n,o,r);return{seconds:u.seconds,iterations:o,source:u.source,splits:a,kernel:e.choice.kernel}}finally{s.release(n),c.destroy()}}destroy(){this.#e.failure||(this.#e.fail(Ue),this.#e.ownsDevice&&this.#e.device.destroy())}};var Ss="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",Cs="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",qs='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',Qs=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],Ds='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function Ms(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function Rs(t,e){let o=t.limits,r=(s,i,n,a=1)=>{let c=e[s];if(c===void 0)return i;if(J(`limits.${s}`,c,{min:n}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${Y(c)}`);return Math.min(i,c)};return{maxStorageBufferBindingSize:r("maxStorageBufferBindingSize",o.maxStorageBufferBindingSize,256,4),maxBufferSize:o.maxBufferSize,maxComputeWorkgroupStorageSize:r("maxComputeWorkgroupStorageSize",o.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(o.maxComputeInvocationsPerWorkgroup,o.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:r("maxComputeWorkgroupsPerDimension",o.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:o.minStorageBufferOffsetAlignment}}var Os=8;function Fs(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,Os):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${Y(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${Y(t)}`);return t}async function Ua(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${Y(t)}`);re("options",t,{allowed:Ao});let e=X("fallback",t.fallback??"none",{allowed:["none","cpu"]}),o=t.limits??{};if(o===null||typeof o!="object")throw new TypeError(`Invalid limits: expected an object, got ${Y(o)}`);re("limits",o,{allowed:fo});let r=t.decodeWorkgroups===void 0?void 0:J("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:Fs(t.threads),i=t.device,n=!1,a;if(!i){let h=t.adapter,w=Cs;if(!h){let I=globalThis.navigator?.gpu;I?h=await I.requestAdapter():w=Ss}if(!h){if(e==="cpu")return new gt(w,s);throw new Error(`${w}. ${qs}.`)}let k={};for(let I of Qs)k[I]=h.limits[I];let g=[];h.features.has("timestamp-query")&&g.push("timestamp-query"),h.features.has("shader-f16")&&g.push("shader-f16");try{i=await h.requestDevice({requiredLimits:k,requiredFeatures:g})}catch(I){throw new Error(`Requesting a WebGPU device failed: ${I instanceof Error?I.message:String(I)}`,{cause:I})}n=!0,a=h.info}a??=i.adapterInfo;let c=a.isFallbackAdapter??!1,u=r??Ms(c),A;try{A=Rs(i,o)}catch(h){throw n&&i.destroy(),h}let l=i.features.has("shader-f16")?await wr(i):{available:!1,detail:Ds},f=new ct(i,n,A,l.available),d=[];return f.timestamps&&d.push("timestamp-query"),l.available&&d.push("shader-f16"),new Et(f,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:d,f16:Object.freeze({...l}),decodeWorkgroups:u,tier:f.tier,limits:f.limits,fallbackReason:null,threads:null})}export{dn as attentionCpu,en as attentionReference,Ua as createGpuAttention};
