import{d as W,h as ee,i as Ae,j as V,k as te,l as se,m as De,o as mo,t as wo,u as _t}from"./chunk-YS2UJGXX.js";var Lt=Object.freeze({layout:!0,causal:!0,scale:!0,rope:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0}),bo=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,positions:!0,queryPositions:!0,offset:!0,angles:!0}),ko=Object.freeze({batch:!0,kvHeads:!0,headDim:!0,maxLength:!0,window:!0,precision:!0}),$o=Object.freeze({layout:!0,rope:!0}),Eo=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,angles:!0,positions:!0}),yo=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,angles:!0}),He=Object.freeze({layout:!0,scale:!0,rope:!0,queryPositions:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0,splits:!0,kernel:!0}),At=Object.freeze({...Lt,precision:!0,kernel:!0}),Io=Object.freeze({...At,iterations:!0,warmup:!0}),Bo=Object.freeze({...He,iterations:!0,warmup:!0}),vo=Object.freeze({precision:!0}),Po=Object.freeze({layout:!0,pairing:!0,rotaryDim:!0,positions:!0,offset:!0,inPlace:!0,angles:!0}),xo=Object.freeze({device:!0,adapter:!0,fallback:!0,limits:!0,decodeWorkgroups:!0,threads:!0}),So=Object.freeze({maxStorageBufferBindingSize:!0,maxComputeWorkgroupStorageSize:!0,maxComputeWorkgroupsPerDimension:!0});var dt=-1e30;function Co(t,e,o,r){let s=e;if(s===null||typeof s!="object"||typeof s.length!="number")throw new TypeError(`Invalid ${t}: expected an array of ${o} ${r}, got ${W(e)}`);if(s.length!==o)throw new RangeError(`Invalid ${t}: expected ${o} ${r}, got ${s.length}`);return s}function pt(t,e){if(t===void 0)return null;let o=Co("sinks",t,e,"logits (one per query head)"),r=new Float64Array(e);for(let s=0;s<e;s++)r[s]=Ae(`sinks[${s}]`,o[s]);return r}function gt(t){return t===void 0?null:Ae("softcap",t,{min:0,exclusiveMin:!0})}function je(t,e="slidingWindow"){return t===void 0?null:ee(e,t,{min:1})}function mt(t,e,o){if(t===void 0)return null;let r=Co("leftPadding",t,e,"integers (one per batch row)"),s=new Uint32Array(e);for(let n=0;n<e;n++)s[n]=ee(`leftPadding[${n}]`,r[n],{min:0,max:o});return s}function Ue(t,e){if(t===void 0)return null;let o=te("bias",t),{batch:r,heads:s,qSeq:n}=e,i=o.shape,a=e.kSeq??i[3],c=`[${r===1?1:`1 or ${r}`}, ${s===1?1:`1 or ${s}`}, ${n}, ${e.kSeq??"keys"}] ([batch, heads, queries, keys] whatever the layout; dims of 1 broadcast)`;if(i.length!==4||i[0]!==1&&i[0]!==r||i[1]!==1&&i[1]!==s||i[2]!==n||i[3]!==a)throw new RangeError(`Invalid bias: expected shape ${c}, got ${W(i)}`);let f=i[3],u=f,h=i[1]===1?0:n*f,l=i[0]===1?0:i[1]*n*f;return{data:o.data,shape:[...i],batchStride:l,headStride:h,rowStride:u}}function Ht(t,e){let o=e;if(o===null||typeof o!="object"||!(o.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${W(o)}`);let r=o.invFreq;if(r.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<r.length;s++)Ae(`${t}.invFreq[${s}]`,r[s],{min:0});return Ae(`${t}.attentionFactor`,o.attentionFactor,{min:0,exclusiveMin:!0}),o}function J(t){return!("invFreq"in t)}function ue(t){return J(t)?t.cos.shape[1]:t.invFreq.length}function $e(t,e="the "){return J(t)?`2 x the cache's ${ue(t)} columns`:`2 x ${e}${ue(t)} frequencies`}var qo=new WeakMap;function Do(t,e){let o=qo.get(e);if(o!==void 0)return o;let r=te(`${t}.cos`,e.cos,{rank:2}),s=te(`${t}.sin`,e.sin,{rank:2}),[n,i]=r.shape;if(s.shape[0]!==n||s.shape[1]!==i)throw new RangeError(`Invalid ${t}: expected cos and sin of the same shape, got [${r.shape.join(", ")}] and [${s.shape.join(", ")}]`);if(i<1)throw new RangeError(`Invalid ${t}.cos: expected at least 1 column, got shape [${n}, 0]`);for(let[f,u]of[["cos",r.data],["sin",s.data]])for(let h=0;h<u.length;h++)if(!Number.isFinite(u[h]))throw new RangeError(`Invalid ${t}.${f}: expected finite values, got ${W(u[h])} at row ${Math.floor(h/i)}`);let a,c=e.positions;if(c===void 0)a={rows:n,rowOf:f=>f<n?f:-1,describe:`${n} rows`};else{if(c.length!==n)throw new RangeError(`Invalid ${t}.positions: expected ${n} entries (one per row of cos), got ${c.length}`);let f=new Map;for(let u=n-1;u>=0;u--)f.set(c[u],u);a={rows:n,rowOf:u=>f.get(u)??-1,describe:`${n} listed positions`}}return qo.set(e,a),a}function wt(t,e){let o=e.frequencies!==void 0,r=e.cache!==void 0;if(o===r)throw new TypeError(`Invalid ${t}: expected exactly one of frequencies and cache, got ${o?"both":"neither"}`);return o?Ht(`${t}.frequencies`,e.frequencies):Mo(`${t}.cache`,e.cache,e.angles,`${t}.angles`)}function Mo(t,e,o,r){if(e===null||typeof e!="object"||!("cos"in e)||!("sin"in e))throw new TypeError(`Invalid ${t}: expected a RopeCache ({ cos, sin } tensors of shape [rows, rotaryDim / 2]), got ${W(e)}`);if(o!==void 0)throw new TypeError(`Invalid ${r}: a RopeCache fixes its angles when built; omit angles with a cache, got ${W(o)}`);return Do(t,e),e}function Ro(t,e,o){return e!==null&&typeof e=="object"&&"cos"in e&&!("invFreq"in e)?Mo(t,e,o,"angles"):Ht(t,e)}function Xe(t,e,o){let r=Do(t,e),s=r.rowOf(o);if(s<0)throw new RangeError(`Invalid ${t}: position ${o} is past the RopeCache (it has ${r.describe}); build the cache for every token`);return s}function de(t,e,o,r){if(o.kind==="range"){if(r>0&&(Xe(t,e,o.start),Xe(t,e,o.start+r-1),e.positions!==void 0))for(let s=1;s<r-1;s++)Xe(t,e,o.start+s);return}for(let s of o.list)Xe(t,e,s)}function Oo(t,e){let o=t.cos.shape[1],r=t.cos.data,s=t.sin.data,n=new Float32Array(Math.max(1,e.length)*o*2);for(let i=0;i<e.length;i++){let a=Xe("rope.cache",t,e[i]);for(let c=0;c<o;c++)n[2*(i*o+c)]=r[a*o+c],n[2*(i*o+c)+1]=s[a*o+c]}return n}var Qo=new WeakMap,rs=1;function To(t,e){let o=Qo.get(e);return o===void 0&&(o=rs++,Qo.set(e,o)),`${t}|cache#${o}`}var ye=2**24;function Ee(t,e,o){return mo(e,o,{name:t})}function Me(t,e,o,r,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${W(e)}`);if(e.length!==o&&e.length!==r*o)throw new RangeError(`Invalid ${t}: expected ${o} positions (one per token) or ${r*o} (batch x tokens), got ${e.length}`);let n=s?ye:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=ee(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==o}}function ss(t,e,o,r,s){let n=e?s:1,i=new Float64Array(n*r);for(let a=0;a<n;a++)i.set(t.subarray(a*o+o-r,a*o+o),a*r);return{kind:"list",list:i,perBatch:e}}function Ve(t){return J(t)?t.angles??"float32":"float32"}function ns(t,e,o,r,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${W(t)}`);se("rope",t,{allowed:bo});let n=wt("rope",t),a=2*ue(n);if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (${$e(n)}), got ${W(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.${J(n)?"cache":"frequencies"}: rotary dim ${a} (${$e(n,"")}) exceeds the head dim ${e}`);let c=V("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),f=V("rope.angles",t.angles??Ve(n),{allowed:["float32","float64"]}),u=f==="float32",h=u?ye:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let l,A;if(t.queryPositions!==void 0&&(A=Me("rope.queryPositions",t.queryPositions,r,o,u)),t.positions!==void 0){let d=Me("rope.positions",t.positions,s,o,u);if(l=d,!A){if(r>s)throw new RangeError(`Invalid rope.positions: q has ${r} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);A=ss(d.list,d.perBatch,s,r,o)}}else{let d=ee("rope.offset",t.offset??0,{min:0});if(d+Math.max(s,1)-1>h)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${d+s-1}, above ${h} (the largest position with angles "${f}")`);if(l={kind:"range",start:d},!A){let m=d+s-r;if(m<0)throw new RangeError(`Invalid rope.offset: q has ${r} tokens and k ${s}, so bottom-right aligned queries would start at position ${m}; pass rope.offset >= ${r-s} or rope.queryPositions`);A={kind:"range",start:m}}}if(J(n)){let d=t.positions!==void 0?"rope.positions":"rope.offset";de(d,n,l,s);let m=t.queryPositions!==void 0?"rope.queryPositions":d;de(m,n,A,r)}return{frequencies:n,pairing:c,rotaryDim:a,angles:f,query:A,key:l}}function jt(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${W(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let o=new Float32Array(t.length);for(let r=0;r<t.length;r++)o[r]=Ae(`alibiSlopes[${r}]`,t[r]);return o}function ve(t,e,o,r,s=Lt){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${W(r)}`);se("options",r,{allowed:s});let n=V("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),i=Ee("q",t,n),a=Ee("k",e,n),c=Ee("v",o,n);if(i.heads<1||i.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${W(t.shape)}`);if(a.batch!==i.batch)throw new RangeError(`Invalid k: expected batch ${i.batch} (as q), got ${a.batch}`);if(c.batch!==i.batch)throw new RangeError(`Invalid v: expected batch ${i.batch} (as q), got ${c.batch}`);if(a.headDim!==i.headDim)throw new RangeError(`Invalid k: expected head dim ${i.headDim} (as q), got ${a.headDim}`);if(c.headDim!==i.headDim)throw new RangeError(`Invalid v: expected head dim ${i.headDim} (as q), got ${c.headDim}`);if(c.seq!==a.seq)throw new RangeError(`Invalid v: expected ${a.seq} tokens (as k), got ${c.seq}`);if(c.heads!==a.heads)throw new RangeError(`Invalid v: expected ${a.heads} heads (as k), got ${c.heads}`);if(a.heads<1||i.heads%a.heads!==0)throw new RangeError(`Invalid k: q has ${i.heads} heads, which is not a multiple of k's ${a.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let f=De("causal",r.causal??!1),u=r.scale===void 0?1/Math.sqrt(i.headDim):Ae("scale",r.scale),h=jt(r.alibiSlopes,i.heads),l=je(r.slidingWindow);if(l!==null&&!f)throw new TypeError("Invalid slidingWindow: a sliding window needs causal: true (it hides the keys before the window; causal hides those after the query)");let A=pt(r.sinks,i.heads),d=gt(r.softcap),m=mt(r.leftPadding,i.batch,a.seq),k=Ue(r.bias,{batch:i.batch,heads:i.heads,qSeq:i.seq,kSeq:a.seq}),w=r.rope===void 0?null:ns(r.rope,i.headDim,i.batch,i.seq,a.seq);return{layout:n,batch:i.batch,heads:i.heads,kvHeads:a.heads,group:i.heads/a.heads,qSeq:i.seq,kSeq:a.seq,headDim:i.headDim,qShape:[...t.shape],qStrides:i.strides,kStrides:a.strides,causal:f,scale:u,rope:w,alibi:h,window:l,sinks:A,softcap:d,leftPadding:m,bias:k}}function Fo(t,e,o,r,s,n){let i=n==="float32";if(e!==void 0&&o!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return Me(`${t}positions`,e,r,s,i);let a=ee(`${t}offset`,o??0,{min:0}),c=i?ye:Number.MAX_SAFE_INTEGER;if(a+Math.max(r,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+r-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function bt(t,e,o){let r=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=wo(t,r,{angles:o}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function ie(t,e,o){let{layout:r,pairing:s,positions:n}=o,i=J(e)?{layout:r,pairing:s}:{layout:r,pairing:s,angles:o.angles};return n.kind==="range"?_t(t,e,{...i,offset:n.start}):_t(t,e,{...i,positions:n.list})}function is(t,e,o){let{kSeq:r,qSeq:s,causal:n,window:i,leftPadding:a}=t,c=o+r-s,f=n?Math.min(r,Math.max(0,c+1)):r,u=a?a[e]:0;return i!==null&&(u=Math.max(u,c-i+1)),[Math.min(u,f),f]}function _o(t,e,o,r){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:f,scale:u,alibi:h,sinks:l,softcap:A,bias:d}=t,m=e,k=o;if(t.rope){let{frequencies:S,pairing:R,angles:Q}=t.rope;m=ie(e,S,{layout:t.layout,pairing:R,angles:Q,positions:t.rope.query}),k=ie(o,S,{layout:t.layout,pairing:R,angles:Q,positions:t.rope.key})}let w=t.qStrides,E=t.kStrides,y=new Float32Array(e.data.length),v=new Float64Array(c),D=new Float64Array(f),x=m.data,q=k.data,M=r.data;for(let S=0;S<s;S++)for(let R=0;R<n;R++){let Q=Math.floor(R/i),F=h?h[R]:0;for(let H=0;H<a;H++){let T=H+c-a,[K,N]=is(t,S,H),P=S*w.batch+R*w.heads+H*w.seq,C=d?S*d.batchStride+R*d.headStride+H*d.rowStride:0,g=l?l[R]:-1/0,b=0;for(let $=K;$<N;$++){let O=S*E.batch+Q*E.heads+$*E.seq,j=0;for(let B=0;B<f;B++)j+=x[P+B]*q[O+B];let p=u*j;if(A!==null&&(p=A*Math.tanh(p/A)),p-=F*Math.abs(T-$),d){let B=d.data[C+$];if(B<=dt){v[$]=-1/0;continue}p+=B}v[$]=p,b++,p>g&&(g=p)}if(b===0)continue;D.fill(0);let I=l?Math.exp(l[R]-g):0;for(let $=K;$<N;$++){if(v[$]===-1/0)continue;let O=Math.exp(v[$]-g);I+=O;let j=S*E.batch+Q*E.heads+$*E.seq;for(let p=0;p<f;p++)D[p]=D[p]+O*M[j+p]}for(let $=0;$<f;$++)y[P+$]=D[$]/I}}return{shape:Object.freeze([...e.shape]),data:y}}function Ln(t,e,o,r={}){te("q",t),te("k",e),te("v",o);let s=ve(t,e,o,r);return _o(s,t,e,o)}var Lo=["AGFzbQEAAAABWAdgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwADCwoAAQEAAgMEBQUGBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRl","bmRIZWFkAAkKox4KhAQCAn8Se/0MAAD8wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/","N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hj","PUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACA","PyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQA","IA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsg","CiAU/YUCIQsgCyAKIBX9hQIhCyALIAogFv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9","TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAg","A0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwveAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC/UMhASAA/QwAAPzCAAD8wgAA/MIA","APzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBLAABAS/3lAf3lASED/Qz+5X83/uV/","N/7lfzf+5X83IAP9DImEITmJhCE5iYQhOYmEITn9hQIhBCAEIAP9DP/Drjr/w646/8OuOv/Drjr9hQIhBCAEIAP9DFuVHTxb","lR08W5UdPFuVHTz9hQIhBCAEIAP9DEdYYz1HWGM9R1hjPUdYYz39hQIhBCAEIAP9DPD9dT7w/XU+8P11PvD9dT79hQIhBCAE","IAP9DBhyMT8YcjE/GHIxPxhyMT/9hQIhBCAEIAP9DAAAgD8AAIA/AACAPwAAgD/9hQIhBCAEIAL9DH8AwLR/AMC0fwDAtH8A","wLT9rgFBF/2rAf3mASAB/U8LvQIBBHsgAP3gASEBIAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL9DBs3EbwbNxG8GzcR","vBs3Ebz9hQIhAyADIAL9DKQnszykJ7M8pCezPKQnszz9hQIhAyADIAL9DNENXb3RDV290Q1dvdENXb39hQIhAyADIAL9DImI","CD6JiAg+iYgIPomICD79hQIhAyADIAL9DKuqqr6rqqq+q6qqvquqqr79hQIhAyABIAL95gEgAyAB/YUCIQMgAf0MO6o4wDuq","OMA7qjjAO6o4wP3mARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAE","IAH9DM3MzD7NzMw+zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAAAID9Tv1QC74EAgN/C3sgACADQQR0aiEFIAIgBEEC","dGohBwNA/QwAAAAAAAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAA","AAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAA","IQ79DAAAAAAAAAAAAAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQIREgBv0JAgAhEiASIBAgCP2FAiEIIBIgESAJ/YUC","IQkgBv0JAgQhEiASIBAgCv2FAiEKIBIgESAL/YUCIQsgBv0JAgghEiASIBAgDP2FAiEMIBIgESAN/YUCIQ0gBv0JAgwhEiAS","IBAgDv2FAiEOIBIgESAP/YUCIQ8gAf0ABCAhECAB/QAEMCERIAb9CQIQIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIU","IRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIYIRIgEiAQIAz9hQIhDCASIBEgDf2FAiENIAb9CQIcIRIgEiAQIA79hQIh","DiASIBEgD/2FAiEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsgAiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIg","DP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJBIGohAiACIAdJDQALC74EBgJ/BnsDfQJ7AX8BeyAAIAJBAnRq","IQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNAIAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJ","DQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQ","IAX9EyERA0AgCyAQIBEgDf36Af3lAf3gASAL/QAEAP2FAv0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsg","CiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEYIAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9","Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI","/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8A","AID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBqIQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0f","A5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACABIBQgE5M4AgAgASAVOAIQC9gEAgh/D3sgA0ECdCEGIAX9CQIAIRkg","Bf0JAgQhGiAF/QkCCCEbIAX9CQIMIRwgACAEQQJ0aiEJQQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIBkgAiAHav0A","BAD95gEhDiAZIAIgB2r9AAQQ/eYBIQ8gGiAL/QAEAP3mASEQIBogC/0ABBD95gEhESAbIAz9AAQA/eYBIRIgGyAM/QAEEP3m","ASETIBwgDf0ABAD95gEhFCAcIA39AAQQ/eYBIRUgACEIIAEgB2ohCgNAIAr9AAQAIRYgCv0ABBAhFyAI/QkCACEYIBggFiAO","/YUCIQ4gGCAXIA/9hQIhDyAI/QkCgAIhGCAYIBYgEP2FAiEQIBggFyAR/YUCIREgCP0JAoAEIRggGCAWIBL9hQIhEiAYIBcg","E/2FAiETIAj9CQKABiEYIBggFiAU/YUCIRQgGCAXIBX9hQIhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIAj9CQIEIRggGCAW","IA79hQIhDiAYIBcgD/2FAiEPIAj9CQKEAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkChAQhGCAYIBYgEv2FAiESIBgg","FyAT/YUCIRMgCP0JAoQGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAIQQhqIQggCCAJSQ0ACyACIAdqIA79CwQA","IAIgB2ogD/0LBBAgCyAQ/QsEACALIBH9CwQQIAwgEv0LBAAgDCAT/QsEECANIBT9CwQAIA0gFf0LBBAgB0EgaiEHIAcgBkkN","AAsLrgIBBn8gBkECdCEUIAAgASAIIBRsaiAEIAYgBxADQQAhFQNAIAkgFWogDmohFyALIRYgDARAIBdBAWohFiAWIAtKBEAg","CyEWCwsgECEYIA8EQCAYIBcgD2tBAWogGCAXIA9rQQFqShshGAtBACEZIBJBAEcgCSAVaiAKSHEEQCASIAkgFWogE2xqIAhB","AnRqIRkLIAQgFUEIdGogBSAVQQJ0aiAHIAggFiAXsiANIARBgAhqIBVBAnRqIBggESAZEAQgFUEBaiEVIBVBBEkNAAsgBCAH","QQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAE","IAIgCCAUbGogAyAGIAcgBRAFCyEBAX8gA0UEQCACDwsgAEEEaiABaiEEIAIgBCAEIAJKGwswAQF/IAMhBCACBEAgBCAAIAFq","IAJrQQFqIAQgACABaiACa0EBakobIQQLIARBeHELngQFC38BfQF7BX8BeyAFQQJ0IREgEUECdCESIARBwAhqIRsgBEMAAAAA","OAKgCEMAAIA/QwAAAAAgDkMAAID/XBv9EyEjQQAhEwJAA0AgEyAGTg0BIAYgE2tBA2pBAnYhFCAUQRBLBEBBECEUCyADIBMg","EWxqQQAgFCASbPwLAEEAIRUDQCAbIBVBMGxqIA79E/0LBBAgGyAVQTBsaiAj/QsEICAVQQFqIRUgFSAUSQ0ACyATIBRBAWtB","AnRqIAogByAIEAchFyATIAogCyAMEAghGQJAA0AgGSAXTg0BQQAhFQNAIBMgFUECdGohFiAWIAogByAIEAchGCAWIAogCyAM","EAghICAZICAgGSAgShshISAZQcAAaiEiIBggIkgEQCAYISILICEgIkgEQCAiICFrQQdqQXhxIRogACAWIBFsaiABIAIgAyAW","IBFsaiAEIBsgFUEwbGogBSAaICEgFiAGIAcgCCAJIAogCyAMIA0gDyAQEAYLIBVBAWohFSAVIBRJDQALIBlBwABqIRkMAAsL","QQAhFQNAIBsgFUECdkEwbCAVQQNxQQJ0amoqAiAhHEMAAIA/IByVQwAAAAAgHEMAAAAAXhv9EyEdIAMgEyAVaiARbGohHiAe","IBFqIR8DQCAeIB79AAQAIB395gH9CwQAIB5BEGohHiAeIB9JDQALIBVBAWohFSAVIBRBAnRJDQALIBNBwABqIRMMAAsLCw=="].join(""),Ho=["AGFzbQEAAAABWAdgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwADCwoAAQEAAgMEBQUGBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRl","bmRIZWFkAAkKwh8KmQQCAn8Se/0MAAD8wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/","N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hj","PUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACA","PyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQA","IA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3k","ASELIAsgCv3mASAU/eQBIQsgCyAK/eYBIBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEh","CyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9","HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwvzAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC","/UMhASAA/QwAAPzCAAD8wgAA/MIAAPzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBL","AABAS/3lAf3lASED/Qz+5X83/uV/N/7lfzf+5X83IAP95gH9DImEITmJhCE5iYQhOYmEITn95AEhBCAEIAP95gH9DP/Drjr/","w646/8OuOv/Drjr95AEhBCAEIAP95gH9DFuVHTxblR08W5UdPFuVHTz95AEhBCAEIAP95gH9DEdYYz1HWGM9R1hjPUdYYz39","5AEhBCAEIAP95gH9DPD9dT7w/XU+8P11PvD9dT795AEhBCAEIAP95gH9DBhyMT8YcjE/GHIxPxhyMT/95AEhBCAEIAP95gH9","DAAAgD8AAIA/AACAPwAAgD/95AEhBCAEIAL9DH8AwLR/AMC0fwDAtH8AwLT9rgFBF/2rAf3mASAB/U8LzwIBBHsgAP3gASEB","IAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL95gH9DBs3EbwbNxG8GzcRvBs3Ebz95AEhAyADIAL95gH9DKQnszykJ7M8","pCezPKQnszz95AEhAyADIAL95gH9DNENXb3RDV290Q1dvdENXb395AEhAyADIAL95gH9DImICD6JiAg+iYgIPomICD795AEh","AyADIAL95gH9DKuqqr6rqqq+q6qqvquqqr795AEhAyABIAL95gEgA/3mASAB/eQBIQMgAf0MO6o4wDuqOMA7qjjAO6o4wP3m","ARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAEIAH9DM3MzD7NzMw+","zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAAAID9Tv1QC+4EAgN/C3sgACADQQR0aiEFIAIgBEECdGohBwNA/QwAAAAA","AAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAA","IQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAA","AAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQIREgBv0JAgAhEiASIBD95gEgCP3kASEIIBIgEf3mASAJ/eQBIQkgBv0J","AgQhEiASIBD95gEgCv3kASEKIBIgEf3mASAL/eQBIQsgBv0JAgghEiASIBD95gEgDP3kASEMIBIgEf3mASAN/eQBIQ0gBv0J","AgwhEiASIBD95gEgDv3kASEOIBIgEf3mASAP/eQBIQ8gAf0ABCAhECAB/QAEMCERIAb9CQIQIRIgEiAQ/eYBIAj95AEhCCAS","IBH95gEgCf3kASEJIAb9CQIUIRIgEiAQ/eYBIAr95AEhCiASIBH95gEgC/3kASELIAb9CQIYIRIgEiAQ/eYBIAz95AEhDCAS","IBH95gEgDf3kASENIAb9CQIcIRIgEiAQ/eYBIA795AEhDiASIBH95gEgD/3kASEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsg","AiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIgDP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJB","IGohAiACIAdJDQALC8EEBgJ/BnsDfQJ7AX8BeyAAIAJBAnRqIQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNA","IAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJDQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAA","AwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQIAX9EyERA0AgCyAQIBEgDf36Af3lAf3gAf3mASAL/QAEAP3k","Af0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsgCiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEY","IAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAA","AAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9","CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8AAID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBq","IQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0fA5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACAB","IBQgE5M4AgAgASAVOAIQC4gFAgh/D3sgA0ECdCEGIAX9CQIAIRkgBf0JAgQhGiAF/QkCCCEbIAX9CQIMIRwgACAEQQJ0aiEJ","QQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIBkgAiAHav0ABAD95gEhDiAZIAIgB2r9AAQQ/eYBIQ8gGiAL/QAEAP3m","ASEQIBogC/0ABBD95gEhESAbIAz9AAQA/eYBIRIgGyAM/QAEEP3mASETIBwgDf0ABAD95gEhFCAcIA39AAQQ/eYBIRUgACEI","IAEgB2ohCgNAIAr9AAQAIRYgCv0ABBAhFyAI/QkCACEYIBggFv3mASAO/eQBIQ4gGCAX/eYBIA/95AEhDyAI/QkCgAIhGCAY","IBb95gEgEP3kASEQIBggF/3mASAR/eQBIREgCP0JAoAEIRggGCAW/eYBIBL95AEhEiAYIBf95gEgE/3kASETIAj9CQKABiEY","IBggFv3mASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIAj9CQIEIRggGCAW/eYBIA795AEh","DiAYIBf95gEgD/3kASEPIAj9CQKEAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI/QkChAQhGCAYIBb95gEgEv3k","ASESIBggF/3mASAT/eQBIRMgCP0JAoQGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEVIAogBmohCiAIQQhqIQggCCAJ","SQ0ACyACIAdqIA79CwQAIAIgB2ogD/0LBBAgCyAQ/QsEACALIBH9CwQQIAwgEv0LBAAgDCAT/QsEECANIBT9CwQAIA0gFf0L","BBAgB0EgaiEHIAcgBkkNAAsLrgIBBn8gBkECdCEUIAAgASAIIBRsaiAEIAYgBxADQQAhFQNAIAkgFWogDmohFyALIRYgDARA","IBdBAWohFiAWIAtKBEAgCyEWCwsgECEYIA8EQCAYIBcgD2tBAWogGCAXIA9rQQFqShshGAtBACEZIBJBAEcgCSAVaiAKSHEE","QCASIAkgFWogE2xqIAhBAnRqIRkLIAQgFUEIdGogBSAVQQJ0aiAHIAggFiAXsiANIARBgAhqIBVBAnRqIBggESAZEAQgFUEB","aiEVIBVBBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEg","BP0ABJAI/eQB/QsEICAEIAIgCCAUbGogAyAGIAcgBRAFCyEBAX8gA0UEQCACDwsgAEEEaiABaiEEIAIgBCAEIAJKGwswAQF/","IAMhBCACBEAgBCAAIAFqIAJrQQFqIAQgACABaiACa0EBakobIQQLIARBeHELngQFC38BfQF7BX8BeyAFQQJ0IREgEUECdCES","IARBwAhqIRsgBEMAAAAAOAKgCEMAAIA/QwAAAAAgDkMAAID/XBv9EyEjQQAhEwJAA0AgEyAGTg0BIAYgE2tBA2pBAnYhFCAU","QRBLBEBBECEUCyADIBMgEWxqQQAgFCASbPwLAEEAIRUDQCAbIBVBMGxqIA79E/0LBBAgGyAVQTBsaiAj/QsEICAVQQFqIRUg","FSAUSQ0ACyATIBRBAWtBAnRqIAogByAIEAchFyATIAogCyAMEAghGQJAA0AgGSAXTg0BQQAhFQNAIBMgFUECdGohFiAWIAog","ByAIEAchGCAWIAogCyAMEAghICAZICAgGSAgShshISAZQcAAaiEiIBggIkgEQCAYISILICEgIkgEQCAiICFrQQdqQXhxIRog","ACAWIBFsaiABIAIgAyAWIBFsaiAEIBsgFUEwbGogBSAaICEgFiAGIAcgCCAJIAogCyAMIA0gDyAQEAYLIBVBAWohFSAVIBRJ","DQALIBlBwABqIRkMAAsLQQAhFQNAIBsgFUECdkEwbCAVQQNxQQJ0amoqAiAhHEMAAIA/IByVQwAAAAAgHEMAAAAAXhv9EyEd","IAMgEyAVaiARbGohHiAeIBFqIR8DQCAeIB79AAQAIB395gH9CwQAIB5BEGohHiAeIB9JDQALIBVBAWohFSAVIBRBAnRJDQAL","IBNBwABqIRMMAAsLCw=="].join("");var Ze=512,Re=class{name;#e;#o;#t;constructor(e,o){let r=new WebAssembly.Instance(e);this.name=o,this.#e=r.exports.memory,this.#o=r.exports.attendHead,this.#t=new Float32Array(this.#e.buffer)}reserve(e){let o=e*4,r=this.#e.buffer.byteLength;if(o>r){let s=Math.ceil((o-r)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${o} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#t.buffer!==this.#e.buffer&&(this.#t=new Float32Array(this.#e.buffer)),this.#t}attendHead(e,o,r,s,n,i,a,c,f,u={}){this.#o(4*e,4*o,4*r,4*s,0,n,i,a,c?1:0,f,u.shift??a-i,u.window??0,u.pad??0,u.cap??0,u.sink??-1/0,4*(u.bias??0),4*(u.biasStride??0))}},Je=class{name="js";#e=new Float32Array(Ze);#o=new Float64Array(0);#t=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,o,r,s,n,i,a,c,f,u={}){let h=this.#e;this.#o.length<a&&(this.#o=new Float64Array(a)),this.#t.length<n&&(this.#t=new Float64Array(n));let l=this.#o,A=this.#t,d=Math.fround,m=u.shift??a-i,k=u.window??0,w=u.cap??0,E=u.sink??-1/0,y=u.bias??0;for(let v=0;v<i;v++){let D=v+m,x=c?Math.min(a,D+1):a,q=Math.max(u.pad??0,k?D-k+1:0),M=s+v*n,S=y+v*(u.biasStride??0),R=e+(v>>2)*n*4+(v&3),Q=E,F=0;for(let T=q;T<x;T++){let K=o+(T>>3)*n*8+(T&7),N=0;for(let C=0;C<n;C++)N+=h[R+4*C]*h[K+8*C];let P=w===0?N:w*Math.tanh(N/w);f!==0&&(P-=d(f)*Math.abs(D-T)),y!==0&&(P+=h[S+T]),l[T]=P,P!==-1/0&&F++,P>Q&&(Q=P)}if(F===0){h.fill(0,M,M+n);continue}A.fill(0);let H=E===-1/0?0:Math.exp((E-Q)*Math.LN2);for(let T=q;T<x;T++){if(l[T]===-1/0)continue;let K=Math.exp((l[T]-Q)*Math.LN2);H+=K;let N=r+T*n;for(let P=0;P<n;P++)A[P]=A[P]+K*h[N+P]}for(let T=0;T<n;T++)h[M+T]=A[T]/H}}};function as(t){let e=atob(t),o=new Uint8Array(e.length);for(let r=0;r<e.length;r++)o[r]=e.charCodeAt(r);return o}var jo;function Go(t){if(typeof WebAssembly!="object")return null;let e=as(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function zt(){return jo??={relaxed:Go(Lo),plain:Go(Ho)},jo}var Gt;function zo(){if(!Gt){let{relaxed:t,plain:e}=zt();Gt=t?new Re(t,"relaxed-simd"):e?new Re(e,"simd"):new Je}return Gt}var et=64;function No(t,e,o){return{shift:t.kSeq-t.qSeq,window:t.window??0,pad:t.leftPadding?t.leftPadding[e]:0,cap:t.softcap===null?0:t.softcap*Math.LOG2E,sink:t.sinks?t.sinks[o]*Math.LOG2E:-1/0}}function Wo(t,e,o,r,s,n,i){let a=e.bias;if(!a){t.attendHead(s.q,s.k,s.v,s.o,n,i.count,e.kSeq,i.causal,i.slope,i.features);return}let c=e.kSeq,f=c+7&-8,u=i.features.shift??c-i.count,h=t.reserve(s.bias+et*f);for(let l=0;l<i.count;l+=et){let A=Math.min(et,i.count-l);for(let d=0;d<A;d++){let m=o*a.batchStride+r*a.headStride+(l+d)*a.rowStride,k=s.bias+d*f;for(let w=0;w<c;w++){let E=a.data[m+w];h[k+w]=E<=dt?-1/0:E*Math.LOG2E}h.fill(0,k+c,k+f)}t.attendHead(s.q+l*n,s.k,s.v,s.o+l*n,n,A,c,i.causal,i.slope,{...i.features,shift:u+l,bias:s.bias,biasStride:f})}}var Ko=new WeakMap;function Yo(t,e){Ko.set(t,e)}function Ie(t,e,o,r,s=zo(),n){let{batch:i,group:a,kvHeads:c,qSeq:f,kSeq:u,headDim:h,causal:l,scale:A,alibi:d}=t,m=e,k=o;if(t.rope){let{frequencies:$,pairing:O,angles:j}=t.rope,p=t.layout;m=ie(e,$,{layout:p,pairing:O,angles:j,positions:t.rope.query}),k=ie(o,$,{layout:p,pairing:O,angles:j,positions:t.rope.key})}let w=n===void 0&&!t.rope?Ko.get(o.data):void 0;if(w&&w.length===u&&w.batch===i&&w.kvHeads===c&&w.headDim===h&&f>0&&u>0)return cs(t,e,w);let E=n?.into??new Float32Array(e.data.length);if(f===0||u===0)return{shape:Object.freeze([...e.shape]),data:E};let y=h+7&-8,v=u+7&-8,D=f+3&-4,x=Ze,q=x+v*y,M=q+v*y,S=M+D*y,R=S+D*y,Q=s.reserve(R+(t.bias?et*v:0)),F=t.qStrides,H=t.kStrides,T=m.data,K=k.data,N=r.data,P=Math.fround,C=P(A*Math.LOG2E),g=H.seq===h&&h===y,b=F.seq===h&&h===y,I=n?.ranges??Array.from({length:i},($,O)=>({batch:O,kv0:0,kv1:c}));for(let{batch:$,kv0:O,kv1:j}of I)for(let p=O;p<j;p++){let B=$*H.batch+p*H.heads;for(let _=0;_<v;_++){let X=x+(_>>3)*y*8+(_&7),L=B+_*H.seq,U=_<u?h:0;for(let re=0;re<U;re++)Q[X+8*re]=K[L+re];for(let re=U;re<y;re++)Q[X+8*re]=0}if(g)Q.set(N.subarray(B,B+u*h),q);else for(let _=0;_<u;_++){let X=B+_*H.seq,L=q+_*y;for(let U=0;U<h;U++)Q[L+U]=N[X+U];for(let U=h;U<y;U++)Q[L+U]=0}Q.fill(0,q+u*y,q+v*y);for(let _=p*a;_<(p+1)*a;_++){let X=$*F.batch+_*F.heads;for(let L=0;L<D;L++){let U=M+(L>>2)*y*4+(L&3),re=X+L*F.seq,he=L<f?h:0;for(let ge=0;ge<he;ge++)Q[U+4*ge]=P(T[re+ge]*C);for(let ge=he;ge<y;ge++)Q[U+4*ge]=0}if(Wo(s,t,$,_,{q:M,k:x,v:q,o:S,bias:R},y,{count:f,causal:l,slope:d?d[_]*Math.LOG2E:0,features:No(t,$,_)}),b)E.set(Q.subarray(S,S+f*h),X);else for(let L=0;L<f;L++){let U=S+L*y,re=X+L*F.seq;for(let he=0;he<h;he++)E[re+he]=Q[U+he]}}}return{shape:Object.freeze([...e.shape]),data:E}}function cs(t,e,o){let{batch:r,group:s,kvHeads:n,qSeq:i,kSeq:a,headDim:c,causal:f,scale:u,alibi:h}=t,l=o.kernel,A=c+7&-8,d=a+7&-8,m=i===1&&h===null&&t.sinks===null&&t.bias===null&&t.window===null,k=m?s:i,w=k+3&-4,E=o.end,y=E+w*A,v=y+w*A,D=l.reserve(v+(t.bias?et*d:0)),x=t.qStrides,q=e.data,M=new Float32Array(q.length),S=Math.fround,R=S(u*Math.LOG2E);for(let Q=0;Q<r;Q++)for(let F=0;F<n;F++){let H=Q*n+F,T=o.kAt+H*o.headFloats,K=o.vAt+H*o.headFloats;for(let P=a;P<d;P++){let C=T+(P>>3)*A*8+(P&7);for(let g=0;g<A;g++)D[C+8*g]=0}D.fill(0,K+a*A,K+d*A);let N=m?1:s;for(let P=0;P<N;P++){for(let g=0;g<w;g++){let b=E+(g>>2)*A*4+(g&3),I=F*s+(m?g:P),$=Q*x.batch+I*x.heads+(m?0:g)*x.seq,O=g<k?c:0;for(let j=0;j<O;j++)D[b+4*j]=S(q[$+j]*R);for(let j=O;j<A;j++)D[b+4*j]=0}let C=F*s+P;Wo(l,t,Q,C,{q:E,k:T,v:K,o:y,bias:v},A,{count:k,causal:f&&!m,slope:h?h[C]*Math.LOG2E:0,features:{...No(t,Q,C),...m?{shift:a-1}:{}}});for(let g=0;g<k;g++){let b=m?F*s+g:C,I=Q*x.batch+b*x.heads+(m?0:g)*x.seq;M.set(D.subarray(y+g*A,y+g*A+c),I)}}}return{shape:Object.freeze([...e.shape]),data:M}}function Jn(t,e,o,r={}){te("q",t),te("k",e),te("v",o);let s=ve(t,e,o,r);return Ie(s,t,e,o)}var Oe=Object.freeze({T48:49152,T32:32768,T16:16384});function Uo(t){return t>=Oe.T48?"T48":t>=Oe.T32?"T32":"T16"}function us(t){let e=t.headDim/4,o=(e+(t.pad?1:0))*16,r=t.br*o,s=t.bc*o,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return r+s+n+i+a}function Xo(t){let e=[];for(let o=1;o<=t;o++)t%o===0&&e.push(o);return e}function fs(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Xo(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function ls(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Xo(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var Wt=512;function Vo(t,e,o=256){let r=`${t}|${e}|${o}`;return Nt.has(r)||Nt.set(r,hs(t,e,o)),Nt.get(r)}var Nt=new Map;function hs(t,e,o){if(!Number.isInteger(t)||t%4!==0||t<4||t>Wt)return;let r=Oe[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>o))for(let c of[64,32,16,8,4])for(let f of[64,32,16,8,4]){let u=fs(c,f,a),h=ls(c,s,a);if(!(!u||!h))for(let l of[!1,!0])for(let A of[!0,!1]){let[d,m]=u,[k,w]=h,E=us({headDim:t,br:c,bc:f,tn:m,sharedKV:l,pad:A});if(E>r)continue;let y=4*d*m/(d+m),v=[c*f,c>=f?1:0,f>=32?1:0,y>=4?1:0,a===128?2:a===64?1:0,y,l?0:1,A?1:0];(!i||As(v,i))&&(i=v,n=Object.freeze({tier:e,headDim:t,workgroup:a,br:c,bc:f,tm:d,tn:m,om:k,od4:w,sharedKV:l,pad:A,bytes:E}))}}return n}function As(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]>e[o];return!1}function Jo(){return{next:new WeakMap,groups:null}}var kt=class{#e;#o;#t=[];#r=new ArrayBuffer(65536);#s=new DataView(this.#r);#n=Jo();#a=new WeakMap;#i=-1;#c=0;#u=0;constructor(e){this.#e=e,this.#o=Math.max(16,e.limits.minUniformBufferOffsetAlignment??256)}get open(){return this.#i>=0}get created(){return this.#u}begin(){if(this.#i>=0)throw new Error("Internal error: a frame is already open");this.#i=0,this.#c=0}end(e){let o=this.#i>this.#c;if(this.#i=-1,o&&!e)throw new Error("Internal error: a frame packed uniform blocks it did not submit")}flush(){if(this.#i<0)return;let e=this.#e.queue,o=this.#c;for(;o<this.#i;){let r=Math.floor(o/65536),s=Math.min(this.#i,(r+1)*65536);e.writeBuffer(this.#t[r],o-r*65536,this.#r,o,s-o),o=s}this.#c=this.#i}groupLayout(e){let o=this.#a.get(e);return o||(o=e.getBindGroupLayout(0),this.#a.set(e,o)),o}bind(e,o,r,s){let n=o.uniformBytes;if(n>65536)throw new Error(`Internal error: the uniform block of ${o.name} is over 65536 bytes`);let i=Math.ceil(this.#i/this.#o)*this.#o;Math.floor(i/65536)!==Math.floor((i+n-1)/65536)&&(i=Math.ceil(i/65536)*65536);let a=Math.floor(i/65536);this.#l(a),o.packInto(r,this.#s,i),this.#i=i+n;let c=this.#t[a],f=i-a*65536,u=this.#f(this.#f(this.#n,e),c),h=`${f}`,l=s;for(let d of o.bindingNames){if(d==="params")continue;let m=l[d];m&&(u=this.#f(u,m.buffer),h+=`|${m.offset??0}:${m.size??-1}`)}u.groups??=new Map;let A=u.groups.get(h);return A||(A=this.#e.createBindGroup({label:o.name,layout:this.groupLayout(e),entries:o.entries({...s,params:{buffer:c,offset:f,size:n}})}),this.#u++,u.groups.set(h,A)),A}destroy(){for(let e of this.#t)e.destroy();this.#t.length=0}#f(e,o){let r=e.next.get(o);return r||(r=Jo(),e.next.set(o,r)),r}#l(e){for(;this.#t.length<=e;)this.#t.push(this.#e.createBuffer({size:65536,usage:72,label:"uniform arena"}));let o=(e+1)*65536;if(this.#r.byteLength<o){let r=new ArrayBuffer(Math.max(o,2*this.#r.byteLength));new Uint8Array(r).set(new Uint8Array(this.#r)),this.#r=r,this.#s=new DataView(r)}}};var $t=class t{#e;#o=new Map;#t=0;#r=new WeakSet;#s=[];#n=null;#a=[];#i=!1;constructor(e){this.#e=e}static sizeOf(e){return Math.max(16,Math.ceil(e/16)*16)}create(e,o){return this.#e.createBuffer({size:t.sizeOf(e),usage:140,label:o})}take(e,o,r){let s=t.sizeOf(e),n=this.#o.get(s)?.pop();if(!n)return this.create(e,o);if(this.#t-=s,this.#r.delete(n),r)this.#s.push(n);else{let i=Math.ceil(e/4)*4;i<s&&this.#e.queue.writeBuffer(n,i,new Uint8Array(s-i))}return n}recycle(e){if(this.#r.has(e))return;let o=e.size,r=this.#s.indexOf(e);if(r>=0&&this.#s.splice(r,1),this.#i||e.usage!==140||o>16777216||this.#t+o>67108864){e.destroy();return}let s=this.#o.get(o);s||(s=[],this.#o.set(o,s)),s.push(e),this.#r.add(e),this.#t+=o}scratch(e,o){if(!this.#n||this.#n.size<e){this.#n&&this.#a.push(this.#n);let r=Math.min(Math.max(2*(this.#n?.size??0),65536),o);this.#n=this.create(Math.max(e,r),"scratch")}return this.#n}encodeClears(e){if(this.#s.length!==0){for(let o of this.#s)e.clearBuffer(o);this.#s=[]}}submitted(){for(let e of this.#a.splice(0))e.destroy()}close(){this.#i=!0;for(let e of this.#o.values())for(let o of e)o.destroy();this.#o.clear(),this.#t=0,this.#n?.destroy(),this.#n=null,this.submitted()}};async function Zo(t,e,o,r){let s=t.device;if(r){let l=t.encoder(),A=l.beginComputePass();t.encode(A,e),A.end(),t.finish(l),await t.idle()}let n=t.encoder(),i,a,c;t.timestamps&&(i=s.createQuerySet({type:"timestamp",count:2}),a=s.createBuffer({size:16,usage:516}),c=s.createBuffer({size:16,usage:9}));let f=n.beginComputePass(i?{timestampWrites:{querySet:i,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let l=0;l<o;l++)t.encode(f,e);f.end(),i&&a&&c&&(n.resolveQuerySet(i,0,2,a,0),n.copyBufferToBuffer(a,0,c,0,16));let u=performance.now();t.finish(n),await t.idle();let h=(performance.now()-u)/1e3;try{if(c){await c.mapAsync(1);let[l,A]=new BigUint64Array(c.getMappedRange().slice(0));c.unmap();let d=Number(A-l);if(d>0)return{seconds:d/1e9/o,source:"timestamp-query"}}return{seconds:h/o,source:"wall-clock"}}finally{i?.destroy(),a?.destroy(),c?.destroy()}}var ds=72,er=9,ps=1,Et=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#o=new Map;#t;#r;#s=null;constructor(e,o,r,s=!1){this.device=e,this.f16=s,this.ownsDevice=o,this.limits=r,this.tier=Uo(r.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),this.#t=new kt(e),this.#r=new $t(e),e.lost.then(n=>{this.#s??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#s}fail(e){this.#s??=e}dispose(){this.#t.destroy(),this.#r.close()}get bindGroupsCreated(){return this.#t.created}#n(e){return this.#s!==null?new Error(`This GpuAttention cannot be used: ${this.#s}`):e instanceof Error?e:new Error(String(e))}cached(e,o){let r=this.#o.get(e);return r===void 0&&(r=o(),this.#o.set(e,r)),r}setCached(e,o){this.#o.set(e,o)}pipeline(e,o){let r=this.#e.get(e);return r||(r=this.#a(e,o()),this.#e.set(e,r),r.catch(()=>this.#e.delete(e))),r}async#a(e,o){let r=this.device.createShaderModule({code:o,label:e}),n=(await r.getCompilationInfo().catch(i=>{throw this.#n(i)})).messages.filter(i=>i.type==="error");if(n.length>0)throw this.#s!==null?this.#n(null):new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:r,entryPoint:"main"}})}catch(i){throw this.#s!==null?this.#n(i):new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}#i(e,o){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${o}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`)}buffer(e,o){return this.#i(e,o),this.#r.create(e,o)}output(e,o){return this.#i(e,o),this.#r.take(e,o,!0)}recycle(e){this.#r.recycle(e)}upload(e,o){this.#i(e.byteLength,o);let r=this.#r.take(e.byteLength,o,!1);return e.byteLength>0&&(e.buffer instanceof ArrayBuffer||(e=e.slice()),this.device.queue.writeBuffer(r,0,e.buffer,e.byteOffset,e.byteLength)),r}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}scratch(e){this.#i(e,"scratch");let o=Math.min(this.limits.maxStorageBufferBindingSize,this.limits.maxBufferSize);return this.#r.scratch(e,o)}uniform(e,o){let r=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:ds,label:o});return this.device.queue.writeBuffer(r,0,e),r}bind(e,o,r,s,n){if(this.#t.open)return this.#t.bind(e,o,r,s);let i=this.uniform(o.pack(r),`${o.name} params`);return n.push(i),this.device.createBindGroup({label:o.name,layout:this.#t.groupLayout(e),entries:o.entries({...s,params:{buffer:i}})})}encode(e,o){for(let r of o.dispatches)e.setPipeline(r.pipeline),e.setBindGroup(0,r.bindGroup),e.dispatchWorkgroups(r.grid[0],r.grid[1],r.grid[2])}submit(e,o){let r=Array.isArray(e)?e:[e];try{return this.#c(r,o)}finally{for(let s of r)this.release(s)}}release(e){for(let o of e.temps)this.#r.recycle(o)}encoder(){let e=this.device.createCommandEncoder();return this.#r.encodeClears(e),e}finish(e){this.#t.flush(),this.device.queue.submit([e.finish()]),this.#r.submitted()}#c(e,o){let r=this.encoder();if(e.some(n=>n.dispatches.length>0)){let n=r.beginComputePass();for(let i of e)this.encode(n,i);n.end()}let s;return o&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(o.bytes/16)*16),usage:er,label:"readback"}),o.bytes>0&&r.copyBufferToBuffer(o.source,0,s,0,Math.ceil(o.bytes/4)*4)),this.finish(r),s}async guarded(e,o){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let r,s,n=!1;try{r=o()}catch(u){s=u,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,f]=await Promise.all([i,a]);if(n)throw s;if(f)throw new Error(`Out of GPU memory while ${e}: ${f.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return r}submitting(e,o){return this.guarded(e,()=>{this.#t.begin();let r=!1;try{let s=o();return r=!0,s}finally{this.#t.end(!r)}})}profile(e,o,r){return Zo(this,e,o,r)}gather(e){let o=e.reduce((i,a)=>i+a.size,0),r=this.device.createBuffer({size:Math.max(16,Math.ceil(o/16)*16),usage:er,label:"readback"}),s=this.encoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,r,n,i.size),n+=i.size;return this.finish(s),r}async read(e,o){try{return await e.mapAsync(ps),e.getMappedRange(0,Math.max(16,Math.ceil(o/16)*16)).slice(0,o)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var tr=new WeakMap;function gs(t,e){if(t.length!==e.length)return!1;for(let o=0;o<t.length;o++)if(t[o]!==e[o])return!1;return!0}function yt(t,e){let o=tr.get(e);(!o||o.factor!==e.attentionFactor||!gs(o.invFreq,e.invFreq))&&(o={factor:e.attentionFactor,invFreq:e.invFreq.slice(),texts:new Map},tr.set(e,o));let r=o.texts.get(t);return r===void 0&&(r=`${t}|${o.factor}|${Array.from(o.invFreq).join(",")}`,o.texts.set(t,r)),r}var rr="This KvCache cannot be used: it was destroyed",sr="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",ms=512,It=4,nr=["split","keys"];function Bt(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${W(e)}`)}function tt(t,e,o){let r=V(t,e??"f32",{allowed:["f32","f16","auto"]});if(r==="auto")return o.available?"f16":"f32";if(r==="f16"&&!o.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${o.detail}); use "f32", or "auto" to fall back to float32`);return r}function ir(t){Bt("options",t),se("options",t,{allowed:ko});let e=ee("batch",t.batch,{min:1}),o=ee("kvHeads",t.kvHeads,{min:1}),r=ee("headDim",t.headDim,{min:4,max:ms});if(r%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${r}`);let s=t.window===void 0?null:je(t.window,"window");if(s===null&&t.maxLength===void 0)throw new TypeError("Invalid maxLength: expected an integer >= 1 (the tokens the cache holds), got undefined; only a window cache may leave it out");let n=t.maxLength===void 0?1/0:ee("maxLength",t.maxLength,{min:1}),i=s===null?n:Math.min(n,s+It-1);return{batch:e,kvHeads:o,headDim:r,maxLength:n,window:s,slots:i}}function Kt(t,e,o,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${W(e)}`);se(t,e,{allowed:r});let s=wt(t,e),n=2*ue(s);if(e.rotaryDim!==void 0&&e.rotaryDim!==n)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${n} (${$e(s)}), got ${W(e.rotaryDim)}`);if(n>o)throw new RangeError(`Invalid ${t}.${J(s)?"cache":"frequencies"}: rotary dim ${n} (${$e(s,"")}) exceeds the head dim ${o}`);let i=V(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),a=V(`${t}.angles`,e.angles??Ve(s),{allowed:["float32","float64"]}),c=J(s)?To(i,s):yt(`${i}|${a}`,s);return{frequencies:s,pairing:i,rotaryDim:n,angles:a,fingerprint:c}}function or(t,e,o,r){let s=Ee(t,e,o);if(s.batch!==r.batch)throw new RangeError(`Invalid ${t}: expected batch ${r.batch} (as the cache), got ${s.batch}`);if(s.heads!==r.kvHeads)throw new RangeError(`Invalid ${t}: expected ${r.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==r.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${r.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function Ge(t,e,o,r){Bt("options",r),se("options",r,{allowed:$o});let s=V("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=or("k",e,s,t),i=or("v",o,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(r.rope!==void 0){let c=Kt("rope",r.rope,t.headDim,Eo),f=r.rope.positions===void 0?null:Me("rope.positions",r.rope.positions,n.seq,t.batch,c.angles==="float32");f&&J(c.frequencies)&&de("rope.positions",c.frequencies,f,n.seq),a={...c,positions:f}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function ar(t,e,o){if(e+o.n>t.maxLength)throw new RangeError(`Cannot append ${o.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(o.rope&&!o.rope.positions&&J(o.rope.frequencies)){let r={kind:"range",start:e};de("rope.cache",o.rope.frequencies,r,o.n)}if(o.rope&&!o.rope.positions&&o.rope.angles==="float32"){let r=e+o.n-1;if(r>ye)throw new RangeError(`Invalid rope: the last key would sit at position ${r}, above ${ye} (the largest position with angles "float32")`)}}function cr(t,e){let o=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==o)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:o,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var Yt=Object.freeze({keyRope:void 0,explicitPositions:!1});function ur(t,e,o,r=He){Bt("options",o),se("options",o,{allowed:r});let s=V("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Ee("q",e,s);if(n.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${n.batch}`);if(n.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${n.headDim}`);if(n.heads<1||n.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${n.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(n.seq<1||n.seq>It)throw new RangeError(`Invalid q: expected 1 to ${It} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${n.seq}`);let i=o.scale===void 0?1/Math.sqrt(n.headDim):Ae("scale",o.scale),a=jt(o.alibiSlopes,n.heads),c=null;if(o.rope!==void 0){if(o.rope!==null&&typeof o.rope=="object"&&"positions"in o.rope)throw new TypeError(`Invalid rope: unknown key "positions"; a decode's query positions are the option queryPositions (the cached keys keep the positions they were appended at)`);let A=Kt("rope",o.rope,t.headDim,yo),d=o.queryPositions===void 0?null:Me("queryPositions",o.queryPositions,n.seq,n.batch,A.angles==="float32");d&&J(A.frequencies)&&de("queryPositions",A.frequencies,d,n.seq),c={...A,queryPositions:d}}else if(o.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let f=o.splits===void 0?void 0:ee("splits",o.splits,{min:1}),u=V("kernel",o.kernel??"split",{allowed:nr}),h=je(o.slidingWindow);if(h!==null&&t.window!==null&&h>t.window)throw new RangeError(`Invalid slidingWindow: expected at most ${t.window}, the window of this cache (it keeps no older keys), got ${h}`);let l=null;return o.bias!==void 0&&(l=te("bias",o.bias),Ue(l,{batch:n.batch,heads:n.heads,qSeq:n.seq,kSeq:null})),{layout:s,batch:n.batch,heads:n.heads,kvHeads:t.kvHeads,group:n.heads/t.kvHeads,qSeq:n.seq,headDim:n.headDim,qShape:[...e.shape],qStrides:n.strides,scale:i,rope:c,alibi:a,splits:f,kernel:u,window:h,sinks:pt(o.sinks,n.heads),softcap:gt(o.softcap),leftPadding:mt(o.leftPadding,n.batch,2**31-1),bias:l}}function vt(t,e,o,r=null){return bs(t,e,o),ws(t,e,r)}function ws(t,e,o){let r=t.window??o,s=r===null?0:Math.max(0,e-t.qSeq-r+1),n=null;return t.bias&&(n=Ue(t.bias,{batch:t.batch,heads:t.heads,qSeq:t.qSeq,kSeq:e})),{window:r,first:s,bias:n}}function bs(t,e,o){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(o.keyRope&&o.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(o.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(J(t.rope.frequencies)){let r={kind:"range",start:e-t.qSeq};de("rope.cache",t.rope.frequencies,r,t.qSeq)}if(t.rope.angles==="float32"&&e-1>ye)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${ye} (the largest position with angles "float32")`)}}}var ze=class{owner;batch;kvHeads;headDim;maxLength;window;slots;#e;#o=0;#t=Yt;#r=!1;constructor(e,o,r){this.owner=e,this.#e=o,this.batch=r.batch,this.kvHeads=r.kvHeads,this.headDim=r.headDim,this.maxLength=r.maxLength,this.window=r.window,this.slots=r.slots}held(){let e=Math.min(this.#o,this.slots);return{first:this.#o-e,count:e}}get length(){return this.#o}get destroyed(){return this.#r||!this.#e()}get ropeState(){return this.#t}live(){if(this.#r)throw new Error(rr);if(!this.#e())throw new Error(sr)}reserve(e){ar(this,this.#o,e);let o=cr(this.#t,e),r=this.#o;return{slot:r,skip:Math.max(0,e.n-this.slots),commit:()=>{this.#o=r+e.n,this.#t=o}}}snapshot(){let e=this.#o,o=this.#t;return()=>{this.#o=e,this.#t=o}}clear(){this.#o=0,this.#t=Yt}markDestroyed(){return this.#r?!1:(this.#r=!0,!0)}};function Ut(t,e,o){if(!(t instanceof o))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var Y=class{shape;dtype;owner;#e;#o;#t;#r;#s=!1;#n=!1;#a=null;#i=null;constructor(e,o,r,s,n="float32",i=a=>a.destroy()){this.owner=e,this.dtype=n,this.#t=s,this.#r=i,this.shape=Object.freeze([...o]),this.#e=r instanceof Float32Array?null:r,this.#o=r instanceof Float32Array?r:null}get buffer(){return this.#e}get destroyed(){return this.#s||!this.#t()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#o}}get recording(){return this.#a}get failure(){return this.#i}awaitRecording(e){return this.#a=e,this}settle(e){this.#a=null,e!==null&&(this.#i=e,this.#s=!0),this.#s&&this.#c()}destroy(){this.#s||(this.#s=!0,this.#a===null&&this.#c())}#c(){this.#n||(this.#n=!0,this.#e&&this.#r(this.#e))}};function z(t,e,o,r=null){if(e instanceof Y){if(e.owner!==o)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);let n=e.recording;if(n!==null){if(n===r&&e.owner===o)return e;throw new Error(`Invalid ${t}: this GpuTensor is an output of a recording whose submit() has not resolved yet; await submit() before using it outside that recording`)}if(e.failure!==null)throw new Error(`Invalid ${t}: this GpuTensor was never computed: its recording failed (${e.failure})`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let s=e;if(s===null||typeof s!="object"||!("data"in s))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${W(e)}`);return te(t,e)}function Xt(t,e,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${W(o)}`);se("options",o,{allowed:Po});let r=V("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=Ee("x",t,r),n=Ro("frequencies",e,o.angles),i=2*ue(n);if(o.rotaryDim!==void 0&&o.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (${$e(n)}), got ${W(o.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (${$e(n,"")}) exceeds the head dim ${s.headDim}`);let a=V("pairing",o.pairing??"half",{allowed:["half","interleaved"]}),c=V("angles",o.angles??Ve(n),{allowed:["float32","float64"]}),f=Fo("",o.positions,o.offset,s.seq,s.batch,c);J(n)&&de("positions",n,f,s.seq);let u=De("inPlace",o.inPlace??!1);return{call:{layout:r,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:f},inPlace:u}}var Pt=class{#e;#o=[];#t="recording";constructor(e){this.#e=e}get state(){return this.#t}get calls(){return this.#o.length}#r(){if(this.#t!=="recording")throw new Error(`This recording cannot take more calls: it was ${this.#t==="submitting"?"submitted":this.#t}; start a new one with gpu.record()`);this.#e.live()}attention(e,o,r,s={}){this.#r();let n=this.#e.attention([e,o,r],s,this),i=this.#e.output(n.plan.qShape,n.elements.o,this);return this.#o.push({kind:"attention",call:n,output:i}),i}applyRope(e,o,r={}){this.#r();let s=this.#e.rope(e,o,r,this);if(s.inPlace&&!(s.x instanceof Y))throw new TypeError("Invalid inPlace: a recording writes in place only into a GpuTensor; upload x first or leave inPlace false");let n=s.x instanceof Y&&s.inPlace?s.x:this.#e.output(s.x.shape,"f32",this);return this.#o.push({kind:"rope",request:s,output:n}),n}append(e,o,r,s={}){this.#r(),this.#o.push({kind:"append",call:this.#e.append(e,[o,r],s,this)})}decode(e,o,r={}){this.#r();let s=this.#e.decode(e,o,r,this),n=this.#e.decodeOutput(s,this);return this.#o.push({kind:"decode",call:s,output:n}),n}submit(){if(this.#t!=="recording")return Promise.reject(new Error(`This recording cannot be submitted: it was ${this.#t==="submitting"?"submitted":this.#t} already; start a new one with gpu.record()`));this.#t="submitting";let e;try{e=this.#e.run(this.#o,this)}catch(o){e=Promise.reject(o)}return e.then(()=>this.#s("submitted",null),o=>{let r=o instanceof Error?o.message:String(o);throw this.#s("failed",r),o})}discard(){this.#t==="recording"&&this.#s("discarded","it was discarded before submit()")}#s(e,o){this.#t=e;for(let r of this.#o)r.kind==="append"||r.kind==="rope"&&r.request.inPlace||r.output.settle(o)}};var ks=["flash","naive"],ot="it was destroyed; create a new one with createGpuAttention()";function fr(t){return ee("iterations",t,{min:1})}function $s(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${W(e)}`)}var Ne=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e,o=null){return[z("q",e[0],this,o),z("k",e[1],this,o),z("v",e[2],this,o)]}#e(e,o,r,s=null){this.live();let n=this.checkOperands(e,s);return{operands:n,plan:ve(...n,o,r)}}#o(e,o,r){let[s,n,i]=o.operands,a=this.elementsOf(s,n,i,r),c=V("kernel",r.kernel??"flash",{allowed:ks});return{args:e,q:s,k:n,v:i,plan:o.plan,elements:a,kernel:c}}async attention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s,At);return await this.runAttention(this.#o(n,i,s))}async profileAttention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s,Io),a=fr(s.iterations??10),c=De("warmup",s.warmup??!0),f=this.#o(n,i,s);return await this.timeAttention(f,a,c,s)}async applyRope(e,o,r={}){this.live();let s=z("x",e,this),n=Xt(s,o,r);return lr(s),await this.runRope({...n,arg:e,x:s})}upload(e,o={}){this.live();let r=te("t",e);return $s("options",o),se("options",o,{allowed:vo}),this.store(r,tt("precision",o.precision,this.info.f16))}async download(e){this.live();let o=z("t",e,this);if(!(o instanceof Y))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(o)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let o=ir(e),r=tt("precision",e.precision,this.info.f16);return await this.makeCache(o,r)}#t(e,o,r,s,n=null){this.live();let i=z("q",e,this,n),a=Ut(o,this,this.cacheClass),c=ur(a,i,r,s);return this.prepareDecode({arg:e,q:i,cache:a,plan:c})}async decode(e,o,r={}){return await this.runDecode(this.#t(e,o,r,He),r)}async profileDecode(e,o,r={}){let s=this.#t(e,o,r,Bo),n=fr(r.iterations??10),i=De("warmup",r.warmup??!0);return await this.timeDecode(s,n,i,r)}record(){return this.live(),new Pt(this.#r())}#r(){return{live:()=>this.live(),attention:(e,o,r)=>{let s=this.#e(e,o,At,r);return this.#o(e,s,o)},rope:(e,o,r,s)=>{this.live();let n=z("x",e,this,s),i=Xt(n,o,r);return lr(n),{...i,arg:e,x:n}},append:(e,o,r,s)=>{this.live();let n=Ut(e,this,this.cacheClass),i=z("k",o[0],this,s),a=z("v",o[1],this,s);return{cache:n,args:o,k:i,v:a,plan:Ge(n,i,a,r)}},decode:(e,o,r,s)=>this.#t(e,o,r,He,s),output:(e,o,r)=>this.recordedOutput(e,o,r),decodeOutput:(e,o)=>this.recordedOutput(e.plan.qShape,this.decodeElement(e),o),run:(e,o)=>this.runRecording(e,o)}}};function lr(t){if(t instanceof Y&&t.dtype==="float16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)")}function Pe(t){return t.reduce((e,o)=>e*o,1)}var Es=256,ys=8;function Is(t){let e=t.kp*t.ku*t.rb,o=t.lr*(e+1),r=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(o+e+r+s)}function hr(t,e,o,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let l of[1,2,3,4])if(s%l===0&&s/l<=32){n=l;break}let i=s/n,a=Math.min(o==="T16"?64:128,r);if(i>r)return;let c=Math.max(1,Math.floor(a/i)),f=c*i,u=Oe[o],h=Math.max(1,Math.min(e,Math.floor(ys/n)));for(let l=h;l>=1;l--)for(let A=Math.max(1,Math.floor(i/l));A>=1;A--){let d={headDim:t,c:n,lr:i,kp:c,ku:A,rb:l},m=Is(d);if(m<=u)return{...d,workgroup:f,bytes:m}}}function Ar(t,e,o,r){let s=Math.ceil(o/Math.max(1,e)),n=Math.ceil(t/Es);return rt(t,Math.max(1,Math.min(s,n,r)))}function rt(t,e){let o=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/o)),keysPerSplit:o}}var me=`fn isNan(x: f32) -> bool {
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
`;function We(t,e){return`select(select(0.0, exp2(${t} - ${e}), ${t} > ${-1e30/2}), ${t}, isNan(${t}))`}function we(t){return`select(select(0.0, 1.0 / ${t}, ${t} > 0.0), ${t}, isNan(${t}))`}function xt(t){let e=["softcap","sinks","padding","bias"].filter(o=>t[o]);return e.length===0?"":`:${e.join("+")}`}function ce(t,e){return e==="f32"?o=>`${t}[${o}]`:o=>`vec4<f32>(${t}[${o}])`}function Be(t,e,o,r,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,o=`(${o})`,r=`(${r})`,t.pairing==="interleaved"&&n%4===0)return`if (${r} < ${n/4}u) {
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
    }`}let a=[];for(let c=0;c<4;c++)if(t.pairing==="interleaved"){let f=c^1,u=c%2===0?"-":"+";a.push(`{
        let d = ${r} * 4u + ${c}u;
        if (d < ${n}u) {
          let t = T[${s} * ${i}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${u} x[${f}] * t.y;
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
    }`}var dr=new WeakMap;function G(t,e){return{variable:t,access:"read",type:e}}function Z(t,e){return{variable:t,access:"read_write",type:e}}var Vt=class{name;fields;bindingNames;uniformBytes;#e;#o;#t;#r=null;constructor(e){this.name=e.name,this.#e=e.uniforms;let o=dr.get(e.uniforms);if(!o){let s=Object.keys(e.uniforms);o={names:s,types:s.map(n=>e.uniforms[n])},dr.set(e.uniforms,o)}if(this.fields=o.names,this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let r=["params"];for(let s in e.bindings)e.bindings[s]!==null&&r.push(s);this.bindingNames=r,this.uniformBytes=Math.ceil(this.fields.length*4/16)*16,this.#o=o.types,this.#t=e}get wgsl(){if(this.#r===null){let e=this.#t,o=this.fields.map(n=>`  ${n}: ${e.uniforms[n]},`).join(`
`),s=Object.values(e.bindings).filter(n=>n!==null).map((n,i)=>`@group(0) @binding(${i+1}) var<storage, ${n.access}> ${n.variable}: ${n.type};`);this.#r=`struct Params {
${o}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}return this.#r}binding(e){let o=this.bindingNames.indexOf(e);if(o<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return o}pack(e){let o=new ArrayBuffer(this.uniformBytes);return this.packInto(e,new DataView(o),0),o}packInto(e,o,r){let s=e,n=0;for(let c in s)n++;let i=this.fields;n!==i.length&&this.#s(s);let a=this.#o;for(let c=0;c<i.length;c++){let f=i[c],u=s[f];if(u===void 0)throw Object.hasOwn(s,f)||this.#s(s),new Error(`Internal error: uniform ${f} of kernel ${this.name} is missing`);let h=r+c*4,l=a[c];if(l==="f32"){if(!Number.isFinite(u))throw this.#n(f,u,"a finite f32");o.setFloat32(h,u,!0)}else if(l==="i32"){if(!Number.isInteger(u)||u<-2147483648||u>2147483647)throw this.#n(f,u,"a signed 32-bit integer");o.setInt32(h,u,!0)}else{if(!Number.isInteger(u)||u<0||u>4294967295)throw this.#n(f,u,"an unsigned 32-bit integer");o.setUint32(h,u,!0)}}}#s(e){for(let r of Object.keys(e))if(!Object.hasOwn(this.#e,r))throw new Error(`Internal error: kernel ${this.name} has no uniform ${r}`);let o=this.fields.find(r=>e[r]===void 0);throw new Error(`Internal error: uniform ${o} of kernel ${this.name} is missing`)}#n(e,o,r){return new RangeError(`Internal error: uniform ${e} = ${o} of kernel ${this.name} does not fit ${r}`)}entries(e){for(let o of Object.keys(e))if(!this.bindingNames.includes(o))throw new Error(`Internal error: kernel ${this.name} declares no binding ${o}`);return this.bindingNames.map((o,r)=>{let s=e[o];if(!s)throw new Error(`Internal error: binding ${o} of kernel ${this.name} is missing`);return{binding:r,resource:s}})}};function ne(t){return new Vt(t)}var Bs={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",first:"u32",slots:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32",window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"},vs={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function Jt(t){let e=t.elements;return ne({name:"decode",uniforms:Bs,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<vec4<${e.kv}>>`),v:G("V",`array<vec4<${e.kv}>>`),o:Z("O",`array<vec4<${e.o}>>`),w:Z("W","array<vec4<f32>>"),table:t.rope?G("T","array<vec2<f32>>"):null,slopes:t.alibi?G("SL","array<f32>"):null,sinks:t.sinks?G("SK","array<f32>"):null,padding:t.padding?G("PD","array<u32>"):null,bias:t.bias?G("BI","array<f32>"):null}})}function Zt(t){return ne({name:"decode merge",uniforms:vs,bindings:{w:G("W","array<vec4<f32>>"),o:Z("O",`array<vec4<${t}>>`)}})}var st=64;function eo(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`+xt(t)}function to(t,e){return`decode-merge:d${t}:${e}`}function xe(t){return Array.from({length:t},(e,o)=>o)}function St(t){return t.length===0?"0.0":t.join(" + ")}function pr(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function gr(t){let e=t.tiles,{c:o,lr:r,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,f=s*n*i,u=f+1,h=s*n,l=t.elements,A=ce("Q",l.q),d=ce("K",l.kv),m=ce("V",l.kv),k=[l.q,l.kv,l.o].includes("f16"),w=xe(i),E=xe(o),y=xe(n),v=t.rope?Be(t.rope,A,"base","cc","P.tab + b * P.tabB + t"):"",D=w.map(b=>`${E.map(I=>`var q${b}_${I} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${b}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${E.map(I=>`{
        let cc = lr + ${I*r}u;
        var x = ${A("base + cc")};
        ${v}
        q${b}_${I} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),x=w.map(b=>`${t.sinks?`let sink${b} = split == 0u && kp == 0u;
  var m${b} = select(${-1e30}, SK[kvh * P.group + min(row0 + ${b}u, P.rows - 1u) % P.group], sink${b});
  var l${b} = select(0.0, 1.0, sink${b});`:`var m${b} = ${-1e30}; var l${b} = 0.0;`} ${E.map(I=>`var a${b}_${I} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),q=y.map(b=>{let I=w.map($=>`Red[lr * ${u}u + kp * ${i}u + ${b*s*i+$}u] = ${St(E.map(O=>`dot(q${$}_${O}, k${b}_${O})`))};`).join(`
      `);return`let kr${b} = kvBase + (min(k0 + ${b*s}u + kp, kEnd - 1u) % P.slots) * ${c}u;
      ${E.map($=>`let k${b}_${$} = ${d(`kr${b} + ${$*r}u`)};`).join(" ")}
      ${E.map($=>`let v${b}_${$} = ${m(`kr${b} + ${$*r}u`)};`).join(" ")}
      ${I}`}).join(`
      `),M=t.alibi||t.bias,S=t.softcap?"s = capped(s, P.cap2);":"",R=(M?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          `:"")+(t.alibi?"s -= SL[h] * f32(i32(qp) - i32(key));":""),Q=t.bias?`let bv = BI[b * P.bB + h * P.bH + (min(f, P.rows - 1u) / P.group) * P.bS + min(key, P.len - 1u)];
          s += bv * ${Math.LOG2E};`:"",F=t.padding?" && key >= padB":"",H=t.bias?" && !biasHides(bv)":"",T=xe(Math.ceil(f/a)).map(b=>{let I=(b+1)*a>f;return`{
        let i = lid + ${b*a}u;
        ${I?`if (i < ${f}u) {`:"{"}
          var s = ${St(xe(r).map($=>`Red[${$*u}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${S}
          ${R}
          ${Q}
          Sc[i] = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp && i32(key) > i32(qp) - i32(P.window)${F}${H});
        }
      }`}).join(`
      `),K=b=>St(y.map(I=>`select(p${I} * v${I}_${b}, vec4<f32>(0.0), p${I} == 0.0)`)),N=w.map(b=>{let I=y.map($=>`s${$}`);return`{
        ${y.map($=>`let s${$} = Sc[kp * ${i}u + ${$*s*i+b}u];`).join(" ")}
        let mx = max(m${b}, ${I.reduce(($,O)=>`max(${$}, ${O})`)});
        let alpha = exp2(m${b} - mx);
        ${y.map($=>`let p${$} = ${We(`s${$}`,"mx")};`).join(" ")}
        l${b} = l${b} * alpha + ${St(y.map($=>`p${$}`))};
        m${b} = mx;
        ${E.map($=>`a${b}_${$} = a${b}_${$} * alpha + ${K($)};`).join(`
        `)}
      }`}).join(`
      `),P=w.map(b=>`{
    let mr = ${xe(s).map(I=>`Mk[${I*i+b}u]`).reduce((I,$)=>`max(${I}, ${$})`)};
    let g = exp2(m${b} - mr);
    l${b} *= g;
    ${E.map(I=>`a${b}_${I} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${b}u] = mr;
    }
  }`).join(`
  `),C=xe(s).map(b=>`if (kp == ${b}u) {
    ${w.flatMap(I=>E.map($=>{let O=`${I*c}u + lr + ${$*r}u`;return b===0?`X[${O}] = a${I}_${$};`:`X[${O}] += a${I}_${$};`})).join(`
    `)}
    if (lr == 0u) {
      ${w.map(I=>b===0?`Ls[${I}u] = l${I};`:`Ls[${I}u] += l${I};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),g=xe(Math.ceil(i*c/a)).map(b=>{let I=(b+1)*a>i*c;return`{
    let e = lid + ${b*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${I?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${pr(l.o,`X[e] * ${we("total")}`)};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${eo(t)}
${k?"enable f16;":""}
${Jt(t).wgsl}
${me}
var<workgroup> Red: array<f32, ${r*u}>;
var<workgroup> Sc: array<f32, ${f}>;
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

  ${D}
  ${x}

  // This split's keys (of those from the first visible one), cut at the last
  // one any row of the block sees and after the padding (uniform per workgroup).
  ${t.padding?"let padB = PD[b];":""}
  let kSplit = P.first + split * P.keysPerSplit;
  let kBegin = ${t.padding?"max(kSplit, padB)":"kSplit"};
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kSplit + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${h}u) {
      ${q}
    workgroupBarrier();
      ${T}
    workgroupBarrier();
      ${N}
  }

  if (lr == 0u) {
    ${w.map(b=>`Mk[kp * ${i}u + ${b}u] = m${b};`).join(" ")}
  }
  workgroupBarrier();
  ${P}
  ${C}
  ${g}
}
`}function mr(t,e){let o=t/4;return`// ${to(t,e)}
${e==="f16"?"enable f16;":""}
${Zt(e).wgsl}
${me}
@compute @workgroup_size(${st})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${st}u + lid;
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${pr(e,`acc * ${we("total")}`)};
}
`}function fe(t,e,o,r=4){let s=Math.max(16,o.minStorageBufferOffsetAlignment),n=Math.floor(t*r/s)*s,i=Math.max(4,Math.ceil((e*r-n)/4)*4);return{offset:n,size:i,base:n/r}}function ae(t,e){return t.size<=e.maxStorageBufferBindingSize}function be(t,e,o,r){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!o(n,1))throw r(n);let a=1,c=i;if(o(n,c))a=c;else for(;c-a>1;){let f=Math.floor((a+c)/2);o(n,f)?a=f:c=f}s.push([n,a]),n+=a}return s}function le(t,e){let o=e.maxComputeWorkgroupsPerDimension;if(t<=o)return[Math.max(1,t),1];let r=Math.ceil(t/o);if(r>o)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${o} x ${o}, the device's 2-D grid limit`);return[Math.ceil(t/r),r]}function Se(t,e){let o=e.maxComputeWorkgroupsPerDimension;return o*o*t}var qe=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function Ps(t){let e=[t.q,t.k,t.v,t.o];return e.every(o=>o==="f32")?"":`:${e.join("")}`}var xs={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32",window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"};function oo(t){let e=t.elements??qe;return ne({name:"flash",uniforms:xs,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<vec4<${e.k}>>`),v:G("V",`array<vec4<${e.v}>>`),o:Z("O",`array<vec4<${e.o}>>`),table:t.rope?G("T","array<vec2<f32>>"):null,slopes:t.alibi?G("SL","array<f32>"):null,sinks:t.sinks?G("SK","array<f32>"):null,padding:t.padding?G("PD","array<u32>"):null,bias:t.bias?G("BI","array<f32>"):null}})}function ro(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${o}:alibi=${t.alibi}`+Ps(t.elements??qe)+xt(t)}function Ce(t){return Array.from({length:t},(e,o)=>o)}function wr(t){let e=t.tiles,o=e.headDim/4,r=e.workgroup,s=e.br,n=e.bc,i=o+(e.pad?1:0),a=e.sharedKV?i:o,c=n+1,f=n/e.tn,u=o/e.od4,h=e.sharedKV?"Ks":"Vs",l=t.elements??qe,A=ce("Q",l.q),d=ce("K",l.k),m=ce("V",l.v),k=[l.q,l.k,l.v,l.o].includes("f16"),w=(p,B)=>`for (var e = lid; e < ${p*o}u; e += ${r}u) {
    let r = e / ${o}u;
    let c = e % ${o}u;
    ${B("r","c")}
  }`,E=t.rope?Be(t.rope,A,"base","c","P.qTab + b * P.qTabB + pos"):"",y=t.rope?Be(t.rope,d,"base","c","P.kTab + b * P.kTabB + key"):"",v=w(s,(p,B)=>`let flat = row0 + ${p};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${A(`base + ${B}`)};
      ${E}
    }
    Qs[${p} * ${i}u + ${B}] = x * P.scale2;`),D=w(n,(p,B)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${d(`base + ${B}`)};
      ${y}
    }
    Ks[${p} * ${i}u + ${B}] = x;`),x=(p,B)=>`b * P.vB + kvh * P.vH + ${p} * P.vS - P.vOff + ${B}`,q=w(n,(p,B)=>`let key = k0 + ${p};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${m(x("key",B))};
    }
    let bad = isNan4(x);
    if (any(bad)) {
      atomicMax(&NanTile, kt + 1u);
    }
    ${h}[${p} * ${a}u + ${B}] = select(x, vec4<f32>(0.0), bad);`),M=Ce(e.tm),S=Ce(e.tn),R=Ce(e.om),Q=Ce(e.od4),F=M.flatMap(p=>S.map(B=>`var s${p}_${B} = 0.0;`)).join(" "),H=Ce(o).map(p=>{let B=M.map(L=>`let q${L} = Qs[qr${L} + ${p}u];`).join(" "),_=S.map(L=>`let k${L} = Ks[kr${L} + ${p}u];`).join(" "),X=M.flatMap(L=>S.map(U=>`s${L}_${U} += dot(q${L}, k${U});`)).join(" ");return`{ ${B} ${_} ${X} }`}).join(`
      `),T=M.flatMap(p=>S.map(B=>{let _=`s${p}_${B}`,X=t.softcap?`${_} = capped(${_}, P.cap2);
      `:"",L=t.alibi?` - sl${p} * f32(abs(qp${p} - i32(key${B})))`:"",U=t.bias?`let b${p}_${B} = BI[br${p} + min(key${B}, P.sk - 1u)];
      `:"",re=t.bias?` + b${p}_${B} * ${Math.LOG2E}`:"",he=t.padding?` && key${B} >= padB`:"",ge=t.bias?` && !biasHides(b${p}_${B})`:"";return`${X}${U}${_} = select(${-1e30}, ${_}${L}${re}, ok${p} && key${B} < P.sk && (P.causal == 0u || i32(key${B}) <= qp${p}) && i32(key${B}) > qp${p} - i32(P.window)${he}${ge});`})).join(`
      `),K=M.map(p=>`Mx[(tr * ${e.tm}u + ${p}u) * ${f}u + tc] = max(${S.map(B=>`s${p}_${B}`).reduce((B,_)=>`max(${B}, ${_})`)}, ${-1e30});`).join(`
      `),N=(p,B)=>`let ${B} = ${Ce(f).map(_=>`Mx[${p} * ${f}u + ${_}u]`).reduce((_,X)=>`max(${_}, ${X})`)};`,P=M.map(p=>{let B=`(tr * ${e.tm}u + ${p}u)`,_=S.map(X=>`let p${X} = ${We(`s${p}_${X}`,"tmax")};
        Ps[${B} * ${c}u + tc + ${X*f}u] = p${X};`).join(`
        `);return`{
        ${N(B,"tmax")}
        ${_}
        Sm[${B} * ${f}u + tc] = ${S.map(X=>`p${X}`).join(" + ")};
      }`}).join(`
      `),C=R.flatMap(p=>Q.map(B=>`var o${p}_${B} = vec4<f32>(0.0);`)).join(" "),g=R.map(p=>t.sinks?`var m${p} = SK[kvh * P.group + (row0 + orow${p}) % P.group]; var l${p} = 1.0;`:`var m${p} = ${-1e30}; var l${p} = 0.0;`).join(" "),b=R.map(p=>{let B=`orow${p}`;return`{
        ${N(B,"tmax")}
        let tsum = ${Ce(f).map(_=>`Sm[${B} * ${f}u + ${_}u]`).join(" + ")};
        let mnew = max(m${p}, tmax);
        let alpha = exp2(m${p} - mnew);
        beta${p} = exp2(tmax - mnew);
        l${p} = l${p} * alpha + tsum * beta${p};
        m${p} = mnew;
        ${Q.map(_=>`o${p}_${_} *= alpha;`).join(" ")}
      }`}).join(`
      `),I=`if (atomicLoad(&NanTile) == kt + 1u) {
        for (var kk = 0u; kk < ${n}u; kk++) {
          let key = k0 + kk;
          if (key < P.sk) {
            ${Q.map(p=>`let v${p} = ${m(x("key",`oc + ${p*u}u`))};`).join(" ")}
            ${R.map(p=>`{
              let seen = vec4<bool>(Ps[orow${p} * ${c}u + kk] > 0.0);
              ${Q.map(B=>`o${p}_${B} = select(o${p}_${B}, v${B}, isNan4(v${B}) & seen);`).join(" ")}
            }`).join(`
            `)}
          }
        }
      }`,$=Ce(n).map(p=>{let B=R.map(L=>`let p${L} = Ps[orow${L} * ${c}u + ${p}u] * beta${L};`).join(" "),_=Q.map(L=>`let v${L} = ${h}[${p*a}u + oc + ${L*u}u];`).join(" "),X=R.flatMap(L=>Q.map(U=>`o${L}_${U} += p${L} * v${U};`)).join(" ");return`{ ${B} ${_} ${X} }`}).join(`
      `),O=R.map(p=>`{
    let flat = row0 + orow${p};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = ${we(`l${p}`)};
      ${Q.map(B=>l.o==="f32"?`O[base + ${B*u}u] = o${p}_${B} * inv;`:`O[base + ${B*u}u] = vec4<f16>(o${p}_${B} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),j=M.map(p=>`let flat${p} = row0 + tr * ${e.tm}u + ${p}u;
  let pos${p} = flat${p} / P.group;
  let ok${p} = pos${p} < P.sq;
  let qp${p} = i32(pos${p}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${p} = SL[kvh * P.group + flat${p} % P.group];`:""}${t.bias?`
  let br${p} = b * P.bB + (kvh * P.group + flat${p} % P.group) * P.bH + min(pos${p}, P.sq - 1u) * P.bS;`:""}`).join(`
  `);return`// ${ro(t)}
${k?"enable f16;":""}
${oo(t).wgsl}
${me}
var<workgroup> Qs: array<vec4<f32>, ${s*i}>;
var<workgroup> Ks: array<vec4<f32>, ${n*i}>;
${e.sharedKV?"":`var<workgroup> Vs: array<vec4<f32>, ${n*o}>;`}
var<workgroup> Ps: array<f32, ${s*c}>;
var<workgroup> Mx: array<f32, ${s*f}>;
var<workgroup> Sm: array<f32, ${s*f}>;
var<workgroup> NanTile: atomic<u32>;

@compute @workgroup_size(${r})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // Tiles run last-first: under a causal mask the longest ones start first.
  let tile = P.numTiles - 1u - (P.tileBase + wid.x);
  let unit = P.unitBase + wid.y;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let row0 = tile * ${s}u;

  ${v}

  let tr = lid / ${f}u;
  let tc = lid % ${f}u;
  ${M.map(p=>`let qr${p} = (tr * ${e.tm}u + ${p}u) * ${i}u;`).join(" ")}
  ${S.map(p=>`let kr${p} = (tc + ${p*f}u) * ${i}u;`).join(" ")}
  ${j}
  let orr = lid / ${u}u;
  let oc = lid % ${u}u;
  ${R.map(p=>`let orow${p} = orr * ${e.om}u + ${p}u;`).join(" ")}
  ${C}
  ${g}
  ${R.map(p=>`var beta${p} = 0.0;`).join(" ")}

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
  let tiles = (kvEnd + ${n-1}u) / ${n}u;
  for (var kt = kvBegin / ${n}u; kt < tiles; kt++) {
    let k0 = kt * ${n}u;
    ${D}
    ${e.sharedKV?"":q}
    workgroupBarrier();
    {
      ${F}
      ${H}
      ${S.map(p=>`let key${p} = k0 + tc + ${p*f}u;`).join(" ")}
      ${T}
      ${K}
      workgroupBarrier();
      ${P}
    }
    ${e.sharedKV?q:""}
    workgroupBarrier();
    {
      ${b}
      ${$}
      ${I}
    }
    workgroupBarrier();
  }

  ${O}
}
`}var Ss=32*1024*1024,Cs=1024;function qs(t,e){return yt(`rope-table|${e}`,t)}function br(t,e,o){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${o} bytes; rotate in smaller batches`)}function ke(t,e,o,r){let s=ue(e)*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize),i=J(e)?null:e;if(i!==null&&r.every(A=>A.positions.kind==="range")){let A=r.map(y=>y.positions.start),d=Math.min(...A),m=Math.max(...r.map((y,v)=>A[v]+y.seq)),k=Cs;for(;k<m;)k*=2;if(k*s<=Math.min(Ss,n)){let y=qs(i,o),v=t.cached(y,()=>null);if(!v||v.rows<m){let D=bt(i,{start:0,count:k},o);v={rows:k,buffer:t.upload(D,"rope table")},t.setCached(y,v)}return{buffer:v.buffer,temp:!1,sides:A.map(D=>({tab:D,tabB:0}))}}let w=Math.max(1,m-d);if(w*s>n)throw br(w,w*s,n);let E=bt(i,{start:d,count:w},o);return{buffer:t.upload(E,"rope table"),temp:!0,sides:A.map(y=>({tab:y-d,tabB:0}))}}let a=[],c=[],f=0;for(let A of r){let d=A.positions,m=d.kind==="list"?d.list:Float64Array.from({length:A.seq},(k,w)=>d.start+w);c.push({tab:f,tabB:d.kind==="list"&&d.perBatch?A.seq:0}),a.push(m),f+=m.length}let u=new Float64Array(Math.max(1,f)),h=0;for(let A of a)u.set(A,h),h+=A.length;if(u.length*s>n)throw br(u.length,u.length*s,n);let l=i===null?Oo(e,u.subarray(0,f)):bt(i,u,o);return{buffer:t.upload(l,"rope table"),temp:!0,sides:c}}function $r(t,e,o=qe){let r=Vo(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!r)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:Wt}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function so(t,e,o){let r=null,s=null,n=null;if(e.sinks&&(r=t.upload(Float32Array.from(e.sinks,i=>i*Math.LOG2E),"sinks"),o.push(r)),e.leftPadding&&(s=t.upload(e.leftPadding,"left padding"),o.push(s)),e.bias){let i=e.bias.data.byteLength,a=t.limits.maxStorageBufferBindingSize;if(i>a)throw new RangeError(`Invalid bias: its ${i} bytes exceed the device's storage binding limit of ${a} bytes (maxStorageBufferBindingSize); broadcast it over batch or heads, or split the call`);n=t.upload(e.bias.data,"bias"),o.push(n)}return{sinks:r,padding:s,bias:n}}function no(t){return{...t.sinks?{sinks:{buffer:t.sinks}}:{},...t.padding?{padding:{buffer:t.padding}}:{},...t.bias?{bias:{buffer:t.bias}}:{}}}function Er(t,e){return t.pipeline(ro(e),()=>wr(e))}function kr(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function yr(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:f,headDim:u}=e,h={dispatches:[],temps:[]};if(n===0||c===0||f===0)return h;let l=t.limits,A=e.qStrides,d=e.kStrides,m=n*i,k=o.elements??qe,w=P=>P==="f16"?2:4,E=(P,C,g=w(k.q))=>{let[b,I]=[Math.floor(P/i),P%i],$=P+C-1,[O,j]=[Math.floor($/i),$%i],p=b*A.batch+I*a*A.heads,B=O*A.batch+(j*a+a-1)*A.heads+(c-1)*A.seq+u;return fe(p,B,l,g)},y=(P,C)=>E(P,C,w(k.o)),v=(P,C,g=w(k.k))=>{let b=P+C-1,I=Math.floor(P/i)*d.batch+P%i*d.heads,$=Math.floor(b/i)*d.batch+b%i*d.heads+(f-1)*d.seq+u;return fe(I,$,l,g)},D=(P,C)=>v(P,C,w(k.v)),x=(P,C)=>(w(k.q)>=w(k.o)?E:y)(P,C),q=(P,C)=>(w(k.k)>=w(k.v)?v:D)(P,C),M=be(m,l.maxComputeWorkgroupsPerDimension,(P,C)=>ae(x(P,C),l)&&ae(q(P,C),l),P=>{let C=x(P,1);return ae(C,l)?kr("k and v",q(P,1).size,l.maxStorageBufferBindingSize):kr("q and the output",C.size,l.maxStorageBufferBindingSize)}),S=null;e.rope&&(S=ke(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:f}]),S.temp&&h.temps.push(S.buffer));let R=null;e.alibi&&(R=t.upload(e.alibi.map(P=>P*Math.LOG2E),"alibi slopes"),h.temps.push(R));let Q=so(t,e,h.temps),F=e.bias,H=o.tiles,T=Math.ceil(c*a/H.br),K=l.maxComputeWorkgroupsPerDimension,N=oo(o);for(let[P,C]of M){let g=E(P,C),b=v(P,C),I=D(P,C),$=y(P,C);for(let O=0;O<T;O+=K){let j={sq:c,sk:f,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:T,tileBase:O,unitBase:P,qB:A.batch/4,qH:A.heads/4,qS:A.seq/4,qOff:g.base/4,kB:d.batch/4,kH:d.heads/4,kS:d.seq/4,kOff:b.base/4,vB:d.batch/4,vH:d.heads/4,vS:d.seq/4,vOff:I.base/4,oB:A.batch/4,oH:A.heads/4,oS:A.seq/4,oOff:$.base/4,qTab:S?.sides[0]?.tab??0,qTabB:S?.sides[0]?.tabB??0,kTab:S?.sides[1]?.tab??0,kTabB:S?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E,window:e.window===null?1073741824:Math.min(e.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:F?.batchStride??0,bH:F?.headStride??0,bS:F?.rowStride??0},p=t.bind(r,N,j,{q:{buffer:s.q,offset:g.offset,size:g.size},k:{buffer:s.k,offset:b.offset,size:b.size},v:{buffer:s.v,offset:I.offset,size:I.size},o:{buffer:s.o,offset:$.offset,size:$.size},...S?{table:{buffer:S.buffer}}:{},...R?{slopes:{buffer:R}}:{},...no(Q)},h.temps),[B]=le(Math.min(K,T-O),l);h.dispatches.push({pipeline:r,bindGroup:p,grid:[B,C,1]})}}return h}function Ir(t,e,o){let r=e.group*e.qSeq,s=hr(e.headDim,r,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function Br(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(eo(e),()=>gr(e)),t.pipeline(to(o,r),()=>mr(o,r))])}function vr(t,e,o,r,s,n=!1){let i=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,i);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (${n?`the ${r} keys of the window`:`the cache length ${r}`}${i<r?` and maxComputeWorkgroupsPerDimension ${i}`:""}), got ${e.splits}`);return rt(r,e.splits)}let a=Math.ceil(e.group*e.qSeq/o.tiles.rb);return Ar(r,e.batch*e.kvHeads*a,s,i)}function it(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function Pr(t,e,o,r,s,n,i,a){let c={dispatches:[],temps:[]},[f,u]=r,h=t.limits,{kvHeads:l,group:A,qSeq:d,headDim:m}=e,k=m/4,w=A*d,E=o.tiles,y=Math.ceil(w/E.rb),{splits:v,keysPerSplit:D}=n,x=v===1,q=e.qStrides,M=o.elements.q==="f16"?2:4,S=o.elements.o==="f16"?2:4,R=(g,b,I)=>{let $=(B,_)=>Math.floor(B/l)*q.batch+_*q.heads,O=g+b-1,j=$(g,g%l*A),p=$(O,O%l*A+A-1)+(d-1)*q.seq+m;return fe(j,p,h,I)},Q=g=>g*w*v*(k+1)*16,F=null;e.rope&&(F=ke(t,e.rope.frequencies,e.rope.angles,[{positions:it(e,s.length),seq:d}]),F.temp&&c.temps.push(F.buffer));let H=null;e.alibi&&(H=t.upload(e.alibi.map(g=>g*Math.LOG2E),"alibi slopes"),c.temps.push(H));let T=so(t,{...e,bias:a.bias},c.temps),K=h.maxComputeWorkgroupsPerDimension,N=Jt(o),P=Zt(o.elements.o),C=Math.max(1,Math.floor(Se(st,h)/(w*k)));for(let g of s.chunks){let b=be(g.n,Math.min(K,C),(I,$)=>ae(R(g.u0+I,$,M),h)&&ae(R(g.u0+I,$,S),h)&&(x||Q($)<=h.maxStorageBufferBindingSize),I=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${R(g.u0+I,1,Math.max(M,S)).size} bytes or their ${v} partial outputs ${Q(1)} bytes, more than maxStorageBufferBindingSize (${h.maxStorageBufferBindingSize} bytes)`));for(let[I,$]of b){let O=g.u0+I,j=R(O,$,M),p=R(O,$,S),B=$*w*v*k,_=x?t.dummy():t.scratch(Q($)),X={sq:d,group:A,rows:w,kvHeads:l,len:s.length,first:a.first,slots:s.slots,nsplit:v,keysPerSplit:D,unitBase:O,chunkBase:g.u0,direct:x?1:0,statsOff:B,qB:q.batch/4,qH:q.heads/4,qS:q.seq/4,qOff:j.base/4,oB:q.batch/4,oH:q.heads/4,oS:q.seq/4,oOff:p.base/4,tab:F?.sides[0]?.tab??0,tabB:F?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E,window:a.window===null?1073741824:Math.min(a.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:a.bias?.batchStride??0,bH:a.bias?.headStride??0,bS:a.bias?.rowStride??0};if(c.dispatches.push({pipeline:f,bindGroup:t.bind(f,N,X,{q:{buffer:i.q,offset:j.offset,size:j.size},k:{buffer:g.k},v:{buffer:g.v},o:{buffer:i.o,offset:p.offset,size:p.size},w:{buffer:_},...F?{table:{buffer:F.buffer}}:{},...H?{slopes:{buffer:H}}:{},...no(T)},c.temps),grid:[v,$,y]}),x)continue;let L=$*w*k,[U,re]=le(Math.ceil(L/st),h),he={items:L,nsplit:v,rows:w,group:A,kvHeads:l,unitBase:O,statsOff:B,gridX:U,oB:q.batch/4,oH:q.heads/4,oS:q.seq/4,oOff:p.base/4};c.dispatches.push({pipeline:u,bindGroup:t.bind(u,P,he,{w:{buffer:_},o:{buffer:i.o,offset:p.offset,size:p.size}},c.temps),grid:[U,re,1]})}}return c}function Qs(t){if(t.window!==null)return null;let{relaxed:e,plain:o}=zt(),r=e?new Re(e,"relaxed-simd"):o?new Re(o,"simd"):new Je,s=t.headDim+7&-8,n=(t.slots+7&-8)*s,i=t.batch*t.kvHeads*n,a=Ze,c=a+i,f=c+i;if(f*4>2**31)return null;try{r.reserve(f)}catch{return null}return{kernel:r,dp:s,kAt:a,vAt:c,headFloats:n,end:f}}var at=class extends ze{precision="f32";#e;#o;#t;constructor(e,o,r){super(e,o,r);let s=r.batch*r.kvHeads*r.slots*r.headDim;this.#e=new Float32Array(s),this.#o=new Float32Array(s),this.#t=Qs(r)}append(e,o,r={}){try{this.live();let s=z("k",e,this.owner),n=z("v",o,this.owner);return this.write(Ge(this,s,n,r),s,n),Promise.resolve()}catch(s){return Promise.reject(s)}}write(e,o,r){let{slot:s,skip:n,commit:i}=this.reserve(e),a=xr(o);e.rope&&(a=ie(a,e.rope.frequencies,{layout:e.layout,pairing:e.rope.pairing,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:s}}));let c=xr(r),f=this.headDim,u=e.strides;for(let h=0;h<this.batch;h++)for(let l=0;l<this.kvHeads;l++)for(let A=n;A<e.n;A++){let d=h*u.batch+l*u.heads+A*u.seq,m=((h*this.kvHeads+l)*this.slots+(s+A)%this.slots)*f;this.#e.set(a.data.subarray(d,d+f),m),this.#o.set(c.data.subarray(d,d+f),m)}this.#r(s,e.n),i()}#r(e,o){let r=this.#t;if(r===null)return;let{dp:s,headFloats:n}=r,i=this.headDim,a=r.kernel.reserve(r.end);for(let c=0;c<this.batch*this.kvHeads;c++){let f=r.kAt+c*n,u=r.vAt+c*n;for(let h=e;h<e+o;h++){let l=(c*this.slots+h)*i,A=f+(h>>3)*s*8+(h&7);for(let d=0;d<i;d++)a[A+8*d]=this.#e[l+d];for(let d=i;d<s;d++)a[A+8*d]=0;a.set(this.#o.subarray(l,l+i),u+h*s),a.fill(0,u+h*s+i,u+(h+1)*s)}}}tensors(e,o=!1,r=this.held().count){let{batch:s,kvHeads:n,headDim:i,slots:a}=this,c=r,f=this.length-c,u=Object.freeze(e==="bhsd"?[s,n,c,i]:[s,c,n,i]),h,l;if(!o&&e==="bhsd"&&c===a&&this.window===null)h=this.#e,l=this.#o;else{h=new Float32Array(s*n*c*i),l=new Float32Array(h.length);for(let d=0;d<s;d++)for(let m=0;m<n;m++){let k=(d*n+m)*a*i;if(e==="bhsd"&&this.window===null){let w=(d*n+m)*c*i;h.set(this.#e.subarray(k,k+c*i),w),l.set(this.#o.subarray(k,k+c*i),w);continue}for(let w=0;w<c;w++){let E=k+(f+w)%a*i,y=e==="bhsd"?((d*n+m)*c+w)*i:((d*c+w)*n+m)*i;h.set(this.#e.subarray(E,E+i),y),l.set(this.#o.subarray(E,E+i),y)}}}let A=this.#t;if(!o&&A!==null){let d={kernel:A.kernel,batch:s,kvHeads:n,headDim:i,length:c,kAt:A.kAt,vAt:A.vAt,headFloats:A.headFloats,end:A.end};Yo(h,d)}return{k:{shape:u,data:h},v:{shape:u,data:l}}}download(){try{this.live();let e=Math.min(this.length,this.window??1/0);return Promise.resolve(this.tensors("bhsd",!0,e))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function xr(t){return t instanceof Y?t.host:t}var Ds=1<<22,Ms=8;function io(){return new Promise(t=>setTimeout(t,0))}function Sr(t){return t.batch*t.heads*t.qSeq*t.kSeq*t.headDim>=Ds}async function Ct(t,e,o,r,s=()=>{}){let n={...t,rope:null},[i,a,c]=e,f=performance.now();for(let{batch:u,kv0:h,kv1:l}of o)for(let A=h;A<l;A++){let d={ranges:[{batch:u,kv0:A,kv1:A+1}],into:r};Ie(n,i,a,c,void 0,d),performance.now()-f>=Ms&&(await io(),s(),f=performance.now())}}function Cr(t){return Array.from({length:t.batch},(e,o)=>({batch:o,kv0:0,kv1:t.kvHeads}))}var Rs=1<<23;function Os(t,e){let o=t.batch*t.kvHeads,r=Math.min(e,o),s=[];for(let n=0;n<r;n++){let i=Math.floor(n*o/r),a=Math.floor((n+1)*o/r),c=[];for(let f=i;f<a;){let u=Math.floor(f/t.kvHeads),h=f%t.kvHeads,l=Math.min(t.kvHeads,h+(a-f));c.push({batch:u,kv0:h,kv1:l}),f+=l-h}s.push(c)}return s}function qr(t,e){let o=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return t.bias===null&&e>1&&t.batch*t.kvHeads>1&&o>=Rs}function ao(t,e,o,r,s,n,i){let a=new Float32Array((s-r)*n*i),c=0;for(let f=r;f<s;f++){let u=o*e.batch+f*e.heads;if(e.seq===i){a.set(t.subarray(u,u+n*i),c),c+=n*i;continue}for(let h=0;h<n;h++,c+=i){let l=u+h*e.seq;a.set(t.subarray(l,l+i),c)}}return a}function uo(t,e,o){if(!t.rope)return[e,o];let{frequencies:r,pairing:s,angles:n,layout:i}={...t.rope,layout:t.layout};return[ie(e,r,{layout:i,pairing:s,angles:n,positions:t.rope.query}),ie(o,r,{layout:i,pairing:s,angles:n,positions:t.rope.key})]}function Ts(t,e,o,r,s){let{group:n,qSeq:i,kSeq:a,headDim:c}=t,{batch:f,kv0:u,kv1:h}=e;return{q:ao(o.data,t.qStrides,f,u*n,h*n,i,c),k:ao(r.data,t.kStrides,f,u,h,a,c),v:ao(s.data,t.kStrides,f,u,h,a,c),alibi:t.alibi?t.alibi.slice(u*n,h*n):null,sinks:t.sinks?t.sinks.slice(u*n,h*n):null,pad:t.leftPadding?t.leftPadding[f]:null}}function Fs(t,e,o,r){let{group:s,qSeq:n,headDim:i,qStrides:a}=t,c=0;for(let f=e.kv0*s;f<e.kv1*s;f++){let u=e.batch*a.batch+f*a.heads;if(a.seq===i){r.set(o.subarray(c,c+n*i),u),c+=n*i;continue}for(let h=0;h<n;h++,c+=i)r.set(o.subarray(c,c+i),u+h*a.seq)}}function _s(t){let e=[];for(let o of t)e.push(o.q.buffer,o.k.buffer,o.v.buffer),o.alibi&&e.push(o.alibi.buffer),o.sinks&&e.push(o.sinks.buffer);return e}var co=class{#e;#o=new Map;#t=null;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let o=e.data,r=this.#o.get(o.id);r&&(this.#o.delete(o.id),"error"in o?r.reject(new Error(`A CPU attention worker failed: ${o.error}`)):r.resolve(o.outputs))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#t}run(e){return this.#t?Promise.reject(new Error(this.#t)):new Promise((o,r)=>{this.#o.set(e.id,{resolve:o,reject:r}),this.#e.postMessage(e,_s(e.pieces))})}fail(e){if(!this.#t){this.#t=e,this.#e.terminate();for(let o of this.#o.values())o.reject(new Error(e));this.#o.clear()}}},qt=class{#e;#o=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,o,r,s){let[n,i]=uo(e,o,r),a=new Float32Array(o.data.length),c=Object.freeze([...o.shape]),[f,...u]=Os(e,this.#e.length+1),h={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale,window:e.window,softcap:e.softcap},l=u.map((A,d)=>{let m=this.#e[d];(!m||m.failure)&&(m=this.#e[d]=new co);let k={id:this.#o++,...h,pieces:A.map(w=>Ts(e,w,n,i,s))};return m.run(k).then(w=>{A.forEach((E,y)=>Fs(e,E,w[y],a))})});return await Ct(e,[n,i,s],f,a),await Promise.all(l),{shape:c,data:a}}destroy(e){for(let o of this.#e)o?.fail(e);this.#e.fill(void 0)}};function Ls(t,e){if(e===0)return t;let[o,r,s,n]=t.shape,i=n-e,a=new Float32Array(o*r*s*i);for(let c=0;c<o*r*s;c++)a.set(t.data.subarray(c*n+e,(c+1)*n),c*i);return{shape:[o,r,s,i],data:a}}var Qt=class extends Ne{info;cacheClass=at;#e=!1;#o;#t=null;constructor(e,o=1){super(),this.#o=o,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:o})}failure(){return this.#e?ot:null}#r(e){return e instanceof Y?e.host:e}#s(e,o){return e instanceof Y?new Y(this,o.shape,o.data,this.alive):o}elementsOf(){return qe}async runAttention(e){let{plan:o}=e,[r,s,n]=[this.#r(e.q),this.#r(e.k),this.#r(e.v)];if(!Sr(o))return this.#s(e.q,Ie(o,r,s,n));if(await io(),this.live(),qr(o,this.#o))return this.#t??=new qt(this.#o-1),this.#s(e.q,await this.#t.attention(o,r,s,n));let i=new Float32Array(r.data.length);return await Ct(o,[...uo(o,r,s),n],Cr(o),i,()=>this.live()),this.#s(e.q,{shape:Object.freeze([...r.shape]),data:i})}async timeAttention(e,o,r,s){let[n,i,a]=e.args,{iterations:c,warmup:f,...u}=s;r&&await this.attention(n,i,a,u);let h=performance.now();for(let l=0;l<o;l++)await this.attention(n,i,a,u);return{seconds:(performance.now()-h)/1e3/o,iterations:o,source:"wall-clock"}}runRope(e){let{x:o,call:r,inPlace:s}=e,n=this.#r(o),i=ie(n,r.frequencies,{layout:r.layout,pairing:r.pairing,angles:r.angles,positions:r.positions});return s?(n.data.set(i.data),Promise.resolve(o)):Promise.resolve(this.#s(o,i))}store(e){return new Y(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new at(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){return Promise.resolve(this.#s(e.q,this.#n(e)))}#n(e){let{plan:o,cache:r}=e,s=vt(o,r.length,r.ropeState,r.window),n=this.#r(e.q);o.rope&&(n=ie(n,o.rope.frequencies,{layout:o.layout,pairing:o.rope.pairing,angles:o.rope.angles,positions:it(o,r.length)}));let{k:i,v:a}=r.tensors(o.layout),c=r.held().first,f=ve(n,i,a,{layout:o.layout,causal:!0,scale:o.scale,...o.alibi?{alibiSlopes:o.alibi}:{},...s.window!==null?{slidingWindow:s.window}:{},...o.sinks?{sinks:o.sinks}:{},...o.softcap!==null?{softcap:o.softcap}:{},...o.leftPadding?{leftPadding:Array.from(o.leftPadding,u=>Math.min(Math.max(0,u-c),r.length-c))}:{},...o.bias?{bias:Ls(o.bias,c)}:{}});return Ie(f,n,i,a)}async timeDecode(e,o,r,s){let n=e.arg,{iterations:i,warmup:a,...c}=s;r&&await this.decode(n,e.cache,c);let f=performance.now();for(let u=0;u<o;u++)await this.decode(n,e.cache,c);return{seconds:(performance.now()-f)/1e3/o,iterations:o,source:"wall-clock",splits:1}}recordedOutput(e,o,r){let s=e.reduce((n,i)=>n*i,1);return new Y(this,e,new Float32Array(s),this.alive).awaitRecording(r)}decodeElement(){return"f32"}runRecording(e,o){let r=[];try{this.live();for(let s of e)this.#a(s,o);for(let s of e)if(s.kind==="attention"){let{plan:n}=s.call,[i,a,c]=[this.#r(s.call.q),this.#r(s.call.k),this.#r(s.call.v)];s.output.host.data.set(Ie(n,i,a,c).data)}else if(s.kind==="rope"){let{x:n,call:i,inPlace:a}=s.request,c=a?n.host.data:s.output.host.data;if(a){let f=c.slice();r.push(()=>c.set(f))}c.set(ie(this.#r(n),i.frequencies,{layout:i.layout,pairing:i.pairing,angles:i.angles,positions:i.positions}).data)}else s.kind==="append"?(r.push(s.call.cache.snapshot()),s.call.cache.write(s.call.plan,s.call.k,s.call.v)):s.output.host.data.set(this.#n(s.call).data);return Promise.resolve()}catch(s){for(let n of r.reverse())n();return Promise.reject(s)}}#a(e,o){e.kind==="attention"?this.checkOperands(e.call.args,o):e.kind==="rope"?z("x",e.request.arg,this,o):e.kind==="append"?(e.call.cache.live(),z("k",e.call.args[0],this,o),z("v",e.call.args[1],this,o)):(e.call.cache.live(),z("q",e.call.arg,this,o))}destroy(){this.#e=!0,this.#t?.destroy(`This GpuAttention cannot be used: ${ot}`),this.#t=null}};var Hs=128,js=16,Gs=8;function zs(t){let e=t.tk*(t.de+1)*16,o=t.rb*(t.headDim/4)*16,r=t.tk*t.rb*4,s=t.rb*4;return e+o+r+s}function Qr(t,e,o,r,s=256){let n=o==="f16"?8:4;if(!Number.isInteger(t)||t%n!==0||t<n||t>512)return`the keys kernel reads ${o} rows in 16-byte units of ${n} dims, so it needs a head dim that is a multiple of ${n} up to 512, got ${t}`;let i=t/n,a=Math.min(Hs,s);if(i>a)return`a row of ${i} load units needs more than the ${a} invocations per workgroup`;let c=Math.floor(a/i),f=c*i,u=Math.max(1,Math.min(e,Gs)),h=Oe[r];for(let l=u;l>=1;l--){let A;for(let d=Math.min(f,c*js);d>=c;d-=c){let m=zs({headDim:t,de:i,tk:d,rb:l});if(m>h)continue;let k=Math.ceil(l/Math.max(1,Math.floor(f/d))),w=Math.ceil(l/k),E={headDim:t,kv:o,e:n,de:i,wg:f,kg:c,tk:d,vk:d/c,rb:l,sg:w,rh:k,bytes:m};if(d%32===0||d<32)return E;A??=E}if(A)return A}return`no tile of keys fits ${h} bytes of workgroup storage (tier ${r}) at head dim ${t}`}var Ns=256,Ws=1024,Ks=4;function Dr(t,e,o,r,s){let n=Ks*Math.max(1,o),i=Math.ceil(t*Math.max(1,e)/n),a=Math.min(Ws,Math.max(Ns,i)),c=Math.ceil(a/s)*s,f=Math.max(1,Math.ceil(t/c));return f>r&&(f=r,c=Math.ceil(t/f)),f===1?{splits:1,keysPerSplit:Math.max(1,t)}:{splits:Math.ceil(t/c),keysPerSplit:c}}var Ys={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmaxU:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},Us={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function Mr(t){return t.kv==="f16"?"vec4<u32>":"vec4<f32>"}function fo(t){let e=t.elements,o=Mr(t.tiles);return ne({name:"decode keys",uniforms:Ys,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<${o}>`),v:G("V",`array<${o}>`),o:Z("O",`array<vec4<${e.o}>>`),w:Z("W","array<vec4<f32>>"),table:t.rope?G("T","array<vec2<f32>>"):null,slopes:t.alibi?G("SL","array<f32>"):null}})}function lo(t){return ne({name:"decode keys merge",uniforms:Us,bindings:{w:G("W","array<vec4<f32>>"),o:Z("O",`array<vec4<${t}>>`)}})}function ho(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode-keys:d${e.headDim}:${e.kv}:wg${e.wg}:tk${e.tk}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function ct(t){let e=t/4,o=[8,4,2,1].find(s=>e%s===0),r=256/o;return{chunks:o,lanes:r,blocks:e/o,workgroup:256}}function Ao(t,e){return`decode-keys-merge:d${t}:${e}`}function Te(t){return Array.from({length:t},(e,o)=>o)}function Rr(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function Xs(t){return[4,2,1].find(e=>t%e===0)}function Or(t){let e=t.tiles,{wg:o,tk:r,rb:s,de:n,kg:i,vk:a,sg:c,rh:f}=e,u=e.headDim/4,h=e.e/4,l=n+1,A=t.elements,d=ce("Q",A.q),m=[A.q,A.o].includes("f16"),k=Te(s),w=Te(h),E=e.kv==="f16",y=(g,b)=>E?`vec4<f32>(unpack2x16float(${g}.${"xz"[b]}), unpack2x16float(${g}.${"yw"[b]}))`:g,v=t.rope?Be(t.rope,d,"base","cc","P.tab + b * P.tabB + tq"):"",D=Te(a).map(g=>`let ki${g} = kvBase + min(k0 + g + ${g*i}u, kEnd - 1u) * ${n}u + c;
    Ks[(g + ${g*i}u) * ${l}u + c] = K[ki${g}];
    let v${g} = V[ki${g}];`).join(`
    `),x=Te(f),q=c*f!==s,M=g=>c===1?`${g}u`:`(rg * ${f}u + ${g}u)`,S=g=>q?`min(${M(g)}, ${s-1}u)`:M(g),R=Xs(n),Q=Te(R).map(g=>{let b=w.map($=>`let x${g}_${$} = ${y(`Ks[kr + u + ${g}u]`,$)};`).join(" "),I=x.map($=>`s${$} += ${w.map(O=>`dot(Qs[${S($)} * ${u}u + (u + ${g}u) * ${h}u + ${O}u], x${g}_${O})`).join(" + ")};`).join(" ");return`${b}
        ${I}`}).join(`
        `),F=t.alibi?"s -= SL[kvh * P.group + min(f, P.rows - 1u) % P.group] * f32(i32(qp) - i32(key));":"",H=x.map(g=>`{
        let row = ${M(g)};
        let f = row0 + row;
        let qp = P.len - P.sq + f / P.group;
        var s = s${g};
        ${F}
        s${g} = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp);
        ${q?`if (row < ${s}u && `:"if ("}s${g} > unordered(atomicLoad(&Mx[row]))) {
          atomicMax(&Mx[row], ordered(s${g}));
        }
      }`).join(`
      `),T=k.map(g=>`{
      let mn = unordered(atomicLoad(&Mx[${g}u]));
      let al = exp2(m${g} - mn);
      m${g} = mn;
      l${g} *= al;
      ${w.map(b=>`a${g}_${b} *= al;`).join(" ")}
    }`).join(`
    `),K=x.map(g=>{let b=`Ps[kl * ${s}u + row] = ${We(`s${g}`,c===1?`m${g}`:"unordered(atomicLoad(&Mx[row]))")};`;return`{
        let row = ${M(g)};
        ${q?`if (row < ${s}u) { ${b} }`:b}
      }`}).join(`
      `),N=Te(a).map(g=>`{
      let pb = (g + ${g*i}u) * ${s}u;
      ${w.map(b=>`let w${b} = ${y(`v${g}`,b)};`).join(" ")}
      ${k.map(b=>`{ let pr = Ps[pb + ${b}u]; l${b} += pr; ${w.map(I=>`a${b}_${I} += select(pr * w${I}, vec4<f32>(0.0), pr == 0.0);`).join(" ")} }`).join(`
      `)}
    }`).join(`
    `),P=k.map(g=>w.map(b=>{let I=`${g*u}u + c * ${h}u + ${b}u`;return`Qs[${I}] = a${g}_${b} + select(vec4<f32>(0.0), Qs[${I}], gi > 0u);`}).join(" ")).join(`
      `),C=k.map(g=>`Ps[${g}u] = l${g} + select(0.0, Ps[${g}u], gi > 0u);`).join(" ");return`// ${ho(t)}
${m?"enable f16;":""}
${fo(t).wgsl}
${me}
var<workgroup> Ks: array<${Mr(e)}, ${r*l}>;
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
  let c = lid % ${n}u;
  let g = lid / ${n}u;
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
      ${v}
    }
    Qs[i] = x * P.scale2;
  }
  if (lid < ${s}u) {
    atomicStore(&Mx[lid], ordered(${-1e30}));
  }
  ${k.map(g=>`var m${g} = ${-1e30}; var l${g} = 0.0;`).join(`
  `)}
  ${x.map(g=>`var s${g} = 0.0;`).join(" ")}
  let kl = lid % ${r}u; // the score invocation's key in the tile
  let rg = lid / ${r}u; // and its group of rows
  ${k.flatMap(g=>w.map(b=>`var a${g}_${b} = vec4<f32>(0.0);`)).join(" ")}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${s}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  workgroupBarrier();
  for (var k0 = kBegin; k0 < kEnd; k0 += ${r}u) {
    ${D}
    workgroupBarrier();
    if (lid < ${r*c}u) {
      ${x.map(g=>`s${g} = 0.0;`).join(" ")}
      let kr = kl * ${l}u;
      for (var u = 0u; u < ${n}u; u += ${R}u) {
        ${Q}
      }
      let key = k0 + kl;
      ${H}
    }
    workgroupBarrier();
    ${T}
    if (lid < ${r*c}u) {
      ${K}
    }
    workgroupBarrier();
    ${N}
  }

  // The key groups' outputs and sums, added in workgroup memory (Qs and Ps are free now).
  workgroupBarrier();
  for (var gi = 0u; gi < ${i}u; gi++) {
    if (g == gi) {
      ${P}
      if (c == 0u) {
        ${C}
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
        O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + cc] = ${Rr(A.o,`Qs[i] * ${we("total")}`)};
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
`}function Tr(t,e){let o=t/4,{chunks:r,lanes:s,workgroup:n,blocks:i}=ct(t),a=Te(4),c=`vec4<f32>(${-1e30}, 0.0, 0.0, 0.0)`,f=[];for(let u=s/2;u>=1;u/=2)f.push(`if (sl < ${u}u) {
    let other = lid + ${u*r}u;
    let x = Sm[lid];
    let y = Sm[other];
    let mx = max(x.x, y.x);
    let wx = exp2(x.x - mx);
    let wy = exp2(y.x - mx);
    Am[lid] = Am[lid] * wx + Am[other] * wy;
    Sm[lid] = vec2<f32>(mx, x.y * wx + y.y * wy);
  }
  workgroupBarrier();`);return`// ${Ao(t,e)}
${e==="f16"?"enable f16;":""}
${lo(e).wgsl}
${me}
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
  ${f.join(`
  `)}
  if (sl == 0u) {
    let total = Sm[lid].y;
    let unit = P.unitBase + row / P.rows;
    let f = row % P.rows;
    let b = unit / P.kvHeads;
    let h = (unit % P.kvHeads) * P.group + f % P.group;
    let tq = f / P.group;
    O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + c] = ${Rr(e,`Am[lid] * ${we("total")}`)};
  }
}
`}function Fr(t,e,o){let r=Qr(e.headDim,e.group*e.qSeq,o.kv,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(typeof r=="string")return r;let s=ct(e.headDim).workgroup;if(s>t.limits.maxComputeInvocationsPerWorkgroup)return`its merge kernel needs ${s} invocations per workgroup`;let n=e.group*e.qSeq,i=t.limits.maxComputeWorkgroupsPerDimension;return Math.ceil(n/r.rb)>i||n*ct(e.headDim).blocks>i*i?`${n} query rows per KV head exceed its grid (maxComputeWorkgroupsPerDimension ${i})`:{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function _r(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(ho(e),()=>Or(e)),t.pipeline(Ao(o,r),()=>Tr(o,r))])}function Lr(t,e,o,r,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,n);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return rt(r,e.splits)}let i=o.tiles,a=Math.ceil(e.group*e.qSeq/i.rb);return Dr(r,e.batch*e.kvHeads*a,s,n,i.tk)}function Hr(t,e,o,r,s,n,i){let a={dispatches:[],temps:[]},[c,f]=r,u=t.limits,{kvHeads:h,group:l,qSeq:A,headDim:d}=e,m=d/4,k=l*A,w=o.tiles,E=Math.ceil(k/w.rb),{splits:y,keysPerSplit:v}=n,D=y===1,x=e.qStrides,q=o.elements.q==="f16"?2:4,M=o.elements.o==="f16"?2:4,S=(C,g,b)=>{let I=(p,B)=>Math.floor(p/h)*x.batch+B*x.heads,$=C+g-1,O=I(C,C%h*l),j=I($,$%h*l+l-1)+(A-1)*x.seq+d;return fe(O,j,u,b)},R=C=>C*k*y*(m+1)*16,Q=null;e.rope&&(Q=ke(t,e.rope.frequencies,e.rope.angles,[{positions:it(e,s.length),seq:A}]),Q.temp&&a.temps.push(Q.buffer));let F=null;e.alibi&&(F=t.upload(e.alibi.map(C=>C*Math.LOG2E),"alibi slopes"),a.temps.push(F));let H=u.maxComputeWorkgroupsPerDimension,T=fo(o),K=lo(o.elements.o),N=ct(d).blocks,P=Math.max(1,Math.floor(H*H/(k*N)));for(let C of s.chunks){let g=be(C.n,Math.min(H,P),(b,I)=>ae(S(C.u0+b,I,q),u)&&ae(S(C.u0+b,I,M),u)&&(D||R(I)<=u.maxStorageBufferBindingSize),b=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${S(C.u0+b,1,Math.max(q,M)).size} bytes or their ${y} partial outputs ${R(1)} bytes, more than maxStorageBufferBindingSize (${u.maxStorageBufferBindingSize} bytes)`));for(let[b,I]of g){let $=C.u0+b,O=S($,I,q),j=S($,I,M),p=I*k*y*m,B=t.dummy();D||(B=t.buffer(R(I),"decode partials"),a.temps.push(B));let _={sq:A,group:l,rows:k,kvHeads:h,len:s.length,nsplit:y,keysPerSplit:v,unitBase:$,chunkBase:C.u0,lmaxU:s.slots*w.de,direct:D?1:0,statsOff:p,qB:x.batch/4,qH:x.heads/4,qS:x.seq/4,qOff:O.base/4,oB:x.batch/4,oH:x.heads/4,oS:x.seq/4,oOff:j.base/4,tab:Q?.sides[0]?.tab??0,tabB:Q?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,T,_,{q:{buffer:i.q,offset:O.offset,size:O.size},k:{buffer:C.k},v:{buffer:C.v},o:{buffer:i.o,offset:j.offset,size:j.size},w:{buffer:B},...Q?{table:{buffer:Q.buffer}}:{},...F?{slopes:{buffer:F}}:{}},a.temps),grid:[y,I,E]}),D)continue;let X=I*k*N,[L,U]=le(X,u),re={items:X,nsplit:y,rows:k,group:l,kvHeads:h,unitBase:$,statsOff:p,gridX:L,oB:x.batch/4,oH:x.heads/4,oS:x.seq/4,oOff:j.base/4};a.dispatches.push({pipeline:f,bindGroup:t.bind(f,K,re,{w:{buffer:B},o:{buffer:i.o,offset:j.offset,size:j.size}},a.temps),grid:[L,U,1]})}}return a}function Vs(t,e){let o=t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null;return o?`it does not take ${o}`:e!==null?"it does not read a window cache's ring":null}function jr(t,e,o,r=null){let s=null;if(e.kernel==="keys"){let n=Vs(e,r)??Fr(t,e,o);if(typeof n!="string")return{kernel:"keys",params:n};s=n}return{kernel:"split",params:Ir(t,e,o),fallback:s}}function ut(t,e){return e.kernel==="keys"?_r(t,e.params):Br(t,e.params)}function Gr(t,e,o,r,s,n,i,a){if(o.kernel==="keys"){let h=Lr(t,e,o.params,s.length,n);return{job:Hr(t,e,o.params,r,s,h,i),splits:h.splits}}let c=s.length-a.first,f=vr(t,e,o.params,c,n,a.window!==null);return{job:Pr(t,e,o.params,r,s,f,i,a),splits:f.splits}}var zr=new Float32Array(1),Js=new Uint32Array(zr.buffer);function Zs(t){zr[0]=t;let e=Js[0],o=e>>>16&32768,r=e>>>23&255,s=e&8388607;if(r===255)return o|31744|(s!==0?512:0);let n=r-112;if(n>=31)return o|31744;if(n<=0){if(n<-10)return o;s|=8388608;let c=14-n,f=s>>>c,u=s&(1<<c)-1,h=1<<c-1;return(u>h||u===h&&(f&1)===1)&&f++,o|f}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,o|i}function Nr(t){let e=(t&32768)!==0?-1:1,o=t>>>10&31,r=t&1023;return o===0?e*r*2**-24:o===31?r!==0?NaN:e*(1/0):e*(1+r/1024)*2**(o-15)}function po(t){let e=new Uint16Array(t.length+t.length%2);for(let o=0;o<t.length;o++)e[o]=Zs(t[o]);return e}function Dt(t,e=t.length){let o=new Float32Array(e);for(let r=0;r<e;r++)o[r]=Nr(t[r]);return o}var pe=64;function Wr(){return Float32Array.from({length:pe},(t,e)=>(e-31)*.125)}var en=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${pe/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function tn(t,e){let o=Wr();for(let r=0;r<pe;r++){let s=o[r]*3+.25,n=t[r],i=e[r]===void 0?void 0:Nr(e[r]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${r} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${pe} values was exact`}}async function Kr(t){let n=[],i=(a,c)=>{let f=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(f),f};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:en,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),f=i(pe*2,136),u=i(pe*4,132),h=i(pe*2,132),l=i(pe*4,9),A=i(pe*2,9),d=po(Wr());t.queue.writeBuffer(f,0,d.buffer,d.byteOffset,d.byteLength);let m=t.createCommandEncoder(),k=m.beginComputePass();k.setPipeline(c),k.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[f,u,h].map((v,D)=>({binding:D,resource:{buffer:v}}))})),k.dispatchWorkgroups(1),k.end(),m.copyBufferToBuffer(u,0,l,0,pe*4),m.copyBufferToBuffer(h,0,A,0,pe*2),t.queue.submit([m.finish()]),await Promise.all([l.mapAsync(1),A.mapAsync(1)]);let w=new Float32Array(l.getMappedRange().slice(0)),E=new Uint16Array(A.getMappedRange().slice(0)),y=await t.popErrorScope();return y?{available:!1,detail:`the shader-f16 self-test was rejected: ${y.message}`}:tn(w,E)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var Mt=256,on={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",slots:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function Yr(t){return ne({name:"kv append",uniforms:on,bindings:{k:G("K",`array<vec4<${t.k}>>`),v:G("V",`array<vec4<${t.v}>>`),kc:Z("KC",`array<vec4<${t.cache}>>`),vc:Z("VC",`array<vec4<${t.cache}>>`),table:t.rope?G("T","array<vec2<f32>>"):null}})}function Ur(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function rn(t){let e=t.headDim/4,o=ce("K",t.k),r=ce("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=a=>t.cache==="f32"?a:`vec4<f16>(${a})`,i=t.rope?Be(t.rope,o,"base","c","P.tab + b * P.tabB + s"):"";return`// ${Ur(t)}
${s?"enable f16;":""}
${Yr(t).wgsl}
@compute @workgroup_size(${Mt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Mt}u + lid;
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
  // Token slot + s lives in slot (slot + s) % slots (a ring for window caches).
  let dst = (unit - P.chunkBase) * P.lmax4 + ((P.slot + s) % P.slots) * ${e}u + c;
  KC[dst] = ${n("x")};
  VC[dst] = ${n(r("b * P.vB + h * P.vH + s * P.vS - P.vOff + c"))};
}
`}function Rt(t,e){return t.pipeline(Ur(e),()=>rn(e))}function Xr(t,e,o,r,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,f=o.headDim,u=f/4;if(a===0)return i;let h=t.limits,l=o.k==="f16"?2:4,A=o.v==="f16"?2:4,d=(v,D,x)=>{let q=v+D-1,M=S=>Math.floor(S/e.kvHeads)*c.batch+S%e.kvHeads*c.heads;return fe(M(v)+e.skip*c.seq,M(q)+(a-1)*c.seq+f,h,x)},m=null;e.rope&&(m=ke(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),m.temp&&i.temps.push(m.buffer));let k=Se(Mt,h),w=Math.min(a-e.skip,Math.max(1,Math.floor(k/u))),E=Math.max(1,Math.floor(k/(w*u))),y=Yr(o);for(let v of n){let D=be(v.n,E,(x,q)=>ae(d(v.u0+x,q,l),h)&&ae(d(v.u0+x,q,A),h),x=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${d(v.u0+x,1,Math.max(l,A)).size} bytes, more than maxStorageBufferBindingSize (${h.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[x,q]of D)for(let M=e.skip;M<a;M+=w){let S=Math.min(w,a-M),R=v.u0+x,Q=d(R,q,l),F=d(R,q,A),H=q*S*u,[T,K]=le(Math.ceil(H/Mt),h),N={items:H,kvHeads:e.kvHeads,unitBase:R,chunkBase:v.u0,slot:e.slot,slots:e.slots,lmax4:e.slots*u,gridX:T,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:Q.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:F.base/4,tab:m?.sides[0]?.tab??0,tabB:m?.sides[0]?.tabB??0,tokBase:M,tokCount:S},P=t.bind(r,y,N,{k:{buffer:s.k,offset:Q.offset,size:Q.size},v:{buffer:s.v,offset:F.offset,size:F.size},kc:{buffer:v.k},vc:{buffer:v.v},...m?{table:{buffer:m.buffer}}:{}},i.temps);i.dispatches.push({pipeline:r,bindGroup:P,grid:[T,K,1]})}}return i}var Ot=class{#e=Promise.resolve();hold(){let e=this.#e,o,r=new Promise(s=>o=s);return this.#e=e.then(()=>r),{ready:e,release:o}}run(e,o){let r=this.#e,s,n=new Promise(i=>s=i);return this.#e=r.then(()=>n),(async()=>{try{let i=await e();return await r,await o(i)}finally{s()}})()}};function Ke(t){return t instanceof Y&&t.dtype==="float16"?"f16":"f32"}var sn="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",ft=class t extends ze{precision;chunks;#e;#o=new Ot;#t=0;constructor(e,o,r,s,n,i){super(o,r,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,o,r,s,n){let i=n==="f16"?2:4,a=s.slots*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c){let A=s.window===null?`maxLength ${s.maxLength}`:`${s.slots} slots (window ${s.window} + ${s.slots-s.window})`;throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of ${A} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller ${s.window===null?"maxLength":"window"}, precision "f16", or several caches`)}let f=s.batch*s.kvHeads,u=Math.floor(c/a),h=2*f*a,l=[];return await e.guarded(`allocating the KV cache (${h} bytes)`,()=>{for(let A=0;A<f;A+=u){let d=Math.min(u,f-A);l.push({u0:A,n:d,k:e.buffer(d*a,"kv cache keys"),v:e.buffer(d*a,"kv cache values")})}}).catch(A=>{for(let d of l)d.k.destroy(),d.v.destroy();throw A}),new t(e,o,r,s,n,l)}view(){return{batch:this.batch,kvHeads:this.kvHeads,slots:this.slots,length:this.length,chunks:this.chunks}}schedule(e,o,r){let s=this.#t;return this.#o.run(o,n=>(this.#r(e,s),r(n)))}hold(e){let o=this.#t;return{...this.#o.hold(),check:()=>this.#r(e,o)}}#r(e,o){if(this.live(),o!==this.#t)throw new Error(`This ${e} ${sn}`)}appendParams(e,o,r){return{headDim:this.headDim,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,k:Ke(o),v:Ke(r),cache:this.precision}}appendJobNow(e,o,r,s,n){let i=this.#e,{slot:a,skip:c,commit:f}=this.reserve(e);if(e.n===0)return{job:null,commit:()=>{}};let u=[],h=(l,A)=>{if(l instanceof Y)return l.buffer;let d=i.upload(l.data,A);return u.push(d),d};try{let l={k:h(s,"k"),v:h(n,"v")},A={kvHeads:this.kvHeads,slots:this.slots,n:e.n,skip:c,slot:a,strides:e.strides,rope:e.rope?{frequencies:e.rope.frequencies,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:a}}:null},d=Xr(i,A,o,r,l,this.chunks);return d.temps.push(...u),{job:d,commit:f}}catch(l){for(let A of u)i.recycle(A);throw l}}append(e,o,r={}){try{this.live();let s=this.#e,n=z("k",e,this.owner),i=z("v",o,this.owner),a=Ge(this,n,i,r),c=this.appendParams(a,n,i);return this.schedule("append",()=>Rt(s,c),async f=>{z("k",e,this.owner),z("v",o,this.owner);let u=()=>{};await s.submitting("the KV-cache append",()=>{let h=this.appendJobNow(a,c,f,n,i);u=h.commit,h.job&&s.submit(h.job)}),u()})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,o=this.headDim,r=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let u=Math.min(this.length,this.window??1/0),h=this.length-u,l=u*o*r;if(u===0)return{length:u,target:null,bytes:0};let A=o*r,d=h%this.slots,m=Math.min(u,this.slots-d),k=[];for(let E of["k","v"])for(let y of this.chunks)for(let v=0;v<y.n;v++){let D=v*this.slots*A;k.push({buffer:y[E],offset:D+d*A,size:m*A}),m<u&&k.push({buffer:y[E],offset:D,size:(u-m)*A})}let w=await e.guarded("the KV-cache download",()=>e.gather(k));return{length:u,target:w,bytes:2*s*l}}),i=Object.freeze([this.batch,this.kvHeads,n.length,o]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,f=u=>this.precision==="f16"?Dt(new Uint16Array(u)):new Float32Array(u);return{k:{shape:i,data:f(a.slice(0,c))},v:{shape:i,data:f(a.slice(c))}}}reset(){this.live(),this.#t++,this.clear()}destroy(){if(this.markDestroyed()){this.#t++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var _e=256,Fe=64,go={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},Qe="array<f32>",Ye={scores:ne({name:"naive scores",uniforms:go,bindings:{q:G("Q",Qe),k:G("K",Qe),slopes:G("SL",Qe),scores:Z("S",Qe)}}),softmax:ne({name:"naive softmax",uniforms:go,bindings:{scores:Z("S",Qe)}}),pv:ne({name:"naive pv",uniforms:go,bindings:{scores:G("S",Qe),v:G("V",Qe),o:Z("O",Qe)}})},Vr=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function nn(t){return t==="scores"?`// naive:scores
${Ye.scores.wgsl}${Vr}
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
${Ye.softmax.wgsl}${me}
var<workgroup> red: array<f32, ${Fe}>;
@compute @workgroup_size(${Fe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${-1e30};
  for (var j = lid; j < P.sk; j += ${Fe}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${Fe/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${Fe}u) {
    let s = S[base + j];
    sum += select(select(0.0, exp(s - m), s > ${-1e30/2}), s, isNan(s));
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${Fe/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = ${we("total")};
  for (var j = lid; j < P.sk; j += ${Fe}u) {
    let s = S[base + j];
    S[base + j] = select(select(0.0, exp(s - m) * inv, s > ${-1e30/2}), s, isNan(s));
  }
}
`:`// naive:pv
${Ye.pv.wgsl}${Vr}
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
    let p = S[local * P.sk + j];
    acc += select(p * V[vb + j * P.kS], 0.0, p == 0.0);
  }
  O[c.x * P.qB + c.y * P.qH + c.z * P.qS + d] = acc;
}
`}function Jr(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>nn(e))))}function Zr(t,e,o,r){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:f}=e,u=n*i*a;if(u===0||c===0)return s;let h=t.limits,l=h.maxStorageBufferBindingSize;for(let[q,M]of[["q",r.q],["k",r.k],["v",r.v]])if(M.size>l)throw new RangeError(`Cannot run the naive kernel: ${q} (${M.size} bytes) exceeds maxStorageBufferBindingSize (${l} bytes); it is a small-size baseline, use the flash kernel`);let A=c*4;if(A>l)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${l} bytes)`);let d=Se(_e,h),m=Math.max(1,Math.min(u,Math.floor(l/A),Math.floor(d/c),Math.floor(d/f),h.maxComputeWorkgroupsPerDimension**2)),k=t.buffer(m*A,"naive scores");s.temps.push(k);let w=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(w);let[E,y,v]=o,D=e.qStrides,x=e.kStrides;for(let q=0;q<u;q+=m){let M=Math.min(m,u-q),S={rowBase:q,rows:M,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:D.batch,qH:D.heads,qS:D.seq,dim:f,kB:x.batch,kH:x.heads,kS:x.seq,scale:e.scale},[R,Q,F]=[M*c/_e,M,M*f/_e].map(T=>le(Math.ceil(T),h)),H=(T,K,[N,P],C)=>s.dispatches.push({pipeline:T,bindGroup:t.bind(T,K,{...S,gridX:N},C,s.temps),grid:[N,P,1]});H(E,Ye.scores,R,{q:{buffer:r.q},k:{buffer:r.k},slopes:{buffer:w},scores:{buffer:k}}),H(y,Ye.softmax,Q,{scores:{buffer:k}}),H(v,Ye.pv,F,{scores:{buffer:k},v:{buffer:r.v},o:{buffer:r.o}})}return s}var Tt=256,an={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function es(t){return ne({name:"rope",uniforms:an,bindings:{x:t?Z("X","array<f32>"):G("X","array<f32>"),table:G("T","array<vec2<f32>>"),y:t?null:Z("Y","array<f32>")}})}function cn(t){let e=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
${es(t).wgsl}
@compute @workgroup_size(${Tt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Tt}u + lid;
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
`}function lt(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>cn(e))}function Le(t,e,o,r,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:f}=e,u=i*a*c;if(u===0||f===0)return n;let h=ue(e.frequencies),l=h+(s?f-2*h:0),A=t.limits,d=ke(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);d.temp&&n.temps.push(d.buffer);let m=d.sides[0],k=e.layout==="bhsd"?{b:a*c*f,h:c*f,s:f}:{b:c*a*f,h:f,s:a*f},w=Math.max(1,Math.floor(Se(Tt,A)/Math.max(1,l))),E=be(u,w,(v,D)=>ae(fe(v*f,(v+D)*f,A),A),()=>new RangeError(`Cannot rotate: one row of ${f} elements exceeds the device's maxStorageBufferBindingSize`)),y=es(s===null);for(let[v,D]of E){let x=fe(v*f,(v+D)*f,A),q=D*l,[M,S]=le(Math.ceil(q/Tt),A),R={items:q,perRow:l,rh:h,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:v,xB:k.b,xH:k.h,xS:k.s,xOff:x.base,oB:k.b,oH:k.h,oS:k.s,oOff:x.base,tab:m.tab,tabB:m.tabB,gridX:M},Q=t.bind(o,y,R,{x:{buffer:r,offset:x.offset,size:x.size},table:{buffer:d.buffer},...s?{y:{buffer:s,offset:x.offset,size:x.size}}:{}},n.temps);n.dispatches.push({pipeline:o,bindGroup:Q,grid:[M,S,1]})}return n}async function ts(t,e,o){let{ctx:r,owner:s}=t;switch(e.kind){case"attention":{let{call:n,output:i}=e,a=await t.prepareAttention(n);return{recheck:()=>{for(let[c,f]of["q","k","v"].entries())z(f,n.args[c],s,o)},build:()=>a(n.q,n.k,n.v,i.buffer)}}case"rope":{let{request:n,output:i}=e,a=n.x,c=await lt(r,n.inPlace);return{recheck:()=>void z("x",n.arg,s,o),build:()=>{let f=n.inPlace?null:i.buffer;if(a instanceof Y)return Le(r,n.call,c,a.buffer,f);let u=r.upload(a.data,"x");try{let h=Le(r,n.call,c,u,f);return h.temps.push(u),h}catch(h){throw r.recycle(u),h}}}}case"append":{let{cache:n,plan:i,k:a,v:c,args:f}=e.call,u=n.appendParams(i,a,c),h=await Rt(r,u);return{recheck:()=>{z("k",f[0],s,o),z("v",f[1],s,o)},build:()=>{let{job:l,commit:A}=n.appendJobNow(i,u,h,a,c);return A(),l}}}case"decode":{let{call:n,output:i}=e,a=await ut(r,n.choice);return{recheck:()=>void z("q",n.arg,s,o),build:()=>t.decodeJob(n,a,i.buffer)}}}}function os(t,e,o,r){let s=e.map(i=>i.hold("recording")),n=Promise.all(o);return n.catch(()=>{}),(async()=>{try{let[i]=await Promise.all([n,...s.map(c=>c.ready)]);r();for(let c of s)c.check();for(let c of i)c.recheck();let a=e.map(c=>c.snapshot());try{await t.submitting("the recorded calls",()=>{let c=[];try{for(let f of i){let u=f.build();u&&c.push(u)}}catch(f){for(let u of c)t.release(u);throw f}t.submit(c)})}catch(c){for(let f of a)f();throw c}}finally{for(let i of s)i.release()}})()}var ht=t=>t==="f16"?2:4;function un(t){return t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null}var Ft=class extends Ne{info;#e;cacheClass=ft;constructor(e,o){super(),this.#e=e,this.info=Object.freeze(o)}failure(){return this.#e.failure}#o(e,o,r="f32"){return new Y(this,e,o,this.alive,r==="f16"?"float16":"float32",this.#t)}#t=e=>this.#e.recycle(e);#r(e,o){return o==="f16"?po(e):e}#s(e,o,r){return o==="f16"?Dt(new Uint16Array(e),r):new Float32Array(e)}#n(e,o,r,s="f32"){if(e instanceof Y)return e.buffer;let n=this.#e.upload(this.#r(e.data,s),r);return o.push(n),n}elementsOf(e,o,r,s){let n=tt("precision",s.precision,this.info.f16),i=a=>a instanceof Y?Ke(a):n;return{q:i(e),k:i(o),v:i(r),o:i(e)}}async runAttention(e){let o=this.#e,{plan:r,elements:s}=e,n=await this.#a(e);this.live(),this.checkOperands(e.args);let i=Pe(r.qShape),a=i*ht(s.o),c=o.output(a,"attention output"),f=e.q instanceof Y,u=await o.submitting("the attention dispatch",()=>{let l=n(e.q,e.k,e.v,c),A=f?void 0:{source:c,bytes:a};return o.submit(l,A)}).finally(()=>{f||o.recycle(c)}).catch(l=>{throw f&&o.recycle(c),l});if(f)return this.#o(r.qShape,c,s.o);let h=this.#s(await o.read(u,a),s.o,i);return{shape:Object.freeze([...r.qShape]),data:h}}async timeAttention(e,o,r,s){let n=this.#e,i=await this.#a(e);this.live();let a=n.buffer(Pe(e.plan.qShape)*ht(e.elements.o),"attention output"),c=await n.guarded("the attention dispatch",()=>i(e.q,e.k,e.v,a));try{let f=await n.profile(c,o,r);return{seconds:f.seconds,iterations:o,source:f.source}}finally{n.release(c),a.destroy()}}#a(e){return e.kernel==="flash"?this.#i(e.plan,e.elements):this.#c(e.plan,e.elements)}async#i(e,o){let r=this.#e,s=$r(r,e,o),n=await Er(r,s);return(i,a,c,f)=>{let u=[],h={q:this.#n(i,u,"q",o.q),k:this.#n(a,u,"k",o.k),v:this.#n(c,u,"v",o.v),o:f},l=yr(r,e,s,n,h);return{dispatches:l.dispatches,temps:[...u,...l.temps]}}}async#c(e,o){let r=this.#e,s=un(e);if(s)throw new TypeError(`Invalid kernel: the naive kernel does not take ${s}; use the flash kernel (the default)`);let n=Object.entries(o).find(([,c])=>c==="f16");if(n)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${n[0]==="o"?"output":n[0]}; use the flash kernel`);let[i,a]=await Promise.all([Jr(r),e.rope?lt(r,!1):Promise.resolve(null)]);return(c,f,u,h)=>{let l=[],A=[],d=this.#n(c,l,"q"),m=this.#n(f,l,"k"),k=this.#n(u,l,"v");if(e.rope&&a){let E=e.rope,y=(v,D,x,q)=>{let M={layout:e.layout,batch:e.batch,heads:D,seq:x,headDim:e.headDim,frequencies:E.frequencies,pairing:E.pairing,angles:E.angles,positions:v},S=r.buffer(e.batch*D*x*e.headDim*4,"rotated");l.push(S);let R=Le(r,M,a,q,S);return A.push(...R.dispatches),l.push(...R.temps),S};d=y(E.query,e.heads,e.qSeq,d),m=y(E.key,e.kvHeads,e.kSeq,m)}let w=Zr(r,e,i,{q:d,k:m,v:k,o:h});return{dispatches:[...A,...w.dispatches],temps:[...l,...w.temps]}}}async runRope(e){let o=this.#e,{x:r,call:s,inPlace:n}=e,i=r instanceof Y,a=await lt(o,n||!i);this.live(),z("x",e.arg,this);let c=Pe(r.shape)*4;if(i){let l=r.buffer,A=n?null:o.output(c,"rotated");return await o.submitting("the RoPE dispatch",()=>{o.submit(Le(o,s,a,l,A))}).catch(d=>{throw A&&o.recycle(A),d}),A?this.#o(r.shape,A):r}let f=r,u=await o.submitting("the RoPE dispatch",()=>{let l=o.upload(f.data,"x"),A=Le(o,s,a,l,null);return A.temps.push(l),o.submit(A,{source:l,bytes:c})}),h=new Float32Array(await o.read(u,c));return n?(f.data.set(h),f):{shape:Object.freeze([...f.shape]),data:h}}store(e,o){let r=this.#e.upload(this.#r(e.data,o),"tensor");return this.#o(e.shape,r,o)}async read(e){let o=this.#e,r=Pe(e.shape),s=r*e.elementBytes,n=await o.guarded("the download",()=>o.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),i=this.#s(await o.read(n,s),Ke(e),r);return{shape:Object.freeze([...e.shape]),data:i}}idle(){return this.#e.idle()}async makeCache(e,o){return await ft.create(this.#e,this,this.alive,e,o)}prepareDecode(e){let o=Ke(e.q),r={q:o,kv:e.cache.precision,o},s=jr(this.#e,e.plan,r,e.cache.window);return{...e,elements:r,choice:s}}async runDecode(e){let o=this.#e,{plan:r,elements:s}=e,n=Pe(r.qShape),i=n*ht(s.o),a=e.q instanceof Y,{output:c,target:f}=await e.cache.schedule("decode",()=>ut(o,e.choice),async h=>{this.live(),z("q",e.arg,this);let l=o.output(i,"decode output"),A=await o.submitting("the decode dispatch",()=>{let{job:d}=this.#u(e,h,l),m=a?void 0:{source:l,bytes:i};return o.submit(d,m)}).finally(()=>{a||o.recycle(l)}).catch(d=>{throw a&&o.recycle(l),d});return{output:l,target:A}});if(a)return this.#o(r.qShape,c,s.o);let u=this.#s(await o.read(f,i),s.o,n);return{shape:Object.freeze([...r.qShape]),data:u}}#u(e,o,r){let s=this.#e,{cache:n,plan:i,choice:a}=e,c=vt(i,n.length,n.ropeState,n.window),f=[],u=this.#n(e.q,f,"q");try{let h=this.info.decodeWorkgroups??1,l={q:u,o:r},A=n.view(),d=Gr(s,i,a,o,A,h,l,c);return d.job.temps.push(...f),d}catch(h){for(let l of f)s.recycle(l);throw h}}async timeDecode(e,o,r){let s=this.#e,n=Pe(e.plan.qShape)*ht(e.elements.o),{job:i,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>ut(s,e.choice),async f=>{this.live(),z("q",e.arg,this);let u=s.buffer(n,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#u(e,f,u)),output:u}}catch(h){throw u.destroy(),h}});try{let f=await s.profile(i,o,r);return{seconds:f.seconds,iterations:o,source:f.source,splits:a,kernel:e.choice.kernel}}finally{s.release(i),c.destroy()}}recordedOutput(e,o,r){let s=Pe(e)*ht(o);return this.#o(e,this.#e.output(s,"recorded output"),o).awaitRecording(r)}decodeElement(e){return e.elements.o}runRecording(e,o){let r=new Set;for(let i of e)(i.kind==="append"||i.kind==="decode")&&r.add(i.call.cache);let s={ctx:this.#e,owner:this,prepareAttention:i=>this.#a(i),decodeJob:(i,a,c)=>this.#u(i,a,c).job},n=e.map(i=>ts(s,i,o));return os(this.#e,[...r],n,()=>this.live())}destroy(){this.#e.failure||(this.#e.fail(ot),this.#e.ownsDevice?this.#e.device.destroy():this.#e.dispose())}};var fn="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",ln="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",hn='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',An=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],dn='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function pn(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function gn(t,e){let o=t.limits,r=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(ee(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${W(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:r("maxStorageBufferBindingSize",o.maxStorageBufferBindingSize,256,4),maxBufferSize:o.maxBufferSize,maxComputeWorkgroupStorageSize:r("maxComputeWorkgroupStorageSize",o.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(o.maxComputeInvocationsPerWorkgroup,o.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:r("maxComputeWorkgroupsPerDimension",o.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:o.minStorageBufferOffsetAlignment}}var mn=8;function wn(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,mn):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${W(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${W(t)}`);return t}async function fu(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${W(t)}`);se("options",t,{allowed:xo});let e=V("fallback",t.fallback??"none",{allowed:["none","cpu"]}),o=t.limits??{};if(o===null||typeof o!="object")throw new TypeError(`Invalid limits: expected an object, got ${W(o)}`);se("limits",o,{allowed:So});let r=t.decodeWorkgroups===void 0?void 0:ee("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:wn(t.threads),n=t.device,i=!1,a;if(!n){let d=t.adapter,m=ln;if(!d){let E=globalThis.navigator?.gpu;E?d=await E.requestAdapter():m=fn}if(!d){if(e==="cpu")return new Qt(m,s);throw new Error(`${m}. ${hn}.`)}let k={};for(let E of An)k[E]=d.limits[E];let w=[];d.features.has("timestamp-query")&&w.push("timestamp-query"),d.features.has("shader-f16")&&w.push("shader-f16");try{n=await d.requestDevice({requiredLimits:k,requiredFeatures:w})}catch(E){throw new Error(`Requesting a WebGPU device failed: ${E instanceof Error?E.message:String(E)}`,{cause:E})}i=!0,a=d.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,f=r??pn(c),u;try{u=gn(n,o)}catch(d){throw i&&n.destroy(),d}let h=n.features.has("shader-f16")?await Kr(n):{available:!1,detail:dn},l=new Et(n,i,u,h.available),A=[];return l.timestamps&&A.push("timestamp-query"),h.available&&A.push("shader-f16"),new Ft(l,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:A,f16:Object.freeze({...h}),decodeWorkgroups:f,tier:l.tier,limits:l.limits,fallbackReason:null,threads:null})}export{Jn as attentionCpu,Ln as attentionReference,fu as createGpuAttention};
