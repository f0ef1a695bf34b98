import{d as Z,h as ne,i as xe,j as se,k as le,l as fe,m as He,o as So,t as qo,u as Xt}from"./chunk-XRNOE754.js";var Jt=Object.freeze({layout:!0,causal:!0,scale:!0,rope:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0}),Co=Object.freeze({frequencies:!0,pairing:!0,rotaryDim:!0,positions:!0,queryPositions:!0,offset:!0,angles:!0}),Qo=Object.freeze({batch:!0,kvHeads:!0,headDim:!0,maxLength:!0,window:!0,precision:!0}),Do=Object.freeze({layout:!0,rope:!0}),Mo=Object.freeze({frequencies:!0,pairing:!0,rotaryDim:!0,angles:!0,positions:!0}),Ro=Object.freeze({frequencies:!0,pairing:!0,rotaryDim:!0,angles:!0}),Ue=Object.freeze({layout:!0,scale:!0,rope:!0,queryPositions:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0,splits:!0,kernel:!0}),wt=Object.freeze({...Jt,precision:!0,kernel:!0}),Oo=Object.freeze({...wt,iterations:!0,warmup:!0}),To=Object.freeze({...Ue,iterations:!0,warmup:!0}),_o=Object.freeze({precision:!0}),Fo=Object.freeze({layout:!0,pairing:!0,rotaryDim:!0,positions:!0,offset:!0,inPlace:!0,angles:!0}),Lo=Object.freeze({device:!0,adapter:!0,fallback:!0,limits:!0,decodeWorkgroups:!0,threads:!0}),jo=Object.freeze({maxStorageBufferBindingSize:!0,maxComputeWorkgroupStorageSize:!0,maxComputeWorkgroupsPerDimension:!0});var yt=-1e30;function Ho(t,e,o,r){let s=e;if(s===null||typeof s!="object"||typeof s.length!="number")throw new TypeError(`Invalid ${t}: expected an array of ${o} ${r}, got ${Z(e)}`);if(s.length!==o)throw new RangeError(`Invalid ${t}: expected ${o} ${r}, got ${s.length}`);return s}function Et(t,e){if(t===void 0)return null;let o=Ho("sinks",t,e,"logits (one per query head)"),r=new Float64Array(e);for(let s=0;s<e;s++)r[s]=xe(`sinks[${s}]`,o[s]);return r}function It(t){return t===void 0?null:xe("softcap",t,{min:0,exclusiveMin:!0})}function Ve(t,e="slidingWindow"){return t===void 0?null:ne(e,t,{min:1})}function vt(t,e,o){if(t===void 0)return null;let r=Ho("leftPadding",t,e,"integers (one per batch row)"),s=new Uint32Array(e);for(let i=0;i<e;i++)s[i]=ne(`leftPadding[${i}]`,r[i],{min:0,max:o});return s}function ot(t,e){if(t===void 0)return null;let o=le("bias",t),{batch:r,heads:s,qSeq:i}=e,n=o.shape,a=e.kSeq??n[3],c=`[${r===1?1:`1 or ${r}`}, ${s===1?1:`1 or ${s}`}, ${i}, ${e.kSeq??"keys"}] ([batch, heads, queries, keys] whatever the layout; dims of 1 broadcast)`;if(n.length!==4||n[0]!==1&&n[0]!==r||n[1]!==1&&n[1]!==s||n[2]!==i||n[3]!==a)throw new RangeError(`Invalid bias: expected shape ${c}, got ${Z(n)}`);let l=n[3],u=l,h=n[1]===1?0:i*l,f=n[0]===1?0:n[1]*i*l;return{data:o.data,shape:[...n],batchStride:f,headStride:h,rowStride:u}}var Ce=2**24;function qe(t,e,o){return So(e,o,{name:t})}function ze(t,e,o,r,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${Z(e)}`);if(e.length!==o&&e.length!==r*o)throw new RangeError(`Invalid ${t}: expected ${o} positions (one per token) or ${r*o} (batch x tokens), got ${e.length}`);let i=s?Ce:Number.MAX_SAFE_INTEGER,n=new Float64Array(e.length);for(let a=0;a<e.length;a++)n[a]=ne(`${t}[${a}]`,e[a],{min:0,max:i});return{kind:"list",list:n,perBatch:e.length!==o}}function xs(t,e,o,r,s){let i=e?s:1,n=new Float64Array(i*r);for(let a=0;a<i;a++)n.set(t.subarray(a*o+o-r,a*o+o),a*r);return{kind:"list",list:n,perBatch:e}}function rt(t,e){let o=e;if(o===null||typeof o!="object"||!(o.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${Z(o)}`);let r=o.invFreq;if(r.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<r.length;s++)xe(`${t}.invFreq[${s}]`,r[s],{min:0});return xe(`${t}.attentionFactor`,o.attentionFactor,{min:0,exclusiveMin:!0}),o}function Ss(t,e,o,r,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${Z(t)}`);fe("rope",t,{allowed:Co});let i=rt("rope.frequencies",t.frequencies),n=i.invFreq,a=2*n.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${n.length} frequencies), got ${Z(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${n.length} frequencies) exceeds the head dim ${e}`);let c=se("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),l=se("rope.angles",t.angles??"float32",{allowed:["float32","float64"]}),u=l==="float32",h=u?Ce:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let f,A;if(t.queryPositions!==void 0&&(A=ze("rope.queryPositions",t.queryPositions,r,o,u)),t.positions!==void 0){let d=ze("rope.positions",t.positions,s,o,u);if(f=d,!A){if(r>s)throw new RangeError(`Invalid rope.positions: q has ${r} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);A=xs(d.list,d.perBatch,s,r,o)}}else{let d=ne("rope.offset",t.offset??0,{min:0});if(d+Math.max(s,1)-1>h)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${d+s-1}, above ${h} (the largest position with angles "${l}")`);if(f={kind:"range",start:d},!A){let m=d+s-r;if(m<0)throw new RangeError(`Invalid rope.offset: q has ${r} tokens and k ${s}, so bottom-right aligned queries would start at position ${m}; pass rope.offset >= ${r-s} or rope.queryPositions`);A={kind:"range",start:m}}}return{frequencies:i,pairing:c,rotaryDim:a,angles:l,query:A,key:f}}function Zt(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${Z(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let o=new Float32Array(t.length);for(let r=0;r<t.length;r++)o[r]=xe(`alibiSlopes[${r}]`,t[r]);return o}function Me(t,e,o,r,s=Jt){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${Z(r)}`);fe("options",r,{allowed:s});let i=se("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=qe("q",t,i),a=qe("k",e,i),c=qe("v",o,i);if(n.heads<1||n.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${Z(t.shape)}`);if(a.batch!==n.batch)throw new RangeError(`Invalid k: expected batch ${n.batch} (as q), got ${a.batch}`);if(c.batch!==n.batch)throw new RangeError(`Invalid v: expected batch ${n.batch} (as q), got ${c.batch}`);if(a.headDim!==n.headDim)throw new RangeError(`Invalid k: expected head dim ${n.headDim} (as q), got ${a.headDim}`);if(c.headDim!==n.headDim)throw new RangeError(`Invalid v: expected head dim ${n.headDim} (as q), got ${c.headDim}`);if(c.seq!==a.seq)throw new RangeError(`Invalid v: expected ${a.seq} tokens (as k), got ${c.seq}`);if(c.heads!==a.heads)throw new RangeError(`Invalid v: expected ${a.heads} heads (as k), got ${c.heads}`);if(a.heads<1||n.heads%a.heads!==0)throw new RangeError(`Invalid k: q has ${n.heads} heads, which is not a multiple of k's ${a.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let l=He("causal",r.causal??!1),u=r.scale===void 0?1/Math.sqrt(n.headDim):xe("scale",r.scale),h=Zt(r.alibiSlopes,n.heads),f=Ve(r.slidingWindow);if(f!==null&&!l)throw new TypeError("Invalid slidingWindow: a sliding window needs causal: true (it hides the keys before the window; causal hides those after the query)");let A=Et(r.sinks,n.heads),d=It(r.softcap),m=vt(r.leftPadding,n.batch,a.seq),y=ot(r.bias,{batch:n.batch,heads:n.heads,qSeq:n.seq,kSeq:a.seq}),b=r.rope===void 0?null:Ss(r.rope,n.headDim,n.batch,n.seq,a.seq);return{layout:i,batch:n.batch,heads:n.heads,kvHeads:a.heads,group:n.heads/a.heads,qSeq:n.seq,kSeq:a.seq,headDim:n.headDim,qShape:[...t.shape],qStrides:n.strides,kStrides:a.strides,causal:l,scale:u,rope:b,alibi:h,window:f,sinks:A,softcap:d,leftPadding:m,bias:y}}function zo(t,e,o,r,s,i){let n=i==="float32";if(e!==void 0&&o!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return ze(`${t}positions`,e,r,s,n);let a=ne(`${t}offset`,o??0,{min:0}),c=n?Ce:Number.MAX_SAFE_INTEGER;if(a+Math.max(r,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+r-1}, above ${c} (the largest position with angles "${i}")`);return{kind:"range",start:a}}function Bt(t,e,o){let r=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:i}=qo(t,r,{angles:o}),n=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)n[2*a]=s.data[a],n[2*a+1]=i.data[a];return n}function Ae(t,e,o){let{layout:r,pairing:s,angles:i,positions:n}=o;return n.kind==="range"?Xt(t,e,{layout:r,pairing:s,angles:i,offset:n.start}):Xt(t,e,{layout:r,pairing:s,angles:i,positions:n.list})}function qs(t,e,o){let{kSeq:r,qSeq:s,causal:i,window:n,leftPadding:a}=t,c=o+r-s,l=i?Math.min(r,Math.max(0,c+1)):r,u=a?a[e]:0;return n!==null&&(u=Math.max(u,c-n+1)),[Math.min(u,l),l]}function Go(t,e,o,r){let{batch:s,heads:i,group:n,qSeq:a,kSeq:c,headDim:l,scale:u,alibi:h,sinks:f,softcap:A,bias:d}=t,m=e,y=o;if(t.rope){let{frequencies:M,pairing:B,angles:x}=t.rope;m=Ae(e,M,{layout:t.layout,pairing:B,angles:x,positions:t.rope.query}),y=Ae(o,M,{layout:t.layout,pairing:B,angles:x,positions:t.rope.key})}let b=t.qStrides,k=t.kStrides,v=new Float32Array(e.data.length),q=new Float64Array(c),T=new Float64Array(l),C=m.data,D=y.data,_=r.data;for(let M=0;M<s;M++)for(let B=0;B<i;B++){let x=Math.floor(B/n),O=h?h[B]:0;for(let L=0;L<a;L++){let F=L+c-a,[W,K]=qs(t,M,L),Q=M*b.batch+B*b.heads+L*b.seq,R=d?M*d.batchStride+B*d.headStride+L*d.rowStride:0,$=f?f[B]:-1/0,w=0;for(let E=W;E<K;E++){let j=M*k.batch+x*k.heads+E*k.seq,N=0;for(let P=0;P<l;P++)N+=C[Q+P]*D[j+P];let g=u*N;if(A!==null&&(g=A*Math.tanh(g/A)),g-=O*Math.abs(F-E),d){let P=d.data[R+E];if(P<=yt){q[E]=-1/0;continue}g+=P}q[E]=g,w++,g>$&&($=g)}if(w===0)continue;T.fill(0);let I=f?Math.exp(f[B]-$):0;for(let E=W;E<K;E++){if(q[E]===-1/0)continue;let j=Math.exp(q[E]-$);I+=j;let N=M*k.batch+x*k.heads+E*k.seq;for(let g=0;g<l;g++)T[g]=T[g]+j*_[N+g]}for(let E=0;E<l;E++)v[Q+E]=T[E]/I}}return{shape:Object.freeze([...e.shape]),data:v}}function pi(t,e,o,r={}){le("q",t),le("k",e),le("v",o);let s=Me(t,e,o,r);return Go(s,t,e,o)}var No=["AGFzbQEAAAABWAdgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwADCwoAAQEAAgMEBQUGBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRl","bmRIZWFkAAkKox4KhAQCAn8Se/0MAAD8wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/","N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hj","PUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACA","PyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQA","IA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsg","CiAU/YUCIQsgCyAKIBX9hQIhCyALIAogFv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9","TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAg","A0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwveAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC/UMhASAA/QwAAPzCAAD8wgAA/MIA","APzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBLAABAS/3lAf3lASED/Qz+5X83/uV/","N/7lfzf+5X83IAP9DImEITmJhCE5iYQhOYmEITn9hQIhBCAEIAP9DP/Drjr/w646/8OuOv/Drjr9hQIhBCAEIAP9DFuVHTxb","lR08W5UdPFuVHTz9hQIhBCAEIAP9DEdYYz1HWGM9R1hjPUdYYz39hQIhBCAEIAP9DPD9dT7w/XU+8P11PvD9dT79hQIhBCAE","IAP9DBhyMT8YcjE/GHIxPxhyMT/9hQIhBCAEIAP9DAAAgD8AAIA/AACAPwAAgD/9hQIhBCAEIAL9DH8AwLR/AMC0fwDAtH8A","wLT9rgFBF/2rAf3mASAB/U8LvQIBBHsgAP3gASEBIAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL9DBs3EbwbNxG8GzcR","vBs3Ebz9hQIhAyADIAL9DKQnszykJ7M8pCezPKQnszz9hQIhAyADIAL9DNENXb3RDV290Q1dvdENXb39hQIhAyADIAL9DImI","CD6JiAg+iYgIPomICD79hQIhAyADIAL9DKuqqr6rqqq+q6qqvquqqr79hQIhAyABIAL95gEgAyAB/YUCIQMgAf0MO6o4wDuq","OMA7qjjAO6o4wP3mARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAE","IAH9DM3MzD7NzMw+zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAAAID9Tv1QC74EAgN/C3sgACADQQR0aiEFIAIgBEEC","dGohBwNA/QwAAAAAAAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAA","AAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAA","IQ79DAAAAAAAAAAAAAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQIREgBv0JAgAhEiASIBAgCP2FAiEIIBIgESAJ/YUC","IQkgBv0JAgQhEiASIBAgCv2FAiEKIBIgESAL/YUCIQsgBv0JAgghEiASIBAgDP2FAiEMIBIgESAN/YUCIQ0gBv0JAgwhEiAS","IBAgDv2FAiEOIBIgESAP/YUCIQ8gAf0ABCAhECAB/QAEMCERIAb9CQIQIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIU","IRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIYIRIgEiAQIAz9hQIhDCASIBEgDf2FAiENIAb9CQIcIRIgEiAQIA79hQIh","DiASIBEgD/2FAiEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsgAiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIg","DP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJBIGohAiACIAdJDQALC74EBgJ/BnsDfQJ7AX8BeyAAIAJBAnRq","IQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNAIAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJ","DQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQ","IAX9EyERA0AgCyAQIBEgDf36Af3lAf3gASAL/QAEAP2FAv0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsg","CiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEYIAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9","Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI","/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8A","AID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBqIQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0f","A5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACABIBQgE5M4AgAgASAVOAIQC9gEAgh/D3sgA0ECdCEGIAX9CQIAIRkg","Bf0JAgQhGiAF/QkCCCEbIAX9CQIMIRwgACAEQQJ0aiEJQQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIBkgAiAHav0A","BAD95gEhDiAZIAIgB2r9AAQQ/eYBIQ8gGiAL/QAEAP3mASEQIBogC/0ABBD95gEhESAbIAz9AAQA/eYBIRIgGyAM/QAEEP3m","ASETIBwgDf0ABAD95gEhFCAcIA39AAQQ/eYBIRUgACEIIAEgB2ohCgNAIAr9AAQAIRYgCv0ABBAhFyAI/QkCACEYIBggFiAO","/YUCIQ4gGCAXIA/9hQIhDyAI/QkCgAIhGCAYIBYgEP2FAiEQIBggFyAR/YUCIREgCP0JAoAEIRggGCAWIBL9hQIhEiAYIBcg","E/2FAiETIAj9CQKABiEYIBggFiAU/YUCIRQgGCAXIBX9hQIhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIAj9CQIEIRggGCAW","IA79hQIhDiAYIBcgD/2FAiEPIAj9CQKEAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkChAQhGCAYIBYgEv2FAiESIBgg","FyAT/YUCIRMgCP0JAoQGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAIQQhqIQggCCAJSQ0ACyACIAdqIA79CwQA","IAIgB2ogD/0LBBAgCyAQ/QsEACALIBH9CwQQIAwgEv0LBAAgDCAT/QsEECANIBT9CwQAIA0gFf0LBBAgB0EgaiEHIAcgBkkN","AAsLrgIBBn8gBkECdCEUIAAgASAIIBRsaiAEIAYgBxADQQAhFQNAIAkgFWogDmohFyALIRYgDARAIBdBAWohFiAWIAtKBEAg","CyEWCwsgECEYIA8EQCAYIBcgD2tBAWogGCAXIA9rQQFqShshGAtBACEZIBJBAEcgCSAVaiAKSHEEQCASIAkgFWogE2xqIAhB","AnRqIRkLIAQgFUEIdGogBSAVQQJ0aiAHIAggFiAXsiANIARBgAhqIBVBAnRqIBggESAZEAQgFUEBaiEVIBVBBEkNAAsgBCAH","QQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAE","IAIgCCAUbGogAyAGIAcgBRAFCyEBAX8gA0UEQCACDwsgAEEEaiABaiEEIAIgBCAEIAJKGwswAQF/IAMhBCACBEAgBCAAIAFq","IAJrQQFqIAQgACABaiACa0EBakobIQQLIARBeHELngQFC38BfQF7BX8BeyAFQQJ0IREgEUECdCESIARBwAhqIRsgBEMAAAAA","OAKgCEMAAIA/QwAAAAAgDkMAAID/XBv9EyEjQQAhEwJAA0AgEyAGTg0BIAYgE2tBA2pBAnYhFCAUQRBLBEBBECEUCyADIBMg","EWxqQQAgFCASbPwLAEEAIRUDQCAbIBVBMGxqIA79E/0LBBAgGyAVQTBsaiAj/QsEICAVQQFqIRUgFSAUSQ0ACyATIBRBAWtB","AnRqIAogByAIEAchFyATIAogCyAMEAghGQJAA0AgGSAXTg0BQQAhFQNAIBMgFUECdGohFiAWIAogByAIEAchGCAWIAogCyAM","EAghICAZICAgGSAgShshISAZQcAAaiEiIBggIkgEQCAYISILICEgIkgEQCAiICFrQQdqQXhxIRogACAWIBFsaiABIAIgAyAW","IBFsaiAEIBsgFUEwbGogBSAaICEgFiAGIAcgCCAJIAogCyAMIA0gDyAQEAYLIBVBAWohFSAVIBRJDQALIBlBwABqIRkMAAsL","QQAhFQNAIBsgFUECdkEwbCAVQQNxQQJ0amoqAiAhHEMAAIA/IByVQwAAAAAgHEMAAAAAXhv9EyEdIAMgEyAVaiARbGohHiAe","IBFqIR8DQCAeIB79AAQAIB395gH9CwQAIB5BEGohHiAeIB9JDQALIBVBAWohFSAVIBRBAnRJDQALIBNBwABqIRMMAAsLCw=="].join(""),Ko=["AGFzbQEAAAABWAdgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwADCwoAAQEAAgMEBQUGBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRl","bmRIZWFkAAkKwh8KmQQCAn8Se/0MAAD8wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/","N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hj","PUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACA","PyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQA","IA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3k","ASELIAsgCv3mASAU/eQBIQsgCyAK/eYBIBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEh","CyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9","HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwvzAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC","/UMhASAA/QwAAPzCAAD8wgAA/MIAAPzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBL","AABAS/3lAf3lASED/Qz+5X83/uV/N/7lfzf+5X83IAP95gH9DImEITmJhCE5iYQhOYmEITn95AEhBCAEIAP95gH9DP/Drjr/","w646/8OuOv/Drjr95AEhBCAEIAP95gH9DFuVHTxblR08W5UdPFuVHTz95AEhBCAEIAP95gH9DEdYYz1HWGM9R1hjPUdYYz39","5AEhBCAEIAP95gH9DPD9dT7w/XU+8P11PvD9dT795AEhBCAEIAP95gH9DBhyMT8YcjE/GHIxPxhyMT/95AEhBCAEIAP95gH9","DAAAgD8AAIA/AACAPwAAgD/95AEhBCAEIAL9DH8AwLR/AMC0fwDAtH8AwLT9rgFBF/2rAf3mASAB/U8LzwIBBHsgAP3gASEB","IAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL95gH9DBs3EbwbNxG8GzcRvBs3Ebz95AEhAyADIAL95gH9DKQnszykJ7M8","pCezPKQnszz95AEhAyADIAL95gH9DNENXb3RDV290Q1dvdENXb395AEhAyADIAL95gH9DImICD6JiAg+iYgIPomICD795AEh","AyADIAL95gH9DKuqqr6rqqq+q6qqvquqqr795AEhAyABIAL95gEgA/3mASAB/eQBIQMgAf0MO6o4wDuqOMA7qjjAO6o4wP3m","ARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAEIAH9DM3MzD7NzMw+","zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAAAID9Tv1QC+4EAgN/C3sgACADQQR0aiEFIAIgBEECdGohBwNA/QwAAAAA","AAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAA","IQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAA","AAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQIREgBv0JAgAhEiASIBD95gEgCP3kASEIIBIgEf3mASAJ/eQBIQkgBv0J","AgQhEiASIBD95gEgCv3kASEKIBIgEf3mASAL/eQBIQsgBv0JAgghEiASIBD95gEgDP3kASEMIBIgEf3mASAN/eQBIQ0gBv0J","AgwhEiASIBD95gEgDv3kASEOIBIgEf3mASAP/eQBIQ8gAf0ABCAhECAB/QAEMCERIAb9CQIQIRIgEiAQ/eYBIAj95AEhCCAS","IBH95gEgCf3kASEJIAb9CQIUIRIgEiAQ/eYBIAr95AEhCiASIBH95gEgC/3kASELIAb9CQIYIRIgEiAQ/eYBIAz95AEhDCAS","IBH95gEgDf3kASENIAb9CQIcIRIgEiAQ/eYBIA795AEhDiASIBH95gEgD/3kASEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsg","AiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIgDP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJB","IGohAiACIAdJDQALC8EEBgJ/BnsDfQJ7AX8BeyAAIAJBAnRqIQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNA","IAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJDQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAA","AwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQIAX9EyERA0AgCyAQIBEgDf36Af3lAf3gAf3mASAL/QAEAP3k","Af0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsgCiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEY","IAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAA","AAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9","CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8AAID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBq","IQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0fA5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACAB","IBQgE5M4AgAgASAVOAIQC4gFAgh/D3sgA0ECdCEGIAX9CQIAIRkgBf0JAgQhGiAF/QkCCCEbIAX9CQIMIRwgACAEQQJ0aiEJ","QQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIBkgAiAHav0ABAD95gEhDiAZIAIgB2r9AAQQ/eYBIQ8gGiAL/QAEAP3m","ASEQIBogC/0ABBD95gEhESAbIAz9AAQA/eYBIRIgGyAM/QAEEP3mASETIBwgDf0ABAD95gEhFCAcIA39AAQQ/eYBIRUgACEI","IAEgB2ohCgNAIAr9AAQAIRYgCv0ABBAhFyAI/QkCACEYIBggFv3mASAO/eQBIQ4gGCAX/eYBIA/95AEhDyAI/QkCgAIhGCAY","IBb95gEgEP3kASEQIBggF/3mASAR/eQBIREgCP0JAoAEIRggGCAW/eYBIBL95AEhEiAYIBf95gEgE/3kASETIAj9CQKABiEY","IBggFv3mASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIAj9CQIEIRggGCAW/eYBIA795AEh","DiAYIBf95gEgD/3kASEPIAj9CQKEAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI/QkChAQhGCAYIBb95gEgEv3k","ASESIBggF/3mASAT/eQBIRMgCP0JAoQGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEVIAogBmohCiAIQQhqIQggCCAJ","SQ0ACyACIAdqIA79CwQAIAIgB2ogD/0LBBAgCyAQ/QsEACALIBH9CwQQIAwgEv0LBAAgDCAT/QsEECANIBT9CwQAIA0gFf0L","BBAgB0EgaiEHIAcgBkkNAAsLrgIBBn8gBkECdCEUIAAgASAIIBRsaiAEIAYgBxADQQAhFQNAIAkgFWogDmohFyALIRYgDARA","IBdBAWohFiAWIAtKBEAgCyEWCwsgECEYIA8EQCAYIBcgD2tBAWogGCAXIA9rQQFqShshGAtBACEZIBJBAEcgCSAVaiAKSHEE","QCASIAkgFWogE2xqIAhBAnRqIRkLIAQgFUEIdGogBSAVQQJ0aiAHIAggFiAXsiANIARBgAhqIBVBAnRqIBggESAZEAQgFUEB","aiEVIBVBBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEg","BP0ABJAI/eQB/QsEICAEIAIgCCAUbGogAyAGIAcgBRAFCyEBAX8gA0UEQCACDwsgAEEEaiABaiEEIAIgBCAEIAJKGwswAQF/","IAMhBCACBEAgBCAAIAFqIAJrQQFqIAQgACABaiACa0EBakobIQQLIARBeHELngQFC38BfQF7BX8BeyAFQQJ0IREgEUECdCES","IARBwAhqIRsgBEMAAAAAOAKgCEMAAIA/QwAAAAAgDkMAAID/XBv9EyEjQQAhEwJAA0AgEyAGTg0BIAYgE2tBA2pBAnYhFCAU","QRBLBEBBECEUCyADIBMgEWxqQQAgFCASbPwLAEEAIRUDQCAbIBVBMGxqIA79E/0LBBAgGyAVQTBsaiAj/QsEICAVQQFqIRUg","FSAUSQ0ACyATIBRBAWtBAnRqIAogByAIEAchFyATIAogCyAMEAghGQJAA0AgGSAXTg0BQQAhFQNAIBMgFUECdGohFiAWIAog","ByAIEAchGCAWIAogCyAMEAghICAZICAgGSAgShshISAZQcAAaiEiIBggIkgEQCAYISILICEgIkgEQCAiICFrQQdqQXhxIRog","ACAWIBFsaiABIAIgAyAWIBFsaiAEIBsgFUEwbGogBSAaICEgFiAGIAcgCCAJIAogCyAMIA0gDyAQEAYLIBVBAWohFSAVIBRJ","DQALIBlBwABqIRkMAAsLQQAhFQNAIBsgFUECdkEwbCAVQQNxQQJ0amoqAiAhHEMAAIA/IByVQwAAAAAgHEMAAAAAXhv9EyEd","IAMgEyAVaiARbGohHiAeIBFqIR8DQCAeIB79AAQAIB395gH9CwQAIB5BEGohHiAeIB9JDQALIBVBAWohFSAVIBRBAnRJDQAL","IBNBwABqIRMMAAsLCw=="].join("");var nt=512,Ge=class{name;#e;#o;#t;constructor(e,o){let r=new WebAssembly.Instance(e);this.name=o,this.#e=r.exports.memory,this.#o=r.exports.attendHead,this.#t=new Float32Array(this.#e.buffer)}reserve(e){let o=e*4,r=this.#e.buffer.byteLength;if(o>r){let s=Math.ceil((o-r)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${o} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#t.buffer!==this.#e.buffer&&(this.#t=new Float32Array(this.#e.buffer)),this.#t}attendHead(e,o,r,s,i,n,a,c,l,u={}){this.#o(4*e,4*o,4*r,4*s,0,i,n,a,c?1:0,l,u.shift??a-n,u.window??0,u.pad??0,u.cap??0,u.sink??-1/0,4*(u.bias??0),4*(u.biasStride??0))}},st=class{name="js";#e=new Float32Array(nt);#o=new Float64Array(0);#t=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,o,r,s,i,n,a,c,l,u={}){let h=this.#e;this.#o.length<a&&(this.#o=new Float64Array(a)),this.#t.length<i&&(this.#t=new Float64Array(i));let f=this.#o,A=this.#t,d=Math.fround,m=u.shift??a-n,y=u.window??0,b=u.cap??0,k=u.sink??-1/0,v=u.bias??0;for(let q=0;q<n;q++){let T=q+m,C=c?Math.min(a,T+1):a,D=Math.max(u.pad??0,y?T-y+1:0),_=s+q*i,M=v+q*(u.biasStride??0),B=e+(q>>2)*i*4+(q&3),x=k,O=0;for(let F=D;F<C;F++){let W=o+(F>>3)*i*8+(F&7),K=0;for(let R=0;R<i;R++)K+=h[B+4*R]*h[W+8*R];let Q=b===0?K:b*Math.tanh(K/b);l!==0&&(Q-=d(l)*Math.abs(T-F)),v!==0&&(Q+=h[M+F]),f[F]=Q,Q!==-1/0&&O++,Q>x&&(x=Q)}if(O===0){h.fill(0,_,_+i);continue}A.fill(0);let L=k===-1/0?0:Math.exp((k-x)*Math.LN2);for(let F=D;F<C;F++){if(f[F]===-1/0)continue;let W=Math.exp((f[F]-x)*Math.LN2);L+=W;let K=r+F*i;for(let Q=0;Q<i;Q++)A[Q]=A[Q]+W*h[K+Q]}for(let F=0;F<i;F++)h[_+F]=A[F]/L}}};function Cs(t){let e=atob(t),o=new Uint8Array(e.length);for(let r=0;r<e.length;r++)o[r]=e.charCodeAt(r);return o}var Wo;function Yo(t){if(typeof WebAssembly!="object")return null;let e=Cs(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function to(){return Wo??={relaxed:Yo(No),plain:Yo(Ko)},Wo}var eo;function Uo(){if(!eo){let{relaxed:t,plain:e}=to();eo=t?new Ge(t,"relaxed-simd"):e?new Ge(e,"simd"):new st}return eo}var it=64;function Vo(t,e,o){return{shift:t.kSeq-t.qSeq,window:t.window??0,pad:t.leftPadding?t.leftPadding[e]:0,cap:t.softcap===null?0:t.softcap*Math.LOG2E,sink:t.sinks?t.sinks[o]*Math.LOG2E:-1/0}}function Xo(t,e,o,r,s,i,n){let a=e.bias;if(!a){t.attendHead(s.q,s.k,s.v,s.o,i,n.count,e.kSeq,n.causal,n.slope,n.features);return}let c=e.kSeq,l=c+7&-8,u=n.features.shift??c-n.count,h=t.reserve(s.bias+it*l);for(let f=0;f<n.count;f+=it){let A=Math.min(it,n.count-f);for(let d=0;d<A;d++){let m=o*a.batchStride+r*a.headStride+(f+d)*a.rowStride,y=s.bias+d*l;for(let b=0;b<c;b++){let k=a.data[m+b];h[y+b]=k<=yt?-1/0:k*Math.LOG2E}h.fill(0,y+c,y+l)}t.attendHead(s.q+f*i,s.k,s.v,s.o+f*i,i,A,c,n.causal,n.slope,{...n.features,shift:u+f,bias:s.bias,biasStride:l})}}var Jo=new WeakMap;function Zo(t,e){Jo.set(t,e)}function Re(t,e,o,r,s=Uo(),i){let{batch:n,group:a,kvHeads:c,qSeq:l,kSeq:u,headDim:h,causal:f,scale:A,alibi:d}=t,m=e,y=o;if(t.rope){let{frequencies:E,pairing:j,angles:N}=t.rope,g=t.layout;m=Ae(e,E,{layout:g,pairing:j,angles:N,positions:t.rope.query}),y=Ae(o,E,{layout:g,pairing:j,angles:N,positions:t.rope.key})}let b=i===void 0&&!t.rope?Jo.get(o.data):void 0;if(b&&b.length===u&&b.batch===n&&b.kvHeads===c&&b.headDim===h&&l>0&&u>0)return Qs(t,e,b);let k=i?.into??new Float32Array(e.data.length);if(l===0||u===0)return{shape:Object.freeze([...e.shape]),data:k};let v=h+7&-8,q=u+7&-8,T=l+3&-4,C=nt,D=C+q*v,_=D+q*v,M=_+T*v,B=M+T*v,x=s.reserve(B+(t.bias?it*q:0)),O=t.qStrides,L=t.kStrides,F=m.data,W=y.data,K=r.data,Q=Math.fround,R=Q(A*Math.LOG2E),$=L.seq===h&&h===v,w=O.seq===h&&h===v,I=i?.ranges??Array.from({length:n},(E,j)=>({batch:j,kv0:0,kv1:c}));for(let{batch:E,kv0:j,kv1:N}of I)for(let g=j;g<N;g++){let P=E*L.batch+g*L.heads;for(let H=0;H<q;H++){let X=C+(H>>3)*v*8+(H&7),z=P+H*L.seq,V=H<u?h:0;for(let re=0;re<V;re++)x[X+8*re]=W[z+re];for(let re=V;re<v;re++)x[X+8*re]=0}if($)x.set(K.subarray(P,P+u*h),D);else for(let H=0;H<u;H++){let X=P+H*L.seq,z=D+H*v;for(let V=0;V<h;V++)x[z+V]=K[X+V];for(let V=h;V<v;V++)x[z+V]=0}x.fill(0,D+u*v,D+q*v);for(let H=g*a;H<(g+1)*a;H++){let X=E*O.batch+H*O.heads;for(let z=0;z<T;z++){let V=_+(z>>2)*v*4+(z&3),re=X+z*O.seq,me=z<l?h:0;for(let be=0;be<me;be++)x[V+4*be]=Q(F[re+be]*R);for(let be=me;be<v;be++)x[V+4*be]=0}if(Xo(s,t,E,H,{q:_,k:C,v:D,o:M,bias:B},v,{count:l,causal:f,slope:d?d[H]*Math.LOG2E:0,features:Vo(t,E,H)}),w)k.set(x.subarray(M,M+l*h),X);else for(let z=0;z<l;z++){let V=M+z*v,re=X+z*O.seq;for(let me=0;me<h;me++)k[re+me]=x[V+me]}}}return{shape:Object.freeze([...e.shape]),data:k}}function Qs(t,e,o){let{batch:r,group:s,kvHeads:i,qSeq:n,kSeq:a,headDim:c,causal:l,scale:u,alibi:h}=t,f=o.kernel,A=c+7&-8,d=a+7&-8,m=n===1&&h===null&&t.sinks===null&&t.bias===null&&t.window===null,y=m?s:n,b=y+3&-4,k=o.end,v=k+b*A,q=v+b*A,T=f.reserve(q+(t.bias?it*d:0)),C=t.qStrides,D=e.data,_=new Float32Array(D.length),M=Math.fround,B=M(u*Math.LOG2E);for(let x=0;x<r;x++)for(let O=0;O<i;O++){let L=x*i+O,F=o.kAt+L*o.headFloats,W=o.vAt+L*o.headFloats;for(let Q=a;Q<d;Q++){let R=F+(Q>>3)*A*8+(Q&7);for(let $=0;$<A;$++)T[R+8*$]=0}T.fill(0,W+a*A,W+d*A);let K=m?1:s;for(let Q=0;Q<K;Q++){for(let $=0;$<b;$++){let w=k+($>>2)*A*4+($&3),I=O*s+(m?$:Q),E=x*C.batch+I*C.heads+(m?0:$)*C.seq,j=$<y?c:0;for(let N=0;N<j;N++)T[w+4*N]=M(D[E+N]*B);for(let N=j;N<A;N++)T[w+4*N]=0}let R=O*s+Q;Xo(f,t,x,R,{q:k,k:F,v:W,o:v,bias:q},A,{count:y,causal:l&&!m,slope:h?h[R]*Math.LOG2E:0,features:{...Vo(t,x,R),...m?{shift:a-1}:{}}});for(let $=0;$<y;$++){let w=m?O*s+$:R,I=x*C.batch+w*C.heads+(m?0:$)*C.seq;_.set(T.subarray(v+$*A,v+$*A+c),I)}}}return{shape:Object.freeze([...e.shape]),data:_}}function Pi(t,e,o,r={}){le("q",t),le("k",e),le("v",o);let s=Me(t,e,o,r);return Re(s,t,e,o)}var Qe=Object.freeze({T48:49152,T32:32768,T16:16384});function er(t){return t>=Qe.T48?"T48":t>=Qe.T32?"T32":"T16"}function Ds(t){let e=t.headDim/4,o=(e+(t.pad?1:0))*16,r=t.br*o,s=t.bc*o,i=t.sharedKV?0:t.bc*e*16,n=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return r+s+i+n+a}function tr(t){let e=[];for(let o=1;o<=t;o++)t%o===0&&e.push(o);return e}function Ms(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,i=1/0;for(let n of tr(e)){let a=r/n;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+n)*10+Math.abs(n-4);c<i&&(i=c,s=[a,n])}return s}function Rs(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,i=1/0;for(let n of tr(e)){let a=r/n;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+n)*10+Math.abs(n-4);c<i&&(i=c,s=[a,n])}return s}var ro=512;function or(t,e,o=256){let r=`${t}|${e}|${o}`;return oo.has(r)||oo.set(r,Os(t,e,o)),oo.get(r)}var oo=new Map;function Os(t,e,o){if(!Number.isInteger(t)||t%4!==0||t<4||t>ro)return;let r=Qe[e],s=t/4,i,n;for(let a of[128,64,256,32])if(!(a>o))for(let c of[64,32,16,8,4])for(let l of[64,32,16,8,4]){let u=Ms(c,l,a),h=Rs(c,s,a);if(!(!u||!h))for(let f of[!1,!0])for(let A of[!0,!1]){let[d,m]=u,[y,b]=h,k=Ds({headDim:t,br:c,bc:l,tn:m,sharedKV:f,pad:A});if(k>r)continue;let v=4*d*m/(d+m),q=[c*l,c>=l?1:0,l>=32?1:0,v>=4?1:0,a===128?2:a===64?1:0,v,f?0:1,A?1:0];(!n||Ts(q,n))&&(n=q,i=Object.freeze({tier:e,headDim:t,workgroup:a,br:c,bc:l,tm:d,tn:m,om:y,od4:b,sharedKV:f,pad:A,bytes:k}))}}return i}function Ts(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]>e[o];return!1}function rr(){return{next:new WeakMap,groups:null}}var Pt=class{#e;#o;#t=[];#r=new ArrayBuffer(65536);#s=new DataView(this.#r);#n=rr();#a=new WeakMap;#i=-1;#c=0;#u=0;constructor(e){this.#e=e,this.#o=Math.max(16,e.limits.minUniformBufferOffsetAlignment??256)}get open(){return this.#i>=0}get created(){return this.#u}begin(){if(this.#i>=0)throw new Error("Internal error: a frame is already open");this.#i=0,this.#c=0}end(e){let o=this.#i>this.#c;if(this.#i=-1,o&&!e)throw new Error("Internal error: a frame packed uniform blocks it did not submit")}flush(){if(this.#i<0)return;let e=this.#e.queue,o=this.#c;for(;o<this.#i;){let r=Math.floor(o/65536),s=Math.min(this.#i,(r+1)*65536);e.writeBuffer(this.#t[r],o-r*65536,this.#r,o,s-o),o=s}this.#c=this.#i}groupLayout(e){let o=this.#a.get(e);return o||(o=e.getBindGroupLayout(0),this.#a.set(e,o)),o}bind(e,o,r,s){let i=o.uniformBytes;if(i>65536)throw new Error(`Internal error: the uniform block of ${o.name} is over 65536 bytes`);let n=Math.ceil(this.#i/this.#o)*this.#o;Math.floor(n/65536)!==Math.floor((n+i-1)/65536)&&(n=Math.ceil(n/65536)*65536);let a=Math.floor(n/65536);this.#f(a),o.packInto(r,this.#s,n),this.#i=n+i;let c=this.#t[a],l=n-a*65536,u=this.#l(this.#l(this.#n,e),c),h=`${l}`,f=s;for(let d of o.bindingNames){if(d==="params")continue;let m=f[d];m&&(u=this.#l(u,m.buffer),h+=`|${m.offset??0}:${m.size??-1}`)}u.groups??=new Map;let A=u.groups.get(h);return A||(A=this.#e.createBindGroup({label:o.name,layout:this.groupLayout(e),entries:o.entries({...s,params:{buffer:c,offset:l,size:i}})}),this.#u++,u.groups.set(h,A)),A}destroy(){for(let e of this.#t)e.destroy();this.#t.length=0}#l(e,o){let r=e.next.get(o);return r||(r=rr(),e.next.set(o,r)),r}#f(e){for(;this.#t.length<=e;)this.#t.push(this.#e.createBuffer({size:65536,usage:72,label:"uniform arena"}));let o=(e+1)*65536;if(this.#r.byteLength<o){let r=new ArrayBuffer(Math.max(o,2*this.#r.byteLength));new Uint8Array(r).set(new Uint8Array(this.#r)),this.#r=r,this.#s=new DataView(r)}}};var xt=class t{#e;#o=new Map;#t=0;#r=new WeakSet;#s=[];#n=null;#a=[];#i=!1;constructor(e){this.#e=e}static sizeOf(e){return Math.max(16,Math.ceil(e/16)*16)}create(e,o){return this.#e.createBuffer({size:t.sizeOf(e),usage:140,label:o})}take(e,o,r){let s=t.sizeOf(e),i=this.#o.get(s)?.pop();if(!i)return this.create(e,o);if(this.#t-=s,this.#r.delete(i),r)this.#s.push(i);else{let n=Math.ceil(e/4)*4;n<s&&this.#e.queue.writeBuffer(i,n,new Uint8Array(s-n))}return i}recycle(e){if(this.#r.has(e))return;let o=e.size,r=this.#s.indexOf(e);if(r>=0&&this.#s.splice(r,1),this.#i||e.usage!==140||o>16777216||this.#t+o>67108864){e.destroy();return}let s=this.#o.get(o);s||(s=[],this.#o.set(o,s)),s.push(e),this.#r.add(e),this.#t+=o}scratch(e,o){if(!this.#n||this.#n.size<e){this.#n&&this.#a.push(this.#n);let r=Math.min(Math.max(2*(this.#n?.size??0),65536),o);this.#n=this.create(Math.max(e,r),"scratch")}return this.#n}encodeClears(e){if(this.#s.length!==0){for(let o of this.#s)e.clearBuffer(o);this.#s=[]}}submitted(){for(let e of this.#a.splice(0))e.destroy()}close(){this.#i=!0;for(let e of this.#o.values())for(let o of e)o.destroy();this.#o.clear(),this.#t=0,this.#n?.destroy(),this.#n=null,this.submitted()}};async function sr(t,e,o,r){let s=t.device;if(r){let f=t.encoder(),A=f.beginComputePass();t.encode(A,e),A.end(),t.finish(f),await t.idle()}let i=t.encoder(),n,a,c;t.timestamps&&(n=s.createQuerySet({type:"timestamp",count:2}),a=s.createBuffer({size:16,usage:516}),c=s.createBuffer({size:16,usage:9}));let l=i.beginComputePass(n?{timestampWrites:{querySet:n,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let f=0;f<o;f++)t.encode(l,e);l.end(),n&&a&&c&&(i.resolveQuerySet(n,0,2,a,0),i.copyBufferToBuffer(a,0,c,0,16));let u=performance.now();t.finish(i),await t.idle();let h=(performance.now()-u)/1e3;try{if(c){await c.mapAsync(1);let[f,A]=new BigUint64Array(c.getMappedRange().slice(0));c.unmap();let d=Number(A-f);if(d>0)return{seconds:d/1e9/o,source:"timestamp-query"}}return{seconds:h/o,source:"wall-clock"}}finally{n?.destroy(),a?.destroy(),c?.destroy()}}var _s=72,nr=9,Fs=1,St=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#o=new Map;#t;#r;#s=null;constructor(e,o,r,s=!1){this.device=e,this.f16=s,this.ownsDevice=o,this.limits=r,this.tier=er(r.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),this.#t=new Pt(e),this.#r=new xt(e),e.lost.then(i=>{this.#s??=`the WebGPU device was lost (${i.reason}: ${i.message||"no message"})`})}get failure(){return this.#s}fail(e){this.#s??=e}dispose(){this.#t.destroy(),this.#r.close()}get bindGroupsCreated(){return this.#t.created}#n(e){return this.#s!==null?new Error(`This GpuAttention cannot be used: ${this.#s}`):e instanceof Error?e:new Error(String(e))}cached(e,o){let r=this.#o.get(e);return r===void 0&&(r=o(),this.#o.set(e,r)),r}setCached(e,o){this.#o.set(e,o)}pipeline(e,o){let r=this.#e.get(e);return r||(r=this.#a(e,o()),this.#e.set(e,r),r.catch(()=>this.#e.delete(e))),r}async#a(e,o){let r=this.device.createShaderModule({code:o,label:e}),i=(await r.getCompilationInfo().catch(n=>{throw this.#n(n)})).messages.filter(n=>n.type==="error");if(i.length>0)throw this.#s!==null?this.#n(null):new Error(`Internal error: the generated WGSL for ${e} does not compile: ${i.map(n=>`line ${n.lineNum}: ${n.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:r,entryPoint:"main"}})}catch(n){throw this.#s!==null?this.#n(n):new Error(`Internal error: creating the pipeline ${e} failed: ${n instanceof Error?n.message:String(n)}`)}}#i(e,o){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${o}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`)}buffer(e,o){return this.#i(e,o),this.#r.create(e,o)}output(e,o){return this.#i(e,o),this.#r.take(e,o,!0)}recycle(e){this.#r.recycle(e)}upload(e,o){this.#i(e.byteLength,o);let r=this.#r.take(e.byteLength,o,!1);return e.byteLength>0&&(e.buffer instanceof ArrayBuffer||(e=e.slice()),this.device.queue.writeBuffer(r,0,e.buffer,e.byteOffset,e.byteLength)),r}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}scratch(e){this.#i(e,"scratch");let o=Math.min(this.limits.maxStorageBufferBindingSize,this.limits.maxBufferSize);return this.#r.scratch(e,o)}uniform(e,o){let r=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:_s,label:o});return this.device.queue.writeBuffer(r,0,e),r}bind(e,o,r,s,i){if(this.#t.open)return this.#t.bind(e,o,r,s);let n=this.uniform(o.pack(r),`${o.name} params`);return i.push(n),this.device.createBindGroup({label:o.name,layout:this.#t.groupLayout(e),entries:o.entries({...s,params:{buffer:n}})})}encode(e,o){for(let r of o.dispatches)e.setPipeline(r.pipeline),e.setBindGroup(0,r.bindGroup),e.dispatchWorkgroups(r.grid[0],r.grid[1],r.grid[2])}submit(e,o){let r=Array.isArray(e)?e:[e];try{return this.#c(r,o)}finally{for(let s of r)this.release(s)}}release(e){for(let o of e.temps)this.#r.recycle(o)}encoder(){let e=this.device.createCommandEncoder();return this.#r.encodeClears(e),e}finish(e){this.#t.flush(),this.device.queue.submit([e.finish()]),this.#r.submitted()}#c(e,o){let r=this.encoder();if(e.some(i=>i.dispatches.length>0)){let i=r.beginComputePass();for(let n of e)this.encode(i,n);i.end()}let s;return o&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(o.bytes/16)*16),usage:nr,label:"readback"}),o.bytes>0&&r.copyBufferToBuffer(o.source,0,s,0,Math.ceil(o.bytes/4)*4)),this.finish(r),s}async guarded(e,o){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let r,s,i=!1;try{r=o()}catch(u){s=u,i=!0}let n=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,l]=await Promise.all([n,a]);if(i)throw s;if(l)throw new Error(`Out of GPU memory while ${e}: ${l.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return r}submitting(e,o){return this.guarded(e,()=>{this.#t.begin();let r=!1;try{let s=o();return r=!0,s}finally{this.#t.end(!r)}})}profile(e,o,r){return sr(this,e,o,r)}gather(e){let o=e.reduce((n,a)=>n+a.size,0),r=this.device.createBuffer({size:Math.max(16,Math.ceil(o/16)*16),usage:nr,label:"readback"}),s=this.encoder(),i=0;for(let n of e)n.size>0&&s.copyBufferToBuffer(n.buffer,n.offset,r,i,n.size),i+=n.size;return this.finish(s),r}async read(e,o){try{return await e.mapAsync(Fs),e.getMappedRange(0,Math.max(16,Math.ceil(o/16)*16)).slice(0,o)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var ir=new WeakMap;function Ls(t,e){if(t.length!==e.length)return!1;for(let o=0;o<t.length;o++)if(t[o]!==e[o])return!1;return!0}function qt(t,e){let o=ir.get(e);(!o||o.factor!==e.attentionFactor||!Ls(o.invFreq,e.invFreq))&&(o={factor:e.attentionFactor,invFreq:e.invFreq.slice(),texts:new Map},ir.set(e,o));let r=o.texts.get(t);return r===void 0&&(r=`${t}|${o.factor}|${Array.from(o.invFreq).join(",")}`,o.texts.set(t,r)),r}var cr="This KvCache cannot be used: it was destroyed",ur="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",js=512,Ct=4,lr=["split","keys"];function Qt(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${Z(e)}`)}function at(t,e,o){let r=se(t,e??"f32",{allowed:["f32","f16","auto"]});if(r==="auto")return o.available?"f16":"f32";if(r==="f16"&&!o.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${o.detail}); use "f32", or "auto" to fall back to float32`);return r}function fr(t){Qt("options",t),fe("options",t,{allowed:Qo});let e=ne("batch",t.batch,{min:1}),o=ne("kvHeads",t.kvHeads,{min:1}),r=ne("headDim",t.headDim,{min:4,max:js});if(r%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${r}`);let s=t.window===void 0?null:Ve(t.window,"window");if(s===null&&t.maxLength===void 0)throw new TypeError("Invalid maxLength: expected an integer >= 1 (the tokens the cache holds), got undefined; only a window cache may leave it out");let i=t.maxLength===void 0?1/0:ne("maxLength",t.maxLength,{min:1}),n=s===null?i:Math.min(i,s+Ct-1);return{batch:e,kvHeads:o,headDim:r,maxLength:i,window:s,slots:n}}function so(t,e,o,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${Z(e)}`);fe(t,e,{allowed:r});let s=rt(`${t}.frequencies`,e.frequencies),i=2*s.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==i)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${i} (2 x the ${s.invFreq.length} frequencies), got ${Z(e.rotaryDim)}`);if(i>o)throw new RangeError(`Invalid ${t}.frequencies: rotary dim ${i} (2 x ${s.invFreq.length} frequencies) exceeds the head dim ${o}`);let n=se(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),a=se(`${t}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),c=qt(`${n}|${a}`,s);return{frequencies:s,pairing:n,rotaryDim:i,angles:a,fingerprint:c}}function ar(t,e,o,r){let s=qe(t,e,o);if(s.batch!==r.batch)throw new RangeError(`Invalid ${t}: expected batch ${r.batch} (as the cache), got ${s.batch}`);if(s.heads!==r.kvHeads)throw new RangeError(`Invalid ${t}: expected ${r.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==r.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${r.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function Xe(t,e,o,r){Qt("options",r),fe("options",r,{allowed:Do});let s=se("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),i=ar("k",e,s,t),n=ar("v",o,s,t);if(n.seq!==i.seq)throw new RangeError(`Invalid v: expected ${i.seq} tokens (as k), got ${n.seq}`);let a=null;if(r.rope!==void 0){let c=so("rope",r.rope,t.headDim,Mo),l=r.rope.positions===void 0?null:ze("rope.positions",r.rope.positions,i.seq,t.batch,c.angles==="float32");a={...c,positions:l}}return{layout:s,n:i.seq,strides:i.strides,rope:a}}function hr(t,e,o){if(e+o.n>t.maxLength)throw new RangeError(`Cannot append ${o.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(o.rope&&!o.rope.positions&&o.rope.angles==="float32"){let r=e+o.n-1;if(r>Ce)throw new RangeError(`Invalid rope: the last key would sit at position ${r}, above ${Ce} (the largest position with angles "float32")`)}}function Ar(t,e){let o=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==o)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:o,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var no=Object.freeze({keyRope:void 0,explicitPositions:!1});function dr(t,e,o,r=Ue){Qt("options",o),fe("options",o,{allowed:r});let s=se("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),i=qe("q",e,s);if(i.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${i.batch}`);if(i.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${i.headDim}`);if(i.heads<1||i.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${i.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(i.seq<1||i.seq>Ct)throw new RangeError(`Invalid q: expected 1 to ${Ct} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${i.seq}`);let n=o.scale===void 0?1/Math.sqrt(i.headDim):xe("scale",o.scale),a=Zt(o.alibiSlopes,i.heads),c=null;if(o.rope!==void 0){if(o.rope!==null&&typeof o.rope=="object"&&"positions"in o.rope)throw new TypeError(`Invalid rope: unknown key "positions"; a decode's query positions are the option queryPositions (the cached keys keep the positions they were appended at)`);let A=so("rope",o.rope,t.headDim,Ro),d=o.queryPositions===void 0?null:ze("queryPositions",o.queryPositions,i.seq,i.batch,A.angles==="float32");c={...A,queryPositions:d}}else if(o.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let l=o.splits===void 0?void 0:ne("splits",o.splits,{min:1}),u=se("kernel",o.kernel??"split",{allowed:lr}),h=Ve(o.slidingWindow);if(h!==null&&t.window!==null&&h>t.window)throw new RangeError(`Invalid slidingWindow: expected at most ${t.window}, the window of this cache (it keeps no older keys), got ${h}`);let f=null;return o.bias!==void 0&&(f=le("bias",o.bias),ot(f,{batch:i.batch,heads:i.heads,qSeq:i.seq,kSeq:null})),{layout:s,batch:i.batch,heads:i.heads,kvHeads:t.kvHeads,group:i.heads/t.kvHeads,qSeq:i.seq,headDim:i.headDim,qShape:[...e.shape],qStrides:i.strides,scale:n,rope:c,alibi:a,splits:l,kernel:u,window:h,sinks:Et(o.sinks,i.heads),softcap:It(o.softcap),leftPadding:vt(o.leftPadding,i.batch,2**31-1),bias:f}}function Dt(t,e,o,r=null){return zs(t,e,o),Hs(t,e,r)}function Hs(t,e,o){let r=t.window??o,s=r===null?0:Math.max(0,e-t.qSeq-r+1),i=null;return t.bias&&(i=ot(t.bias,{batch:t.batch,heads:t.heads,qSeq:t.qSeq,kSeq:e})),{window:r,first:s,bias:i}}function zs(t,e,o){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(o.keyRope&&o.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(o.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(t.rope.angles==="float32"&&e-1>Ce)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${Ce} (the largest position with angles "float32")`)}}}var Je=class{owner;batch;kvHeads;headDim;maxLength;window;slots;#e;#o=0;#t=no;#r=!1;constructor(e,o,r){this.owner=e,this.#e=o,this.batch=r.batch,this.kvHeads=r.kvHeads,this.headDim=r.headDim,this.maxLength=r.maxLength,this.window=r.window,this.slots=r.slots}held(){let e=Math.min(this.#o,this.slots);return{first:this.#o-e,count:e}}get length(){return this.#o}get destroyed(){return this.#r||!this.#e()}get ropeState(){return this.#t}live(){if(this.#r)throw new Error(cr);if(!this.#e())throw new Error(ur)}reserve(e){hr(this,this.#o,e);let o=Ar(this.#t,e),r=this.#o;return{slot:r,skip:Math.max(0,e.n-this.slots),commit:()=>{this.#o=r+e.n,this.#t=o}}}snapshot(){let e=this.#o,o=this.#t;return()=>{this.#o=e,this.#t=o}}clear(){this.#o=0,this.#t=no}markDestroyed(){return this.#r?!1:(this.#r=!0,!0)}};function io(t,e,o){if(!(t instanceof o))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var J=class{shape;dtype;owner;#e;#o;#t;#r;#s=!1;#n=!1;#a=null;#i=null;constructor(e,o,r,s,i="float32",n=a=>a.destroy()){this.owner=e,this.dtype=i,this.#t=s,this.#r=n,this.shape=Object.freeze([...o]),this.#e=r instanceof Float32Array?null:r,this.#o=r instanceof Float32Array?r:null}get buffer(){return this.#e}get destroyed(){return this.#s||!this.#t()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#o}}get recording(){return this.#a}get failure(){return this.#i}awaitRecording(e){return this.#a=e,this}settle(e){this.#a=null,e!==null&&(this.#i=e,this.#s=!0),this.#s&&this.#c()}destroy(){this.#s||(this.#s=!0,this.#a===null&&this.#c())}#c(){this.#n||(this.#n=!0,this.#e&&this.#r(this.#e))}};function U(t,e,o,r=null){if(e instanceof J){if(e.owner!==o)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);let i=e.recording;if(i!==null){if(i===r&&e.owner===o)return e;throw new Error(`Invalid ${t}: this GpuTensor is an output of a recording whose submit() has not resolved yet; await submit() before using it outside that recording`)}if(e.failure!==null)throw new Error(`Invalid ${t}: this GpuTensor was never computed: its recording failed (${e.failure})`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let s=e;if(s===null||typeof s!="object"||!("data"in s))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${Z(e)}`);return le(t,e)}function ao(t,e,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${Z(o)}`);fe("options",o,{allowed:Fo});let r=se("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=qe("x",t,r),i=rt("frequencies",e),n=2*i.invFreq.length;if(o.rotaryDim!==void 0&&o.rotaryDim!==n)throw new RangeError(`Invalid rotaryDim: expected ${n} (2 x the ${i.invFreq.length} frequencies), got ${Z(o.rotaryDim)}`);if(n>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${n} (2 x ${i.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=se("pairing",o.pairing??"half",{allowed:["half","interleaved"]}),c=se("angles",o.angles??"float32",{allowed:["float32","float64"]}),l=zo("",o.positions,o.offset,s.seq,s.batch,c),u=He("inPlace",o.inPlace??!1);return{call:{layout:r,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:i,pairing:a,angles:c,positions:l},inPlace:u}}var Mt=class{#e;#o=[];#t="recording";constructor(e){this.#e=e}get state(){return this.#t}get calls(){return this.#o.length}#r(){if(this.#t!=="recording")throw new Error(`This recording cannot take more calls: it was ${this.#t==="submitting"?"submitted":this.#t}; start a new one with gpu.record()`);this.#e.live()}attention(e,o,r,s={}){this.#r();let i=this.#e.attention([e,o,r],s,this),n=this.#e.output(i.plan.qShape,i.elements.o,this);return this.#o.push({kind:"attention",call:i,output:n}),n}applyRope(e,o,r={}){this.#r();let s=this.#e.rope(e,o,r,this);if(s.inPlace&&!(s.x instanceof J))throw new TypeError("Invalid inPlace: a recording writes in place only into a GpuTensor; upload x first or leave inPlace false");let i=s.x instanceof J&&s.inPlace?s.x:this.#e.output(s.x.shape,"f32",this);return this.#o.push({kind:"rope",request:s,output:i}),i}append(e,o,r,s={}){this.#r(),this.#o.push({kind:"append",call:this.#e.append(e,[o,r],s,this)})}decode(e,o,r={}){this.#r();let s=this.#e.decode(e,o,r,this),i=this.#e.decodeOutput(s,this);return this.#o.push({kind:"decode",call:s,output:i}),i}submit(){if(this.#t!=="recording")return Promise.reject(new Error(`This recording cannot be submitted: it was ${this.#t==="submitting"?"submitted":this.#t} already; start a new one with gpu.record()`));this.#t="submitting";let e;try{e=this.#e.run(this.#o,this)}catch(o){e=Promise.reject(o)}return e.then(()=>this.#s("submitted",null),o=>{let r=o instanceof Error?o.message:String(o);throw this.#s("failed",r),o})}discard(){this.#t==="recording"&&this.#s("discarded","it was discarded before submit()")}#s(e,o){this.#t=e;for(let r of this.#o)r.kind==="append"||r.kind==="rope"&&r.request.inPlace||r.output.settle(o)}};var Gs=["flash","flash2","naive"],ct="it was destroyed; create a new one with createGpuAttention()";function pr(t){return ne("iterations",t,{min:1})}function Ns(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${Z(e)}`)}var Ze=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e,o=null){return[U("q",e[0],this,o),U("k",e[1],this,o),U("v",e[2],this,o)]}#e(e,o,r,s=null){this.live();let i=this.checkOperands(e,s);return{operands:i,plan:Me(...i,o,r)}}#o(e,o,r){let[s,i,n]=o.operands,a=this.elementsOf(s,i,n,r),c=se("kernel",r.kernel??"flash",{allowed:Gs});return{args:e,q:s,k:i,v:n,plan:o.plan,elements:a,kernel:c}}async attention(e,o,r,s={}){let i=[e,o,r],n=this.#e(i,s,wt);return await this.runAttention(this.#o(i,n,s))}async profileAttention(e,o,r,s={}){let i=[e,o,r],n=this.#e(i,s,Oo),a=pr(s.iterations??10),c=He("warmup",s.warmup??!0),l=this.#o(i,n,s);return await this.timeAttention(l,a,c,s)}async applyRope(e,o,r={}){this.live();let s=U("x",e,this),i=ao(s,o,r);return gr(s),await this.runRope({...i,arg:e,x:s})}upload(e,o={}){this.live();let r=le("t",e);return Ns("options",o),fe("options",o,{allowed:_o}),this.store(r,at("precision",o.precision,this.info.f16))}async download(e){this.live();let o=U("t",e,this);if(!(o instanceof J))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(o)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let o=fr(e),r=at("precision",e.precision,this.info.f16);return await this.makeCache(o,r)}#t(e,o,r,s,i=null){this.live();let n=U("q",e,this,i),a=io(o,this,this.cacheClass),c=dr(a,n,r,s);return this.prepareDecode({arg:e,q:n,cache:a,plan:c})}async decode(e,o,r={}){return await this.runDecode(this.#t(e,o,r,Ue),r)}async profileDecode(e,o,r={}){let s=this.#t(e,o,r,To),i=pr(r.iterations??10),n=He("warmup",r.warmup??!0);return await this.timeDecode(s,i,n,r)}record(){return this.live(),new Mt(this.#r())}#r(){return{live:()=>this.live(),attention:(e,o,r)=>{let s=this.#e(e,o,wt,r);return this.#o(e,s,o)},rope:(e,o,r,s)=>{this.live();let i=U("x",e,this,s),n=ao(i,o,r);return gr(i),{...n,arg:e,x:i}},append:(e,o,r,s)=>{this.live();let i=io(e,this,this.cacheClass),n=U("k",o[0],this,s),a=U("v",o[1],this,s);return{cache:i,args:o,k:n,v:a,plan:Xe(i,n,a,r)}},decode:(e,o,r,s)=>this.#t(e,o,r,Ue,s),output:(e,o,r)=>this.recordedOutput(e,o,r),decodeOutput:(e,o)=>this.recordedOutput(e.plan.qShape,this.decodeElement(e),o),run:(e,o)=>this.runRecording(e,o)}}};function gr(t){if(t instanceof J&&t.dtype==="float16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)")}function Oe(t){return t.reduce((e,o)=>e*o,1)}var Ks=256,Ws=8;function Ys(t){let e=t.kp*t.ku*t.rb,o=t.lr*(e+1),r=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(o+e+r+s)}function mr(t,e,o,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,i=1;for(let f of[1,2,3,4])if(s%f===0&&s/f<=32){i=f;break}let n=s/i,a=Math.min(o==="T16"?64:128,r);if(n>r)return;let c=Math.max(1,Math.floor(a/n)),l=c*n,u=Qe[o],h=Math.max(1,Math.min(e,Math.floor(Ws/i)));for(let f=h;f>=1;f--)for(let A=Math.max(1,Math.floor(n/f));A>=1;A--){let d={headDim:t,c:i,lr:n,kp:c,ku:A,rb:f},m=Ys(d);if(m<=u)return{...d,workgroup:l,bytes:m}}}function $r(t,e,o,r){let s=Math.ceil(o/Math.max(1,e)),i=Math.ceil(t/Ks);return ut(t,Math.max(1,Math.min(s,i,r)))}function ut(t,e){let o=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/o)),keysPerSplit:o}}var ke=`fn isNan(x: f32) -> bool {
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
`;function Te(t,e){return`select(select(0.0, exp2(${t} - ${e}), ${t} > ${-1e30/2}), ${t}, isNan(${t}))`}function we(t){return`select(select(0.0, 1.0 / ${t}, ${t} > 0.0), ${t}, isNan(${t}))`}function Rt(t){let e=["softcap","sinks","padding","bias"].filter(o=>t[o]);return e.length===0?"":`:${e.join("+")}`}function ce(t,e){return e==="f32"?o=>`${t}[${o}]`:o=>`vec4<f32>(${t}[${o}])`}function ye(t,e,o,r,s){let i=t.rotaryDim,n=i/2;if(s=`(${s})`,o=`(${o})`,r=`(${r})`,t.pairing==="interleaved"&&i%4===0)return`if (${r} < ${i/4}u) {
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
    }`}let a=[];for(let c=0;c<4;c++)if(t.pairing==="interleaved"){let l=c^1,u=c%2===0?"-":"+";a.push(`{
        let d = ${r} * 4u + ${c}u;
        if (d < ${i}u) {
          let t = T[${s} * ${n}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${u} x[${l}] * t.y;
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
    }`}var br=new WeakMap;function G(t,e){return{variable:t,access:"read",type:e}}function ee(t,e){return{variable:t,access:"read_write",type:e}}var co=class{name;fields;bindingNames;uniformBytes;#e;#o;#t;#r=null;constructor(e){this.name=e.name,this.#e=e.uniforms;let o=br.get(e.uniforms);if(!o){let s=Object.keys(e.uniforms);o={names:s,types:s.map(i=>e.uniforms[i])},br.set(e.uniforms,o)}if(this.fields=o.names,this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let r=["params"];for(let s in e.bindings)e.bindings[s]!==null&&r.push(s);this.bindingNames=r,this.uniformBytes=Math.ceil(this.fields.length*4/16)*16,this.#o=o.types,this.#t=e}get wgsl(){if(this.#r===null){let e=this.#t,o=this.fields.map(i=>`  ${i}: ${e.uniforms[i]},`).join(`
`),s=Object.values(e.bindings).filter(i=>i!==null).map((i,n)=>`@group(0) @binding(${n+1}) var<storage, ${i.access}> ${i.variable}: ${i.type};`);this.#r=`struct Params {
${o}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}return this.#r}binding(e){let o=this.bindingNames.indexOf(e);if(o<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return o}pack(e){let o=new ArrayBuffer(this.uniformBytes);return this.packInto(e,new DataView(o),0),o}packInto(e,o,r){let s=e,i=0;for(let c in s)i++;let n=this.fields;i!==n.length&&this.#s(s);let a=this.#o;for(let c=0;c<n.length;c++){let l=n[c],u=s[l];if(u===void 0)throw Object.hasOwn(s,l)||this.#s(s),new Error(`Internal error: uniform ${l} of kernel ${this.name} is missing`);let h=r+c*4,f=a[c];if(f==="f32"){if(!Number.isFinite(u))throw this.#n(l,u,"a finite f32");o.setFloat32(h,u,!0)}else if(f==="i32"){if(!Number.isInteger(u)||u<-2147483648||u>2147483647)throw this.#n(l,u,"a signed 32-bit integer");o.setInt32(h,u,!0)}else{if(!Number.isInteger(u)||u<0||u>4294967295)throw this.#n(l,u,"an unsigned 32-bit integer");o.setUint32(h,u,!0)}}}#s(e){for(let r of Object.keys(e))if(!Object.hasOwn(this.#e,r))throw new Error(`Internal error: kernel ${this.name} has no uniform ${r}`);let o=this.fields.find(r=>e[r]===void 0);throw new Error(`Internal error: uniform ${o} of kernel ${this.name} is missing`)}#n(e,o,r){return new RangeError(`Internal error: uniform ${e} = ${o} of kernel ${this.name} does not fit ${r}`)}entries(e){for(let o of Object.keys(e))if(!this.bindingNames.includes(o))throw new Error(`Internal error: kernel ${this.name} declares no binding ${o}`);return this.bindingNames.map((o,r)=>{let s=e[o];if(!s)throw new Error(`Internal error: binding ${o} of kernel ${this.name} is missing`);return{binding:r,resource:s}})}};function ae(t){return new co(t)}var Us={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",first:"u32",slots:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32",window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"},Vs={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function uo(t){let e=t.elements;return ae({name:"decode",uniforms:Us,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<vec4<${e.kv}>>`),v:G("V",`array<vec4<${e.kv}>>`),o:ee("O",`array<vec4<${e.o}>>`),w:ee("W","array<vec4<f32>>"),table:t.rope?G("T","array<vec2<f32>>"):null,slopes:t.alibi?G("SL","array<f32>"):null,sinks:t.sinks?G("SK","array<f32>"):null,padding:t.padding?G("PD","array<u32>"):null,bias:t.bias?G("BI","array<f32>"):null}})}function lo(t){return ae({name:"decode merge",uniforms:Vs,bindings:{w:G("W","array<vec4<f32>>"),o:ee("O",`array<vec4<${t}>>`)}})}var lt=64;function fo(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`+Rt(t)}function ho(t,e){return`decode-merge:d${t}:${e}`}function _e(t){return Array.from({length:t},(e,o)=>o)}function Ot(t){return t.length===0?"0.0":t.join(" + ")}function kr(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function wr(t){let e=t.tiles,{c:o,lr:r,kp:s,ku:i,rb:n,workgroup:a}=e,c=e.headDim/4,l=s*i*n,u=l+1,h=s*i,f=t.elements,A=ce("Q",f.q),d=ce("K",f.kv),m=ce("V",f.kv),y=[f.q,f.kv,f.o].includes("f16"),b=_e(n),k=_e(o),v=_e(i),q=t.rope?ye(t.rope,A,"base","cc","P.tab + b * P.tabB + t"):"",T=b.map(w=>`${k.map(I=>`var q${w}_${I} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${w}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${k.map(I=>`{
        let cc = lr + ${I*r}u;
        var x = ${A("base + cc")};
        ${q}
        q${w}_${I} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),C=b.map(w=>`${t.sinks?`let sink${w} = split == 0u && kp == 0u;
  var m${w} = select(${-1e30}, SK[kvh * P.group + min(row0 + ${w}u, P.rows - 1u) % P.group], sink${w});
  var l${w} = select(0.0, 1.0, sink${w});`:`var m${w} = ${-1e30}; var l${w} = 0.0;`} ${k.map(I=>`var a${w}_${I} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),D=v.map(w=>{let I=b.map(E=>`Red[lr * ${u}u + kp * ${n}u + ${w*s*n+E}u] = ${Ot(k.map(j=>`dot(q${E}_${j}, k${w}_${j})`))};`).join(`
      `);return`let kr${w} = kvBase + (min(k0 + ${w*s}u + kp, kEnd - 1u) % P.slots) * ${c}u;
      ${k.map(E=>`let k${w}_${E} = ${d(`kr${w} + ${E*r}u`)};`).join(" ")}
      ${k.map(E=>`let v${w}_${E} = ${m(`kr${w} + ${E*r}u`)};`).join(" ")}
      ${I}`}).join(`
      `),_=t.alibi||t.bias,M=t.softcap?"s = capped(s, P.cap2);":"",B=(_?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          `:"")+(t.alibi?"s -= SL[h] * f32(i32(qp) - i32(key));":""),x=t.bias?`let bv = BI[b * P.bB + h * P.bH + (min(f, P.rows - 1u) / P.group) * P.bS + min(key, P.len - 1u)];
          s += bv * ${Math.LOG2E};`:"",O=t.padding?" && key >= padB":"",L=t.bias?" && !biasHides(bv)":"",F=_e(Math.ceil(l/a)).map(w=>{let I=(w+1)*a>l;return`{
        let i = lid + ${w*a}u;
        ${I?`if (i < ${l}u) {`:"{"}
          var s = ${Ot(_e(r).map(E=>`Red[${E*u}u + i]`))};
          let key = k0 + i / ${n}u;
          let f = row0 + i % ${n}u;
          let qp = P.len - P.sq + f / P.group;
          ${M}
          ${B}
          ${x}
          Sc[i] = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp && i32(key) > i32(qp) - i32(P.window)${O}${L});
        }
      }`}).join(`
      `),W=w=>Ot(v.map(I=>`select(p${I} * v${I}_${w}, vec4<f32>(0.0), p${I} == 0.0)`)),K=b.map(w=>{let I=v.map(E=>`s${E}`);return`{
        ${v.map(E=>`let s${E} = Sc[kp * ${n}u + ${E*s*n+w}u];`).join(" ")}
        let mx = max(m${w}, ${I.reduce((E,j)=>`max(${E}, ${j})`)});
        let alpha = exp2(m${w} - mx);
        ${v.map(E=>`let p${E} = ${Te(`s${E}`,"mx")};`).join(" ")}
        l${w} = l${w} * alpha + ${Ot(v.map(E=>`p${E}`))};
        m${w} = mx;
        ${k.map(E=>`a${w}_${E} = a${w}_${E} * alpha + ${W(E)};`).join(`
        `)}
      }`}).join(`
      `),Q=b.map(w=>`{
    let mr = ${_e(s).map(I=>`Mk[${I*n+w}u]`).reduce((I,E)=>`max(${I}, ${E})`)};
    let g = exp2(m${w} - mr);
    l${w} *= g;
    ${k.map(I=>`a${w}_${I} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${w}u] = mr;
    }
  }`).join(`
  `),R=_e(s).map(w=>`if (kp == ${w}u) {
    ${b.flatMap(I=>k.map(E=>{let j=`${I*c}u + lr + ${E*r}u`;return w===0?`X[${j}] = a${I}_${E};`:`X[${j}] += a${I}_${E};`})).join(`
    `)}
    if (lr == 0u) {
      ${b.map(I=>w===0?`Ls[${I}u] = l${I};`:`Ls[${I}u] += l${I};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),$=_e(Math.ceil(n*c/a)).map(w=>{let I=(w+1)*a>n*c;return`{
    let e = lid + ${w*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${I?`e < ${n*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${kr(f.o,`X[e] * ${we("total")}`)};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${fo(t)}
${y?"enable f16;":""}
${uo(t).wgsl}
${ke}
var<workgroup> Red: array<f32, ${r*u}>;
var<workgroup> Sc: array<f32, ${l}>;
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

  ${T}
  ${C}

  // This split's keys (of those from the first visible one), cut at the last
  // one any row of the block sees and after the padding (uniform per workgroup).
  ${t.padding?"let padB = PD[b];":""}
  let kSplit = P.first + split * P.keysPerSplit;
  let kBegin = ${t.padding?"max(kSplit, padB)":"kSplit"};
  let lastRow = min(row0 + ${n}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kSplit + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${h}u) {
      ${D}
    workgroupBarrier();
      ${F}
    workgroupBarrier();
      ${K}
  }

  if (lr == 0u) {
    ${b.map(w=>`Mk[kp * ${n}u + ${w}u] = m${w};`).join(" ")}
  }
  workgroupBarrier();
  ${Q}
  ${R}
  ${$}
}
`}function yr(t,e){let o=t/4;return`// ${ho(t,e)}
${e==="f16"?"enable f16;":""}
${lo(e).wgsl}
${ke}
@compute @workgroup_size(${lt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${lt}u + lid;
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${kr(e,`acc * ${we("total")}`)};
}
`}function pe(t,e,o,r=4){let s=Math.max(16,o.minStorageBufferOffsetAlignment),i=Math.floor(t*r/s)*s,n=Math.max(4,Math.ceil((e*r-i)/4)*4);return{offset:i,size:n,base:i/r}}function ie(t,e){return t.size<=e.maxStorageBufferBindingSize}function Ee(t,e,o,r){let s=[],i=0;for(;i<t;){let n=Math.min(t-i,e);if(!o(i,1))throw r(i);let a=1,c=n;if(o(i,c))a=c;else for(;c-a>1;){let l=Math.floor((a+c)/2);o(i,l)?a=l:c=l}s.push([i,a]),i+=a}return s}function ge(t,e){let o=e.maxComputeWorkgroupsPerDimension;if(t<=o)return[Math.max(1,t),1];let r=Math.ceil(t/o);if(r>o)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${o} x ${o}, the device's 2-D grid limit`);return[Math.ceil(t/r),r]}function Fe(t,e){let o=e.maxComputeWorkgroupsPerDimension;return o*o*t}var Se=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function Ao(t){let e=[t.q,t.k,t.v,t.o];return e.every(o=>o==="f32")?"":`:${e.join("")}`}var Xs={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32",window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"};function po(t){let e=t.elements??Se;return ae({name:"flash",uniforms:Xs,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<vec4<${e.k}>>`),v:G("V",`array<vec4<${e.v}>>`),o:ee("O",`array<vec4<${e.o}>>`),table:t.rope?G("T","array<vec2<f32>>"):null,slopes:t.alibi?G("SL","array<f32>"):null,sinks:t.sinks?G("SK","array<f32>"):null,padding:t.padding?G("PD","array<u32>"):null,bias:t.bias?G("BI","array<f32>"):null}})}function go(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${o}:alibi=${t.alibi}`+Ao(t.elements??Se)+Rt(t)}function Le(t){return Array.from({length:t},(e,o)=>o)}function Er(t){let e=t.tiles,o=e.headDim/4,r=e.workgroup,s=e.br,i=e.bc,n=o+(e.pad?1:0),a=e.sharedKV?n:o,c=i+1,l=i/e.tn,u=o/e.od4,h=e.sharedKV?"Ks":"Vs",f=t.elements??Se,A=ce("Q",f.q),d=ce("K",f.k),m=ce("V",f.v),y=[f.q,f.k,f.v,f.o].includes("f16"),b=(g,P)=>`for (var e = lid; e < ${g*o}u; e += ${r}u) {
    let r = e / ${o}u;
    let c = e % ${o}u;
    ${P("r","c")}
  }`,k=t.rope?ye(t.rope,A,"base","c","P.qTab + b * P.qTabB + pos"):"",v=t.rope?ye(t.rope,d,"base","c","P.kTab + b * P.kTabB + key"):"",q=b(s,(g,P)=>`let flat = row0 + ${g};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${A(`base + ${P}`)};
      ${k}
    }
    Qs[${g} * ${n}u + ${P}] = x * P.scale2;`),T=b(i,(g,P)=>`let key = k0 + ${g};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${d(`base + ${P}`)};
      ${v}
    }
    Ks[${g} * ${n}u + ${P}] = x;`),C=(g,P)=>`b * P.vB + kvh * P.vH + ${g} * P.vS - P.vOff + ${P}`,D=b(i,(g,P)=>`let key = k0 + ${g};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${m(C("key",P))};
    }
    let bad = isNan4(x);
    if (any(bad)) {
      atomicMax(&NanTile, kt + 1u);
    }
    ${h}[${g} * ${a}u + ${P}] = select(x, vec4<f32>(0.0), bad);`),_=Le(e.tm),M=Le(e.tn),B=Le(e.om),x=Le(e.od4),O=_.flatMap(g=>M.map(P=>`var s${g}_${P} = 0.0;`)).join(" "),L=Le(o).map(g=>{let P=_.map(z=>`let q${z} = Qs[qr${z} + ${g}u];`).join(" "),H=M.map(z=>`let k${z} = Ks[kr${z} + ${g}u];`).join(" "),X=_.flatMap(z=>M.map(V=>`s${z}_${V} += dot(q${z}, k${V});`)).join(" ");return`{ ${P} ${H} ${X} }`}).join(`
      `),F=_.flatMap(g=>M.map(P=>{let H=`s${g}_${P}`,X=t.softcap?`${H} = capped(${H}, P.cap2);
      `:"",z=t.alibi?` - sl${g} * f32(abs(qp${g} - i32(key${P})))`:"",V=t.bias?`let b${g}_${P} = BI[br${g} + min(key${P}, P.sk - 1u)];
      `:"",re=t.bias?` + b${g}_${P} * ${Math.LOG2E}`:"",me=t.padding?` && key${P} >= padB`:"",be=t.bias?` && !biasHides(b${g}_${P})`:"";return`${X}${V}${H} = select(${-1e30}, ${H}${z}${re}, ok${g} && key${P} < P.sk && (P.causal == 0u || i32(key${P}) <= qp${g}) && i32(key${P}) > qp${g} - i32(P.window)${me}${be});`})).join(`
      `),W=_.map(g=>`Mx[(tr * ${e.tm}u + ${g}u) * ${l}u + tc] = max(${M.map(P=>`s${g}_${P}`).reduce((P,H)=>`max(${P}, ${H})`)}, ${-1e30});`).join(`
      `),K=(g,P)=>`let ${P} = ${Le(l).map(H=>`Mx[${g} * ${l}u + ${H}u]`).reduce((H,X)=>`max(${H}, ${X})`)};`,Q=_.map(g=>{let P=`(tr * ${e.tm}u + ${g}u)`,H=M.map(X=>`let p${X} = ${Te(`s${g}_${X}`,"tmax")};
        Ps[${P} * ${c}u + tc + ${X*l}u] = p${X};`).join(`
        `);return`{
        ${K(P,"tmax")}
        ${H}
        Sm[${P} * ${l}u + tc] = ${M.map(X=>`p${X}`).join(" + ")};
      }`}).join(`
      `),R=B.flatMap(g=>x.map(P=>`var o${g}_${P} = vec4<f32>(0.0);`)).join(" "),$=B.map(g=>t.sinks?`var m${g} = SK[kvh * P.group + (row0 + orow${g}) % P.group]; var l${g} = 1.0;`:`var m${g} = ${-1e30}; var l${g} = 0.0;`).join(" "),w=B.map(g=>{let P=`orow${g}`;return`{
        ${K(P,"tmax")}
        let tsum = ${Le(l).map(H=>`Sm[${P} * ${l}u + ${H}u]`).join(" + ")};
        let mnew = max(m${g}, tmax);
        let alpha = exp2(m${g} - mnew);
        beta${g} = exp2(tmax - mnew);
        l${g} = l${g} * alpha + tsum * beta${g};
        m${g} = mnew;
        ${x.map(H=>`o${g}_${H} *= alpha;`).join(" ")}
      }`}).join(`
      `),I=`if (atomicLoad(&NanTile) == kt + 1u) {
        for (var kk = 0u; kk < ${i}u; kk++) {
          let key = k0 + kk;
          if (key < P.sk) {
            ${x.map(g=>`let v${g} = ${m(C("key",`oc + ${g*u}u`))};`).join(" ")}
            ${B.map(g=>`{
              let seen = vec4<bool>(Ps[orow${g} * ${c}u + kk] > 0.0);
              ${x.map(P=>`o${g}_${P} = select(o${g}_${P}, v${P}, isNan4(v${P}) & seen);`).join(" ")}
            }`).join(`
            `)}
          }
        }
      }`,E=Le(i).map(g=>{let P=B.map(z=>`let p${z} = Ps[orow${z} * ${c}u + ${g}u] * beta${z};`).join(" "),H=x.map(z=>`let v${z} = ${h}[${g*a}u + oc + ${z*u}u];`).join(" "),X=B.flatMap(z=>x.map(V=>`o${z}_${V} += p${z} * v${V};`)).join(" ");return`{ ${P} ${H} ${X} }`}).join(`
      `),j=B.map(g=>`{
    let flat = row0 + orow${g};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = ${we(`l${g}`)};
      ${x.map(P=>f.o==="f32"?`O[base + ${P*u}u] = o${g}_${P} * inv;`:`O[base + ${P*u}u] = vec4<f16>(o${g}_${P} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),N=_.map(g=>`let flat${g} = row0 + tr * ${e.tm}u + ${g}u;
  let pos${g} = flat${g} / P.group;
  let ok${g} = pos${g} < P.sq;
  let qp${g} = i32(pos${g}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${g} = SL[kvh * P.group + flat${g} % P.group];`:""}${t.bias?`
  let br${g} = b * P.bB + (kvh * P.group + flat${g} % P.group) * P.bH + min(pos${g}, P.sq - 1u) * P.bS;`:""}`).join(`
  `);return`// ${go(t)}
${y?"enable f16;":""}
${po(t).wgsl}
${ke}
var<workgroup> Qs: array<vec4<f32>, ${s*n}>;
var<workgroup> Ks: array<vec4<f32>, ${i*n}>;
${e.sharedKV?"":`var<workgroup> Vs: array<vec4<f32>, ${i*o}>;`}
var<workgroup> Ps: array<f32, ${s*c}>;
var<workgroup> Mx: array<f32, ${s*l}>;
var<workgroup> Sm: array<f32, ${s*l}>;
var<workgroup> NanTile: atomic<u32>;

@compute @workgroup_size(${r})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // Tiles run last-first: under a causal mask the longest ones start first.
  let tile = P.numTiles - 1u - (P.tileBase + wid.x);
  let unit = P.unitBase + wid.y;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let row0 = tile * ${s}u;

  ${q}

  let tr = lid / ${l}u;
  let tc = lid % ${l}u;
  ${_.map(g=>`let qr${g} = (tr * ${e.tm}u + ${g}u) * ${n}u;`).join(" ")}
  ${M.map(g=>`let kr${g} = (tc + ${g*l}u) * ${n}u;`).join(" ")}
  ${N}
  let orr = lid / ${u}u;
  let oc = lid % ${u}u;
  ${B.map(g=>`let orow${g} = orr * ${e.om}u + ${g}u;`).join(" ")}
  ${R}
  ${$}
  ${B.map(g=>`var beta${g} = 0.0;`).join(" ")}

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
    ${T}
    ${e.sharedKV?"":D}
    workgroupBarrier();
    {
      ${O}
      ${L}
      ${M.map(g=>`let key${g} = k0 + tc + ${g*l}u;`).join(" ")}
      ${F}
      ${W}
      workgroupBarrier();
      ${Q}
    }
    ${e.sharedKV?D:""}
    workgroupBarrier();
    {
      ${w}
      ${E}
      ${I}
    }
    workgroupBarrier();
  }

  ${j}
}
`}var Js=32*1024*1024,Zs=1024;function en(t,e){return qt(`rope-table|${e}`,t)}function Ir(t,e,o){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${o} bytes; rotate in smaller batches`)}function Ie(t,e,o,r){let s=e.invFreq.length*8,i=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize);if(r.every(h=>h.positions.kind==="range")){let h=r.map(b=>b.positions.start),f=Math.min(...h),A=Math.max(...r.map((b,k)=>h[k]+b.seq)),d=Zs;for(;d<A;)d*=2;if(d*s<=Math.min(Js,i)){let b=en(e,o),k=t.cached(b,()=>null);if(!k||k.rows<A){let v=Bt(e,{start:0,count:d},o);k={rows:d,buffer:t.upload(v,"rope table")},t.setCached(b,k)}return{buffer:k.buffer,temp:!1,sides:h.map(v=>({tab:v,tabB:0}))}}let m=Math.max(1,A-f);if(m*s>i)throw Ir(m,m*s,i);let y=Bt(e,{start:f,count:m},o);return{buffer:t.upload(y,"rope table"),temp:!0,sides:h.map(b=>({tab:b-f,tabB:0}))}}let n=[],a=[],c=0;for(let h of r){let f=h.positions,A=f.kind==="list"?f.list:Float64Array.from({length:h.seq},(d,m)=>f.start+m);a.push({tab:c,tabB:f.kind==="list"&&f.perBatch?h.seq:0}),n.push(A),c+=A.length}let l=new Float64Array(Math.max(1,c)),u=0;for(let h of n)l.set(h,u),u+=h.length;if(l.length*s>i)throw Ir(l.length,l.length*s,i);return{buffer:t.upload(Bt(e,l,o),"rope table"),temp:!0,sides:a}}function Br(t,e,o=Se){let r=or(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!r)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:ro}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function mo(t,e,o){let r=null,s=null,i=null;if(e.sinks&&(r=t.upload(Float32Array.from(e.sinks,n=>n*Math.LOG2E),"sinks"),o.push(r)),e.leftPadding&&(s=t.upload(e.leftPadding,"left padding"),o.push(s)),e.bias){let n=e.bias.data.byteLength,a=t.limits.maxStorageBufferBindingSize;if(n>a)throw new RangeError(`Invalid bias: its ${n} bytes exceed the device's storage binding limit of ${a} bytes (maxStorageBufferBindingSize); broadcast it over batch or heads, or split the call`);i=t.upload(e.bias.data,"bias"),o.push(i)}return{sinks:r,padding:s,bias:i}}function $o(t){return{...t.sinks?{sinks:{buffer:t.sinks}}:{},...t.padding?{padding:{buffer:t.padding}}:{},...t.bias?{bias:{buffer:t.bias}}:{}}}function Pr(t,e){return t.pipeline(go(e),()=>Er(e))}function vr(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function xr(t,e,o,r,s){let{batch:i,kvHeads:n,group:a,qSeq:c,kSeq:l,headDim:u}=e,h={dispatches:[],temps:[]};if(i===0||c===0||l===0)return h;let f=t.limits,A=e.qStrides,d=e.kStrides,m=i*n,y=o.elements??Se,b=Q=>Q==="f16"?2:4,k=(Q,R,$=b(y.q))=>{let[w,I]=[Math.floor(Q/n),Q%n],E=Q+R-1,[j,N]=[Math.floor(E/n),E%n],g=w*A.batch+I*a*A.heads,P=j*A.batch+(N*a+a-1)*A.heads+(c-1)*A.seq+u;return pe(g,P,f,$)},v=(Q,R)=>k(Q,R,b(y.o)),q=(Q,R,$=b(y.k))=>{let w=Q+R-1,I=Math.floor(Q/n)*d.batch+Q%n*d.heads,E=Math.floor(w/n)*d.batch+w%n*d.heads+(l-1)*d.seq+u;return pe(I,E,f,$)},T=(Q,R)=>q(Q,R,b(y.v)),C=(Q,R)=>(b(y.q)>=b(y.o)?k:v)(Q,R),D=(Q,R)=>(b(y.k)>=b(y.v)?q:T)(Q,R),_=Ee(m,f.maxComputeWorkgroupsPerDimension,(Q,R)=>ie(C(Q,R),f)&&ie(D(Q,R),f),Q=>{let R=C(Q,1);return ie(R,f)?vr("k and v",D(Q,1).size,f.maxStorageBufferBindingSize):vr("q and the output",R.size,f.maxStorageBufferBindingSize)}),M=null;e.rope&&(M=Ie(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:l}]),M.temp&&h.temps.push(M.buffer));let B=null;e.alibi&&(B=t.upload(e.alibi.map(Q=>Q*Math.LOG2E),"alibi slopes"),h.temps.push(B));let x=mo(t,e,h.temps),O=e.bias,L=o.tiles,F=Math.ceil(c*a/L.br),W=f.maxComputeWorkgroupsPerDimension,K=po(o);for(let[Q,R]of _){let $=k(Q,R),w=q(Q,R),I=T(Q,R),E=v(Q,R);for(let j=0;j<F;j+=W){let N={sq:c,sk:l,group:a,kvHeads:n,causal:e.causal?1:0,numTiles:F,tileBase:j,unitBase:Q,qB:A.batch/4,qH:A.heads/4,qS:A.seq/4,qOff:$.base/4,kB:d.batch/4,kH:d.heads/4,kS:d.seq/4,kOff:w.base/4,vB:d.batch/4,vH:d.heads/4,vS:d.seq/4,vOff:I.base/4,oB:A.batch/4,oH:A.heads/4,oS:A.seq/4,oOff:E.base/4,qTab:M?.sides[0]?.tab??0,qTabB:M?.sides[0]?.tabB??0,kTab:M?.sides[1]?.tab??0,kTabB:M?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E,window:e.window===null?1073741824:Math.min(e.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:O?.batchStride??0,bH:O?.headStride??0,bS:O?.rowStride??0},g=t.bind(r,K,N,{q:{buffer:s.q,offset:$.offset,size:$.size},k:{buffer:s.k,offset:w.offset,size:w.size},v:{buffer:s.v,offset:I.offset,size:I.size},o:{buffer:s.o,offset:E.offset,size:E.size},...M?{table:{buffer:M.buffer}}:{},...B?{slopes:{buffer:B}}:{},...$o(x)},h.temps),[P]=ge(Math.min(W,F-j),f);h.dispatches.push({pipeline:r,bindGroup:g,grid:[P,R,1]})}}return h}function Sr(t,e,o){let r=e.group*e.qSeq,s=mr(e.headDim,r,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function qr(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(fo(e),()=>wr(e)),t.pipeline(ho(o,r),()=>yr(o,r))])}function Cr(t,e,o,r,s,i=!1){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,n);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (${i?`the ${r} keys of the window`:`the cache length ${r}`}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return ut(r,e.splits)}let a=Math.ceil(e.group*e.qSeq/o.tiles.rb);return $r(r,e.batch*e.kvHeads*a,s,n)}function ht(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function Qr(t,e,o,r,s,i,n,a){let c={dispatches:[],temps:[]},[l,u]=r,h=t.limits,{kvHeads:f,group:A,qSeq:d,headDim:m}=e,y=m/4,b=A*d,k=o.tiles,v=Math.ceil(b/k.rb),{splits:q,keysPerSplit:T}=i,C=q===1,D=e.qStrides,_=o.elements.q==="f16"?2:4,M=o.elements.o==="f16"?2:4,B=($,w,I)=>{let E=(P,H)=>Math.floor(P/f)*D.batch+H*D.heads,j=$+w-1,N=E($,$%f*A),g=E(j,j%f*A+A-1)+(d-1)*D.seq+m;return pe(N,g,h,I)},x=$=>$*b*q*(y+1)*16,O=null;e.rope&&(O=Ie(t,e.rope.frequencies,e.rope.angles,[{positions:ht(e,s.length),seq:d}]),O.temp&&c.temps.push(O.buffer));let L=null;e.alibi&&(L=t.upload(e.alibi.map($=>$*Math.LOG2E),"alibi slopes"),c.temps.push(L));let F=mo(t,{...e,bias:a.bias},c.temps),W=h.maxComputeWorkgroupsPerDimension,K=uo(o),Q=lo(o.elements.o),R=Math.max(1,Math.floor(Fe(lt,h)/(b*y)));for(let $ of s.chunks){let w=Ee($.n,Math.min(W,R),(I,E)=>ie(B($.u0+I,E,_),h)&&ie(B($.u0+I,E,M),h)&&(C||x(E)<=h.maxStorageBufferBindingSize),I=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${B($.u0+I,1,Math.max(_,M)).size} bytes or their ${q} partial outputs ${x(1)} bytes, more than maxStorageBufferBindingSize (${h.maxStorageBufferBindingSize} bytes)`));for(let[I,E]of w){let j=$.u0+I,N=B(j,E,_),g=B(j,E,M),P=E*b*q*y,H=C?t.dummy():t.scratch(x(E)),X={sq:d,group:A,rows:b,kvHeads:f,len:s.length,first:a.first,slots:s.slots,nsplit:q,keysPerSplit:T,unitBase:j,chunkBase:$.u0,direct:C?1:0,statsOff:P,qB:D.batch/4,qH:D.heads/4,qS:D.seq/4,qOff:N.base/4,oB:D.batch/4,oH:D.heads/4,oS:D.seq/4,oOff:g.base/4,tab:O?.sides[0]?.tab??0,tabB:O?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E,window:a.window===null?1073741824:Math.min(a.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:a.bias?.batchStride??0,bH:a.bias?.headStride??0,bS:a.bias?.rowStride??0};if(c.dispatches.push({pipeline:l,bindGroup:t.bind(l,K,X,{q:{buffer:n.q,offset:N.offset,size:N.size},k:{buffer:$.k},v:{buffer:$.v},o:{buffer:n.o,offset:g.offset,size:g.size},w:{buffer:H},...O?{table:{buffer:O.buffer}}:{},...L?{slopes:{buffer:L}}:{},...$o(F)},c.temps),grid:[q,E,v]}),C)continue;let z=E*b*y,[V,re]=ge(Math.ceil(z/lt),h),me={items:z,nsplit:q,rows:b,group:A,kvHeads:f,unitBase:j,statsOff:P,gridX:V,oB:D.batch/4,oH:D.heads/4,oS:D.seq/4,oOff:g.base/4};c.dispatches.push({pipeline:u,bindGroup:t.bind(u,Q,me,{w:{buffer:H},o:{buffer:n.o,offset:g.offset,size:g.size}},c.temps),grid:[V,re,1]})}}return c}function tn(t){if(t.window!==null)return null;let{relaxed:e,plain:o}=to(),r=e?new Ge(e,"relaxed-simd"):o?new Ge(o,"simd"):new st,s=t.headDim+7&-8,i=(t.slots+7&-8)*s,n=t.batch*t.kvHeads*i,a=nt,c=a+n,l=c+n;if(l*4>2**31)return null;try{r.reserve(l)}catch{return null}return{kernel:r,dp:s,kAt:a,vAt:c,headFloats:i,end:l}}var At=class extends Je{precision="f32";#e;#o;#t;constructor(e,o,r){super(e,o,r);let s=r.batch*r.kvHeads*r.slots*r.headDim;this.#e=new Float32Array(s),this.#o=new Float32Array(s),this.#t=tn(r)}append(e,o,r={}){try{this.live();let s=U("k",e,this.owner),i=U("v",o,this.owner);return this.write(Xe(this,s,i,r),s,i),Promise.resolve()}catch(s){return Promise.reject(s)}}write(e,o,r){let{slot:s,skip:i,commit:n}=this.reserve(e),a=Dr(o);e.rope&&(a=Ae(a,e.rope.frequencies,{layout:e.layout,pairing:e.rope.pairing,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:s}}));let c=Dr(r),l=this.headDim,u=e.strides;for(let h=0;h<this.batch;h++)for(let f=0;f<this.kvHeads;f++)for(let A=i;A<e.n;A++){let d=h*u.batch+f*u.heads+A*u.seq,m=((h*this.kvHeads+f)*this.slots+(s+A)%this.slots)*l;this.#e.set(a.data.subarray(d,d+l),m),this.#o.set(c.data.subarray(d,d+l),m)}this.#r(s,e.n),n()}#r(e,o){let r=this.#t;if(r===null)return;let{dp:s,headFloats:i}=r,n=this.headDim,a=r.kernel.reserve(r.end);for(let c=0;c<this.batch*this.kvHeads;c++){let l=r.kAt+c*i,u=r.vAt+c*i;for(let h=e;h<e+o;h++){let f=(c*this.slots+h)*n,A=l+(h>>3)*s*8+(h&7);for(let d=0;d<n;d++)a[A+8*d]=this.#e[f+d];for(let d=n;d<s;d++)a[A+8*d]=0;a.set(this.#o.subarray(f,f+n),u+h*s),a.fill(0,u+h*s+n,u+(h+1)*s)}}}tensors(e,o=!1,r=this.held().count){let{batch:s,kvHeads:i,headDim:n,slots:a}=this,c=r,l=this.length-c,u=Object.freeze(e==="bhsd"?[s,i,c,n]:[s,c,i,n]),h,f;if(!o&&e==="bhsd"&&c===a&&this.window===null)h=this.#e,f=this.#o;else{h=new Float32Array(s*i*c*n),f=new Float32Array(h.length);for(let d=0;d<s;d++)for(let m=0;m<i;m++){let y=(d*i+m)*a*n;if(e==="bhsd"&&this.window===null){let b=(d*i+m)*c*n;h.set(this.#e.subarray(y,y+c*n),b),f.set(this.#o.subarray(y,y+c*n),b);continue}for(let b=0;b<c;b++){let k=y+(l+b)%a*n,v=e==="bhsd"?((d*i+m)*c+b)*n:((d*c+b)*i+m)*n;h.set(this.#e.subarray(k,k+n),v),f.set(this.#o.subarray(k,k+n),v)}}}let A=this.#t;if(!o&&A!==null){let d={kernel:A.kernel,batch:s,kvHeads:i,headDim:n,length:c,kAt:A.kAt,vAt:A.vAt,headFloats:A.headFloats,end:A.end};Zo(h,d)}return{k:{shape:u,data:h},v:{shape:u,data:f}}}download(){try{this.live();let e=Math.min(this.length,this.window??1/0);return Promise.resolve(this.tensors("bhsd",!0,e))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function Dr(t){return t instanceof J?t.host:t}var on=1<<23;function rn(t,e){let o=t.batch*t.kvHeads,r=Math.min(e,o),s=[];for(let i=0;i<r;i++){let n=Math.floor(i*o/r),a=Math.floor((i+1)*o/r),c=[];for(let l=n;l<a;){let u=Math.floor(l/t.kvHeads),h=l%t.kvHeads,f=Math.min(t.kvHeads,h+(a-l));c.push({batch:u,kv0:h,kv1:f}),l+=f-h}s.push(c)}return s}function Mr(t,e){let o=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return t.bias===null&&e>1&&t.batch*t.kvHeads>1&&o>=on}function bo(t,e,o,r,s,i,n){let a=new Float32Array((s-r)*i*n),c=0;for(let l=r;l<s;l++){let u=o*e.batch+l*e.heads;if(e.seq===n){a.set(t.subarray(u,u+i*n),c),c+=i*n;continue}for(let h=0;h<i;h++,c+=n){let f=u+h*e.seq;a.set(t.subarray(f,f+n),c)}}return a}function sn(t,e,o){if(!t.rope)return[e,o];let{frequencies:r,pairing:s,angles:i,layout:n}={...t.rope,layout:t.layout};return[Ae(e,r,{layout:n,pairing:s,angles:i,positions:t.rope.query}),Ae(o,r,{layout:n,pairing:s,angles:i,positions:t.rope.key})]}function nn(t,e,o,r,s){let{group:i,qSeq:n,kSeq:a,headDim:c}=t,{batch:l,kv0:u,kv1:h}=e;return{q:bo(o.data,t.qStrides,l,u*i,h*i,n,c),k:bo(r.data,t.kStrides,l,u,h,a,c),v:bo(s.data,t.kStrides,l,u,h,a,c),alibi:t.alibi?t.alibi.slice(u*i,h*i):null,sinks:t.sinks?t.sinks.slice(u*i,h*i):null,pad:t.leftPadding?t.leftPadding[l]:null}}function an(t,e,o,r){let{group:s,qSeq:i,headDim:n,qStrides:a}=t,c=0;for(let l=e.kv0*s;l<e.kv1*s;l++){let u=e.batch*a.batch+l*a.heads;if(a.seq===n){r.set(o.subarray(c,c+i*n),u),c+=i*n;continue}for(let h=0;h<i;h++,c+=n)r.set(o.subarray(c,c+n),u+h*a.seq)}}function cn(t){let e=[];for(let o of t)e.push(o.q.buffer,o.k.buffer,o.v.buffer),o.alibi&&e.push(o.alibi.buffer),o.sinks&&e.push(o.sinks.buffer);return e}var ko=class{#e;#o=new Map;#t=null;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let o=e.data,r=this.#o.get(o.id);r&&(this.#o.delete(o.id),"error"in o?r.reject(new Error(`A CPU attention worker failed: ${o.error}`)):r.resolve(o.outputs))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#t}run(e){return this.#t?Promise.reject(new Error(this.#t)):new Promise((o,r)=>{this.#o.set(e.id,{resolve:o,reject:r}),this.#e.postMessage(e,cn(e.pieces))})}fail(e){if(!this.#t){this.#t=e,this.#e.terminate();for(let o of this.#o.values())o.reject(new Error(e));this.#o.clear()}}},Tt=class{#e;#o=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,o,r,s){let[i,n]=sn(e,o,r),a=new Float32Array(o.data.length),c=Object.freeze([...o.shape]),[l,...u]=rn(e,this.#e.length+1),h={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale,window:e.window,softcap:e.softcap},f=u.map((A,d)=>{let m=this.#e[d];(!m||m.failure)&&(m=this.#e[d]=new ko);let y={id:this.#o++,...h,pieces:A.map(b=>nn(e,b,i,n,s))};return m.run(y).then(b=>{A.forEach((k,v)=>an(e,k,b[v],a))})});return Re({...e,rope:null},i,n,s,void 0,{ranges:l,into:a}),await Promise.all(f),{shape:c,data:a}}destroy(e){for(let o of this.#e)o?.fail(e);this.#e.fill(void 0)}};function un(t,e){if(e===0)return t;let[o,r,s,i]=t.shape,n=i-e,a=new Float32Array(o*r*s*n);for(let c=0;c<o*r*s;c++)a.set(t.data.subarray(c*i+e,(c+1)*i),c*n);return{shape:[o,r,s,n],data:a}}var _t=class extends Ze{info;cacheClass=At;#e=!1;#o;#t=null;constructor(e,o=1){super(),this.#o=o,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:o})}failure(){return this.#e?ct:null}#r(e){return e instanceof J?e.host:e}#s(e,o){return e instanceof J?new J(this,o.shape,o.data,this.alive):o}elementsOf(){return Se}async runAttention(e){let{plan:o}=e,[r,s,i]=[this.#r(e.q),this.#r(e.k),this.#r(e.v)];return Mr(o,this.#o)?(this.#t??=new Tt(this.#o-1),this.#s(e.q,await this.#t.attention(o,r,s,i))):this.#s(e.q,Re(o,r,s,i))}async timeAttention(e,o,r,s){let[i,n,a]=e.args,{iterations:c,warmup:l,...u}=s;r&&await this.attention(i,n,a,u);let h=performance.now();for(let f=0;f<o;f++)await this.attention(i,n,a,u);return{seconds:(performance.now()-h)/1e3/o,iterations:o,source:"wall-clock"}}runRope(e){let{x:o,call:r,inPlace:s}=e,i=this.#r(o),n=Ae(i,r.frequencies,{layout:r.layout,pairing:r.pairing,angles:r.angles,positions:r.positions});return s?(i.data.set(n.data),Promise.resolve(o)):Promise.resolve(this.#s(o,n))}store(e){return new J(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new At(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){return Promise.resolve(this.#s(e.q,this.#n(e)))}#n(e){let{plan:o,cache:r}=e,s=Dt(o,r.length,r.ropeState,r.window),i=this.#r(e.q);o.rope&&(i=Ae(i,o.rope.frequencies,{layout:o.layout,pairing:o.rope.pairing,angles:o.rope.angles,positions:ht(o,r.length)}));let{k:n,v:a}=r.tensors(o.layout),c=r.held().first,l=Me(i,n,a,{layout:o.layout,causal:!0,scale:o.scale,...o.alibi?{alibiSlopes:o.alibi}:{},...s.window!==null?{slidingWindow:s.window}:{},...o.sinks?{sinks:o.sinks}:{},...o.softcap!==null?{softcap:o.softcap}:{},...o.leftPadding?{leftPadding:Array.from(o.leftPadding,u=>Math.min(Math.max(0,u-c),r.length-c))}:{},...o.bias?{bias:un(o.bias,c)}:{}});return Re(l,i,n,a)}async timeDecode(e,o,r,s){let i=e.arg,{iterations:n,warmup:a,...c}=s;r&&await this.decode(i,e.cache,c);let l=performance.now();for(let u=0;u<o;u++)await this.decode(i,e.cache,c);return{seconds:(performance.now()-l)/1e3/o,iterations:o,source:"wall-clock",splits:1}}recordedOutput(e,o,r){let s=e.reduce((i,n)=>i*n,1);return new J(this,e,new Float32Array(s),this.alive).awaitRecording(r)}decodeElement(){return"f32"}runRecording(e,o){let r=[];try{this.live();for(let s of e)this.#a(s,o);for(let s of e)if(s.kind==="attention"){let{plan:i}=s.call,[n,a,c]=[this.#r(s.call.q),this.#r(s.call.k),this.#r(s.call.v)];s.output.host.data.set(Re(i,n,a,c).data)}else if(s.kind==="rope"){let{x:i,call:n,inPlace:a}=s.request,c=a?i.host.data:s.output.host.data;if(a){let l=c.slice();r.push(()=>c.set(l))}c.set(Ae(this.#r(i),n.frequencies,{layout:n.layout,pairing:n.pairing,angles:n.angles,positions:n.positions}).data)}else s.kind==="append"?(r.push(s.call.cache.snapshot()),s.call.cache.write(s.call.plan,s.call.k,s.call.v)):s.output.host.data.set(this.#n(s.call).data);return Promise.resolve()}catch(s){for(let i of r.reverse())i();return Promise.reject(s)}}#a(e,o){e.kind==="attention"?this.checkOperands(e.call.args,o):e.kind==="rope"?U("x",e.request.arg,this,o):e.kind==="append"?(e.call.cache.live(),U("k",e.call.args[0],this,o),U("v",e.call.args[1],this,o)):(e.call.cache.live(),U("q",e.call.arg,this,o))}destroy(){this.#e=!0,this.#t?.destroy(`This GpuAttention cannot be used: ${ct}`),this.#t=null}};var Rr="a multiple of 4 from 16 to 256";function ln(t){let e=(t.headDim/4+(t.pad?1:0))*16,o=t.br*e,r=t.kv==="shared"?t.bc*e:t.bc*e*(t.doubleV?3:2),s=t.bc*(t.br+Math.min(t.tm,4))*4,i=t.br*(t.bc/t.tn)*4,n=t.doubleV?8:4;return o+r+s+i+n}function Or(t){return Math.ceil(t.bc*t.headDim/4/t.workgroup)}function fn(t){let e=t.tm*t.tn+4*t.tm*t.od4,o=4*(t.tm+t.tn),r=Or(t),s=t.prefetch?t.kv==="shared"?4*r:8*r:0;return e+o+s+3*t.tm+24}function hn(t){let e=t.headDim/4,o=t.bc/t.tn,r=Math.min(t.tm,4),s=2*t.tm*t.tn*t.headDim,i=(t.tm+t.tn)*e+t.bc*(t.tm/r+t.od4),n=t.tm*t.tn*8+t.tm*(o+8)+4*t.tm*t.od4,a=Or(t)*2*4,c=t.kv==="split"&&t.doubleV?3:4,u=(t.prefetch?0:t.kv==="shared"?2:1)*400/Math.max(1,t.workgroup/32),h=c*(20+t.workgroup/8);return s/(s+i+n+a+u+h)}function wo(t,e){return t%e===0}function An(t,e,o=256){if(!Number.isInteger(t)||t%4!==0||t<16||t>256)return[];let r=t/4,s=Qe[e],i=[];for(let n of[64,128,256])if(!(n>o))for(let a of[1,2,4,8,16,32]){if(!wo(r,a)||!wo(n,a))continue;let c=r/a;for(let l of[1,2,4,8]){let u=n/a*l;if(!(u<8||u>128))for(let h of[1,2,4,8]){let f=a*h;if(!(f<8||f>64))for(let A of["shared","split"])for(let d of A==="split"?[!0,!1]:[!1])for(let m of[!0,!1])for(let y of[!0,!1]){let b={headDim:t,workgroup:n,br:u,bc:f,tm:l,tn:h,od4:c,kv:A,doubleV:d,prefetch:m,pad:y,dChunk:dn(r),kChunk:Math.min(f,32)},k=ln(b),v=fn(b);if(k>s||v>160)continue;let q={tier:e,...b,bytes:k},T=[v<=128?1:0,Math.round(hn(b)*100),f>=32?1:0,n>=128?1:0,y?1:0,-v];i.push({tiles:q,score:T})}}}}return i.sort((n,a)=>pn(a.score,n.score)),i.map(n=>n.tiles)}function dn(t){if(t<=16)return t;for(let e of[8,4,2])if(wo(t,e))return e;return 1}function Tr(t,e,o=256){return An(t,e,o)[0]}function _r(t){let e=`${t.kv}${t.doubleV?"2v":""}${t.prefetch?"+pf":""}`;return`wg${t.workgroup} ${t.br}x${t.bc} t${t.tm}x${t.tn} o${t.od4} ${e}${t.pad?" pad":""} c${t.dChunk}/${t.kChunk}`}function pn(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]-e[o];return 0}var gn={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32"};function Ft(t){let e=t.elements;return ae({name:"flash2",uniforms:gn,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<vec4<${e.k}>>`),v:G("V",`array<vec4<${e.v}>>`),o:ee("O",`array<vec4<${e.o}>>`),table:t.rope?G("T","array<vec2<f32>>"):null,slopes:t.alibi?G("SL","array<f32>"):null}})}function Lt(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash2:d${t.tiles.headDim}:${_r(t.tiles).replaceAll(" ",":")}:rope=${e}:alibi=${t.alibi}${Ao(t.elements??Se)}`}function he(t){return Array.from({length:t},(e,o)=>o)}var Fr=["x","y","z","w"];function Lr(t){let e=t.tiles,o=t.elements,r=e.headDim/4,s=e.workgroup,i=e.br,n=e.bc,a=e.tm,c=e.tn,l=e.od4,u=n/c,h=e.dChunk,f=r/h,A=e.kChunk,d=n/A,m=Math.min(a,4),y=a/m,b=m===1?"f32":`vec${m}<f32>`,k=Math.ceil(n*r/s),v=p=>(p+1)*s>n*r,q=(p,S)=>v(p)?`if (lid + ${p*s}u < ${n*r}u) {
      ${S}
    }`:S,T=i*r/s,C=e.kv==="shared",D=e.doubleV?2:1,_=ce("Q",o.q),M=ce("K",o.k),B=ce("V",o.v),x=[o.q,o.k,o.v,o.o].includes("f16"),O=he(a),L=he(c),F=he(l),W="vec4<f32>(0.0)",K=p=>f===1?"0u":p,Q=p=>d===1?"0u":p,R=he(k).map(p=>`let ldr${p} = (lid + ${p*s}u) / ${r}u; let ldc${p} = (lid + ${p*s}u) % ${r}u;
  let ldrg${p} = ${Q(`ldr${p} / ${A}u`)}; let ldrj${p} = ldr${p} % ${A}u;
  let ldcg${p} = ${K(`ldc${p} / ${h}u`)}; let ldcj${p} = ldc${p} % ${h}u;`).join(`
  `),$=(p,S,Y,oe)=>oe.map($e=>{let Be=`${S}k${$e}`,ue=p==="K"?`b * P.kB + kvh * P.kH + min(${Be}, P.sk - 1u) * P.kS - P.kOff`:`b * P.vB + kvh * P.vH + min(${Be}, P.sk - 1u) * P.vS - P.vOff`;return`let ${Be} = ${Y} + ldr${$e}; let ${S}x${$e} = ${(p==="K"?M:B)(`${ue} + ldc${$e}`)};`}).join(`
    `),w=t.rope?ye(t.rope,M,"base","c","P.kTab + b * P.kTabB + key"):"",I=(p,S,Y,oe,$e,Be="0u")=>{if(p==="V"){let ue=Y.map(Pe=>q(Pe,`${oe(Pe)} = ${S}x${Pe};`)).join(`
      `),De=Y.map(Pe=>q(Pe,`${oe(Pe)} = select(${W}, ${S}x${Pe}, ${S}k${Pe} < P.sk);`)).join(`
      `),Ps=Y.map(Pe=>`${S}x${Pe}`).join(" + ");return`if (${$e} + ${n}u <= P.sk) {
      ${ue}
    } else {
      ${De}
    }
    if (!finite4(${Ps})) {
      atomicMax(&Bad[${Be}], (${$e}) / ${n}u + 1u);
    }`}return Y.map(ue=>t.rope?q(ue,`{
      var x = ${S}x${ue};
      let key = ${S}k${ue};
      let c = ldc${ue};
      if (key < P.sk) {
        let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
        ${w}
      }
      ${oe(ue)} = x;
    }`):q(ue,`${oe(ue)} = ${S}x${ue};`)).join(`
    `)},E=p=>`Ks[ldrg${p}][ldrj${p}].g[ldcg${p}][ldcj${p}]`,j=p=>S=>C?E(S):`Vs[${D===1?`ldrg${S}`:d===1?p:`${p} * ${d}u + ldrg${S}`}][ldrj${S}].g[ldcg${S}][ldcj${S}]`,N=p=>D===2?p:"0u",g=(p,S,Y)=>{let oe=[],$e=8/p.length;for(let Be=0;Be<k;Be+=$e){let ue=he(Math.min($e,k-Be)).map(De=>Be+De);oe.push(`{
    ${p.map(De=>$(De,De==="K"?"ka":"va",S,ue)).join(`
    `)}
    ${p.map(De=>De==="K"?I("K","ka",ue,E,S):I("V","va",ue,j(Y),S,N(Y))).join(`
    `)}
  }`)}return oe.join(`
  `)},P=t.rope?ye(t.rope,_,"base","c","P.qTab + b * P.qTabB + pos"):"",H=he(T).map(p=>`{
    let e = lid + ${p*s}u;
    let r = e / ${r}u;
    let c = e % ${r}u;
    let flat = row0 + r;
    let pos = flat / P.group;
    let h = kvh * P.group + flat % P.group;
    let base = b * P.qB + h * P.qH + min(pos, P.sq - 1u) * P.qS - P.qOff;
    var x = ${_("base + c")};
    ${t.rope?`if (pos < P.sq) {
      ${P}
    }`:""}
    Qs[r].g[${K(`c / ${h}u`)}][c % ${h}u] = select(${W}, x, pos < P.sq) * P.scale2;
  }`).join(`
  `),X=(p,S,Y)=>Fr.reduce((oe,$e)=>`fma(${p}.${$e}, ${S}.${$e}, ${oe})`,Y),z=(p,S)=>`{ ${O.map(Y=>`let qv${Y} = Qs[qr${Y}].g[${p}][${S}u];`).join(" ")}
        ${L.map(Y=>`let kv${Y} = Ks[kg${Y}][kj${Y}].g[${p}][${S}u];`).join(" ")}
        ${O.flatMap(Y=>L.map(oe=>`s${Y}_${oe} = ${X(`qv${Y}`,`kv${oe}`,`s${Y}_${oe}`)};`)).join(`
        `)} }`,V=p=>he(h).map(S=>z(p,S)).join(`
      `),re=f===1?V("0u"):`for (var gd = 0u; gd < ${f}u; gd++) {
      ${V("gd")}
    }`,me=t.alibi?O.flatMap(p=>L.map(S=>`s${p}_${S} -= sl${p} * f32(abs(qp${p} - i32(ky${S})));`)).join(`
    `):"",be=O.flatMap(p=>L.map(S=>`s${p}_${S} = select(${-1e30}, s${p}_${S}, ky${S} < P.sk && (P.causal == 0u || i32(ky${S}) <= qp${p}));`)).join(`
      `),ds=O.map(p=>`Mx[qr${p}][tc] = ${L.map(S=>`s${p}_${S}`).reduce((S,Y)=>`max(${S}, ${Y})`)};`).join(`
    `),ps=p=>he(u).map(S=>`Mx[qr${p}][${S}u]`).reduce((S,Y)=>`max(${S}, ${Y})`),gs=O.map(p=>`{
      let mnew = max(mx${p}, ${ps(p)});
      let alpha = exp2(mx${p} - mnew);
      mx${p} = mnew;
      ${L.map(S=>`s${p}_${S} = ${Te(`s${p}_${S}`,"mnew")};`).join(`
      `)}
      sm${p} = sm${p} * alpha + ${L.map(S=>`s${p}_${S}`).join(" + ")};
      ${F.map(S=>`o${p}_${S} *= alpha;`).join(" ")}
    }`).join(`
    `),ms=(p,S)=>{let Y=he(m).map(oe=>`s${p*m+oe}_${S}`);return m===1?Y[0]:`${b}(${Y.join(", ")})`},$s=L.flatMap(p=>he(y).map(S=>`Pt[kg${p}][kj${p}][pr${S}] = ${ms(S,p)};`)).join(`
    `),bs=(p,S)=>C?`Ks[${p}][${S}u]`:`Vs[${D===1?p:d===1?"vb":`vb * ${d}u + ${p}`}][${S}u]`,Wt=p=>m===1?`pw${p}`:`pw${Math.floor(p/m)}.${Fr[p%m]}`,ks=(p,S)=>`{ ${he(y).map(Y=>`let pw${Y} = Pt[${p}][${S}u][pr${Y}];`).join(" ")}
        ${F.map(Y=>`let vv${Y} = ${bs(p,S)}.g[vg${Y}][vj${Y}];`).join(" ")}
        ${O.flatMap(Y=>F.map(oe=>`o${Y}_${oe} = fma(vec4<f32>(${Wt(Y)}), vv${oe}, o${Y}_${oe});`)).join(`
        `)} }`,xo=p=>he(A).map(S=>ks(p,S)).join(`
      `),ws=d===1?xo("0u"):`for (var gp = 0u; gp < ${d}u; gp++) {
      ${xo("gp")}
    }`,ys=C?"Ks[cg][cj]":`Vs[${D===1?"cg":d===1?"vb":`vb * ${d}u + cg`}][cj]`,Es=`for (var kc = 0u; kc < ${n}u; kc++) {
        let cg = kc / ${A}u;
        let cj = kc % ${A}u;
        ${he(y).map(p=>`let pw${p} = Pt[cg][cj][pr${p}];`).join(" ")}
        ${F.map(p=>`let vv${p} = ${ys}.g[vg${p}][vj${p}];`).join(" ")}
        ${O.flatMap(p=>F.map(S=>`o${p}_${S} = select(fma(vec4<f32>(${Wt(p)}), vv${S}, o${p}_${S}), o${p}_${S}, ${Wt(p)} == 0.0);`)).join(`
        `)}
      }`,Is=`if (atomicLoad(&Bad[${N("vb")}]) == kt + 1u) {
      ${Es}
    } else {
      ${ws}
    }`,de=he(k),bt="",Yt="",Ut="",Vt="",kt="",vs=!(e.kv==="split"&&e.doubleV);C&&!e.prefetch?(bt=g(["K"],"0u","0u"),Ut=g(["V"],"key0","0u"),kt=g(["K"],`key0 + ${n}u`,"0u")):C?(bt=`{
    ${$("K","ka","0u",de)}
    ${I("K","ka",de,E,"0u")}
  }`,Yt=$("V","va","key0",de),Ut=I("V","va",de,j(""),"key0","0u"),Vt=$("K","kn",`key0 + ${n}u`,de),kt=I("K","kn",de,E,`key0 + ${n}u`)):e.prefetch?(bt=`{
    ${$("K","ka","0u",de)}
    ${$("V","va","0u",de)}
    ${I("K","ka",de,E,"0u")}
    ${I("V","va",de,j("0u"),"0u",N("0u"))}
  }`,Vt=`${$("K","kn",`key0 + ${n}u`,de)}
    ${$("V","vn",`key0 + ${n}u`,de)}`,kt=`${I("K","kn",de,E,`key0 + ${n}u`)}
    ${I("V","vn",de,j("(vb ^ 1u)"),`key0 + ${n}u`,N("(vb ^ 1u)"))}`):Yt=g(["K","V"],"key0","vb");let Bs=O.map(p=>`{
    let l = ${he(u).map(S=>`Mx[qr${p}][${S}u]`).join(" + ")};
    let flat = row0 + qr${p};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff;
      let inv = ${we("l")};
      ${F.map(S=>o.o==="f32"?`O[base + vc${S}] = o${p}_${S} * inv;`:`O[base + vc${S}] = vec4<f16>(o${p}_${S} * inv);`).join(`
      `)}
    }
  }`).join(`
  `);return`// ${Lt(t)}
${x?"enable f16;":""}
${Ft(t).wgsl}
struct TileRow {
  g: array<array<vec4<f32>, ${h}>, ${f}>,${e.pad?`
  pad: vec4<f32>,`:""}
}
var<workgroup> Qs: array<TileRow, ${i}>;
var<workgroup> Ks: array<array<TileRow, ${A}>, ${d}>;
${C?"":`var<workgroup> Vs: array<array<TileRow, ${A}>, ${D*d}>;`}
var<workgroup> Pt: array<array<array<${b}, ${i/m+1}>, ${A}>, ${d}>;
var<workgroup> Mx: array<array<f32, ${u}>, ${i}>;
// Per V buffer: 1 + the last tile whose V held a NaN or an infinity (0: none).
var<workgroup> Bad: array<atomic<u32>, ${D}>;

${ke}
fn finite4(x: vec4<f32>) -> bool {
  return all((bitcast<vec4<u32>>(x) & vec4<u32>(0x7f800000u)) != vec4<u32>(0x7f800000u));
}

@compute @workgroup_size(${s})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // Tiles run last-first: under a causal mask the longest ones start first.
  let tile = P.numTiles - 1u - (P.tileBase + wid.x);
  let unit = P.unitBase + wid.y;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let row0 = tile * ${i}u;

  ${H}

  let tr = lid / ${u}u;
  let tc = lid % ${u}u;
  ${O.map(p=>`let qr${p} = tr * ${a}u + ${p}u;
  let qp${p} = i32((row0 + qr${p}) / P.group) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${p} = SL[kvh * P.group + (row0 + qr${p}) % P.group];`:""}`).join(`
  `)}
  ${L.map(p=>`let kl${p} = tc + ${p*u}u; let kg${p} = ${Q(`kl${p} / ${A}u`)}; let kj${p} = kl${p} % ${A}u;`).join(`
  `)}
  ${F.map(p=>`let vc${p} = tc + ${p*u}u; let vg${p} = ${K(`vc${p} / ${h}u`)}; let vj${p} = vc${p} % ${h}u;`).join(`
  `)}
  ${he(y).map(p=>`let pr${p} = tr * ${y}u + ${p}u;`).join(" ")}
  ${R}
  ${O.map(p=>`var mx${p} = ${-1e30}; var sm${p} = 0.0;`).join(" ")}
  ${O.flatMap(p=>F.map(S=>`var o${p}_${S} = ${W};`)).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${i}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${n-1}u) / ${n}u;
  // The first row's last visible key: tiles past it need the causal mask.
  let minQp = i32(row0 / P.group) + i32(P.sk) - i32(P.sq);
  ${bt}
  for (var kt = 0u; kt < tiles; kt++) {
    let key0 = kt * ${n}u;
    let vb = ${D===2?"kt & 1u":"0u"};
    ${Yt}
    workgroupBarrier();
    ${O.flatMap(p=>L.map(S=>`var s${p}_${S} = 0.0;`)).join(" ")}
    ${re}
    ${L.map(p=>`let ky${p} = key0 + kl${p};`).join(" ")}
    ${me}
    if (key0 + ${n}u > P.sk || (P.causal != 0u && i32(key0) + ${n-1} > minQp)) {
      ${be}
    }
    ${ds}
    workgroupBarrier();
    ${Ut}
    ${gs}
    ${$s}
    workgroupBarrier();
    ${Vt}
    ${Is}
    ${vs?"workgroupBarrier();":""}
    ${kt}
  }

  ${O.map(p=>`Mx[qr${p}][tc] = sm${p};`).join(" ")}
  workgroupBarrier();
  ${Bs}
}
`}var mn=new Set(["layout","batch","heads","kvHeads","group","qSeq","kSeq","headDim","qShape","qStrides","kStrides","causal","scale","rope","alibi"]);function $n(t){return t==null||t===!1||t===0}function bn(t,e,o,r){for(let[i,n]of Object.entries(e))if(!mn.has(i)&&!$n(n))return`the option behind plan field ${i} is not implemented by flash2`;let s=r??Tr(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);return s?{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}:`head dim ${e.headDim} has no flash2 tiles on tier ${t.tier} (${Rr}, within the tier's workgroup storage)`}function kn(t,e){return t.pipeline(Lt(e),()=>Lr(e))}function jr(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function wn(t,e,o,r,s){let{batch:i,kvHeads:n,group:a,qSeq:c,kSeq:l,headDim:u}=e,h={dispatches:[],temps:[]};if(i===0||c===0||l===0)return h;let f=t.limits,A=e.qStrides,d=e.kStrides,m=o.elements,y=B=>B==="f16"?2:4,b=(B,x,O)=>{let L=O==="q"?A:d,F=O==="q"?a:1,W=O==="q"?c:l,K=B+x-1,Q=(R,$)=>Math.floor(R/n)*L.batch+(R%n*F+$)*L.heads;return[Q(B,0),Q(K,F-1)+(W-1)*L.seq+u]},k=(B,x,O,L)=>{let[F,W]=b(B,x,O);return pe(F,W,f,y(L))},v=(B,x)=>y(B)>=y(x)?B:x,q=Ee(i*n,f.maxComputeWorkgroupsPerDimension,(B,x)=>ie(k(B,x,"q",v(m.q,m.o)),f)&&ie(k(B,x,"k",v(m.k,m.v)),f),B=>{let x=k(B,1,"q",v(m.q,m.o));return ie(x,f)?jr("k and v",k(B,1,"k",v(m.k,m.v)).size,f.maxStorageBufferBindingSize):jr("q and the output",x.size,f.maxStorageBufferBindingSize)}),T=null;e.rope&&(T=Ie(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:l}]),T.temp&&h.temps.push(T.buffer));let C=null;e.alibi&&(C=t.upload(e.alibi.map(B=>B*Math.LOG2E),"alibi slopes"),h.temps.push(C));let D=Math.ceil(c*a/o.tiles.br),_=f.maxComputeWorkgroupsPerDimension,M=Ft(o);for(let[B,x]of q){let O=k(B,x,"q",m.q),L=k(B,x,"q",m.o),F=k(B,x,"k",m.k),W=k(B,x,"k",m.v);for(let K=0;K<D;K+=_){let Q={sq:c,sk:l,group:a,kvHeads:n,causal:e.causal?1:0,numTiles:D,tileBase:K,unitBase:B,qB:A.batch/4,qH:A.heads/4,qS:A.seq/4,qOff:O.base/4,kB:d.batch/4,kH:d.heads/4,kS:d.seq/4,kOff:F.base/4,vB:d.batch/4,vH:d.heads/4,vS:d.seq/4,vOff:W.base/4,oB:A.batch/4,oH:A.heads/4,oS:A.seq/4,oOff:L.base/4,qTab:T?.sides[0]?.tab??0,qTabB:T?.sides[0]?.tabB??0,kTab:T?.sides[1]?.tab??0,kTabB:T?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},R=t.bind(r,M,Q,{q:{buffer:s.q,offset:O.offset,size:O.size},k:{buffer:s.k,offset:F.offset,size:F.size},v:{buffer:s.v,offset:W.offset,size:W.size},o:{buffer:s.o,offset:L.offset,size:L.size},...T?{table:{buffer:T.buffer}}:{},...C?{slopes:{buffer:C}}:{}},h.temps),[$]=ge(Math.min(_,D-K),f);h.dispatches.push({pipeline:r,bindGroup:R,grid:[$,x,1]})}}return h}async function Hr(t,e,o){let r=bn(t,e,o);if(typeof r=="string")return null;let s=await kn(t,r);return i=>wn(t,e,r,s,i)}var yn=128,En=16,In=8;function vn(t){let e=t.tk*(t.de+1)*16,o=t.rb*(t.headDim/4)*16,r=t.tk*t.rb*4,s=t.rb*4;return e+o+r+s}function zr(t,e,o,r,s=256){let i=o==="f16"?8:4;if(!Number.isInteger(t)||t%i!==0||t<i||t>512)return`the keys kernel reads ${o} rows in 16-byte units of ${i} dims, so it needs a head dim that is a multiple of ${i} up to 512, got ${t}`;let n=t/i,a=Math.min(yn,s);if(n>a)return`a row of ${n} load units needs more than the ${a} invocations per workgroup`;let c=Math.floor(a/n),l=c*n,u=Math.max(1,Math.min(e,In)),h=Qe[r];for(let f=u;f>=1;f--){let A;for(let d=Math.min(l,c*En);d>=c;d-=c){let m=vn({headDim:t,de:n,tk:d,rb:f});if(m>h)continue;let y=Math.ceil(f/Math.max(1,Math.floor(l/d))),b=Math.ceil(f/y),k={headDim:t,kv:o,e:i,de:n,wg:l,kg:c,tk:d,vk:d/c,rb:f,sg:b,rh:y,bytes:m};if(d%32===0||d<32)return k;A??=k}if(A)return A}return`no tile of keys fits ${h} bytes of workgroup storage (tier ${r}) at head dim ${t}`}var Bn=256,Pn=1024,xn=4;function Gr(t,e,o,r,s){let i=xn*Math.max(1,o),n=Math.ceil(t*Math.max(1,e)/i),a=Math.min(Pn,Math.max(Bn,n)),c=Math.ceil(a/s)*s,l=Math.max(1,Math.ceil(t/c));return l>r&&(l=r,c=Math.ceil(t/l)),l===1?{splits:1,keysPerSplit:Math.max(1,t)}:{splits:Math.ceil(t/c),keysPerSplit:c}}var Sn={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmaxU:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},qn={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function Nr(t){return t.kv==="f16"?"vec4<u32>":"vec4<f32>"}function yo(t){let e=t.elements,o=Nr(t.tiles);return ae({name:"decode keys",uniforms:Sn,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<${o}>`),v:G("V",`array<${o}>`),o:ee("O",`array<vec4<${e.o}>>`),w:ee("W","array<vec4<f32>>"),table:t.rope?G("T","array<vec2<f32>>"):null,slopes:t.alibi?G("SL","array<f32>"):null}})}function Eo(t){return ae({name:"decode keys merge",uniforms:qn,bindings:{w:G("W","array<vec4<f32>>"),o:ee("O",`array<vec4<${t}>>`)}})}function Io(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode-keys:d${e.headDim}:${e.kv}:wg${e.wg}:tk${e.tk}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function dt(t){let e=t/4,o=[8,4,2,1].find(s=>e%s===0),r=256/o;return{chunks:o,lanes:r,blocks:e/o,workgroup:256}}function vo(t,e){return`decode-keys-merge:d${t}:${e}`}function Ne(t){return Array.from({length:t},(e,o)=>o)}function Kr(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function Cn(t){return[4,2,1].find(e=>t%e===0)}function Wr(t){let e=t.tiles,{wg:o,tk:r,rb:s,de:i,kg:n,vk:a,sg:c,rh:l}=e,u=e.headDim/4,h=e.e/4,f=i+1,A=t.elements,d=ce("Q",A.q),m=[A.q,A.o].includes("f16"),y=Ne(s),b=Ne(h),k=e.kv==="f16",v=($,w)=>k?`vec4<f32>(unpack2x16float(${$}.${"xz"[w]}), unpack2x16float(${$}.${"yw"[w]}))`:$,q=t.rope?ye(t.rope,d,"base","cc","P.tab + b * P.tabB + tq"):"",T=Ne(a).map($=>`let ki${$} = kvBase + min(k0 + g + ${$*n}u, kEnd - 1u) * ${i}u + c;
    Ks[(g + ${$*n}u) * ${f}u + c] = K[ki${$}];
    let v${$} = V[ki${$}];`).join(`
    `),C=Ne(l),D=c*l!==s,_=$=>c===1?`${$}u`:`(rg * ${l}u + ${$}u)`,M=$=>D?`min(${_($)}, ${s-1}u)`:_($),B=Cn(i),x=Ne(B).map($=>{let w=b.map(E=>`let x${$}_${E} = ${v(`Ks[kr + u + ${$}u]`,E)};`).join(" "),I=C.map(E=>`s${E} += ${b.map(j=>`dot(Qs[${M(E)} * ${u}u + (u + ${$}u) * ${h}u + ${j}u], x${$}_${j})`).join(" + ")};`).join(" ");return`${w}
        ${I}`}).join(`
        `),O=t.alibi?"s -= SL[kvh * P.group + min(f, P.rows - 1u) % P.group] * f32(i32(qp) - i32(key));":"",L=C.map($=>`{
        let row = ${_($)};
        let f = row0 + row;
        let qp = P.len - P.sq + f / P.group;
        var s = s${$};
        ${O}
        s${$} = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp);
        ${D?`if (row < ${s}u && `:"if ("}s${$} > unordered(atomicLoad(&Mx[row]))) {
          atomicMax(&Mx[row], ordered(s${$}));
        }
      }`).join(`
      `),F=y.map($=>`{
      let mn = unordered(atomicLoad(&Mx[${$}u]));
      let al = exp2(m${$} - mn);
      m${$} = mn;
      l${$} *= al;
      ${b.map(w=>`a${$}_${w} *= al;`).join(" ")}
    }`).join(`
    `),W=C.map($=>{let w=`Ps[kl * ${s}u + row] = ${Te(`s${$}`,c===1?`m${$}`:"unordered(atomicLoad(&Mx[row]))")};`;return`{
        let row = ${_($)};
        ${D?`if (row < ${s}u) { ${w} }`:w}
      }`}).join(`
      `),K=Ne(a).map($=>`{
      let pb = (g + ${$*n}u) * ${s}u;
      ${b.map(w=>`let w${w} = ${v(`v${$}`,w)};`).join(" ")}
      ${y.map(w=>`{ let pr = Ps[pb + ${w}u]; l${w} += pr; ${b.map(I=>`a${w}_${I} += select(pr * w${I}, vec4<f32>(0.0), pr == 0.0);`).join(" ")} }`).join(`
      `)}
    }`).join(`
    `),Q=y.map($=>b.map(w=>{let I=`${$*u}u + c * ${h}u + ${w}u`;return`Qs[${I}] = a${$}_${w} + select(vec4<f32>(0.0), Qs[${I}], gi > 0u);`}).join(" ")).join(`
      `),R=y.map($=>`Ps[${$}u] = l${$} + select(0.0, Ps[${$}u], gi > 0u);`).join(" ");return`// ${Io(t)}
${m?"enable f16;":""}
${yo(t).wgsl}
${ke}
var<workgroup> Ks: array<${Nr(e)}, ${r*f}>;
var<workgroup> Qs: array<vec4<f32>, ${s*u}>;
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
  for (var i = lid; i < ${s*u}u; i += ${o}u) {
    let f = row0 + i / ${u}u;
    let cc = i % ${u}u;
    var x = vec4<f32>(0.0);
    if (f < P.rows) {
      let tq = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + tq * P.qS - P.qOff;
      x = ${d("base + cc")};
      ${q}
    }
    Qs[i] = x * P.scale2;
  }
  if (lid < ${s}u) {
    atomicStore(&Mx[lid], ordered(${-1e30}));
  }
  ${y.map($=>`var m${$} = ${-1e30}; var l${$} = 0.0;`).join(`
  `)}
  ${C.map($=>`var s${$} = 0.0;`).join(" ")}
  let kl = lid % ${r}u; // the score invocation's key in the tile
  let rg = lid / ${r}u; // and its group of rows
  ${y.flatMap($=>b.map(w=>`var a${$}_${w} = vec4<f32>(0.0);`)).join(" ")}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${s}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  workgroupBarrier();
  for (var k0 = kBegin; k0 < kEnd; k0 += ${r}u) {
    ${T}
    workgroupBarrier();
    if (lid < ${r*c}u) {
      ${C.map($=>`s${$} = 0.0;`).join(" ")}
      let kr = kl * ${f}u;
      for (var u = 0u; u < ${i}u; u += ${B}u) {
        ${x}
      }
      let key = k0 + kl;
      ${L}
    }
    workgroupBarrier();
    ${F}
    if (lid < ${r*c}u) {
      ${W}
    }
    workgroupBarrier();
    ${K}
  }

  // The key groups' outputs and sums, added in workgroup memory (Qs and Ps are free now).
  workgroupBarrier();
  for (var gi = 0u; gi < ${n}u; gi++) {
    if (g == gi) {
      ${Q}
      if (c == 0u) {
        ${R}
      }
    }
    workgroupBarrier();
  }
  for (var i = lid; i < ${s*u}u; i += ${o}u) {
    let r = i / ${u}u;
    let cc = i % ${u}u;
    let f = row0 + r;
    if (f < P.rows) {
      let total = Ps[r];
      if (P.direct != 0u) {
        let tq = f / P.group;
        let h = kvh * P.group + f % P.group;
        O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + cc] = ${Kr(A.o,`Qs[i] * ${we("total")}`)};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${u}u + cc] = Qs[i];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] =
            vec4<f32>(unordered(atomicLoad(&Mx[r])), total, 0.0, 0.0);
        }
      }
    }
  }
}
`}function Yr(t,e){let o=t/4,{chunks:r,lanes:s,workgroup:i,blocks:n}=dt(t),a=Ne(4),c=`vec4<f32>(${-1e30}, 0.0, 0.0, 0.0)`,l=[];for(let u=s/2;u>=1;u/=2)l.push(`if (sl < ${u}u) {
    let other = lid + ${u*r}u;
    let x = Sm[lid];
    let y = Sm[other];
    let mx = max(x.x, y.x);
    let wx = exp2(x.x - mx);
    let wy = exp2(y.x - mx);
    Am[lid] = Am[lid] * wx + Am[other] * wy;
    Sm[lid] = vec2<f32>(mx, x.y * wx + y.y * wy);
  }
  workgroupBarrier();`);return`// ${vo(t,e)}
${e==="f16"?"enable f16;":""}
${Eo(e).wgsl}
${ke}
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
    ${a.map(u=>`let ok${u} = s + ${u*s}u < P.nsplit;
    let i${u} = min(s + ${u*s}u, last);
    let st${u} = select(${c}, W[stats + i${u}], ok${u});
    let w${u} = select(vec4<f32>(0.0), W[(part + i${u}) * ${o}u + c], ok${u});`).join(`
    `)}
    let mn = max(max(m, max(st0.x, st1.x)), max(st2.x, st3.x));
    let sc = exp2(m - mn);
    ${a.map(u=>`let e${u} = exp2(st${u}.x - mn);`).join(" ")}
    a = a * sc + ${a.map(u=>`e${u} * w${u}`).join(" + ")};
    l = l * sc + ${a.map(u=>`e${u} * st${u}.y`).join(" + ")};
    m = mn;
  }
  Am[lid] = a;
  Sm[lid] = vec2<f32>(m, l);
  workgroupBarrier();
  // The lanes' states merged pairwise (log-sum-exp), ${Math.log2(s)} rounds.
  ${l.join(`
  `)}
  if (sl == 0u) {
    let total = Sm[lid].y;
    let unit = P.unitBase + row / P.rows;
    let f = row % P.rows;
    let b = unit / P.kvHeads;
    let h = (unit % P.kvHeads) * P.group + f % P.group;
    let tq = f / P.group;
    O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + c] = ${Kr(e,`Am[lid] * ${we("total")}`)};
  }
}
`}function Ur(t,e,o){let r=zr(e.headDim,e.group*e.qSeq,o.kv,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(typeof r=="string")return r;let s=dt(e.headDim).workgroup;if(s>t.limits.maxComputeInvocationsPerWorkgroup)return`its merge kernel needs ${s} invocations per workgroup`;let i=e.group*e.qSeq,n=t.limits.maxComputeWorkgroupsPerDimension;return Math.ceil(i/r.rb)>n||i*dt(e.headDim).blocks>n*n?`${i} query rows per KV head exceed its grid (maxComputeWorkgroupsPerDimension ${n})`:{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function Vr(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(Io(e),()=>Wr(e)),t.pipeline(vo(o,r),()=>Yr(o,r))])}function Xr(t,e,o,r,s){let i=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,i);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (the cache length ${r}${i<r?` and maxComputeWorkgroupsPerDimension ${i}`:""}), got ${e.splits}`);return ut(r,e.splits)}let n=o.tiles,a=Math.ceil(e.group*e.qSeq/n.rb);return Gr(r,e.batch*e.kvHeads*a,s,i,n.tk)}function Jr(t,e,o,r,s,i,n){let a={dispatches:[],temps:[]},[c,l]=r,u=t.limits,{kvHeads:h,group:f,qSeq:A,headDim:d}=e,m=d/4,y=f*A,b=o.tiles,k=Math.ceil(y/b.rb),{splits:v,keysPerSplit:q}=i,T=v===1,C=e.qStrides,D=o.elements.q==="f16"?2:4,_=o.elements.o==="f16"?2:4,M=(R,$,w)=>{let I=(g,P)=>Math.floor(g/h)*C.batch+P*C.heads,E=R+$-1,j=I(R,R%h*f),N=I(E,E%h*f+f-1)+(A-1)*C.seq+d;return pe(j,N,u,w)},B=R=>R*y*v*(m+1)*16,x=null;e.rope&&(x=Ie(t,e.rope.frequencies,e.rope.angles,[{positions:ht(e,s.length),seq:A}]),x.temp&&a.temps.push(x.buffer));let O=null;e.alibi&&(O=t.upload(e.alibi.map(R=>R*Math.LOG2E),"alibi slopes"),a.temps.push(O));let L=u.maxComputeWorkgroupsPerDimension,F=yo(o),W=Eo(o.elements.o),K=dt(d).blocks,Q=Math.max(1,Math.floor(L*L/(y*K)));for(let R of s.chunks){let $=Ee(R.n,Math.min(L,Q),(w,I)=>ie(M(R.u0+w,I,D),u)&&ie(M(R.u0+w,I,_),u)&&(T||B(I)<=u.maxStorageBufferBindingSize),w=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${M(R.u0+w,1,Math.max(D,_)).size} bytes or their ${v} partial outputs ${B(1)} bytes, more than maxStorageBufferBindingSize (${u.maxStorageBufferBindingSize} bytes)`));for(let[w,I]of $){let E=R.u0+w,j=M(E,I,D),N=M(E,I,_),g=I*y*v*m,P=t.dummy();T||(P=t.buffer(B(I),"decode partials"),a.temps.push(P));let H={sq:A,group:f,rows:y,kvHeads:h,len:s.length,nsplit:v,keysPerSplit:q,unitBase:E,chunkBase:R.u0,lmaxU:s.slots*b.de,direct:T?1:0,statsOff:g,qB:C.batch/4,qH:C.heads/4,qS:C.seq/4,qOff:j.base/4,oB:C.batch/4,oH:C.heads/4,oS:C.seq/4,oOff:N.base/4,tab:x?.sides[0]?.tab??0,tabB:x?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,F,H,{q:{buffer:n.q,offset:j.offset,size:j.size},k:{buffer:R.k},v:{buffer:R.v},o:{buffer:n.o,offset:N.offset,size:N.size},w:{buffer:P},...x?{table:{buffer:x.buffer}}:{},...O?{slopes:{buffer:O}}:{}},a.temps),grid:[v,I,k]}),T)continue;let X=I*y*K,[z,V]=ge(X,u),re={items:X,nsplit:v,rows:y,group:f,kvHeads:h,unitBase:E,statsOff:g,gridX:z,oB:C.batch/4,oH:C.heads/4,oS:C.seq/4,oOff:N.base/4};a.dispatches.push({pipeline:l,bindGroup:t.bind(l,W,re,{w:{buffer:P},o:{buffer:n.o,offset:N.offset,size:N.size}},a.temps),grid:[z,V,1]})}}return a}function Qn(t,e){let o=t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null;return o?`it does not take ${o}`:e!==null?"it does not read a window cache's ring":null}function Zr(t,e,o,r=null){let s=null;if(e.kernel==="keys"){let i=Qn(e,r)??Ur(t,e,o);if(typeof i!="string")return{kernel:"keys",params:i};s=i}return{kernel:"split",params:Sr(t,e,o),fallback:s}}function pt(t,e){return e.kernel==="keys"?Vr(t,e.params):qr(t,e.params)}function es(t,e,o,r,s,i,n,a){if(o.kernel==="keys"){let h=Xr(t,e,o.params,s.length,i);return{job:Jr(t,e,o.params,r,s,h,n),splits:h.splits}}let c=s.length-a.first,l=Cr(t,e,o.params,c,i,a.window!==null);return{job:Qr(t,e,o.params,r,s,l,n,a),splits:l.splits}}var ts=new Float32Array(1),Dn=new Uint32Array(ts.buffer);function Mn(t){ts[0]=t;let e=Dn[0],o=e>>>16&32768,r=e>>>23&255,s=e&8388607;if(r===255)return o|31744|(s!==0?512:0);let i=r-112;if(i>=31)return o|31744;if(i<=0){if(i<-10)return o;s|=8388608;let c=14-i,l=s>>>c,u=s&(1<<c)-1,h=1<<c-1;return(u>h||u===h&&(l&1)===1)&&l++,o|l}let n=i<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(n&1)===1)&&n++,o|n}function os(t){let e=(t&32768)!==0?-1:1,o=t>>>10&31,r=t&1023;return o===0?e*r*2**-24:o===31?r!==0?NaN:e*(1/0):e*(1+r/1024)*2**(o-15)}function Bo(t){let e=new Uint16Array(t.length+t.length%2);for(let o=0;o<t.length;o++)e[o]=Mn(t[o]);return e}function jt(t,e=t.length){let o=new Float32Array(e);for(let r=0;r<e;r++)o[r]=os(t[r]);return o}var ve=64;function rs(){return Float32Array.from({length:ve},(t,e)=>(e-31)*.125)}var Rn=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${ve/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function On(t,e){let o=rs();for(let r=0;r<ve;r++){let s=o[r]*3+.25,i=t[r],n=e[r]===void 0?void 0:os(e[r]);if(i!==s||n!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${r} should be ${s}, read back ${i} (f32) and ${n} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${ve} values was exact`}}async function ss(t){let i=[],n=(a,c)=>{let l=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return i.push(l),l};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:Rn,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),l=n(ve*2,136),u=n(ve*4,132),h=n(ve*2,132),f=n(ve*4,9),A=n(ve*2,9),d=Bo(rs());t.queue.writeBuffer(l,0,d.buffer,d.byteOffset,d.byteLength);let m=t.createCommandEncoder(),y=m.beginComputePass();y.setPipeline(c),y.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[l,u,h].map((q,T)=>({binding:T,resource:{buffer:q}}))})),y.dispatchWorkgroups(1),y.end(),m.copyBufferToBuffer(u,0,f,0,ve*4),m.copyBufferToBuffer(h,0,A,0,ve*2),t.queue.submit([m.finish()]),await Promise.all([f.mapAsync(1),A.mapAsync(1)]);let b=new Float32Array(f.getMappedRange().slice(0)),k=new Uint16Array(A.getMappedRange().slice(0)),v=await t.popErrorScope();return v?{available:!1,detail:`the shader-f16 self-test was rejected: ${v.message}`}:On(b,k)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of i)a.destroy()}}var Ht=256,Tn={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",slots:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function ns(t){return ae({name:"kv append",uniforms:Tn,bindings:{k:G("K",`array<vec4<${t.k}>>`),v:G("V",`array<vec4<${t.v}>>`),kc:ee("KC",`array<vec4<${t.cache}>>`),vc:ee("VC",`array<vec4<${t.cache}>>`),table:t.rope?G("T","array<vec2<f32>>"):null}})}function is(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function _n(t){let e=t.headDim/4,o=ce("K",t.k),r=ce("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),i=a=>t.cache==="f32"?a:`vec4<f16>(${a})`,n=t.rope?ye(t.rope,o,"base","c","P.tab + b * P.tabB + s"):"";return`// ${is(t)}
${s?"enable f16;":""}
${ns(t).wgsl}
@compute @workgroup_size(${Ht})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ht}u + lid;
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
`}function zt(t,e){return t.pipeline(is(e),()=>_n(e))}function as(t,e,o,r,s,i){let n={dispatches:[],temps:[]},{n:a,strides:c}=e,l=o.headDim,u=l/4;if(a===0)return n;let h=t.limits,f=o.k==="f16"?2:4,A=o.v==="f16"?2:4,d=(q,T,C)=>{let D=q+T-1,_=M=>Math.floor(M/e.kvHeads)*c.batch+M%e.kvHeads*c.heads;return pe(_(q)+e.skip*c.seq,_(D)+(a-1)*c.seq+l,h,C)},m=null;e.rope&&(m=Ie(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),m.temp&&n.temps.push(m.buffer));let y=Fe(Ht,h),b=Math.min(a-e.skip,Math.max(1,Math.floor(y/u))),k=Math.max(1,Math.floor(y/(b*u))),v=ns(o);for(let q of i){let T=Ee(q.n,k,(C,D)=>ie(d(q.u0+C,D,f),h)&&ie(d(q.u0+C,D,A),h),C=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${d(q.u0+C,1,Math.max(f,A)).size} bytes, more than maxStorageBufferBindingSize (${h.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[C,D]of T)for(let _=e.skip;_<a;_+=b){let M=Math.min(b,a-_),B=q.u0+C,x=d(B,D,f),O=d(B,D,A),L=D*M*u,[F,W]=ge(Math.ceil(L/Ht),h),K={items:L,kvHeads:e.kvHeads,unitBase:B,chunkBase:q.u0,slot:e.slot,slots:e.slots,lmax4:e.slots*u,gridX:F,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:x.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:O.base/4,tab:m?.sides[0]?.tab??0,tabB:m?.sides[0]?.tabB??0,tokBase:_,tokCount:M},Q=t.bind(r,v,K,{k:{buffer:s.k,offset:x.offset,size:x.size},v:{buffer:s.v,offset:O.offset,size:O.size},kc:{buffer:q.k},vc:{buffer:q.v},...m?{table:{buffer:m.buffer}}:{}},n.temps);n.dispatches.push({pipeline:r,bindGroup:Q,grid:[F,W,1]})}}return n}var Gt=class{#e=Promise.resolve();hold(){let e=this.#e,o,r=new Promise(s=>o=s);return this.#e=e.then(()=>r),{ready:e,release:o}}run(e,o){let r=this.#e,s,i=new Promise(n=>s=n);return this.#e=r.then(()=>i),(async()=>{try{let n=await e();return await r,await o(n)}finally{s()}})()}};function et(t){return t instanceof J&&t.dtype==="float16"?"f16":"f32"}var Fn="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",gt=class t extends Je{precision;chunks;#e;#o=new Gt;#t=0;constructor(e,o,r,s,i,n){super(o,r,s),this.#e=e,this.precision=i,this.chunks=Object.freeze(n)}static async create(e,o,r,s,i){let n=i==="f16"?2:4,a=s.slots*s.headDim*n,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c){let A=s.window===null?`maxLength ${s.maxLength}`:`${s.slots} slots (window ${s.window} + ${s.slots-s.window})`;throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of ${A} x headDim ${s.headDim} ${i} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller ${s.window===null?"maxLength":"window"}, precision "f16", or several caches`)}let l=s.batch*s.kvHeads,u=Math.floor(c/a),h=2*l*a,f=[];return await e.guarded(`allocating the KV cache (${h} bytes)`,()=>{for(let A=0;A<l;A+=u){let d=Math.min(u,l-A);f.push({u0:A,n:d,k:e.buffer(d*a,"kv cache keys"),v:e.buffer(d*a,"kv cache values")})}}).catch(A=>{for(let d of f)d.k.destroy(),d.v.destroy();throw A}),new t(e,o,r,s,i,f)}view(){return{batch:this.batch,kvHeads:this.kvHeads,slots:this.slots,length:this.length,chunks:this.chunks}}schedule(e,o,r){let s=this.#t;return this.#o.run(o,i=>(this.#r(e,s),r(i)))}hold(e){let o=this.#t;return{...this.#o.hold(),check:()=>this.#r(e,o)}}#r(e,o){if(this.live(),o!==this.#t)throw new Error(`This ${e} ${Fn}`)}appendParams(e,o,r){return{headDim:this.headDim,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,k:et(o),v:et(r),cache:this.precision}}appendJobNow(e,o,r,s,i){let n=this.#e,{slot:a,skip:c,commit:l}=this.reserve(e);if(e.n===0)return{job:null,commit:()=>{}};let u=[],h=(f,A)=>{if(f instanceof J)return f.buffer;let d=n.upload(f.data,A);return u.push(d),d};try{let f={k:h(s,"k"),v:h(i,"v")},A={kvHeads:this.kvHeads,slots:this.slots,n:e.n,skip:c,slot:a,strides:e.strides,rope:e.rope?{frequencies:e.rope.frequencies,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:a}}:null},d=as(n,A,o,r,f,this.chunks);return d.temps.push(...u),{job:d,commit:l}}catch(f){for(let A of u)n.recycle(A);throw f}}append(e,o,r={}){try{this.live();let s=this.#e,i=U("k",e,this.owner),n=U("v",o,this.owner),a=Xe(this,i,n,r),c=this.appendParams(a,i,n);return this.schedule("append",()=>zt(s,c),async l=>{U("k",e,this.owner),U("v",o,this.owner);let u=()=>{};await s.submitting("the KV-cache append",()=>{let h=this.appendJobNow(a,c,l,i,n);u=h.commit,h.job&&s.submit(h.job)}),u()})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,o=this.headDim,r=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,i=await this.schedule("download",()=>Promise.resolve(null),async()=>{let u=Math.min(this.length,this.window??1/0),h=this.length-u,f=u*o*r;if(u===0)return{length:u,target:null,bytes:0};let A=o*r,d=h%this.slots,m=Math.min(u,this.slots-d),y=[];for(let k of["k","v"])for(let v of this.chunks)for(let q=0;q<v.n;q++){let T=q*this.slots*A;y.push({buffer:v[k],offset:T+d*A,size:m*A}),m<u&&y.push({buffer:v[k],offset:T,size:(u-m)*A})}let b=await e.guarded("the KV-cache download",()=>e.gather(y));return{length:u,target:b,bytes:2*s*f}}),n=Object.freeze([this.batch,this.kvHeads,i.length,o]);if(!i.target)return{k:{shape:n,data:new Float32Array(0)},v:{shape:n,data:new Float32Array(0)}};let a=await e.read(i.target,i.bytes),c=a.byteLength/2,l=u=>this.precision==="f16"?jt(new Uint16Array(u)):new Float32Array(u);return{k:{shape:n,data:l(a.slice(0,c))},v:{shape:n,data:l(a.slice(c))}}}reset(){this.live(),this.#t++,this.clear()}destroy(){if(this.markDestroyed()){this.#t++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var We=256,Ke=64,Po={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},je="array<f32>",tt={scores:ae({name:"naive scores",uniforms:Po,bindings:{q:G("Q",je),k:G("K",je),slopes:G("SL",je),scores:ee("S",je)}}),softmax:ae({name:"naive softmax",uniforms:Po,bindings:{scores:ee("S",je)}}),pv:ae({name:"naive pv",uniforms:Po,bindings:{scores:G("S",je),v:G("V",je),o:ee("O",je)}})},cs=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function Ln(t){return t==="scores"?`// naive:scores
${tt.scores.wgsl}${cs}
@compute @workgroup_size(${We})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${We}u + lid;
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
${tt.softmax.wgsl}${ke}
var<workgroup> red: array<f32, ${Ke}>;
@compute @workgroup_size(${Ke})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${-1e30};
  for (var j = lid; j < P.sk; j += ${Ke}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${Ke/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${Ke}u) {
    let s = S[base + j];
    sum += select(select(0.0, exp(s - m), s > ${-1e30/2}), s, isNan(s));
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${Ke/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = ${we("total")};
  for (var j = lid; j < P.sk; j += ${Ke}u) {
    let s = S[base + j];
    S[base + j] = select(select(0.0, exp(s - m) * inv, s > ${-1e30/2}), s, isNan(s));
  }
}
`:`// naive:pv
${tt.pv.wgsl}${cs}
@compute @workgroup_size(${We})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${We}u + lid;
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
`}function us(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>Ln(e))))}function ls(t,e,o,r){let s={dispatches:[],temps:[]},{batch:i,heads:n,qSeq:a,kSeq:c,headDim:l}=e,u=i*n*a;if(u===0||c===0)return s;let h=t.limits,f=h.maxStorageBufferBindingSize;for(let[D,_]of[["q",r.q],["k",r.k],["v",r.v]])if(_.size>f)throw new RangeError(`Cannot run the naive kernel: ${D} (${_.size} bytes) exceeds maxStorageBufferBindingSize (${f} bytes); it is a small-size baseline, use the flash kernel`);let A=c*4;if(A>f)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${f} bytes)`);let d=Fe(We,h),m=Math.max(1,Math.min(u,Math.floor(f/A),Math.floor(d/c),Math.floor(d/l),h.maxComputeWorkgroupsPerDimension**2)),y=t.buffer(m*A,"naive scores");s.temps.push(y);let b=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(b);let[k,v,q]=o,T=e.qStrides,C=e.kStrides;for(let D=0;D<u;D+=m){let _=Math.min(m,u-D),M={rowBase:D,rows:_,sq:a,sk:c,heads:n,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:T.batch,qH:T.heads,qS:T.seq,dim:l,kB:C.batch,kH:C.heads,kS:C.seq,scale:e.scale},[B,x,O]=[_*c/We,_,_*l/We].map(F=>ge(Math.ceil(F),h)),L=(F,W,[K,Q],R)=>s.dispatches.push({pipeline:F,bindGroup:t.bind(F,W,{...M,gridX:K},R,s.temps),grid:[K,Q,1]});L(k,tt.scores,B,{q:{buffer:r.q},k:{buffer:r.k},slopes:{buffer:b},scores:{buffer:y}}),L(v,tt.softmax,x,{scores:{buffer:y}}),L(q,tt.pv,O,{scores:{buffer:y},v:{buffer:r.v},o:{buffer:r.o}})}return s}var Nt=256,jn={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function fs(t){return ae({name:"rope",uniforms:jn,bindings:{x:t?ee("X","array<f32>"):G("X","array<f32>"),table:G("T","array<vec2<f32>>"),y:t?null:ee("Y","array<f32>")}})}function Hn(t){let e=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
${fs(t).wgsl}
@compute @workgroup_size(${Nt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Nt}u + lid;
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
`}function mt(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>Hn(e))}function Ye(t,e,o,r,s){let i={dispatches:[],temps:[]},{batch:n,heads:a,seq:c,headDim:l}=e,u=n*a*c;if(u===0||l===0)return i;let h=e.frequencies.invFreq.length,f=h+(s?l-2*h:0),A=t.limits,d=Ie(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);d.temp&&i.temps.push(d.buffer);let m=d.sides[0],y=e.layout==="bhsd"?{b:a*c*l,h:c*l,s:l}:{b:c*a*l,h:l,s:a*l},b=Math.max(1,Math.floor(Fe(Nt,A)/Math.max(1,f))),k=Ee(u,b,(q,T)=>ie(pe(q*l,(q+T)*l,A),A),()=>new RangeError(`Cannot rotate: one row of ${l} elements exceeds the device's maxStorageBufferBindingSize`)),v=fs(s===null);for(let[q,T]of k){let C=pe(q*l,(q+T)*l,A),D=T*f,[_,M]=ge(Math.ceil(D/Nt),A),B={items:D,perRow:f,rh:h,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:q,xB:y.b,xH:y.h,xS:y.s,xOff:C.base,oB:y.b,oH:y.h,oS:y.s,oOff:C.base,tab:m.tab,tabB:m.tabB,gridX:_},x=t.bind(o,v,B,{x:{buffer:r,offset:C.offset,size:C.size},table:{buffer:d.buffer},...s?{y:{buffer:s,offset:C.offset,size:C.size}}:{}},i.temps);i.dispatches.push({pipeline:o,bindGroup:x,grid:[_,M,1]})}return i}async function hs(t,e,o){let{ctx:r,owner:s}=t;switch(e.kind){case"attention":{let{call:i,output:n}=e,a=await t.prepareAttention(i);return{recheck:()=>{for(let[c,l]of["q","k","v"].entries())U(l,i.args[c],s,o)},build:()=>a(i.q,i.k,i.v,n.buffer)}}case"rope":{let{request:i,output:n}=e,a=i.x,c=await mt(r,i.inPlace);return{recheck:()=>void U("x",i.arg,s,o),build:()=>{let l=i.inPlace?null:n.buffer;if(a instanceof J)return Ye(r,i.call,c,a.buffer,l);let u=r.upload(a.data,"x");try{let h=Ye(r,i.call,c,u,l);return h.temps.push(u),h}catch(h){throw r.recycle(u),h}}}}case"append":{let{cache:i,plan:n,k:a,v:c,args:l}=e.call,u=i.appendParams(n,a,c),h=await zt(r,u);return{recheck:()=>{U("k",l[0],s,o),U("v",l[1],s,o)},build:()=>{let{job:f,commit:A}=i.appendJobNow(n,u,h,a,c);return A(),f}}}case"decode":{let{call:i,output:n}=e,a=await pt(r,i.choice);return{recheck:()=>void U("q",i.arg,s,o),build:()=>t.decodeJob(i,a,n.buffer)}}}}function As(t,e,o,r){let s=e.map(n=>n.hold("recording")),i=Promise.all(o);return i.catch(()=>{}),(async()=>{try{let[n]=await Promise.all([i,...s.map(c=>c.ready)]);r();for(let c of s)c.check();for(let c of n)c.recheck();let a=e.map(c=>c.snapshot());try{await t.submitting("the recorded calls",()=>{let c=[];try{for(let l of n){let u=l.build();u&&c.push(u)}}catch(l){for(let u of c)t.release(u);throw l}t.submit(c)})}catch(c){for(let l of a)l();throw c}}finally{for(let n of s)n.release()}})()}var $t=t=>t==="f16"?2:4;function zn(t){return t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null}var Kt=class extends Ze{info;#e;cacheClass=gt;constructor(e,o){super(),this.#e=e,this.info=Object.freeze(o)}failure(){return this.#e.failure}#o(e,o,r="f32"){return new J(this,e,o,this.alive,r==="f16"?"float16":"float32",this.#t)}#t=e=>this.#e.recycle(e);#r(e,o){return o==="f16"?Bo(e):e}#s(e,o,r){return o==="f16"?jt(new Uint16Array(e),r):new Float32Array(e)}#n(e,o,r,s="f32"){if(e instanceof J)return e.buffer;let i=this.#e.upload(this.#r(e.data,s),r);return o.push(i),i}elementsOf(e,o,r,s){let i=at("precision",s.precision,this.info.f16),n=a=>a instanceof J?et(a):i;return{q:n(e),k:n(o),v:n(r),o:n(e)}}async runAttention(e){let o=this.#e,{plan:r,elements:s}=e,i=await this.#a(e);this.live(),this.checkOperands(e.args);let n=Oe(r.qShape),a=n*$t(s.o),c=o.output(a,"attention output"),l=e.q instanceof J,u=await o.submitting("the attention dispatch",()=>{let f=i(e.q,e.k,e.v,c),A=l?void 0:{source:c,bytes:a};return o.submit(f,A)}).finally(()=>{l||o.recycle(c)}).catch(f=>{throw l&&o.recycle(c),f});if(l)return this.#o(r.qShape,c,s.o);let h=this.#s(await o.read(u,a),s.o,n);return{shape:Object.freeze([...r.qShape]),data:h}}async timeAttention(e,o,r,s){let i=this.#e,n=await this.#a(e);this.live();let a=i.buffer(Oe(e.plan.qShape)*$t(e.elements.o),"attention output"),c=await i.guarded("the attention dispatch",()=>n(e.q,e.k,e.v,a));try{let l=await i.profile(c,o,r);return{seconds:l.seconds,iterations:o,source:l.source}}finally{i.release(c),a.destroy()}}#a(e){return e.kernel==="naive"?this.#c(e.plan,e.elements):this.#i(e.plan,e.elements,e.kernel==="flash2")}async#i(e,o,r){let s=this.#e,i=r?await Hr(s,e,o):null;if(!i){let n=Br(s,e,o),a=await Pr(s,n);i=c=>xr(s,e,n,a,c)}return(n,a,c,l)=>{let u=[],h={q:this.#n(n,u,"q",o.q),k:this.#n(a,u,"k",o.k),v:this.#n(c,u,"v",o.v),o:l},f=i(h);return{dispatches:f.dispatches,temps:[...u,...f.temps]}}}async#c(e,o){let r=this.#e,s=zn(e);if(s)throw new TypeError(`Invalid kernel: the naive kernel does not take ${s}; use the flash kernel (the default)`);let i=Object.entries(o).find(([,c])=>c==="f16");if(i)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${i[0]==="o"?"output":i[0]}; use the flash kernel`);let[n,a]=await Promise.all([us(r),e.rope?mt(r,!1):Promise.resolve(null)]);return(c,l,u,h)=>{let f=[],A=[],d=this.#n(c,f,"q"),m=this.#n(l,f,"k"),y=this.#n(u,f,"v");if(e.rope&&a){let k=e.rope,v=(q,T,C,D)=>{let _={layout:e.layout,batch:e.batch,heads:T,seq:C,headDim:e.headDim,frequencies:k.frequencies,pairing:k.pairing,angles:k.angles,positions:q},M=r.buffer(e.batch*T*C*e.headDim*4,"rotated");f.push(M);let B=Ye(r,_,a,D,M);return A.push(...B.dispatches),f.push(...B.temps),M};d=v(k.query,e.heads,e.qSeq,d),m=v(k.key,e.kvHeads,e.kSeq,m)}let b=ls(r,e,n,{q:d,k:m,v:y,o:h});return{dispatches:[...A,...b.dispatches],temps:[...f,...b.temps]}}}async runRope(e){let o=this.#e,{x:r,call:s,inPlace:i}=e,n=r instanceof J,a=await mt(o,i||!n);this.live(),U("x",e.arg,this);let c=Oe(r.shape)*4;if(n){let f=r.buffer,A=i?null:o.output(c,"rotated");return await o.submitting("the RoPE dispatch",()=>{o.submit(Ye(o,s,a,f,A))}).catch(d=>{throw A&&o.recycle(A),d}),A?this.#o(r.shape,A):r}let l=r,u=await o.submitting("the RoPE dispatch",()=>{let f=o.upload(l.data,"x"),A=Ye(o,s,a,f,null);return A.temps.push(f),o.submit(A,{source:f,bytes:c})}),h=new Float32Array(await o.read(u,c));return i?(l.data.set(h),l):{shape:Object.freeze([...l.shape]),data:h}}store(e,o){let r=this.#e.upload(this.#r(e.data,o),"tensor");return this.#o(e.shape,r,o)}async read(e){let o=this.#e,r=Oe(e.shape),s=r*e.elementBytes,i=await o.guarded("the download",()=>o.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),n=this.#s(await o.read(i,s),et(e),r);return{shape:Object.freeze([...e.shape]),data:n}}idle(){return this.#e.idle()}async makeCache(e,o){return await gt.create(this.#e,this,this.alive,e,o)}prepareDecode(e){let o=et(e.q),r={q:o,kv:e.cache.precision,o},s=Zr(this.#e,e.plan,r,e.cache.window);return{...e,elements:r,choice:s}}async runDecode(e){let o=this.#e,{plan:r,elements:s}=e,i=Oe(r.qShape),n=i*$t(s.o),a=e.q instanceof J,{output:c,target:l}=await e.cache.schedule("decode",()=>pt(o,e.choice),async h=>{this.live(),U("q",e.arg,this);let f=o.output(n,"decode output"),A=await o.submitting("the decode dispatch",()=>{let{job:d}=this.#u(e,h,f),m=a?void 0:{source:f,bytes:n};return o.submit(d,m)}).finally(()=>{a||o.recycle(f)}).catch(d=>{throw a&&o.recycle(f),d});return{output:f,target:A}});if(a)return this.#o(r.qShape,c,s.o);let u=this.#s(await o.read(l,n),s.o,i);return{shape:Object.freeze([...r.qShape]),data:u}}#u(e,o,r){let s=this.#e,{cache:i,plan:n,choice:a}=e,c=Dt(n,i.length,i.ropeState,i.window),l=[],u=this.#n(e.q,l,"q");try{let h=this.info.decodeWorkgroups??1,f={q:u,o:r},A=i.view(),d=es(s,n,a,o,A,h,f,c);return d.job.temps.push(...l),d}catch(h){for(let f of l)s.recycle(f);throw h}}async timeDecode(e,o,r){let s=this.#e,i=Oe(e.plan.qShape)*$t(e.elements.o),{job:n,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>pt(s,e.choice),async l=>{this.live(),U("q",e.arg,this);let u=s.buffer(i,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#u(e,l,u)),output:u}}catch(h){throw u.destroy(),h}});try{let l=await s.profile(n,o,r);return{seconds:l.seconds,iterations:o,source:l.source,splits:a,kernel:e.choice.kernel}}finally{s.release(n),c.destroy()}}recordedOutput(e,o,r){let s=Oe(e)*$t(o);return this.#o(e,this.#e.output(s,"recorded output"),o).awaitRecording(r)}decodeElement(e){return e.elements.o}runRecording(e,o){let r=new Set;for(let n of e)(n.kind==="append"||n.kind==="decode")&&r.add(n.call.cache);let s={ctx:this.#e,owner:this,prepareAttention:n=>this.#a(n),decodeJob:(n,a,c)=>this.#u(n,a,c).job},i=e.map(n=>hs(s,n,o));return As(this.#e,[...r],i,()=>this.live())}destroy(){this.#e.failure||(this.#e.fail(ct),this.#e.ownsDevice?this.#e.device.destroy():this.#e.dispose())}};var Gn="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",Nn="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",Kn='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',Wn=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],Yn='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function Un(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function Vn(t,e){let o=t.limits,r=(s,i,n,a=1)=>{let c=e[s];if(c===void 0)return i;if(ne(`limits.${s}`,c,{min:n}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${Z(c)}`);return Math.min(i,c)};return{maxStorageBufferBindingSize:r("maxStorageBufferBindingSize",o.maxStorageBufferBindingSize,256,4),maxBufferSize:o.maxBufferSize,maxComputeWorkgroupStorageSize:r("maxComputeWorkgroupStorageSize",o.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(o.maxComputeInvocationsPerWorkgroup,o.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:r("maxComputeWorkgroupsPerDimension",o.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:o.minStorageBufferOffsetAlignment}}var Xn=8;function Jn(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,Xn):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${Z(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${Z(t)}`);return t}async function Wu(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${Z(t)}`);fe("options",t,{allowed:Lo});let e=se("fallback",t.fallback??"none",{allowed:["none","cpu"]}),o=t.limits??{};if(o===null||typeof o!="object")throw new TypeError(`Invalid limits: expected an object, got ${Z(o)}`);fe("limits",o,{allowed:jo});let r=t.decodeWorkgroups===void 0?void 0:ne("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:Jn(t.threads),i=t.device,n=!1,a;if(!i){let d=t.adapter,m=Nn;if(!d){let k=globalThis.navigator?.gpu;k?d=await k.requestAdapter():m=Gn}if(!d){if(e==="cpu")return new _t(m,s);throw new Error(`${m}. ${Kn}.`)}let y={};for(let k of Wn)y[k]=d.limits[k];let b=[];d.features.has("timestamp-query")&&b.push("timestamp-query"),d.features.has("shader-f16")&&b.push("shader-f16");try{i=await d.requestDevice({requiredLimits:y,requiredFeatures:b})}catch(k){throw new Error(`Requesting a WebGPU device failed: ${k instanceof Error?k.message:String(k)}`,{cause:k})}n=!0,a=d.info}a??=i.adapterInfo;let c=a.isFallbackAdapter??!1,l=r??Un(c),u;try{u=Vn(i,o)}catch(d){throw n&&i.destroy(),d}let h=i.features.has("shader-f16")?await ss(i):{available:!1,detail:Yn},f=new St(i,n,u,h.available),A=[];return f.timestamps&&A.push("timestamp-query"),h.available&&A.push("shader-f16"),new Kt(f,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:A,f16:Object.freeze({...h}),decodeWorkgroups:l,tier:f.tier,limits:f.limits,fallbackReason:null,threads:null})}export{Pi as attentionCpu,pi as attentionReference,Wu as createGpuAttention};
