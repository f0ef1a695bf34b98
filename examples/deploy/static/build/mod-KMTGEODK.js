import{d as V,h as ae,i as ye,j as ne,k as ce,l as he,m as Ue,o as Jo,t as Zo,u as po}from"./chunk-LJTAFNZ7.js";var go=Object.freeze({layout:!0,causal:!0,scale:!0,rope:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0}),er=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,positions:!0,queryPositions:!0,offset:!0,angles:!0}),tr=Object.freeze({batch:!0,kvHeads:!0,headDim:!0,maxLength:!0,window:!0,precision:!0}),or=Object.freeze({layout:!0,rope:!0}),rr=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,angles:!0,positions:!0}),sr=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,angles:!0}),tt=Object.freeze({layout:!0,scale:!0,rope:!0,queryPositions:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0,splits:!0,kernel:!0}),St=Object.freeze({...go,precision:!0,kernel:!0}),nr=Object.freeze({...St,iterations:!0,warmup:!0}),ir=Object.freeze({...tt,iterations:!0,warmup:!0}),ar=Object.freeze({precision:!0}),cr=Object.freeze({layout:!0,pairing:!0,rotaryDim:!0,positions:!0,offset:!0,inPlace:!0,angles:!0}),ur=Object.freeze({device:!0,adapter:!0,fallback:!0,limits:!0,decodeWorkgroups:!0,threads:!0}),Ar=Object.freeze({maxStorageBufferBindingSize:!0,maxComputeWorkgroupStorageSize:!0,maxComputeWorkgroupsPerDimension:!0});var Dt=-1e30;function lr(t,e,o,r){let s=e;if(s===null||typeof s!="object"||typeof s.length!="number")throw new TypeError(`Invalid ${t}: expected an array of ${o} ${r}, got ${V(e)}`);if(s.length!==o)throw new RangeError(`Invalid ${t}: expected ${o} ${r}, got ${s.length}`);return s}function qt(t,e){if(t===void 0)return null;let o=lr("sinks",t,e,"logits (one per query head)"),r=new Float64Array(e);for(let s=0;s<e;s++)r[s]=ye(`sinks[${s}]`,o[s]);return r}function Mt(t){return t===void 0?null:ye("softcap",t,{min:0,exclusiveMin:!0})}function ot(t,e="slidingWindow"){return t===void 0?null:ae(e,t,{min:1})}function Rt(t,e,o){if(t===void 0)return null;let r=lr("leftPadding",t,e,"integers (one per batch row)"),s=new Uint32Array(e);for(let n=0;n<e;n++)s[n]=ae(`leftPadding[${n}]`,r[n],{min:0,max:o});return s}function ut(t,e){if(t===void 0)return null;let o=ce("bias",t),{batch:r,heads:s,qSeq:n}=e,i=o.shape,a=e.kSeq??i[3],c=`[${r===1?1:`1 or ${r}`}, ${s===1?1:`1 or ${s}`}, ${n}, ${e.kSeq??"keys"}] ([batch, heads, queries, keys] whatever the layout; dims of 1 broadcast)`;if(i.length!==4||i[0]!==1&&i[0]!==r||i[1]!==1&&i[1]!==s||i[2]!==n||i[3]!==a)throw new RangeError(`Invalid bias: expected shape ${c}, got ${V(i)}`);let A=i[3],u=A,f=i[1]===1?0:n*A,l=i[0]===1?0:i[1]*n*A;return{data:o.data,shape:[...i],batchStride:l,headStride:f,rowStride:u}}function mo(t,e){let o=e;if(o===null||typeof o!="object"||!(o.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${V(o)}`);let r=o.invFreq;if(r.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<r.length;s++)ye(`${t}.invFreq[${s}]`,r[s],{min:0});return ye(`${t}.attentionFactor`,o.attentionFactor,{min:0,exclusiveMin:!0}),o}function ie(t){return!("invFreq"in t)}function ke(t){return ie(t)?t.cos.shape[1]:t.invFreq.length}function Me(t,e="the "){return ie(t)?`2 x the cache's ${ke(t)} columns`:`2 x ${e}${ke(t)} frequencies`}var fr=new WeakMap;function dr(t,e){let o=fr.get(e);if(o!==void 0)return o;let r=ce(`${t}.cos`,e.cos,{rank:2}),s=ce(`${t}.sin`,e.sin,{rank:2}),[n,i]=r.shape;if(s.shape[0]!==n||s.shape[1]!==i)throw new RangeError(`Invalid ${t}: expected cos and sin of the same shape, got [${r.shape.join(", ")}] and [${s.shape.join(", ")}]`);if(i<1)throw new RangeError(`Invalid ${t}.cos: expected at least 1 column, got shape [${n}, 0]`);for(let[A,u]of[["cos",r.data],["sin",s.data]])for(let f=0;f<u.length;f++)if(!Number.isFinite(u[f]))throw new RangeError(`Invalid ${t}.${A}: expected finite values, got ${V(u[f])} at row ${Math.floor(f/i)}`);let a,c=e.positions;if(c===void 0)a={rows:n,rowOf:A=>A<n?A:-1,describe:`${n} rows`};else{if(c.length!==n)throw new RangeError(`Invalid ${t}.positions: expected ${n} entries (one per row of cos), got ${c.length}`);let A=new Map;for(let u=n-1;u>=0;u--)A.set(c[u],u);a={rows:n,rowOf:u=>A.get(u)??-1,describe:`${n} listed positions`}}return fr.set(e,a),a}function Ot(t,e){let o=e.frequencies!==void 0,r=e.cache!==void 0;if(o===r)throw new TypeError(`Invalid ${t}: expected exactly one of frequencies and cache, got ${o?"both":"neither"}`);return o?mo(`${t}.frequencies`,e.frequencies):pr(`${t}.cache`,e.cache,e.angles,`${t}.angles`)}function pr(t,e,o,r){if(e===null||typeof e!="object"||!("cos"in e)||!("sin"in e))throw new TypeError(`Invalid ${t}: expected a RopeCache ({ cos, sin } tensors of shape [rows, rotaryDim / 2]), got ${V(e)}`);if(o!==void 0)throw new TypeError(`Invalid ${r}: a RopeCache fixes its angles when built; omit angles with a cache, got ${V(o)}`);return dr(t,e),e}function gr(t,e,o){return e!==null&&typeof e=="object"&&"cos"in e&&!("invFreq"in e)?pr(t,e,o,"angles"):mo(t,e)}function At(t,e,o){let r=dr(t,e),s=r.rowOf(o);if(s<0)throw new RangeError(`Invalid ${t}: position ${o} is past the RopeCache (it has ${r.describe}); build the cache for every token`);return s}function ve(t,e,o,r){if(o.kind==="range"){if(r>0&&(At(t,e,o.start),At(t,e,o.start+r-1),e.positions!==void 0))for(let s=1;s<r-1;s++)At(t,e,o.start+s);return}for(let s of o.list)At(t,e,s)}function mr(t,e){let o=t.cos.shape[1],r=t.cos.data,s=t.sin.data,n=new Float32Array(Math.max(1,e.length)*o*2);for(let i=0;i<e.length;i++){let a=At("rope.cache",t,e[i]);for(let c=0;c<o;c++)n[2*(i*o+c)]=r[a*o+c],n[2*(i*o+c)+1]=s[a*o+c]}return n}var hr=new WeakMap,rn=1;function $r(t,e){let o=hr.get(e);return o===void 0&&(o=rn++,hr.set(e,o)),`${t}|cache#${o}`}var Oe=2**24;function Re(t,e,o){return Jo(e,o,{name:t})}function We(t,e,o,r,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${V(e)}`);if(e.length!==o&&e.length!==r*o)throw new RangeError(`Invalid ${t}: expected ${o} positions (one per token) or ${r*o} (batch x tokens), got ${e.length}`);let n=s?Oe:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=ae(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==o}}function sn(t,e,o,r,s){let n=e?s:1,i=new Float64Array(n*r);for(let a=0;a<n;a++)i.set(t.subarray(a*o+o-r,a*o+o),a*r);return{kind:"list",list:i,perBatch:e}}function lt(t){return ie(t)?t.angles??"float32":"float32"}function nn(t,e,o,r,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${V(t)}`);he("rope",t,{allowed:er});let n=Ot("rope",t),a=2*ke(n);if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (${Me(n)}), got ${V(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.${ie(n)?"cache":"frequencies"}: rotary dim ${a} (${Me(n,"")}) exceeds the head dim ${e}`);let c=ne("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),A=ne("rope.angles",t.angles??lt(n),{allowed:["float32","float64"]}),u=A==="float32",f=u?Oe:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let l,h;if(t.queryPositions!==void 0&&(h=We("rope.queryPositions",t.queryPositions,r,o,u)),t.positions!==void 0){let d=We("rope.positions",t.positions,s,o,u);if(l=d,!h){if(r>s)throw new RangeError(`Invalid rope.positions: q has ${r} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);h=sn(d.list,d.perBatch,s,r,o)}}else{let d=ae("rope.offset",t.offset??0,{min:0});if(d+Math.max(s,1)-1>f)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${d+s-1}, above ${f} (the largest position with angles "${A}")`);if(l={kind:"range",start:d},!h){let p=d+s-r;if(p<0)throw new RangeError(`Invalid rope.offset: q has ${r} tokens and k ${s}, so bottom-right aligned queries would start at position ${p}; pass rope.offset >= ${r-s} or rope.queryPositions`);h={kind:"range",start:p}}}if(ie(n)){let d=t.positions!==void 0?"rope.positions":"rope.offset";ve(d,n,l,s);let p=t.queryPositions!==void 0?"rope.queryPositions":d;ve(p,n,h,r)}return{frequencies:n,pairing:c,rotaryDim:a,angles:A,query:h,key:l}}function $o(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${V(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let o=new Float32Array(t.length);for(let r=0;r<t.length;r++)o[r]=ye(`alibiSlopes[${r}]`,t[r]);return o}function He(t,e,o,r,s=go){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${V(r)}`);he("options",r,{allowed:s});let n=ne("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),i=Re("q",t,n),a=Re("k",e,n),c=Re("v",o,n);if(i.heads<1||i.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${V(t.shape)}`);if(a.batch!==i.batch)throw new RangeError(`Invalid k: expected batch ${i.batch} (as q), got ${a.batch}`);if(c.batch!==i.batch)throw new RangeError(`Invalid v: expected batch ${i.batch} (as q), got ${c.batch}`);if(a.headDim!==i.headDim)throw new RangeError(`Invalid k: expected head dim ${i.headDim} (as q), got ${a.headDim}`);if(c.headDim!==i.headDim)throw new RangeError(`Invalid v: expected head dim ${i.headDim} (as q), got ${c.headDim}`);if(c.seq!==a.seq)throw new RangeError(`Invalid v: expected ${a.seq} tokens (as k), got ${c.seq}`);if(c.heads!==a.heads)throw new RangeError(`Invalid v: expected ${a.heads} heads (as k), got ${c.heads}`);if(a.heads<1||i.heads%a.heads!==0)throw new RangeError(`Invalid k: q has ${i.heads} heads, which is not a multiple of k's ${a.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let A=Ue("causal",r.causal??!1),u=r.scale===void 0?1/Math.sqrt(i.headDim):ye("scale",r.scale),f=$o(r.alibiSlopes,i.heads),l=ot(r.slidingWindow);if(l!==null&&!A)throw new TypeError("Invalid slidingWindow: a sliding window needs causal: true (it hides the keys before the window; causal hides those after the query)");let h=qt(r.sinks,i.heads),d=Mt(r.softcap),p=Rt(r.leftPadding,i.batch,a.seq),k=ut(r.bias,{batch:i.batch,heads:i.heads,qSeq:i.seq,kSeq:a.seq}),$=r.rope===void 0?null:nn(r.rope,i.headDim,i.batch,i.seq,a.seq);return{layout:n,batch:i.batch,heads:i.heads,kvHeads:a.heads,group:i.heads/a.heads,qSeq:i.seq,kSeq:a.seq,headDim:i.headDim,qShape:[...t.shape],qStrides:i.strides,kStrides:a.strides,causal:A,scale:u,rope:$,alibi:f,window:l,sinks:h,softcap:d,leftPadding:p,bias:k}}function wr(t,e,o,r,s,n){let i=n==="float32";if(e!==void 0&&o!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return We(`${t}positions`,e,r,s,i);let a=ae(`${t}offset`,o??0,{min:0}),c=i?Oe:Number.MAX_SAFE_INTEGER;if(a+Math.max(r,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+r-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function Ft(t,e,o){let r=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=Zo(t,r,{angles:o}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function ge(t,e,o){let{layout:r,pairing:s,positions:n}=o,i=ie(e)?{layout:r,pairing:s}:{layout:r,pairing:s,angles:o.angles};return n.kind==="range"?po(t,e,{...i,offset:n.start}):po(t,e,{...i,positions:n.list})}function an(t,e,o){let{kSeq:r,qSeq:s,causal:n,window:i,leftPadding:a}=t,c=o+r-s,A=n?Math.min(r,Math.max(0,c+1)):r,u=a?a[e]:0;return i!==null&&(u=Math.max(u,c-i+1)),[Math.min(u,A),A]}function kr(t,e,o,r){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:A,scale:u,alibi:f,sinks:l,softcap:h,bias:d}=t,p=e,k=o;if(t.rope){let{frequencies:G,pairing:P,angles:x}=t.rope;p=ge(e,G,{layout:t.layout,pairing:P,angles:x,positions:t.rope.query}),k=ge(o,G,{layout:t.layout,pairing:P,angles:x,positions:t.rope.key})}let $=t.qStrides,w=t.kStrides,b=new Float32Array(e.data.length),B=new Float64Array(c),M=new Float64Array(A),R=p.data,T=k.data,O=r.data;for(let G=0;G<s;G++)for(let P=0;P<n;P++){let x=Math.floor(P/i),F=f?f[P]:0;for(let Q=0;Q<a;Q++){let S=Q+c-a,[L,N]=an(t,G,Q),y=G*$.batch+P*$.heads+Q*$.seq,H=d?G*d.batchStride+P*d.headStride+Q*d.rowStride:0,E=l?l[P]:-1/0,I=0;for(let C=L;C<N;C++){let z=G*w.batch+x*w.heads+C*w.seq,U=0;for(let q=0;q<A;q++)U+=R[y+q]*T[z+q];let m=u*U;if(h!==null&&(m=h*Math.tanh(m/h)),m-=F*Math.abs(S-C),d){let q=d.data[H+C];if(q<=Dt){B[C]=-1/0;continue}m+=q}B[C]=m,I++,m>E&&(E=m)}if(I===0)continue;M.fill(0);let D=l?Math.exp(l[P]-E):0;for(let C=L;C<N;C++){if(B[C]===-1/0)continue;let z=Math.exp(B[C]-E);D+=z;let U=G*w.batch+x*w.heads+C*w.seq;for(let m=0;m<A;m++)M[m]=M[m]+z*O[U+m]}for(let C=0;C<A;C++)b[y+C]=M[C]/D}}return{shape:Object.freeze([...e.shape]),data:b}}function Vi(t,e,o,r={}){ce("q",t),ce("k",e),ce("v",o);let s=He(t,e,o,r);return kr(s,t,e,o)}var Er=["AGFzbQEAAAABZwlgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwBgBH9/f38AYAV/f39/fQADDQwAAQEAAgMEBQUGBwgFAwEAAQc7BQZtZW1vcnkC","AAhleHAyUm93cwAACmF0dGVuZEhlYWQACQpwYWNrUGFuZWxzAAoJcGFja1RpbGVzAAsKhCwMhAQCAn8Se/0MAAD8wgAA/MIA","APzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/","w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w","/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUg","ACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3k","ASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsgCiAU/YUCIQsgCyAKIBX9hQIhCyALIAogFv2FAiEL","IAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAg","BkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwveAgEE","eyAA/QwAAPzCAAD8wgAA/MIAAPzC/UMhASAA/QwAAPzCAAD8wgAA/MIAAPzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3k","ASECIAAgAv0MAABASwAAQEsAAEBLAABAS/3lAf3lASED/Qz+5X83/uV/N/7lfzf+5X83IAP9DImEITmJhCE5iYQhOYmEITn9","hQIhBCAEIAP9DP/Drjr/w646/8OuOv/Drjr9hQIhBCAEIAP9DFuVHTxblR08W5UdPFuVHTz9hQIhBCAEIAP9DEdYYz1HWGM9","R1hjPUdYYz39hQIhBCAEIAP9DPD9dT7w/XU+8P11PvD9dT79hQIhBCAEIAP9DBhyMT8YcjE/GHIxPxhyMT/9hQIhBCAEIAP9","DAAAgD8AAIA/AACAPwAAgD/9hQIhBCAEIAL9DH8AwLR/AMC0fwDAtH8AwLT9rgFBF/2rAf3mASAB/U8LvQIBBHsgAP3gASEB","IAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL9DBs3EbwbNxG8GzcRvBs3Ebz9hQIhAyADIAL9DKQnszykJ7M8pCezPKQn","szz9hQIhAyADIAL9DNENXb3RDV290Q1dvdENXb39hQIhAyADIAL9DImICD6JiAg+iYgIPomICD79hQIhAyADIAL9DKuqqr6r","qqq+q6qqvquqqr79hQIhAyABIAL95gEgAyAB/YUCIQMgAf0MO6o4wDuqOMA7qjjAO6o4wP3mARABIQT9DAAAgD8AAIA/AACA","PwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAEIAH9DM3MzD7NzMw+zczMPs3MzD79Q/1SIAD9DAAA","AIAAAACAAAAAgAAAAID9Tv1QC84FAgN/DHsgACADQQR0aiEFIAIgBEECdGohBwNA/QwAAAAAAAAAAAAAAAAAAAAAIQj9DAAA","AAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAA","AAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAAAAAAAAAAAAAhDyAAIQYDQCAB","/QAEACEQIAH9AAQQIREgBv0ABAAhEyATIBP9DQABAgMAAQIDAAECAwABAgMhEiASIBAgCP2FAiEIIBIgESAJ/YUCIQkgEyAT","/Q0EBQYHBAUGBwQFBgcEBQYHIRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIBMgE/0NCAkKCwgJCgsICQoLCAkKCyESIBIgECAM","/YUCIQwgEiARIA39hQIhDSATIBP9DQwNDg8MDQ4PDA0ODwwNDg8hEiASIBAgDv2FAiEOIBIgESAP/YUCIQ8gAf0ABCAhECAB","/QAEMCERIAb9AAQQIRMgEyAT/Q0AAQIDAAECAwABAgMAAQIDIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIBMgE/0NBAUGBwQF","BgcEBQYHBAUGByESIBIgECAK/YUCIQogEiARIAv9hQIhCyATIBP9DQgJCgsICQoLCAkKCwgJCgshEiASIBAgDP2FAiEMIBIg","ESAN/YUCIQ0gEyAT/Q0MDQ4PDA0ODwwNDg8MDQ4PIRIgEiAQIA79hQIhDiASIBEgD/2FAiEPIAZBIGohBiABQcAAaiEBIAYg","BUkNAAsgAiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIgDP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0L","BJAGIAJBIGohAiACIAdJDQALC74EBgJ/BnsDfQJ7AX8BeyAAIAJBAnRqIQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV","/RMhFwNAIAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJDQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEA","AAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQIAX9EyERA0AgCyAQIBEgDf36Af3lAf3gASAL/QAE","AP2FAv0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsgCiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQ","aiEYIAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAA","BAAAAAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q","/VL9CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8AAID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiAL","QRBqIQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0fA5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgC","ACABIBQgE5M4AgAgASAVOAIQC5MJAgh/E3sgA0ECdCEGIAX9CQIAIR0gBf0JAgQhHiAF/QkCCCEfIAX9CQIMISAgACAEQQJ0","aiEJQQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIB0gAiAHav0ABAD95gEhDiAdIAIgB2r9AAQQ/eYBIQ8gHiAL/QAE","AP3mASEQIB4gC/0ABBD95gEhESAfIAz9AAQA/eYBIRIgHyAM/QAEEP3mASETICAgDf0ABAD95gEhFCAgIA39AAQQ/eYBIRUg","ACEIIAEgB2ohCgNAIAj9AAQAIRkgCP0ABIACIRogCP0ABIAEIRsgCP0ABIAGIRwgCv0ABAAhFiAK/QAEECEXIBkgGf0NAAEC","AwABAgMAAQIDAAECAyEYIBggFiAO/YUCIQ4gGCAXIA/9hQIhDyAaIBr9DQABAgMAAQIDAAECAwABAgMhGCAYIBYgEP2FAiEQ","IBggFyAR/YUCIREgGyAb/Q0AAQIDAAECAwABAgMAAQIDIRggGCAWIBL9hQIhEiAYIBcgE/2FAiETIBwgHP0NAAECAwABAgMA","AQIDAAECAyEYIBggFiAU/YUCIRQgGCAXIBX9hQIhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIBkgGf0NBAUGBwQFBgcEBQYH","BAUGByEYIBggFiAO/YUCIQ4gGCAXIA/9hQIhDyAaIBr9DQQFBgcEBQYHBAUGBwQFBgchGCAYIBYgEP2FAiEQIBggFyAR/YUC","IREgGyAb/Q0EBQYHBAUGBwQFBgcEBQYHIRggGCAWIBL9hQIhEiAYIBcgE/2FAiETIBwgHP0NBAUGBwQFBgcEBQYHBAUGByEY","IBggFiAU/YUCIRQgGCAXIBX9hQIhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIBkgGf0NCAkKCwgJCgsICQoLCAkKCyEYIBgg","FiAO/YUCIQ4gGCAXIA/9hQIhDyAaIBr9DQgJCgsICQoLCAkKCwgJCgshGCAYIBYgEP2FAiEQIBggFyAR/YUCIREgGyAb/Q0I","CQoLCAkKCwgJCgsICQoLIRggGCAWIBL9hQIhEiAYIBcgE/2FAiETIBwgHP0NCAkKCwgJCgsICQoLCAkKCyEYIBggFiAU/YUC","IRQgGCAXIBX9hQIhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIBkgGf0NDA0ODwwNDg8MDQ4PDA0ODyEYIBggFiAO/YUCIQ4g","GCAXIA/9hQIhDyAaIBr9DQwNDg8MDQ4PDA0ODwwNDg8hGCAYIBYgEP2FAiEQIBggFyAR/YUCIREgGyAb/Q0MDQ4PDA0ODwwN","Dg8MDQ4PIRggGCAWIBL9hQIhEiAYIBcgE/2FAiETIBwgHP0NDA0ODwwNDg8MDQ4PDA0ODyEYIBggFiAU/YUCIRQgGCAXIBX9","hQIhFSAKIAZqIQogCEEQaiEIIAggCUkNAAsgAiAHaiAO/QsEACACIAdqIA/9CwQQIAsgEP0LBAAgCyAR/QsEECAMIBL9CwQA","IAwgE/0LBBAgDSAU/QsEACANIBX9CwQQIAdBIGohByAHIAZJDQALC64CAQZ/IAZBAnQhFCAAIAEgCCAUbGogBCAGIAcQA0EA","IRUDQCAJIBVqIA5qIRcgCyEWIAwEQCAXQQFqIRYgFiALSgRAIAshFgsLIBAhGCAPBEAgGCAXIA9rQQFqIBggFyAPa0EBakob","IRgLQQAhGSASQQBHIAkgFWogCkhxBEAgEiAJIBVqIBNsaiAIQQJ0aiEZCyAEIBVBCHRqIAUgFUECdGogByAIIBYgF7IgDSAE","QYAIaiAVQQJ0aiAYIBEgGRAEIBVBAWohFSAVQQRJDQALIAQgB0ECdEEEIARBgAhqIARBkAhqEAAgBUEQQQEgBEGgCGogBEGk","CGoQACAFIAX9AAQgIAX9AAQA/eYBIAT9AASQCP3kAf0LBCAgBCACIAggFGxqIAMgBiAHIAUQBQshAQF/IANFBEAgAg8LIABB","BGogAWohBCACIAQgBCACShsLMAEBfyADIQQgAgRAIAQgACABaiACa0EBaiAEIAAgAWogAmtBAWpKGyEECyAEQXhxC54EBQt/","AX0BewV/AXsgBUECdCERIBFBAnQhEiAEQcAIaiEbIARDAAAAADgCoAhDAACAP0MAAAAAIA5DAACA/1wb/RMhI0EAIRMCQANA","IBMgBk4NASAGIBNrQQNqQQJ2IRQgFEEQSwRAQRAhFAsgAyATIBFsakEAIBQgEmz8CwBBACEVA0AgGyAVQTBsaiAO/RP9CwQQ","IBsgFUEwbGogI/0LBCAgFUEBaiEVIBUgFEkNAAsgEyAUQQFrQQJ0aiAKIAcgCBAHIRcgEyAKIAsgDBAIIRkCQANAIBkgF04N","AUEAIRUDQCATIBVBAnRqIRYgFiAKIAcgCBAHIRggFiAKIAsgDBAIISAgGSAgIBkgIEobISEgGUHAAGohIiAYICJIBEAgGCEi","CyAhICJIBEAgIiAha0EHakF4cSEaIAAgFiARbGogASACIAMgFiARbGogBCAbIBVBMGxqIAUgGiAhIBYgBiAHIAggCSAKIAsg","DCANIA8gEBAGCyAVQQFqIRUgFSAUSQ0ACyAZQcAAaiEZDAALC0EAIRUDQCAbIBVBAnZBMGwgFUEDcUECdGpqKgIgIRxDAACA","PyAclUMAAAAAIBxDAAAAAF4b/RMhHSADIBMgFWogEWxqIR4gHiARaiEfA0AgHiAe/QAEACAd/eYB/QsEACAeQRBqIR4gHiAf","SQ0ACyAVQQFqIRUgFSAUQQJ0SQ0ACyATQcAAaiETDAALCwuIBQIFfxR7IANBAnQhBCAAIQUgACACIARsaiEGAkADQCAFIAZP","DQEgBSEHIAUgBGohCANAIAcgBEEAbGr9AAQAIQkgByAEQQFsav0ABAAhCiAHIARBAmxq/QAEACELIAcgBEEDbGr9AAQAIQwg","ByAEQQRsav0ABAAhDSAHIARBBWxq/QAEACEOIAcgBEEGbGr9AAQAIQ8gByAEQQdsav0ABAAhECAJIAr9DQABAgMQERITBAUG","BxQVFhchESAJIAr9DQgJCgsYGRobDA0ODxwdHh8hEiALIAz9DQABAgMQERITBAUGBxQVFhchEyALIAz9DQgJCgsYGRobDA0O","DxwdHh8hFCARIBP9DQABAgMEBQYHEBESExQVFhchFSARIBP9DQgJCgsMDQ4PGBkaGxwdHh8hFiASIBT9DQABAgMEBQYHEBES","ExQVFhchFyASIBT9DQgJCgsMDQ4PGBkaGxwdHh8hGCANIA79DQABAgMQERITBAUGBxQVFhchESANIA79DQgJCgsYGRobDA0O","DxwdHh8hEiAPIBD9DQABAgMQERITBAUGBxQVFhchEyAPIBD9DQgJCgsYGRobDA0ODxwdHh8hFCARIBP9DQABAgMEBQYHEBES","ExQVFhchGSARIBP9DQgJCgsMDQ4PGBkaGxwdHh8hGiASIBT9DQABAgMEBQYHEBESExQVFhchGyASIBT9DQgJCgsMDQ4PGBka","GxwdHh8hHCABIBX9CwQAIAEgGf0LBBAgASAW/QsEICABIBr9CwQwIAEgF/0LBEAgASAb/QsEUCABIBj9CwRgIAEgHP0LBHAg","AUGAAWohASAHQRBqIQcgByAISQ0ACyAFIARBA3RqIQUMAAsLC4oDAgV/DXsgBP0TIQogA0ECdCEFIAAhBiAAIAIgBWxqIQcC","QANAIAYgB08NASAGIQggBiAFaiEJA0AgCiAIIAVBAGxq/QAEAP3mASELIAogCCAFQQFsav0ABAD95gEhDCAKIAggBUECbGr9","AAQA/eYBIQ0gCiAIIAVBA2xq/QAEAP3mASEOIAsgDP0NAAECAxAREhMEBQYHFBUWFyEPIAsgDP0NCAkKCxgZGhsMDQ4PHB0e","HyEQIA0gDv0NAAECAxAREhMEBQYHFBUWFyERIA0gDv0NCAkKCxgZGhsMDQ4PHB0eHyESIA8gEf0NAAECAwQFBgcQERITFBUW","FyETIA8gEf0NCAkKCwwNDg8YGRobHB0eHyEUIBAgEv0NAAECAwQFBgcQERITFBUWFyEVIBAgEv0NCAkKCwwNDg8YGRobHB0e","HyEWIAEgE/0LBAAgASAU/QsEECABIBX9CwQgIAEgFv0LBDAgAUHAAGohASAIQRBqIQggCCAJSQ0ACyAGIAVBAnRqIQYMAAsL","Cw=="].join(""),br=["AGFzbQEAAAABZwlgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwBgBH9/f38AYAV/f39/fQADDQwAAQEAAgMEBQUGBwgFAwEAAQc7BQZtZW1vcnkC","AAhleHAyUm93cwAACmF0dGVuZEhlYWQACQpwYWNrUGFuZWxzAAoJcGFja1RpbGVzAAsK0y0MmQQCAn8Se/0MAAD8wgAA/MIA","APzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/","w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w","/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUg","ACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3k","ASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3kASELIAsgCv3mASAU/eQBIQsgCyAK/eYBIBX95AEh","CyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0L","BAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARB","BGohBCACQQFrIQIgAg0ACwvzAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC/UMhASAA/QwAAPzCAAD8wgAA/MIAAPzC/esBIQAg","AP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBLAABAS/3lAf3lASED/Qz+5X83/uV/N/7lfzf+5X83","IAP95gH9DImEITmJhCE5iYQhOYmEITn95AEhBCAEIAP95gH9DP/Drjr/w646/8OuOv/Drjr95AEhBCAEIAP95gH9DFuVHTxb","lR08W5UdPFuVHTz95AEhBCAEIAP95gH9DEdYYz1HWGM9R1hjPUdYYz395AEhBCAEIAP95gH9DPD9dT7w/XU+8P11PvD9dT79","5AEhBCAEIAP95gH9DBhyMT8YcjE/GHIxPxhyMT/95AEhBCAEIAP95gH9DAAAgD8AAIA/AACAPwAAgD/95AEhBCAEIAL9DH8A","wLR/AMC0fwDAtH8AwLT9rgFBF/2rAf3mASAB/U8LzwIBBHsgAP3gASEBIAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL9","5gH9DBs3EbwbNxG8GzcRvBs3Ebz95AEhAyADIAL95gH9DKQnszykJ7M8pCezPKQnszz95AEhAyADIAL95gH9DNENXb3RDV29","0Q1dvdENXb395AEhAyADIAL95gH9DImICD6JiAg+iYgIPomICD795AEhAyADIAL95gH9DKuqqr6rqqq+q6qqvquqqr795AEh","AyABIAL95gEgA/3mASAB/eQBIQMgAf0MO6o4wDuqOMA7qjjAO6o4wP3mARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0M","AACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAEIAH9DM3MzD7NzMw+zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAA","AID9Tv1QC/4FAgN/DHsgACADQQR0aiEFIAIgBEECdGohBwNA/QwAAAAAAAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAA","AAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAA","AAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAAAAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQ","IREgBv0ABAAhEyATIBP9DQABAgMAAQIDAAECAwABAgMhEiASIBD95gEgCP3kASEIIBIgEf3mASAJ/eQBIQkgEyAT/Q0EBQYH","BAUGBwQFBgcEBQYHIRIgEiAQ/eYBIAr95AEhCiASIBH95gEgC/3kASELIBMgE/0NCAkKCwgJCgsICQoLCAkKCyESIBIgEP3m","ASAM/eQBIQwgEiAR/eYBIA395AEhDSATIBP9DQwNDg8MDQ4PDA0ODwwNDg8hEiASIBD95gEgDv3kASEOIBIgEf3mASAP/eQB","IQ8gAf0ABCAhECAB/QAEMCERIAb9AAQQIRMgEyAT/Q0AAQIDAAECAwABAgMAAQIDIRIgEiAQ/eYBIAj95AEhCCASIBH95gEg","Cf3kASEJIBMgE/0NBAUGBwQFBgcEBQYHBAUGByESIBIgEP3mASAK/eQBIQogEiAR/eYBIAv95AEhCyATIBP9DQgJCgsICQoL","CAkKCwgJCgshEiASIBD95gEgDP3kASEMIBIgEf3mASAN/eQBIQ0gEyAT/Q0MDQ4PDA0ODwwNDg8MDQ4PIRIgEiAQ/eYBIA79","5AEhDiASIBH95gEgD/3kASEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsgAiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0L","BJACIAIgDP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJBIGohAiACIAdJDQALC8EEBgJ/BnsDfQJ7AX8BeyAA","IAJBAnRqIQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNAIAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGoh","CyALIAxJDQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8g","Boz9EyEQIAX9EyERA0AgCyAQIBEgDf36Af3lAf3gAf3mASAL/QAEAP3kAf0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsL","IAoEQCAAIQsgCiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEYIAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhy","BEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8h","EiAE/REhESAI/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAA","IQv9DAAAgP8AAID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBqIQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGX","IA79HwIgDv0fA5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACABIBQgE5M4AgAgASAVOAIQC/MJAgh/E3sgA0ECdCEG","IAX9CQIAIR0gBf0JAgQhHiAF/QkCCCEfIAX9CQIMISAgACAEQQJ0aiEJQQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiEN","IB0gAiAHav0ABAD95gEhDiAdIAIgB2r9AAQQ/eYBIQ8gHiAL/QAEAP3mASEQIB4gC/0ABBD95gEhESAfIAz9AAQA/eYBIRIg","HyAM/QAEEP3mASETICAgDf0ABAD95gEhFCAgIA39AAQQ/eYBIRUgACEIIAEgB2ohCgNAIAj9AAQAIRkgCP0ABIACIRogCP0A","BIAEIRsgCP0ABIAGIRwgCv0ABAAhFiAK/QAEECEXIBkgGf0NAAECAwABAgMAAQIDAAECAyEYIBggFv3mASAO/eQBIQ4gGCAX","/eYBIA/95AEhDyAaIBr9DQABAgMAAQIDAAECAwABAgMhGCAYIBb95gEgEP3kASEQIBggF/3mASAR/eQBIREgGyAb/Q0AAQID","AAECAwABAgMAAQIDIRggGCAW/eYBIBL95AEhEiAYIBf95gEgE/3kASETIBwgHP0NAAECAwABAgMAAQIDAAECAyEYIBggFv3m","ASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIBkgGf0NBAUGBwQFBgcEBQYHBAUGByEYIBgg","Fv3mASAO/eQBIQ4gGCAX/eYBIA/95AEhDyAaIBr9DQQFBgcEBQYHBAUGBwQFBgchGCAYIBb95gEgEP3kASEQIBggF/3mASAR","/eQBIREgGyAb/Q0EBQYHBAUGBwQFBgcEBQYHIRggGCAW/eYBIBL95AEhEiAYIBf95gEgE/3kASETIBwgHP0NBAUGBwQFBgcE","BQYHBAUGByEYIBggFv3mASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIBkgGf0NCAkKCwgJ","CgsICQoLCAkKCyEYIBggFv3mASAO/eQBIQ4gGCAX/eYBIA/95AEhDyAaIBr9DQgJCgsICQoLCAkKCwgJCgshGCAYIBb95gEg","EP3kASEQIBggF/3mASAR/eQBIREgGyAb/Q0ICQoLCAkKCwgJCgsICQoLIRggGCAW/eYBIBL95AEhEiAYIBf95gEgE/3kASET","IBwgHP0NCAkKCwgJCgsICQoLCAkKCyEYIBggFv3mASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZqIQogCv0ABAAhFiAK/QAE","ECEXIBkgGf0NDA0ODwwNDg8MDQ4PDA0ODyEYIBggFv3mASAO/eQBIQ4gGCAX/eYBIA/95AEhDyAaIBr9DQwNDg8MDQ4PDA0O","DwwNDg8hGCAYIBb95gEgEP3kASEQIBggF/3mASAR/eQBIREgGyAb/Q0MDQ4PDA0ODwwNDg8MDQ4PIRggGCAW/eYBIBL95AEh","EiAYIBf95gEgE/3kASETIBwgHP0NDA0ODwwNDg8MDQ4PDA0ODyEYIBggFv3mASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZq","IQogCEEQaiEIIAggCUkNAAsgAiAHaiAO/QsEACACIAdqIA/9CwQQIAsgEP0LBAAgCyAR/QsEECAMIBL9CwQAIAwgE/0LBBAg","DSAU/QsEACANIBX9CwQQIAdBIGohByAHIAZJDQALC64CAQZ/IAZBAnQhFCAAIAEgCCAUbGogBCAGIAcQA0EAIRUDQCAJIBVq","IA5qIRcgCyEWIAwEQCAXQQFqIRYgFiALSgRAIAshFgsLIBAhGCAPBEAgGCAXIA9rQQFqIBggFyAPa0EBakobIRgLQQAhGSAS","QQBHIAkgFWogCkhxBEAgEiAJIBVqIBNsaiAIQQJ0aiEZCyAEIBVBCHRqIAUgFUECdGogByAIIBYgF7IgDSAEQYAIaiAVQQJ0","aiAYIBEgGRAEIBVBAWohFSAVQQRJDQALIAQgB0ECdEEEIARBgAhqIARBkAhqEAAgBUEQQQEgBEGgCGogBEGkCGoQACAFIAX9","AAQgIAX9AAQA/eYBIAT9AASQCP3kAf0LBCAgBCACIAggFGxqIAMgBiAHIAUQBQshAQF/IANFBEAgAg8LIABBBGogAWohBCAC","IAQgBCACShsLMAEBfyADIQQgAgRAIAQgACABaiACa0EBaiAEIAAgAWogAmtBAWpKGyEECyAEQXhxC54EBQt/AX0BewV/AXsg","BUECdCERIBFBAnQhEiAEQcAIaiEbIARDAAAAADgCoAhDAACAP0MAAAAAIA5DAACA/1wb/RMhI0EAIRMCQANAIBMgBk4NASAG","IBNrQQNqQQJ2IRQgFEEQSwRAQRAhFAsgAyATIBFsakEAIBQgEmz8CwBBACEVA0AgGyAVQTBsaiAO/RP9CwQQIBsgFUEwbGog","I/0LBCAgFUEBaiEVIBUgFEkNAAsgEyAUQQFrQQJ0aiAKIAcgCBAHIRcgEyAKIAsgDBAIIRkCQANAIBkgF04NAUEAIRUDQCAT","IBVBAnRqIRYgFiAKIAcgCBAHIRggFiAKIAsgDBAIISAgGSAgIBkgIEobISEgGUHAAGohIiAYICJIBEAgGCEiCyAhICJIBEAg","IiAha0EHakF4cSEaIAAgFiARbGogASACIAMgFiARbGogBCAbIBVBMGxqIAUgGiAhIBYgBiAHIAggCSAKIAsgDCANIA8gEBAG","CyAVQQFqIRUgFSAUSQ0ACyAZQcAAaiEZDAALC0EAIRUDQCAbIBVBAnZBMGwgFUEDcUECdGpqKgIgIRxDAACAPyAclUMAAAAA","IBxDAAAAAF4b/RMhHSADIBMgFWogEWxqIR4gHiARaiEfA0AgHiAe/QAEACAd/eYB/QsEACAeQRBqIR4gHiAfSQ0ACyAVQQFq","IRUgFSAUQQJ0SQ0ACyATQcAAaiETDAALCwuIBQIFfxR7IANBAnQhBCAAIQUgACACIARsaiEGAkADQCAFIAZPDQEgBSEHIAUg","BGohCANAIAcgBEEAbGr9AAQAIQkgByAEQQFsav0ABAAhCiAHIARBAmxq/QAEACELIAcgBEEDbGr9AAQAIQwgByAEQQRsav0A","BAAhDSAHIARBBWxq/QAEACEOIAcgBEEGbGr9AAQAIQ8gByAEQQdsav0ABAAhECAJIAr9DQABAgMQERITBAUGBxQVFhchESAJ","IAr9DQgJCgsYGRobDA0ODxwdHh8hEiALIAz9DQABAgMQERITBAUGBxQVFhchEyALIAz9DQgJCgsYGRobDA0ODxwdHh8hFCAR","IBP9DQABAgMEBQYHEBESExQVFhchFSARIBP9DQgJCgsMDQ4PGBkaGxwdHh8hFiASIBT9DQABAgMEBQYHEBESExQVFhchFyAS","IBT9DQgJCgsMDQ4PGBkaGxwdHh8hGCANIA79DQABAgMQERITBAUGBxQVFhchESANIA79DQgJCgsYGRobDA0ODxwdHh8hEiAP","IBD9DQABAgMQERITBAUGBxQVFhchEyAPIBD9DQgJCgsYGRobDA0ODxwdHh8hFCARIBP9DQABAgMEBQYHEBESExQVFhchGSAR","IBP9DQgJCgsMDQ4PGBkaGxwdHh8hGiASIBT9DQABAgMEBQYHEBESExQVFhchGyASIBT9DQgJCgsMDQ4PGBkaGxwdHh8hHCAB","IBX9CwQAIAEgGf0LBBAgASAW/QsEICABIBr9CwQwIAEgF/0LBEAgASAb/QsEUCABIBj9CwRgIAEgHP0LBHAgAUGAAWohASAH","QRBqIQcgByAISQ0ACyAFIARBA3RqIQUMAAsLC4oDAgV/DXsgBP0TIQogA0ECdCEFIAAhBiAAIAIgBWxqIQcCQANAIAYgB08N","ASAGIQggBiAFaiEJA0AgCiAIIAVBAGxq/QAEAP3mASELIAogCCAFQQFsav0ABAD95gEhDCAKIAggBUECbGr9AAQA/eYBIQ0g","CiAIIAVBA2xq/QAEAP3mASEOIAsgDP0NAAECAxAREhMEBQYHFBUWFyEPIAsgDP0NCAkKCxgZGhsMDQ4PHB0eHyEQIA0gDv0N","AAECAxAREhMEBQYHFBUWFyERIA0gDv0NCAkKCxgZGhsMDQ4PHB0eHyESIA8gEf0NAAECAwQFBgcQERITFBUWFyETIA8gEf0N","CAkKCwwNDg8YGRobHB0eHyEUIBAgEv0NAAECAwQFBgcQERITFBUWFyEVIBAgEv0NCAkKCwwNDg8YGRobHB0eHyEWIAEgE/0L","BAAgASAU/QsEECABIBX9CwQgIAEgFv0LBDAgAUHAAGohASAIQRBqIQggCCAJSQ0ACyAGIAVBAnRqIQYMAAsLCw=="].join("");var ht=512,Ve=class{name;pack;#e;#o;#t;constructor(e,o){let r=new WebAssembly.Instance(e);this.name=o,this.#e=r.exports.memory,this.#o=r.exports.attendHead,this.#t=new Float32Array(this.#e.buffer);let s=r.exports.packPanels,n=r.exports.packTiles;this.pack={panels:(i,a,c,A)=>s(4*i,4*a,c,A),tiles:(i,a,c,A,u)=>n(4*i,4*a,c,A,u)}}reserve(e){let o=e*4,r=this.#e.buffer.byteLength;if(o>r){let s=Math.ceil((o-r)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${o} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#t.buffer!==this.#e.buffer&&(this.#t=new Float32Array(this.#e.buffer)),this.#t}attendHead(e,o,r,s,n,i,a,c,A,u={}){this.#o(4*e,4*o,4*r,4*s,0,n,i,a,c?1:0,A,u.shift??a-i,u.window??0,u.pad??0,u.cap??0,u.sink??-1/0,4*(u.bias??0),4*(u.biasStride??0))}},ft=class{name="js";#e=new Float32Array(ht);#o=new Float64Array(0);#t=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,o,r,s,n,i,a,c,A,u={}){let f=this.#e;this.#o.length<a&&(this.#o=new Float64Array(a)),this.#t.length<n&&(this.#t=new Float64Array(n));let l=this.#o,h=this.#t,d=Math.fround,p=u.shift??a-i,k=u.window??0,$=u.cap??0,w=u.sink??-1/0,b=u.bias??0;for(let B=0;B<i;B++){let M=B+p,R=c?Math.min(a,M+1):a,T=Math.max(u.pad??0,k?M-k+1:0),O=s+B*n,G=b+B*(u.biasStride??0),P=e+(B>>2)*n*4+(B&3),x=w,F=0;for(let S=T;S<R;S++){let L=o+(S>>3)*n*8+(S&7),N=0;for(let H=0;H<n;H++)N+=f[P+4*H]*f[L+8*H];let y=$===0?N:$*Math.tanh(N/$);A!==0&&(y-=d(A)*Math.abs(M-S)),b!==0&&(y+=f[G+S]),l[S]=y,y!==-1/0&&F++,y>x&&(x=y)}if(F===0){f.fill(0,O,O+n);continue}h.fill(0);let Q=w===-1/0?0:Math.exp((w-x)*Math.LN2);for(let S=T;S<R;S++){if(l[S]===-1/0)continue;let L=Math.exp((l[S]-x)*Math.LN2);Q+=L;let N=r+S*n;for(let y=0;y<n;y++)h[y]=h[y]+L*f[N+y]}for(let S=0;S<n;S++)f[O+S]=h[S]/Q}}};function cn(t){let e=atob(t),o=new Uint8Array(e.length);for(let r=0;r<e.length;r++)o[r]=e.charCodeAt(r);return o}var Ir;function Br(t){if(typeof WebAssembly!="object")return null;let e=cn(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function ko(){return Ir??={relaxed:Br(Er),plain:Br(br)},Ir}var wo;function yr(){if(!wo){let{relaxed:t,plain:e}=ko();wo=t?new Ve(t,"relaxed-simd"):e?new Ve(e,"simd"):new ft}return wo}var dt=64;function vr(t,e,o){return{shift:t.kSeq-t.qSeq,window:t.window??0,pad:t.leftPadding?t.leftPadding[e]:0,cap:t.softcap===null?0:t.softcap*Math.LOG2E,sink:t.sinks?t.sinks[o]*Math.LOG2E:-1/0}}function Pr(t,e,o,r,s,n,i){let a=e.bias;if(!a){t.attendHead(s.q,s.k,s.v,s.o,n,i.count,e.kSeq,i.causal,i.slope,i.features);return}let c=e.kSeq,A=c+7&-8,u=i.features.shift??c-i.count,f=t.reserve(s.bias+dt*A);for(let l=0;l<i.count;l+=dt){let h=Math.min(dt,i.count-l);for(let d=0;d<h;d++){let p=o*a.batchStride+r*a.headStride+(l+d)*a.rowStride,k=s.bias+d*A;for(let $=0;$<c;$++){let w=a.data[p+$];f[k+$]=w<=Dt?-1/0:w*Math.LOG2E}f.fill(0,k+c,k+A)}t.attendHead(s.q+l*n,s.k,s.v,s.o+l*n,n,h,c,i.causal,i.slope,{...i.features,shift:u+l,bias:s.bias,biasStride:A})}}var Cr=new WeakMap;function xr(t,e){Cr.set(t,e)}function Fe(t,e,o,r,s=yr(),n){let{batch:i,group:a,kvHeads:c,qSeq:A,kSeq:u,headDim:f,causal:l,scale:h,alibi:d}=t,p=e,k=o;if(t.rope){let{frequencies:U,pairing:m,angles:q}=t.rope,W=t.layout;p=ge(e,U,{layout:W,pairing:m,angles:q,positions:t.rope.query}),k=ge(o,U,{layout:W,pairing:m,angles:q,positions:t.rope.key})}let $=n===void 0&&!t.rope?Cr.get(o.data):void 0;if($&&$.length===u&&$.batch===i&&$.kvHeads===c&&$.headDim===f&&A>0&&u>0)return un(t,e,$);let w=n?.into??new Float32Array(e.data.length);if(A===0||u===0)return{shape:Object.freeze([...e.shape]),data:w};let b=f+7&-8,B=u+7&-8,M=A+3&-4,R=ht,T=R+B*b,O=T+B*b,G=O+M*b,P=G+M*b,x=s.pack,F=P+(t.bias?dt*B:0),Q=s.reserve(F+(x?Math.max(B,M)*b:0)),S=t.qStrides,L=t.kStrides,N=p.data,y=k.data,H=r.data,E=Math.fround,I=E(h*Math.LOG2E),D=L.seq===f&&f===b,C=S.seq===f&&f===b,z=n?.ranges??Array.from({length:i},(U,m)=>({batch:m,kv0:0,kv1:c}));for(let{batch:U,kv0:m,kv1:q}of z)for(let W=m;W<q;W++){let J=U*L.batch+W*L.heads;if(x&&D)Q.set(y.subarray(J,J+u*f),F),Q.fill(0,F+u*b,F+B*b),x.panels(F,R,B,b);else for(let Y=0;Y<B;Y++){let te=R+(Y>>3)*b*8+(Y&7),re=J+Y*L.seq,se=Y<u?f:0;for(let le=0;le<se;le++)Q[te+8*le]=y[re+le];for(let le=se;le<b;le++)Q[te+8*le]=0}if(D)Q.set(H.subarray(J,J+u*f),T);else for(let Y=0;Y<u;Y++){let te=J+Y*L.seq,re=T+Y*b;for(let se=0;se<f;se++)Q[re+se]=H[te+se];for(let se=f;se<b;se++)Q[re+se]=0}Q.fill(0,T+u*b,T+B*b);for(let Y=W*a;Y<(W+1)*a;Y++){let te=U*S.batch+Y*S.heads;if(x&&C)Q.set(N.subarray(te,te+A*f),F),Q.fill(0,F+A*b,F+M*b),x.tiles(F,O,M,b,I);else for(let re=0;re<M;re++){let se=O+(re>>2)*b*4+(re&3),le=te+re*S.seq,qe=re<A?f:0;for(let Ce=0;Ce<qe;Ce++)Q[se+4*Ce]=E(N[le+Ce]*I);for(let Ce=qe;Ce<b;Ce++)Q[se+4*Ce]=0}if(Pr(s,t,U,Y,{q:O,k:R,v:T,o:G,bias:P},b,{count:A,causal:l,slope:d?d[Y]*Math.LOG2E:0,features:vr(t,U,Y)}),C)w.set(Q.subarray(G,G+A*f),te);else for(let re=0;re<A;re++){let se=G+re*b,le=te+re*S.seq;for(let qe=0;qe<f;qe++)w[le+qe]=Q[se+qe]}}}return{shape:Object.freeze([...e.shape]),data:w}}function un(t,e,o){let{batch:r,group:s,kvHeads:n,qSeq:i,kSeq:a,headDim:c,causal:A,scale:u,alibi:f}=t,l=o.kernel,h=c+7&-8,d=a+7&-8,p=i===1&&f===null&&t.sinks===null&&t.bias===null&&t.window===null,k=p?s:i,$=k+3&-4,w=o.end,b=w+$*h,B=b+$*h,M=l.reserve(B+(t.bias?dt*d:0)),R=t.qStrides,T=e.data,O=new Float32Array(T.length),G=Math.fround,P=G(u*Math.LOG2E);for(let x=0;x<r;x++)for(let F=0;F<n;F++){let Q=x*n+F,S=o.kAt+Q*o.headFloats,L=o.vAt+Q*o.headFloats;for(let y=a;y<d;y++){let H=S+(y>>3)*h*8+(y&7);for(let E=0;E<h;E++)M[H+8*E]=0}M.fill(0,L+a*h,L+d*h);let N=p?1:s;for(let y=0;y<N;y++){for(let E=0;E<$;E++){let I=w+(E>>2)*h*4+(E&3),D=F*s+(p?E:y),C=x*R.batch+D*R.heads+(p?0:E)*R.seq,z=E<k?c:0;for(let U=0;U<z;U++)M[I+4*U]=G(T[C+U]*P);for(let U=z;U<h;U++)M[I+4*U]=0}let H=F*s+y;Pr(l,t,x,H,{q:w,k:S,v:L,o:b,bias:B},h,{count:k,causal:A&&!p,slope:f?f[H]*Math.LOG2E:0,features:{...vr(t,x,H),...p?{shift:a-1}:{}}});for(let E=0;E<k;E++){let I=p?F*s+E:H,D=x*R.batch+I*R.heads+(p?0:E)*R.seq;O.set(M.subarray(b+E*h,b+E*h+c),D)}}}return{shape:Object.freeze([...e.shape]),data:O}}function ca(t,e,o,r={}){ce("q",t),ce("k",e),ce("v",o);let s=He(t,e,o,r);return Fe(s,t,e,o)}var Te=Object.freeze({T48:49152,T32:32768,T16:16384});function Qr(t){return t>=Te.T48?"T48":t>=Te.T32?"T32":"T16"}function An(t){let e=t.headDim/4,o=(e+(t.pad?1:0))*16,r=t.br*o,s=t.bc*o,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return r+s+n+i+a}function Sr(t){let e=[];for(let o=1;o<=t;o++)t%o===0&&e.push(o);return e}function ln(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Sr(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function fn(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Sr(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var bo=512;function Dr(t,e,o=256){let r=`${t}|${e}|${o}`;return Eo.has(r)||Eo.set(r,hn(t,e,o)),Eo.get(r)}var Eo=new Map;function hn(t,e,o){if(!Number.isInteger(t)||t%4!==0||t<4||t>bo)return;let r=Te[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>o))for(let c of[64,32,16,8,4])for(let A of[64,32,16,8,4]){let u=ln(c,A,a),f=fn(c,s,a);if(!(!u||!f))for(let l of[!1,!0])for(let h of[!0,!1]){let[d,p]=u,[k,$]=f,w=An({headDim:t,br:c,bc:A,tn:p,sharedKV:l,pad:h});if(w>r)continue;let b=4*d*p/(d+p),B=[c*A,c>=A?1:0,A>=32?1:0,b>=4?1:0,a===128?2:a===64?1:0,b,l?0:1,h?1:0];(!i||dn(B,i))&&(i=B,n=Object.freeze({tier:e,headDim:t,workgroup:a,br:c,bc:A,tm:d,tn:p,om:k,od4:$,sharedKV:l,pad:h,bytes:w}))}}return n}function dn(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]>e[o];return!1}function qr(){return{next:new WeakMap,groups:null}}var Tt=class{#e;#o;#t=[];#r=new ArrayBuffer(65536);#s=new DataView(this.#r);#n=qr();#a=new WeakMap;#i=-1;#c=0;#u=0;constructor(e){this.#e=e,this.#o=Math.max(16,e.limits.minUniformBufferOffsetAlignment??256)}get open(){return this.#i>=0}get created(){return this.#u}begin(){if(this.#i>=0)throw new Error("Internal error: a frame is already open");this.#i=0,this.#c=0}end(e){let o=this.#i>this.#c;if(this.#i=-1,o&&!e)throw new Error("Internal error: a frame packed uniform blocks it did not submit")}flush(){if(this.#i<0)return;let e=this.#e.queue,o=this.#c;for(;o<this.#i;){let r=Math.floor(o/65536),s=Math.min(this.#i,(r+1)*65536);e.writeBuffer(this.#t[r],o-r*65536,this.#r,o,s-o),o=s}this.#c=this.#i}groupLayout(e){let o=this.#a.get(e);return o||(o=e.getBindGroupLayout(0),this.#a.set(e,o)),o}bind(e,o,r,s){let n=o.uniformBytes;if(n>65536)throw new Error(`Internal error: the uniform block of ${o.name} is over 65536 bytes`);let i=Math.ceil(this.#i/this.#o)*this.#o;Math.floor(i/65536)!==Math.floor((i+n-1)/65536)&&(i=Math.ceil(i/65536)*65536);let a=Math.floor(i/65536);this.#l(a),o.packInto(r,this.#s,i),this.#i=i+n;let c=this.#t[a],A=i-a*65536,u=this.#A(this.#A(this.#n,e),c),f=`${A}`,l=s;for(let d of o.bindingNames){if(d==="params")continue;let p=l[d];p&&(u=this.#A(u,p.buffer),f+=`|${p.offset??0}:${p.size??-1}`)}u.groups??=new Map;let h=u.groups.get(f);return h||(h=this.#e.createBindGroup({label:o.name,layout:this.groupLayout(e),entries:o.entries({...s,params:{buffer:c,offset:A,size:n}})}),this.#u++,u.groups.set(f,h)),h}destroy(){for(let e of this.#t)e.destroy();this.#t.length=0}#A(e,o){let r=e.next.get(o);return r||(r=qr(),e.next.set(o,r)),r}#l(e){for(;this.#t.length<=e;)this.#t.push(this.#e.createBuffer({size:65536,usage:72,label:"uniform arena"}));let o=(e+1)*65536;if(this.#r.byteLength<o){let r=new ArrayBuffer(Math.max(o,2*this.#r.byteLength));new Uint8Array(r).set(new Uint8Array(this.#r)),this.#r=r,this.#s=new DataView(r)}}};var Gt=class t{#e;#o=new Map;#t=0;#r=new WeakSet;#s=[];#n=null;#a=[];#i=!1;constructor(e){this.#e=e}static sizeOf(e){return Math.max(16,Math.ceil(e/16)*16)}create(e,o){return this.#e.createBuffer({size:t.sizeOf(e),usage:140,label:o})}take(e,o,r){let s=t.sizeOf(e),n=this.#o.get(s)?.pop();if(!n)return this.create(e,o);if(this.#t-=s,this.#r.delete(n),r)this.#s.push(n);else{let i=Math.ceil(e/4)*4;i<s&&this.#e.queue.writeBuffer(n,i,new Uint8Array(s-i))}return n}recycle(e){if(this.#r.has(e))return;let o=e.size,r=this.#s.indexOf(e);if(r>=0&&this.#s.splice(r,1),this.#i||e.usage!==140||o>16777216||this.#t+o>67108864){e.destroy();return}let s=this.#o.get(o);s||(s=[],this.#o.set(o,s)),s.push(e),this.#r.add(e),this.#t+=o}scratch(e,o){if(!this.#n||this.#n.size<e){this.#n&&this.#a.push(this.#n);let r=Math.min(Math.max(2*(this.#n?.size??0),65536),o);this.#n=this.create(Math.max(e,r),"scratch")}return this.#n}encodeClears(e){if(this.#s.length!==0){for(let o of this.#s)e.clearBuffer(o);this.#s=[]}}submitted(){for(let e of this.#a.splice(0))e.destroy()}close(){this.#i=!0;for(let e of this.#o.values())for(let o of e)o.destroy();this.#o.clear(),this.#t=0,this.#n?.destroy(),this.#n=null,this.submitted()}};async function Mr(t,e,o,r){let s=t.device;if(r){let l=t.encoder(),h=l.beginComputePass();t.encode(h,e),h.end(),t.finish(l),await t.idle()}let n=t.encoder(),i,a,c;t.timestamps&&(i=s.createQuerySet({type:"timestamp",count:2}),a=s.createBuffer({size:16,usage:516}),c=s.createBuffer({size:16,usage:9}));let A=n.beginComputePass(i?{timestampWrites:{querySet:i,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let l=0;l<o;l++)t.encode(A,e);A.end(),i&&a&&c&&(n.resolveQuerySet(i,0,2,a,0),n.copyBufferToBuffer(a,0,c,0,16));let u=performance.now();t.finish(n),await t.idle();let f=(performance.now()-u)/1e3;try{if(c){await c.mapAsync(1);let[l,h]=new BigUint64Array(c.getMappedRange().slice(0));c.unmap();let d=Number(h-l);if(d>0)return{seconds:d/1e9/o,source:"timestamp-query"}}return{seconds:f/o,source:"wall-clock"}}finally{i?.destroy(),a?.destroy(),c?.destroy()}}var pn=72,Rr=9,gn=1,Ht=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#o=new Map;#t;#r;#s=null;constructor(e,o,r,s=!1){this.device=e,this.f16=s,this.ownsDevice=o,this.limits=r,this.tier=Qr(r.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),this.#t=new Tt(e),this.#r=new Gt(e),e.lost.then(n=>{this.#s??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#s}fail(e){this.#s??=e}dispose(){this.#t.destroy(),this.#r.close()}get bindGroupsCreated(){return this.#t.created}#n(e){return this.#s!==null?new Error(`This GpuAttention cannot be used: ${this.#s}`):e instanceof Error?e:new Error(String(e))}cached(e,o){let r=this.#o.get(e);return r===void 0&&(r=o(),this.#o.set(e,r)),r}setCached(e,o){this.#o.set(e,o)}pipeline(e,o){let r=this.#e.get(e);return r||(r=this.#a(e,o()),this.#e.set(e,r),r.catch(()=>this.#e.delete(e))),r}async#a(e,o){let r=this.device.createShaderModule({code:o,label:e}),n=(await r.getCompilationInfo().catch(i=>{throw this.#n(i)})).messages.filter(i=>i.type==="error");if(n.length>0)throw this.#s!==null?this.#n(null):new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:r,entryPoint:"main"}})}catch(i){throw this.#s!==null?this.#n(i):new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}#i(e,o){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${o}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`)}buffer(e,o){return this.#i(e,o),this.#r.create(e,o)}output(e,o){return this.#i(e,o),this.#r.take(e,o,!0)}recycle(e){this.#r.recycle(e)}upload(e,o){this.#i(e.byteLength,o);let r=this.#r.take(e.byteLength,o,!1);return e.byteLength>0&&(e.buffer instanceof ArrayBuffer||(e=e.slice()),this.device.queue.writeBuffer(r,0,e.buffer,e.byteOffset,e.byteLength)),r}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}scratch(e){this.#i(e,"scratch");let o=Math.min(this.limits.maxStorageBufferBindingSize,this.limits.maxBufferSize);return this.#r.scratch(e,o)}uniform(e,o){let r=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:pn,label:o});return this.device.queue.writeBuffer(r,0,e),r}bind(e,o,r,s,n){if(this.#t.open)return this.#t.bind(e,o,r,s);let i=this.uniform(o.pack(r),`${o.name} params`);return n.push(i),this.device.createBindGroup({label:o.name,layout:this.#t.groupLayout(e),entries:o.entries({...s,params:{buffer:i}})})}encode(e,o){for(let r of o.dispatches)e.setPipeline(r.pipeline),e.setBindGroup(0,r.bindGroup),e.dispatchWorkgroups(r.grid[0],r.grid[1],r.grid[2])}submit(e,o){let r=Array.isArray(e)?e:[e];try{return this.#c(r,o)}finally{for(let s of r)this.release(s)}}release(e){for(let o of e.temps)this.#r.recycle(o)}encoder(){let e=this.device.createCommandEncoder();return this.#r.encodeClears(e),e}finish(e){this.#t.flush(),this.device.queue.submit([e.finish()]),this.#r.submitted()}#c(e,o){let r=this.encoder();if(e.some(n=>n.dispatches.length>0)){let n=r.beginComputePass();for(let i of e)this.encode(n,i);n.end()}let s;return o&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(o.bytes/16)*16),usage:Rr,label:"readback"}),o.bytes>0&&r.copyBufferToBuffer(o.source,0,s,0,Math.ceil(o.bytes/4)*4)),this.finish(r),s}async guarded(e,o){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let r,s,n=!1;try{r=o()}catch(u){s=u,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,A]=await Promise.all([i,a]);if(n)throw s;if(A)throw new Error(`Out of GPU memory while ${e}: ${A.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return r}submitting(e,o){return this.guarded(e,()=>{this.#t.begin();let r=!1;try{let s=o();return r=!0,s}finally{this.#t.end(!r)}})}profile(e,o,r){return Mr(this,e,o,r)}gather(e){let o=e.reduce((i,a)=>i+a.size,0),r=this.device.createBuffer({size:Math.max(16,Math.ceil(o/16)*16),usage:Rr,label:"readback"}),s=this.encoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,r,n,i.size),n+=i.size;return this.finish(s),r}async read(e,o){try{return await e.mapAsync(gn),e.getMappedRange(0,Math.max(16,Math.ceil(o/16)*16)).slice(0,o)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var Or=new WeakMap;function mn(t,e){if(t.length!==e.length)return!1;for(let o=0;o<t.length;o++)if(t[o]!==e[o])return!1;return!0}function Lt(t,e){let o=Or.get(e);(!o||o.factor!==e.attentionFactor||!mn(o.invFreq,e.invFreq))&&(o={factor:e.attentionFactor,invFreq:e.invFreq.slice(),texts:new Map},Or.set(e,o));let r=o.texts.get(t);return r===void 0&&(r=`${t}|${o.factor}|${Array.from(o.invFreq).join(",")}`,o.texts.set(t,r)),r}var Tr="This KvCache cannot be used: it was destroyed",Gr="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",$n=512,_t=4,Hr=["split","keys"];function rt(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${V(e)}`)}function pt(t,e,o){let r=ne(t,e??"f32",{allowed:["f32","f16","auto"]});if(r==="auto")return o.available?"f16":"f32";if(r==="f16"&&!o.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${o.detail}); use "f32", or "auto" to fall back to float32`);return r}function Lr(t){rt("options",t),he("options",t,{allowed:tr});let e=ae("batch",t.batch,{min:1}),o=ae("kvHeads",t.kvHeads,{min:1}),r=ae("headDim",t.headDim,{min:4,max:$n});if(r%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${r}`);let s=t.window===void 0?null:ot(t.window,"window");if(s===null&&t.maxLength===void 0)throw new TypeError("Invalid maxLength: expected an integer >= 1 (the tokens the cache holds), got undefined; only a window cache may leave it out");let n=t.maxLength===void 0?1/0:ae("maxLength",t.maxLength,{min:1}),i=s===null?n:Math.min(n,s+_t-1);return{batch:e,kvHeads:o,headDim:r,maxLength:n,window:s,slots:i}}function Io(t,e,o,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${V(e)}`);he(t,e,{allowed:r});let s=Ot(t,e),n=2*ke(s);if(e.rotaryDim!==void 0&&e.rotaryDim!==n)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${n} (${Me(s)}), got ${V(e.rotaryDim)}`);if(n>o)throw new RangeError(`Invalid ${t}.${ie(s)?"cache":"frequencies"}: rotary dim ${n} (${Me(s,"")}) exceeds the head dim ${o}`);let i=ne(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),a=ne(`${t}.angles`,e.angles??lt(s),{allowed:["float32","float64"]}),c=ie(s)?$r(i,s):Lt(`${i}|${a}`,s);return{frequencies:s,pairing:i,rotaryDim:n,angles:a,fingerprint:c}}function Fr(t,e,o,r){let s=Re(t,e,o);if(s.batch!==r.batch)throw new RangeError(`Invalid ${t}: expected batch ${r.batch} (as the cache), got ${s.batch}`);if(s.heads!==r.kvHeads)throw new RangeError(`Invalid ${t}: expected ${r.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==r.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${r.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function st(t,e,o,r){rt("options",r),he("options",r,{allowed:or});let s=ne("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Fr("k",e,s,t),i=Fr("v",o,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(r.rope!==void 0){let c=Io("rope",r.rope,t.headDim,rr),A=r.rope.positions===void 0?null:We("rope.positions",r.rope.positions,n.seq,t.batch,c.angles==="float32");A&&ie(c.frequencies)&&ve("rope.positions",c.frequencies,A,n.seq),a={...c,positions:A}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function _r(t,e,o){if(e+o.n>t.maxLength)throw new RangeError(`Cannot append ${o.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(o.rope&&!o.rope.positions&&ie(o.rope.frequencies)){let r={kind:"range",start:e};ve("rope.cache",o.rope.frequencies,r,o.n)}if(o.rope&&!o.rope.positions&&o.rope.angles==="float32"){let r=e+o.n-1;if(r>Oe)throw new RangeError(`Invalid rope: the last key would sit at position ${r}, above ${Oe} (the largest position with angles "float32")`)}}function Nr(t,e){let o=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==o)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:o,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var Bo=Object.freeze({keyRope:void 0,explicitPositions:!1});function jr(t,e,o,r=tt){rt("options",o),he("options",o,{allowed:r});let s=ne("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Re("q",e,s);if(n.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${n.batch}`);if(n.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${n.headDim}`);if(n.heads<1||n.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${n.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(n.seq<1||n.seq>_t)throw new RangeError(`Invalid q: expected 1 to ${_t} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${n.seq}`);let i=o.scale===void 0?1/Math.sqrt(n.headDim):ye("scale",o.scale),a=$o(o.alibiSlopes,n.heads),c=null;if(o.rope!==void 0){if(o.rope!==null&&typeof o.rope=="object"&&"positions"in o.rope)throw new TypeError(`Invalid rope: unknown key "positions"; a decode's query positions are the option queryPositions (the cached keys keep the positions they were appended at)`);let h=Io("rope",o.rope,t.headDim,sr),d=o.queryPositions===void 0?null:We("queryPositions",o.queryPositions,n.seq,n.batch,h.angles==="float32");d&&ie(h.frequencies)&&ve("queryPositions",h.frequencies,d,n.seq),c={...h,queryPositions:d}}else if(o.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let A=o.splits===void 0?void 0:ae("splits",o.splits,{min:1}),u=ne("kernel",o.kernel??"split",{allowed:Hr}),f=ot(o.slidingWindow);if(f!==null&&t.window!==null&&f>t.window)throw new RangeError(`Invalid slidingWindow: expected at most ${t.window}, the window of this cache (it keeps no older keys), got ${f}`);let l=null;return o.bias!==void 0&&(l=ce("bias",o.bias),ut(l,{batch:n.batch,heads:n.heads,qSeq:n.seq,kSeq:null})),{layout:s,batch:n.batch,heads:n.heads,kvHeads:t.kvHeads,group:n.heads/t.kvHeads,qSeq:n.seq,headDim:n.headDim,qShape:[...e.shape],qStrides:n.strides,scale:i,rope:c,alibi:a,splits:A,kernel:u,window:f,sinks:qt(o.sinks,n.heads),softcap:Mt(o.softcap),leftPadding:Rt(o.leftPadding,n.batch,2**31-1),bias:l}}function Nt(t,e,o,r=null){return kn(t,e,o),wn(t,e,r)}function wn(t,e,o){let r=t.window??o,s=r===null?0:Math.max(0,e-t.qSeq-r+1),n=null;return t.bias&&(n=ut(t.bias,{batch:t.batch,heads:t.heads,qSeq:t.qSeq,kSeq:e})),{window:r,first:s,bias:n}}function kn(t,e,o){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(o.keyRope&&o.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(o.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(ie(t.rope.frequencies)){let r={kind:"range",start:e-t.qSeq};ve("rope.cache",t.rope.frequencies,r,t.qSeq)}if(t.rope.angles==="float32"&&e-1>Oe)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${Oe} (the largest position with angles "float32")`)}}}var nt=class{owner;batch;kvHeads;headDim;maxLength;window;slots;#e;#o=0;#t=Bo;#r=!1;constructor(e,o,r){this.owner=e,this.#e=o,this.batch=r.batch,this.kvHeads=r.kvHeads,this.headDim=r.headDim,this.maxLength=r.maxLength,this.window=r.window,this.slots=r.slots}held(){let e=Math.min(this.#o,this.slots);return{first:this.#o-e,count:e}}get length(){return this.#o}get destroyed(){return this.#r||!this.#e()}get ropeState(){return this.#t}live(){if(this.#r)throw new Error(Tr);if(!this.#e())throw new Error(Gr)}reserve(e){_r(this,this.#o,e);let o=Nr(this.#t,e),r=this.#o;return{slot:r,skip:Math.max(0,e.n-this.slots),commit:()=>{this.#o=r+e.n,this.#t=o}}}snapshot(){let e=this.#o,o=this.#t;return()=>{this.#o=e,this.#t=o}}clear(){this.#o=0,this.#t=Bo}markDestroyed(){return this.#r?!1:(this.#r=!0,!0)}};function yo(t,e,o){if(!(t instanceof o))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var X=class{shape;dtype;owner;#e;#o;#t;#r;#s=!1;#n=!1;#a=null;#i=null;constructor(e,o,r,s,n="float32",i=a=>a.destroy()){this.owner=e,this.dtype=n,this.#t=s,this.#r=i,this.shape=Object.freeze([...o]),this.#e=r instanceof Float32Array?null:r,this.#o=r instanceof Float32Array?r:null}get buffer(){return this.#e}get destroyed(){return this.#s||!this.#t()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#o}}get recording(){return this.#a}get failure(){return this.#i}awaitRecording(e){return this.#a=e,this}settle(e){this.#a=null,e!==null&&(this.#i=e,this.#s=!0),this.#s&&this.#c()}destroy(){this.#s||(this.#s=!0,this.#a===null&&this.#c())}#c(){this.#n||(this.#n=!0,this.#e&&this.#r(this.#e))}};function K(t,e,o,r=null){if(e instanceof X){if(e.owner!==o)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);let n=e.recording;if(n!==null){if(n===r&&e.owner===o)return e;throw new Error(`Invalid ${t}: this GpuTensor is an output of a recording whose submit() has not resolved yet; await submit() before using it outside that recording`)}if(e.failure!==null)throw new Error(`Invalid ${t}: this GpuTensor was never computed: its recording failed (${e.failure})`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let s=e;if(s===null||typeof s!="object"||!("data"in s))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${V(e)}`);return ce(t,e)}function vo(t,e,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${V(o)}`);he("options",o,{allowed:cr});let r=ne("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=Re("x",t,r),n=gr("frequencies",e,o.angles),i=2*ke(n);if(o.rotaryDim!==void 0&&o.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (${Me(n)}), got ${V(o.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (${Me(n,"")}) exceeds the head dim ${s.headDim}`);let a=ne("pairing",o.pairing??"half",{allowed:["half","interleaved"]}),c=ne("angles",o.angles??lt(n),{allowed:["float32","float64"]}),A=wr("",o.positions,o.offset,s.seq,s.batch,c);ie(n)&&ve("positions",n,A,s.seq);let u=Ue("inPlace",o.inPlace??!1);return{call:{layout:r,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:A},inPlace:u}}var jt=class{#e;#o=[];#t="recording";constructor(e){this.#e=e}get state(){return this.#t}get calls(){return this.#o.length}#r(){if(this.#t!=="recording")throw new Error(`This recording cannot take more calls: it was ${this.#t==="submitting"?"submitted":this.#t}; start a new one with gpu.record()`);this.#e.live()}attention(e,o,r,s={}){this.#r();let n=this.#e.attention([e,o,r],s,this),i=this.#e.output(n.plan.qShape,n.elements.o,this);return this.#o.push({kind:"attention",call:n,output:i}),i}applyRope(e,o,r={}){this.#r();let s=this.#e.rope(e,o,r,this);if(s.inPlace&&!(s.x instanceof X))throw new TypeError("Invalid inPlace: a recording writes in place only into a GpuTensor; upload x first or leave inPlace false");let n=s.x instanceof X&&s.inPlace?s.x:this.#e.output(s.x.shape,"f32",this);return this.#o.push({kind:"rope",request:s,output:n}),n}append(e,o,r,s={}){this.#r(),this.#o.push({kind:"append",call:this.#e.append(e,[o,r],s,this)})}decode(e,o,r={}){this.#r();let s=this.#e.decode(e,o,r,this),n=this.#e.decodeOutput(s,this);return this.#o.push({kind:"decode",call:s,output:n}),n}submit(){if(this.#t!=="recording")return Promise.reject(new Error(`This recording cannot be submitted: it was ${this.#t==="submitting"?"submitted":this.#t} already; start a new one with gpu.record()`));this.#t="submitting";let e;try{e=this.#e.run(this.#o,this)}catch(o){e=Promise.reject(o)}return e.then(()=>this.#s("submitted",null),o=>{let r=o instanceof Error?o.message:String(o);throw this.#s("failed",r),o})}discard(){this.#t==="recording"&&this.#s("discarded","it was discarded before submit()")}#s(e,o){this.#t=e;for(let r of this.#o)r.kind==="append"||r.kind==="rope"&&r.request.inPlace||r.output.settle(o)}};var En=["flash","flash2","naive"],gt="it was destroyed; create a new one with createGpuAttention()";function Yr(t){return ae("iterations",t,{min:1})}var it=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e,o=null){return[K("q",e[0],this,o),K("k",e[1],this,o),K("v",e[2],this,o)]}#e(e,o,r,s=null){this.live();let n=this.checkOperands(e,s);return{operands:n,plan:He(...n,o,r)}}#o(e,o,r){let[s,n,i]=o.operands,a=this.elementsOf(s,n,i,r),c=ne("kernel",r.kernel??"flash",{allowed:En});return{args:e,q:s,k:n,v:i,plan:o.plan,elements:a,kernel:c}}async attention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s,St);return await this.runAttention(this.#o(n,i,s))}async profileAttention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s,nr),a=Yr(s.iterations??10),c=Ue("warmup",s.warmup??!0),A=this.#o(n,i,s);return await this.timeAttention(A,a,c,s)}async applyRope(e,o,r={}){this.live();let s=K("x",e,this),n=vo(s,o,r);return Kr(s),await this.runRope({...n,arg:e,x:s})}upload(e,o={}){this.live();let r=ce("t",e);return rt("options",o),he("options",o,{allowed:ar}),this.store(r,pt("precision",o.precision,this.info.f16))}async download(e){this.live();let o=K("t",e,this);if(!(o instanceof X))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(o)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let o=Lr(e),r=pt("precision",e.precision,this.info.f16);return await this.makeCache(o,r)}#t(e,o,r,s,n=null){this.live();let i=K("q",e,this,n),a=yo(o,this,this.cacheClass),c=jr(a,i,r,s);return this.prepareDecode({arg:e,q:i,cache:a,plan:c})}async decode(e,o,r={}){return await this.runDecode(this.#t(e,o,r,tt),r)}async profileDecode(e,o,r={}){let s=this.#t(e,o,r,ir),n=Yr(r.iterations??10),i=Ue("warmup",r.warmup??!0);return await this.timeDecode(s,n,i,r)}record(){return this.live(),new jt(this.#r())}#r(){return{live:()=>this.live(),attention:(e,o,r)=>{let s=this.#e(e,o,St,r);return this.#o(e,s,o)},rope:(e,o,r,s)=>{this.live();let n=K("x",e,this,s),i=vo(n,o,r);return Kr(n),{...i,arg:e,x:n}},append:(e,o,r,s)=>{this.live();let n=yo(e,this,this.cacheClass),i=K("k",o[0],this,s),a=K("v",o[1],this,s);return{cache:n,args:o,k:i,v:a,plan:st(n,i,a,r)}},decode:(e,o,r,s)=>this.#t(e,o,r,tt,s),output:(e,o,r)=>this.recordedOutput(e,o,r),decodeOutput:(e,o)=>this.recordedOutput(e.plan.qShape,this.decodeElement(e),o),run:(e,o)=>this.runRecording(e,o)}}};function Kr(t){if(t instanceof X&&t.dtype==="float16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)")}function Le(t){return t.reduce((e,o)=>e*o,1)}var bn=256,In=8;function Bn(t){let e=t.kp*t.ku*t.rb,o=t.lr*(e+1),r=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(o+e+r+s)}function zr(t,e,o,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let l of[1,2,3,4])if(s%l===0&&s/l<=32){n=l;break}let i=s/n,a=Math.min(o==="T16"?64:128,r);if(i>r)return;let c=Math.max(1,Math.floor(a/i)),A=c*i,u=Te[o],f=Math.max(1,Math.min(e,Math.floor(In/n)));for(let l=f;l>=1;l--)for(let h=Math.max(1,Math.floor(i/l));h>=1;h--){let d={headDim:t,c:n,lr:i,kp:c,ku:h,rb:l},p=Bn(d);if(p<=u)return{...d,workgroup:A,bytes:p}}}function Ur(t,e,o,r){let s=Math.ceil(o/Math.max(1,e)),n=Math.ceil(t/bn);return mt(t,Math.max(1,Math.min(s,n,r)))}function mt(t,e){let o=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/o)),keysPerSplit:o}}var Ee=`fn isNan(x: f32) -> bool {
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
`;function _e(t,e){return`select(select(0.0, exp2(${t} - ${e}), ${t} > ${-1e30/2}), ${t}, isNan(${t}))`}function be(t){return`select(select(0.0, 1.0 / ${t}, ${t} > 0.0), ${t}, isNan(${t}))`}function Yt(t){let e=["softcap","sinks","padding","bias"].filter(o=>t[o]);return e.length===0?"":`:${e.join("+")}`}function Ae(t,e){return e==="f32"?o=>`${t}[${o}]`:o=>`vec4<f32>(${t}[${o}])`}function Ie(t,e,o,r,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,o=`(${o})`,r=`(${r})`,t.pairing==="interleaved"&&n%4===0)return`if (${r} < ${n/4}u) {
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
    }`}let a=[];for(let c=0;c<4;c++)if(t.pairing==="interleaved"){let A=c^1,u=c%2===0?"-":"+";a.push(`{
        let d = ${r} * 4u + ${c}u;
        if (d < ${n}u) {
          let t = T[${s} * ${i}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${u} x[${A}] * t.y;
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
    }`}var Wr=new WeakMap;function _(t,e){return{variable:t,access:"read",type:e}}function Z(t,e){return{variable:t,access:"read_write",type:e}}var Po=class{name;fields;bindingNames;uniformBytes;#e;#o;#t;#r=null;constructor(e){this.name=e.name,this.#e=e.uniforms;let o=Wr.get(e.uniforms);if(!o){let s=Object.keys(e.uniforms);o={names:s,types:s.map(n=>e.uniforms[n])},Wr.set(e.uniforms,o)}if(this.fields=o.names,this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let r=["params"];for(let s in e.bindings)e.bindings[s]!==null&&r.push(s);this.bindingNames=r,this.uniformBytes=Math.ceil(this.fields.length*4/16)*16,this.#o=o.types,this.#t=e}get wgsl(){if(this.#r===null){let e=this.#t,o=this.fields.map(n=>`  ${n}: ${e.uniforms[n]},`).join(`
`),s=Object.values(e.bindings).filter(n=>n!==null).map((n,i)=>`@group(0) @binding(${i+1}) var<storage, ${n.access}> ${n.variable}: ${n.type};`);this.#r=`struct Params {
${o}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}return this.#r}binding(e){let o=this.bindingNames.indexOf(e);if(o<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return o}pack(e){let o=new ArrayBuffer(this.uniformBytes);return this.packInto(e,new DataView(o),0),o}packInto(e,o,r){let s=e,n=0;for(let c in s)n++;let i=this.fields;n!==i.length&&this.#s(s);let a=this.#o;for(let c=0;c<i.length;c++){let A=i[c],u=s[A];if(u===void 0)throw Object.hasOwn(s,A)||this.#s(s),new Error(`Internal error: uniform ${A} of kernel ${this.name} is missing`);let f=r+c*4,l=a[c];if(l==="f32"){if(!Number.isFinite(u))throw this.#n(A,u,"a finite f32");o.setFloat32(f,u,!0)}else if(l==="i32"){if(!Number.isInteger(u)||u<-2147483648||u>2147483647)throw this.#n(A,u,"a signed 32-bit integer");o.setInt32(f,u,!0)}else{if(!Number.isInteger(u)||u<0||u>4294967295)throw this.#n(A,u,"an unsigned 32-bit integer");o.setUint32(f,u,!0)}}}#s(e){for(let r of Object.keys(e))if(!Object.hasOwn(this.#e,r))throw new Error(`Internal error: kernel ${this.name} has no uniform ${r}`);let o=this.fields.find(r=>e[r]===void 0);throw new Error(`Internal error: uniform ${o} of kernel ${this.name} is missing`)}#n(e,o,r){return new RangeError(`Internal error: uniform ${e} = ${o} of kernel ${this.name} does not fit ${r}`)}entries(e){for(let o of Object.keys(e))if(!this.bindingNames.includes(o))throw new Error(`Internal error: kernel ${this.name} declares no binding ${o}`);return this.bindingNames.map((o,r)=>{let s=e[o];if(!s)throw new Error(`Internal error: binding ${o} of kernel ${this.name} is missing`);return{binding:r,resource:s}})}};function ue(t){return new Po(t)}var yn={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",first:"u32",slots:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32",window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"},vn={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function Co(t){let e=t.elements;return ue({name:"decode",uniforms:yn,bindings:{q:_("Q",`array<vec4<${e.q}>>`),k:_("K",`array<vec4<${e.kv}>>`),v:_("V",`array<vec4<${e.kv}>>`),o:Z("O",`array<vec4<${e.o}>>`),w:Z("W","array<vec4<f32>>"),table:t.rope?_("T","array<vec2<f32>>"):null,slopes:t.alibi?_("SL","array<f32>"):null,sinks:t.sinks?_("SK","array<f32>"):null,padding:t.padding?_("PD","array<u32>"):null,bias:t.bias?_("BI","array<f32>"):null}})}function xo(t){return ue({name:"decode merge",uniforms:vn,bindings:{w:_("W","array<vec4<f32>>"),o:Z("O",`array<vec4<${t}>>`)}})}var $t=64;function Qo(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`+Yt(t)}function So(t,e){return`decode-merge:d${t}:${e}`}function Ne(t){return Array.from({length:t},(e,o)=>o)}function Kt(t){return t.length===0?"0.0":t.join(" + ")}function Vr(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function Xr(t){let e=t.tiles,{c:o,lr:r,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,A=s*n*i,u=A+1,f=s*n,l=t.elements,h=Ae("Q",l.q),d=Ae("K",l.kv),p=Ae("V",l.kv),k=[l.q,l.kv,l.o].includes("f16"),$=Ne(i),w=Ne(o),b=Ne(n),B=t.rope?Ie(t.rope,h,"base","cc","P.tab + b * P.tabB + t"):"",M=$.map(I=>`${w.map(D=>`var q${I}_${D} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${I}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${w.map(D=>`{
        let cc = lr + ${D*r}u;
        var x = ${h("base + cc")};
        ${B}
        q${I}_${D} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),R=$.map(I=>`${t.sinks?`let sink${I} = split == 0u && kp == 0u;
  var m${I} = select(${-1e30}, SK[kvh * P.group + min(row0 + ${I}u, P.rows - 1u) % P.group], sink${I});
  var l${I} = select(0.0, 1.0, sink${I});`:`var m${I} = ${-1e30}; var l${I} = 0.0;`} ${w.map(D=>`var a${I}_${D} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),T=b.map(I=>{let D=$.map(C=>`Red[lr * ${u}u + kp * ${i}u + ${I*s*i+C}u] = ${Kt(w.map(z=>`dot(q${C}_${z}, k${I}_${z})`))};`).join(`
      `);return`let kr${I} = kvBase + (min(k0 + ${I*s}u + kp, kEnd - 1u) % P.slots) * ${c}u;
      ${w.map(C=>`let k${I}_${C} = ${d(`kr${I} + ${C*r}u`)};`).join(" ")}
      ${w.map(C=>`let v${I}_${C} = ${p(`kr${I} + ${C*r}u`)};`).join(" ")}
      ${D}`}).join(`
      `),O=t.alibi||t.bias,G=t.softcap?"s = capped(s, P.cap2);":"",P=(O?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          `:"")+(t.alibi?"s -= SL[h] * f32(i32(qp) - i32(key));":""),x=t.bias?`let bv = BI[b * P.bB + h * P.bH + (min(f, P.rows - 1u) / P.group) * P.bS + min(key, P.len - 1u)];
          s += bv * ${Math.LOG2E};`:"",F=t.padding?" && key >= padB":"",Q=t.bias?" && !biasHides(bv)":"",S=Ne(Math.ceil(A/a)).map(I=>{let D=(I+1)*a>A;return`{
        let i = lid + ${I*a}u;
        ${D?`if (i < ${A}u) {`:"{"}
          var s = ${Kt(Ne(r).map(C=>`Red[${C*u}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${G}
          ${P}
          ${x}
          Sc[i] = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp && i32(key) > i32(qp) - i32(P.window)${F}${Q});
        }
      }`}).join(`
      `),L=I=>Kt(b.map(D=>`select(p${D} * v${D}_${I}, vec4<f32>(0.0), p${D} == 0.0)`)),N=$.map(I=>{let D=b.map(C=>`s${C}`);return`{
        ${b.map(C=>`let s${C} = Sc[kp * ${i}u + ${C*s*i+I}u];`).join(" ")}
        let mx = max(m${I}, ${D.reduce((C,z)=>`max(${C}, ${z})`)});
        let alpha = exp2(m${I} - mx);
        ${b.map(C=>`let p${C} = ${_e(`s${C}`,"mx")};`).join(" ")}
        l${I} = l${I} * alpha + ${Kt(b.map(C=>`p${C}`))};
        m${I} = mx;
        ${w.map(C=>`a${I}_${C} = a${I}_${C} * alpha + ${L(C)};`).join(`
        `)}
      }`}).join(`
      `),y=$.map(I=>`{
    let mr = ${Ne(s).map(D=>`Mk[${D*i+I}u]`).reduce((D,C)=>`max(${D}, ${C})`)};
    let g = exp2(m${I} - mr);
    l${I} *= g;
    ${w.map(D=>`a${I}_${D} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${I}u] = mr;
    }
  }`).join(`
  `),H=Ne(s).map(I=>`if (kp == ${I}u) {
    ${$.flatMap(D=>w.map(C=>{let z=`${D*c}u + lr + ${C*r}u`;return I===0?`X[${z}] = a${D}_${C};`:`X[${z}] += a${D}_${C};`})).join(`
    `)}
    if (lr == 0u) {
      ${$.map(D=>I===0?`Ls[${D}u] = l${D};`:`Ls[${D}u] += l${D};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),E=Ne(Math.ceil(i*c/a)).map(I=>{let D=(I+1)*a>i*c;return`{
    let e = lid + ${I*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${D?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Vr(l.o,`X[e] * ${be("total")}`)};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${Qo(t)}
${k?"enable f16;":""}
${Co(t).wgsl}
${Ee}
var<workgroup> Red: array<f32, ${r*u}>;
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
  let kp = lid / ${r}u;
  let lr = lid % ${r}u;
  let kvBase = (unit - P.chunkBase) * P.slots * ${c}u + lr;

  ${M}
  ${R}

  // This split's keys (of those from the first visible one), cut at the last
  // one any row of the block sees and after the padding (uniform per workgroup).
  ${t.padding?"let padB = PD[b];":""}
  let kSplit = P.first + split * P.keysPerSplit;
  let kBegin = ${t.padding?"max(kSplit, padB)":"kSplit"};
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kSplit + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${f}u) {
      ${T}
    workgroupBarrier();
      ${S}
    workgroupBarrier();
      ${N}
  }

  if (lr == 0u) {
    ${$.map(I=>`Mk[kp * ${i}u + ${I}u] = m${I};`).join(" ")}
  }
  workgroupBarrier();
  ${y}
  ${H}
  ${E}
}
`}function Jr(t,e){let o=t/4;return`// ${So(t,e)}
${e==="f16"?"enable f16;":""}
${xo(e).wgsl}
${Ee}
@compute @workgroup_size(${$t})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${$t}u + lid;
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Vr(e,`acc * ${be("total")}`)};
}
`}function Be(t,e,o,r=4){let s=Math.max(16,o.minStorageBufferOffsetAlignment),n=Math.floor(t*r/s)*s,i=Math.max(4,Math.ceil((e*r-n)/4)*4);return{offset:n,size:i,base:n/r}}function de(t,e){return t.size<=e.maxStorageBufferBindingSize}function Se(t,e,o,r){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!o(n,1))throw r(n);let a=1,c=i;if(o(n,c))a=c;else for(;c-a>1;){let A=Math.floor((a+c)/2);o(n,A)?a=A:c=A}s.push([n,a]),n+=a}return s}function $e(t,e){let o=e.maxComputeWorkgroupsPerDimension;if(t<=o)return[Math.max(1,t),1];let r=Math.ceil(t/o);if(r>o)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${o} x ${o}, the device's 2-D grid limit`);return[Math.ceil(t/r),r]}function je(t,e){let o=e.maxComputeWorkgroupsPerDimension;return o*o*t}function zt(t,e,o,r,s){let n=t.limits,{kvHeads:i,group:a,qSeq:c,headDim:A}=e,u=A/4,f=a*c,{splits:l,keysPerSplit:h}=s,d=e.qStrides;return{rows:f,rowBlocks:Math.ceil(f/o),splits:l,keysPerSplit:h,direct:l===1,qBytes:r.q==="f16"?2:4,oBytes:r.o==="f16"?2:4,window:(p,k,$)=>{let w=(R,T)=>Math.floor(R/i)*d.batch+T*d.heads,b=p+k-1,B=w(p,p%i*a),M=w(b,b%i*a+a-1)+(c-1)*d.seq+A;return Be(B,M,n,$)},partialBytes:p=>p*f*l*(u+1)*16,statsOff:p=>p*f*l*u}}function Ut(t,e,o,r){let s=t.limits,{window:n,partialBytes:i,qBytes:a,oBytes:c,direct:A,splits:u}=e;return Se(o.n,r,(f,l)=>de(n(o.u0+f,l,a),s)&&de(n(o.u0+f,l,c),s)&&(A||i(l)<=s.maxStorageBufferBindingSize),f=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${n(o.u0+f,1,Math.max(a,c)).size} bytes or their ${u} partial outputs ${i(1)} bytes, more than maxStorageBufferBindingSize (${s.maxStorageBufferBindingSize} bytes)`))}function Wt(t,e,o,r){let s=e.u0+o;return{u0:s,n:r,qw:t.window(s,r,t.qBytes),ow:t.window(s,r,t.oBytes)}}function Vt(t,e,o,r,s,n){let i=t.qStrides;return{sq:t.qSeq,group:t.group,rows:e.rows,kvHeads:t.kvHeads,len:o.length,nsplit:e.splits,keysPerSplit:e.keysPerSplit,unitBase:s.u0,chunkBase:r.u0,direct:e.direct?1:0,statsOff:e.statsOff(s.n),qB:i.batch/4,qH:i.heads/4,qS:i.seq/4,qOff:s.qw.base/4,...Zr(t,s),tab:n?.sides[0]?.tab??0,tabB:n?.sides[0]?.tabB??0,scale2:t.scale*Math.LOG2E}}function Xt(t,e,o,r,s){return{items:r,nsplit:e.splits,rows:e.rows,group:t.group,kvHeads:t.kvHeads,unitBase:o.u0,statsOff:e.statsOff(o.n),gridX:s,...Zr(t,o)}}function Zr(t,e){let o=t.qStrides;return{oB:o.batch/4,oH:o.heads/4,oS:o.seq/4,oOff:e.ow.base/4}}var De=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function Do(t){let e=[t.q,t.k,t.v,t.o];return e.every(o=>o==="f32")?"":`:${e.join("")}`}var qo={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32"},Pn={...qo,window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"};function Mo(t){let e=t.elements??De;return ue({name:"flash",uniforms:Pn,bindings:{q:_("Q",`array<vec4<${e.q}>>`),k:_("K",`array<vec4<${e.k}>>`),v:_("V",`array<vec4<${e.v}>>`),o:Z("O",`array<vec4<${e.o}>>`),table:t.rope?_("T","array<vec2<f32>>"):null,slopes:t.alibi?_("SL","array<f32>"):null,sinks:t.sinks?_("SK","array<f32>"):null,padding:t.padding?_("PD","array<u32>"):null,bias:t.bias?_("BI","array<f32>"):null}})}function Ro(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${o}:alibi=${t.alibi}`+Do(t.elements??De)+Yt(t)}function Ye(t){return Array.from({length:t},(e,o)=>o)}function es(t){let e=t.tiles,o=e.headDim/4,r=e.workgroup,s=e.br,n=e.bc,i=o+(e.pad?1:0),a=e.sharedKV?i:o,c=n+1,A=n/e.tn,u=o/e.od4,f=e.sharedKV?"Ks":"Vs",l=t.elements??De,h=Ae("Q",l.q),d=Ae("K",l.k),p=Ae("V",l.v),k=[l.q,l.k,l.v,l.o].includes("f16"),$=(m,q)=>`for (var e = lid; e < ${m*o}u; e += ${r}u) {
    let r = e / ${o}u;
    let c = e % ${o}u;
    ${q("r","c")}
  }`,w=t.rope?Ie(t.rope,h,"base","c","P.qTab + b * P.qTabB + pos"):"",b=t.rope?Ie(t.rope,d,"base","c","P.kTab + b * P.kTabB + key"):"",B=$(s,(m,q)=>`let flat = row0 + ${m};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${h(`base + ${q}`)};
      ${w}
    }
    Qs[${m} * ${i}u + ${q}] = x * P.scale2;`),M=$(n,(m,q)=>`let key = k0 + ${m};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${d(`base + ${q}`)};
      ${b}
    }
    Ks[${m} * ${i}u + ${q}] = x;`),R=(m,q)=>`b * P.vB + kvh * P.vH + ${m} * P.vS - P.vOff + ${q}`,T=$(n,(m,q)=>`let key = k0 + ${m};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${p(R("key",q))};
    }
    let bad = isNan4(x);
    if (any(bad)) {
      atomicMax(&NanTile, kt + 1u);
    }
    ${f}[${m} * ${a}u + ${q}] = select(x, vec4<f32>(0.0), bad);`),O=Ye(e.tm),G=Ye(e.tn),P=Ye(e.om),x=Ye(e.od4),F=O.flatMap(m=>G.map(q=>`var s${m}_${q} = 0.0;`)).join(" "),Q=Ye(o).map(m=>{let q=O.map(Y=>`let q${Y} = Qs[qr${Y} + ${m}u];`).join(" "),W=G.map(Y=>`let k${Y} = Ks[kr${Y} + ${m}u];`).join(" "),J=O.flatMap(Y=>G.map(te=>`s${Y}_${te} += dot(q${Y}, k${te});`)).join(" ");return`{ ${q} ${W} ${J} }`}).join(`
      `),S=O.flatMap(m=>G.map(q=>{let W=`s${m}_${q}`,J=t.softcap?`${W} = capped(${W}, P.cap2);
      `:"",Y=t.alibi?` - sl${m} * f32(abs(qp${m} - i32(key${q})))`:"",te=t.bias?`let b${m}_${q} = BI[br${m} + min(key${q}, P.sk - 1u)];
      `:"",re=t.bias?` + b${m}_${q} * ${Math.LOG2E}`:"",se=t.padding?` && key${q} >= padB`:"",le=t.bias?` && !biasHides(b${m}_${q})`:"";return`${J}${te}${W} = select(${-1e30}, ${W}${Y}${re}, ok${m} && key${q} < P.sk && (P.causal == 0u || i32(key${q}) <= qp${m}) && i32(key${q}) > qp${m} - i32(P.window)${se}${le});`})).join(`
      `),L=O.map(m=>`Mx[(tr * ${e.tm}u + ${m}u) * ${A}u + tc] = max(${G.map(q=>`s${m}_${q}`).reduce((q,W)=>`max(${q}, ${W})`)}, ${-1e30});`).join(`
      `),N=(m,q)=>`let ${q} = ${Ye(A).map(W=>`Mx[${m} * ${A}u + ${W}u]`).reduce((W,J)=>`max(${W}, ${J})`)};`,y=O.map(m=>{let q=`(tr * ${e.tm}u + ${m}u)`,W=G.map(J=>`let p${J} = ${_e(`s${m}_${J}`,"tmax")};
        Ps[${q} * ${c}u + tc + ${J*A}u] = p${J};`).join(`
        `);return`{
        ${N(q,"tmax")}
        ${W}
        Sm[${q} * ${A}u + tc] = ${G.map(J=>`p${J}`).join(" + ")};
      }`}).join(`
      `),H=P.flatMap(m=>x.map(q=>`var o${m}_${q} = vec4<f32>(0.0);`)).join(" "),E=P.map(m=>t.sinks?`var m${m} = SK[kvh * P.group + (row0 + orow${m}) % P.group]; var l${m} = 1.0;`:`var m${m} = ${-1e30}; var l${m} = 0.0;`).join(" "),I=P.map(m=>{let q=`orow${m}`;return`{
        ${N(q,"tmax")}
        let tsum = ${Ye(A).map(W=>`Sm[${q} * ${A}u + ${W}u]`).join(" + ")};
        let mnew = max(m${m}, tmax);
        let alpha = exp2(m${m} - mnew);
        beta${m} = exp2(tmax - mnew);
        l${m} = l${m} * alpha + tsum * beta${m};
        m${m} = mnew;
        ${x.map(W=>`o${m}_${W} *= alpha;`).join(" ")}
      }`}).join(`
      `),D=`if (atomicLoad(&NanTile) == kt + 1u) {
        for (var kk = 0u; kk < ${n}u; kk++) {
          let key = k0 + kk;
          if (key < P.sk) {
            ${x.map(m=>`let v${m} = ${p(R("key",`oc + ${m*u}u`))};`).join(" ")}
            ${P.map(m=>`{
              let seen = vec4<bool>(Ps[orow${m} * ${c}u + kk] > 0.0);
              ${x.map(q=>`o${m}_${q} = select(o${m}_${q}, v${q}, isNan4(v${q}) & seen);`).join(" ")}
            }`).join(`
            `)}
          }
        }
      }`,C=Ye(n).map(m=>{let q=P.map(Y=>`let p${Y} = Ps[orow${Y} * ${c}u + ${m}u] * beta${Y};`).join(" "),W=x.map(Y=>`let v${Y} = ${f}[${m*a}u + oc + ${Y*u}u];`).join(" "),J=P.flatMap(Y=>x.map(te=>`o${Y}_${te} += p${Y} * v${te};`)).join(" ");return`{ ${q} ${W} ${J} }`}).join(`
      `),z=P.map(m=>`{
    let flat = row0 + orow${m};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = ${be(`l${m}`)};
      ${x.map(q=>l.o==="f32"?`O[base + ${q*u}u] = o${m}_${q} * inv;`:`O[base + ${q*u}u] = vec4<f16>(o${m}_${q} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),U=O.map(m=>`let flat${m} = row0 + tr * ${e.tm}u + ${m}u;
  let pos${m} = flat${m} / P.group;
  let ok${m} = pos${m} < P.sq;
  let qp${m} = i32(pos${m}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${m} = SL[kvh * P.group + flat${m} % P.group];`:""}${t.bias?`
  let br${m} = b * P.bB + (kvh * P.group + flat${m} % P.group) * P.bH + min(pos${m}, P.sq - 1u) * P.bS;`:""}`).join(`
  `);return`// ${Ro(t)}
${k?"enable f16;":""}
${Mo(t).wgsl}
${Ee}
var<workgroup> Qs: array<vec4<f32>, ${s*i}>;
var<workgroup> Ks: array<vec4<f32>, ${n*i}>;
${e.sharedKV?"":`var<workgroup> Vs: array<vec4<f32>, ${n*o}>;`}
var<workgroup> Ps: array<f32, ${s*c}>;
var<workgroup> Mx: array<f32, ${s*A}>;
var<workgroup> Sm: array<f32, ${s*A}>;
var<workgroup> NanTile: atomic<u32>;

@compute @workgroup_size(${r})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // Tiles run last-first: under a causal mask the longest ones start first.
  let tile = P.numTiles - 1u - (P.tileBase + wid.x);
  let unit = P.unitBase + wid.y;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let row0 = tile * ${s}u;

  ${B}

  let tr = lid / ${A}u;
  let tc = lid % ${A}u;
  ${O.map(m=>`let qr${m} = (tr * ${e.tm}u + ${m}u) * ${i}u;`).join(" ")}
  ${G.map(m=>`let kr${m} = (tc + ${m*A}u) * ${i}u;`).join(" ")}
  ${U}
  let orr = lid / ${u}u;
  let oc = lid % ${u}u;
  ${P.map(m=>`let orow${m} = orr * ${e.om}u + ${m}u;`).join(" ")}
  ${H}
  ${E}
  ${P.map(m=>`var beta${m} = 0.0;`).join(" ")}

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
    ${M}
    ${e.sharedKV?"":T}
    workgroupBarrier();
    {
      ${F}
      ${Q}
      ${G.map(m=>`let key${m} = k0 + tc + ${m*A}u;`).join(" ")}
      ${S}
      ${L}
      workgroupBarrier();
      ${y}
    }
    ${e.sharedKV?T:""}
    workgroupBarrier();
    {
      ${I}
      ${C}
      ${D}
    }
    workgroupBarrier();
  }

  ${z}
}
`}var Cn=32*1024*1024,xn=1024;function Qn(t,e){return Lt(`rope-table|${e}`,t)}function ts(t,e,o){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${o} bytes; rotate in smaller batches`)}function wt(t,e,o,r){let s=ke(e)*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize),i=ie(e)?null:e;if(i!==null&&r.every(h=>h.positions.kind==="range")){let h=r.map(b=>b.positions.start),d=Math.min(...h),p=Math.max(...r.map((b,B)=>h[B]+b.seq)),k=xn;for(;k<p;)k*=2;if(k*s<=Math.min(Cn,n)){let b=Qn(i,o),B=t.cached(b,()=>null);if(!B||B.rows<p){let M=Ft(i,{start:0,count:k},o);B={rows:k,buffer:t.upload(M,"rope table")},t.setCached(b,B)}return{buffer:B.buffer,temp:!1,sides:h.map(M=>({tab:M,tabB:0}))}}let $=Math.max(1,p-d);if($*s>n)throw ts($,$*s,n);let w=Ft(i,{start:d,count:$},o);return{buffer:t.upload(w,"rope table"),temp:!0,sides:h.map(b=>({tab:b-d,tabB:0}))}}let a=[],c=[],A=0;for(let h of r){let d=h.positions,p=d.kind==="list"?d.list:Float64Array.from({length:h.seq},(k,$)=>d.start+$);c.push({tab:A,tabB:d.kind==="list"&&d.perBatch?h.seq:0}),a.push(p),A+=p.length}let u=new Float64Array(Math.max(1,A)),f=0;for(let h of a)u.set(h,f),f+=h.length;if(u.length*s>n)throw ts(u.length,u.length*s,n);let l=i===null?mr(e,u.subarray(0,A)):Ft(i,u,o);return{buffer:t.upload(l,"rope table"),temp:!0,sides:c}}function Ke(t,e,o,r){let s=null;e.rope&&(s=wt(t,e.rope.frequencies,e.rope.angles,o(e.rope)),s.temp&&r.push(s.buffer));let n=null;return e.alibi&&(n=t.upload(e.alibi.map(i=>i*Math.LOG2E),"alibi slopes"),r.push(n)),{table:s,slopes:n}}function os(t,e,o=De){let r=Dr(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!r)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:bo}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function Oo(t,e,o){let r=null,s=null,n=null;if(e.sinks&&(r=t.upload(Float32Array.from(e.sinks,i=>i*Math.LOG2E),"sinks"),o.push(r)),e.leftPadding&&(s=t.upload(e.leftPadding,"left padding"),o.push(s)),e.bias){let i=e.bias.data.byteLength,a=t.limits.maxStorageBufferBindingSize;if(i>a)throw new RangeError(`Invalid bias: its ${i} bytes exceed the device's storage binding limit of ${a} bytes (maxStorageBufferBindingSize); broadcast it over batch or heads, or split the call`);n=t.upload(e.bias.data,"bias"),o.push(n)}return{sinks:r,padding:s,bias:n}}function Fo(t){return{...t.sinks?{sinks:{buffer:t.sinks}}:{},...t.padding?{padding:{buffer:t.padding}}:{},...t.bias?{bias:{buffer:t.bias}}:{}}}function rs(t,e){return t.pipeline(Ro(e),()=>es(e))}function To(t,e,o,r){let s=t.qStrides,n=t.kStrides;return{sq:t.qSeq,sk:t.kSeq,group:t.group,kvHeads:t.kvHeads,causal:t.causal?1:0,numTiles:r.numTiles,tileBase:r.tileBase,unitBase:r.unitBase,qB:s.batch/4,qH:s.heads/4,qS:s.seq/4,qOff:e.q.base/4,kB:n.batch/4,kH:n.heads/4,kS:n.seq/4,kOff:e.k.base/4,vB:n.batch/4,vH:n.heads/4,vS:n.seq/4,vOff:e.v.base/4,oB:s.batch/4,oH:s.heads/4,oS:s.seq/4,oOff:e.o.base/4,qTab:o?.sides[0]?.tab??0,qTabB:o?.sides[0]?.tabB??0,kTab:o?.sides[1]?.tab??0,kTabB:o?.sides[1]?.tabB??0,scale2:t.scale*Math.LOG2E}}function Go(t,e,o,r){return{q:{buffer:t.q,offset:e.q.offset,size:e.q.size},k:{buffer:t.k,offset:e.k.offset,size:e.k.size},v:{buffer:t.v,offset:e.v.offset,size:e.v.size},o:{buffer:t.o,offset:e.o.offset,size:e.o.size},...o?{table:{buffer:o.buffer}}:{},...r?{slopes:{buffer:r}}:{}}}function Et(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function ss(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:A,headDim:u}=e,f={dispatches:[],temps:[]};if(n===0||c===0||A===0)return f;let l=t.limits,h=e.qStrides,d=e.kStrides,p=n*i,k=o.elements??De,$=y=>y==="f16"?2:4,w=(y,H,E=$(k.q))=>{let[I,D]=[Math.floor(y/i),y%i],C=y+H-1,[z,U]=[Math.floor(C/i),C%i],m=I*h.batch+D*a*h.heads,q=z*h.batch+(U*a+a-1)*h.heads+(c-1)*h.seq+u;return Be(m,q,l,E)},b=(y,H)=>w(y,H,$(k.o)),B=(y,H,E=$(k.k))=>{let I=y+H-1,D=Math.floor(y/i)*d.batch+y%i*d.heads,C=Math.floor(I/i)*d.batch+I%i*d.heads+(A-1)*d.seq+u;return Be(D,C,l,E)},M=(y,H)=>B(y,H,$(k.v)),R=(y,H)=>($(k.q)>=$(k.o)?w:b)(y,H),T=(y,H)=>($(k.k)>=$(k.v)?B:M)(y,H),O=Se(p,l.maxComputeWorkgroupsPerDimension,(y,H)=>de(R(y,H),l)&&de(T(y,H),l),y=>{let H=R(y,1);return de(H,l)?Et("k and v",T(y,1).size,l.maxStorageBufferBindingSize):Et("q and the output",H.size,l.maxStorageBufferBindingSize)}),{table:G,slopes:P}=Ke(t,e,y=>[{positions:y.query,seq:c},{positions:y.key,seq:A}],f.temps),x=Oo(t,e,f.temps),F=e.bias,Q=o.tiles,S=Math.ceil(c*a/Q.br),L=l.maxComputeWorkgroupsPerDimension,N=Mo(o);for(let[y,H]of O){let E={q:w(y,H),k:B(y,H),v:M(y,H),o:b(y,H)};for(let I=0;I<S;I+=L){let D={...To(e,E,G,{numTiles:S,tileBase:I,unitBase:y}),window:e.window===null?1073741824:Math.min(e.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:F?.batchStride??0,bH:F?.headStride??0,bS:F?.rowStride??0},C=t.bind(r,N,D,{...Go(s,E,G,P),...Fo(x)},f.temps),[z]=$e(Math.min(L,S-I),l);f.dispatches.push({pipeline:r,bindGroup:C,grid:[z,H,1]})}}return f}function ns(t,e,o){let r=e.group*e.qSeq,s=zr(e.headDim,r,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function is(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(Qo(e),()=>Xr(e)),t.pipeline(So(o,r),()=>Jr(o,r))])}function as(t,e,o,r,s,n=!1){let i=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,i);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (${n?`the ${r} keys of the window`:`the cache length ${r}`}${i<r?` and maxComputeWorkgroupsPerDimension ${i}`:""}), got ${e.splits}`);return mt(r,e.splits)}let a=Math.ceil(e.group*e.qSeq/o.tiles.rb);return Ur(r,e.batch*e.kvHeads*a,s,i)}function bt(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function cs(t,e,o,r,s,n,i,a){let c={dispatches:[],temps:[]},[A,u]=r,f=t.limits,{qSeq:l,headDim:h}=e,d=h/4,p=zt(t,e,o.tiles.rb,o.elements,n),{rows:k,rowBlocks:$,splits:w,direct:b}=p,{table:B,slopes:M}=Ke(t,e,()=>[{positions:bt(e,s.length),seq:l}],c.temps),R=Oo(t,{...e,bias:a.bias},c.temps),T=f.maxComputeWorkgroupsPerDimension,O=Co(o),G=xo(o.elements.o),P=Math.max(1,Math.floor(je($t,f)/(k*d)));for(let x of s.chunks)for(let[F,Q]of Ut(t,p,x,Math.min(T,P))){let S=Wt(p,x,F,Q),{qw:L,ow:N}=S,y=b?t.dummy():t.scratch(p.partialBytes(Q)),H={...Vt(e,p,s,x,S,B),first:a.first,slots:s.slots,window:a.window===null?1073741824:Math.min(a.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:a.bias?.batchStride??0,bH:a.bias?.headStride??0,bS:a.bias?.rowStride??0};if(c.dispatches.push({pipeline:A,bindGroup:t.bind(A,O,H,{q:{buffer:i.q,offset:L.offset,size:L.size},k:{buffer:x.k},v:{buffer:x.v},o:{buffer:i.o,offset:N.offset,size:N.size},w:{buffer:y},...B?{table:{buffer:B.buffer}}:{},...M?{slopes:{buffer:M}}:{},...Fo(R)},c.temps),grid:[w,Q,$]}),b)continue;let E=Q*k*d,[I,D]=$e(Math.ceil(E/$t),f);c.dispatches.push({pipeline:u,bindGroup:t.bind(u,G,Xt(e,p,S,E,I),{w:{buffer:y},o:{buffer:i.o,offset:N.offset,size:N.size}},c.temps),grid:[I,D,1]})}return c}function Sn(t){if(t.window!==null)return null;let{relaxed:e,plain:o}=ko(),r=e?new Ve(e,"relaxed-simd"):o?new Ve(o,"simd"):new ft,s=t.headDim+7&-8,n=(t.slots+7&-8)*s,i=t.batch*t.kvHeads*n,a=ht,c=a+i,A=c+i;if(A*4>2**31)return null;try{r.reserve(A)}catch{return null}return{kernel:r,dp:s,kAt:a,vAt:c,headFloats:n,end:A}}var It=class extends nt{precision="f32";#e;#o;#t;constructor(e,o,r){super(e,o,r);let s=r.batch*r.kvHeads*r.slots*r.headDim;this.#e=new Float32Array(s),this.#o=new Float32Array(s),this.#t=Sn(r)}append(e,o,r={}){try{this.live();let s=K("k",e,this.owner),n=K("v",o,this.owner);return this.write(st(this,s,n,r),s,n),Promise.resolve()}catch(s){return Promise.reject(s)}}write(e,o,r){let{slot:s,skip:n,commit:i}=this.reserve(e),a=us(o);e.rope&&(a=ge(a,e.rope.frequencies,{layout:e.layout,pairing:e.rope.pairing,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:s}}));let c=us(r),A=this.headDim,u=e.strides;for(let f=0;f<this.batch;f++)for(let l=0;l<this.kvHeads;l++)for(let h=n;h<e.n;h++){let d=f*u.batch+l*u.heads+h*u.seq,p=((f*this.kvHeads+l)*this.slots+(s+h)%this.slots)*A;this.#e.set(a.data.subarray(d,d+A),p),this.#o.set(c.data.subarray(d,d+A),p)}this.#r(s,e.n),i()}#r(e,o){let r=this.#t;if(r===null)return;let{dp:s,headFloats:n}=r,i=this.headDim,a=r.kernel.reserve(r.end);for(let c=0;c<this.batch*this.kvHeads;c++){let A=r.kAt+c*n,u=r.vAt+c*n;for(let f=e;f<e+o;f++){let l=(c*this.slots+f)*i,h=A+(f>>3)*s*8+(f&7);for(let d=0;d<i;d++)a[h+8*d]=this.#e[l+d];for(let d=i;d<s;d++)a[h+8*d]=0;a.set(this.#o.subarray(l,l+i),u+f*s),a.fill(0,u+f*s+i,u+(f+1)*s)}}}tensors(e,o=!1,r=this.held().count){let{batch:s,kvHeads:n,headDim:i,slots:a}=this,c=r,A=this.length-c,u=Object.freeze(e==="bhsd"?[s,n,c,i]:[s,c,n,i]),f,l;if(!o&&e==="bhsd"&&c===a&&this.window===null)f=this.#e,l=this.#o;else{f=new Float32Array(s*n*c*i),l=new Float32Array(f.length);for(let d=0;d<s;d++)for(let p=0;p<n;p++){let k=(d*n+p)*a*i;if(e==="bhsd"&&this.window===null){let $=(d*n+p)*c*i;f.set(this.#e.subarray(k,k+c*i),$),l.set(this.#o.subarray(k,k+c*i),$);continue}for(let $=0;$<c;$++){let w=k+(A+$)%a*i,b=e==="bhsd"?((d*n+p)*c+$)*i:((d*c+$)*n+p)*i;f.set(this.#e.subarray(w,w+i),b),l.set(this.#o.subarray(w,w+i),b)}}}let h=this.#t;if(!o&&h!==null){let d={kernel:h.kernel,batch:s,kvHeads:n,headDim:i,length:c,kAt:h.kAt,vAt:h.vAt,headFloats:h.headFloats,end:h.end};xr(f,d)}return{k:{shape:u,data:f},v:{shape:u,data:l}}}download(){try{this.live();let e=Math.min(this.length,this.window??1/0);return Promise.resolve(this.tensors("bhsd",!0,e))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function us(t){return t instanceof X?t.host:t}var Dn=1<<22,qn=8;function Ho(){return new Promise(t=>{let{port1:e,port2:o}=new MessageChannel;e.onmessage=()=>{e.close(),t()},o.postMessage(null),o.close()})}function As(t){return t.batch*t.heads*t.qSeq*t.kSeq*t.headDim>=Dn}async function Jt(t,e,o,r,s=()=>{}){let n={...t,rope:null},[i,a,c]=e,A=performance.now();for(let{batch:u,kv0:f,kv1:l}of o)for(let h=f;h<l;h++){let d={ranges:[{batch:u,kv0:h,kv1:h+1}],into:r};Fe(n,i,a,c,void 0,d),performance.now()-A>=qn&&(await Ho(),s(),A=performance.now())}}function ls(t){return Array.from({length:t.batch},(e,o)=>({batch:o,kv0:0,kv1:t.kvHeads}))}var Mn=1<<23,Zt=class{#e=[];replace(e){this.#e=[...e].filter(o=>o.byteLength>0)}take(e){let o=e*4,r=this.#e.findIndex(s=>s.byteLength===o);return r<0?new Float32Array(e):new Float32Array(this.#e.splice(r,1)[0])}drain(){return this.#e.splice(0)}};function Rn(t,e){let o=t.batch*t.kvHeads,r=Math.min(e,o),s=[];for(let n=0;n<r;n++){let i=Math.floor(n*o/r),a=Math.floor((n+1)*o/r),c=[];for(let A=i;A<a;){let u=Math.floor(A/t.kvHeads),f=A%t.kvHeads,l=Math.min(t.kvHeads,f+(a-A));c.push({batch:u,kv0:f,kv1:l}),A+=l-f}s.push(c)}return s}function fs(t,e){let o=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return t.bias===null&&e>1&&t.batch*t.kvHeads>1&&o>=Mn}function Lo(t,e,o,r,s,n,i,a){let c=(s-r)*n*i,A=a?a.take(c):new Float32Array(c),u=0;for(let f=r;f<s;f++){let l=o*e.batch+f*e.heads;if(e.seq===i){A.set(t.subarray(l,l+n*i),u),u+=n*i;continue}for(let h=0;h<n;h++,u+=i){let d=l+h*e.seq;A.set(t.subarray(d,d+i),u)}}return A}function No(t,e,o){if(!t.rope)return[e,o];let{frequencies:r,pairing:s,angles:n,layout:i}={...t.rope,layout:t.layout};return[ge(e,r,{layout:i,pairing:s,angles:n,positions:t.rope.query}),ge(o,r,{layout:i,pairing:s,angles:n,positions:t.rope.key})]}function On(t,e,o,r,s,n){let{group:i,qSeq:a,kSeq:c,headDim:A}=t,{batch:u,kv0:f,kv1:l}=e;return{q:Lo(o.data,t.qStrides,u,f*i,l*i,a,A,n),k:Lo(r.data,t.kStrides,u,f,l,c,A,n),v:Lo(s.data,t.kStrides,u,f,l,c,A,n),alibi:t.alibi?t.alibi.slice(f*i,l*i):null,sinks:t.sinks?t.sinks.slice(f*i,l*i):null,pad:t.leftPadding?t.leftPadding[u]:null}}function Fn(t,e,o,r){let{group:s,qSeq:n,headDim:i,qStrides:a}=t,c=0;for(let A=e.kv0*s;A<e.kv1*s;A++){let u=e.batch*a.batch+A*a.heads;if(a.seq===i){r.set(o.subarray(c,c+n*i),u),c+=n*i;continue}for(let f=0;f<n;f++,c+=i)r.set(o.subarray(c,c+i),u+f*a.seq)}}function Tn(t){let e=[...t.scratch];for(let o of t.pieces)e.push(o.q.buffer,o.k.buffer,o.v.buffer),o.alibi&&e.push(o.alibi.buffer),o.sinks&&e.push(o.sinks.buffer);return e}var _o=class{#e;#o=new Map;#t=null;inputs=new Zt;outputs=new Zt;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let o=e.data,r=this.#o.get(o.id);r&&(this.#o.delete(o.id),"error"in o?r.reject(new Error(`A CPU attention worker failed: ${o.error}`)):(this.inputs.replace(o.spent),r.resolve(o.outputs)))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#t}run(e){return this.#t?Promise.reject(new Error(this.#t)):new Promise((o,r)=>{this.#o.set(e.id,{resolve:o,reject:r}),this.#e.postMessage(e,Tn(e))})}fail(e){if(!this.#t){this.#t=e,this.#e.terminate();for(let o of this.#o.values())o.reject(new Error(e));this.#o.clear()}}},eo=class{#e;#o=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,o,r,s){let[n,i]=No(e,o,r),a=new Float32Array(o.data.length),c=Object.freeze([...o.shape]),[A,...u]=Rn(e,this.#e.length+1),f={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale,window:e.window,softcap:e.softcap},l=u.map((h,d)=>{let p=this.#e[d];(!p||p.failure)&&(p=this.#e[d]=new _o);let k={id:this.#o++,...f,pieces:h.map($=>On(e,$,n,i,s,p.inputs)),scratch:p.outputs.drain()};return p.run(k).then($=>{h.forEach((w,b)=>Fn(e,w,$[b],a)),p.outputs.replace($.map(w=>w.buffer))})});return await Jt(e,[n,i,s],A,a),await Promise.all(l),{shape:c,data:a}}destroy(e){for(let o of this.#e)o?.fail(e);this.#e.fill(void 0)}};function Gn(t,e){if(e===0)return t;let[o,r,s,n]=t.shape,i=n-e,a=new Float32Array(o*r*s*i);for(let c=0;c<o*r*s;c++)a.set(t.data.subarray(c*n+e,(c+1)*n),c*i);return{shape:[o,r,s,i],data:a}}var to=class extends it{info;cacheClass=It;#e=!1;#o;#t=null;constructor(e,o=1){super(),this.#o=o,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:o})}failure(){return this.#e?gt:null}#r(e){return e instanceof X?e.host:e}#s(e,o){return e instanceof X?new X(this,o.shape,o.data,this.alive):o}elementsOf(){return De}async runAttention(e){let{plan:o}=e,[r,s,n]=[this.#r(e.q),this.#r(e.k),this.#r(e.v)];if(!As(o))return this.#s(e.q,Fe(o,r,s,n));if(await Ho(),this.live(),fs(o,this.#o))return this.#t??=new eo(this.#o-1),this.#s(e.q,await this.#t.attention(o,r,s,n));let i=new Float32Array(r.data.length);return await Jt(o,[...No(o,r,s),n],ls(o),i,()=>this.live()),this.#s(e.q,{shape:Object.freeze([...r.shape]),data:i})}async timeAttention(e,o,r,s){let[n,i,a]=e.args,{iterations:c,warmup:A,...u}=s;r&&await this.attention(n,i,a,u);let f=performance.now();for(let l=0;l<o;l++)await this.attention(n,i,a,u);return{seconds:(performance.now()-f)/1e3/o,iterations:o,source:"wall-clock"}}runRope(e){let{x:o,call:r,inPlace:s}=e,n=this.#r(o),i=ge(n,r.frequencies,{layout:r.layout,pairing:r.pairing,angles:r.angles,positions:r.positions});return s?(n.data.set(i.data),Promise.resolve(o)):Promise.resolve(this.#s(o,i))}store(e){return new X(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new It(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){return Promise.resolve(this.#s(e.q,this.#n(e)))}#n(e){let{plan:o,cache:r}=e,s=Nt(o,r.length,r.ropeState,r.window),n=this.#r(e.q);o.rope&&(n=ge(n,o.rope.frequencies,{layout:o.layout,pairing:o.rope.pairing,angles:o.rope.angles,positions:bt(o,r.length)}));let{k:i,v:a}=r.tensors(o.layout),c=r.held().first,A=He(n,i,a,{layout:o.layout,causal:!0,scale:o.scale,...o.alibi?{alibiSlopes:o.alibi}:{},...s.window!==null?{slidingWindow:s.window}:{},...o.sinks?{sinks:o.sinks}:{},...o.softcap!==null?{softcap:o.softcap}:{},...o.leftPadding?{leftPadding:Array.from(o.leftPadding,u=>Math.min(Math.max(0,u-c),r.length-c))}:{},...o.bias?{bias:Gn(o.bias,c)}:{}});return Fe(A,n,i,a)}async timeDecode(e,o,r,s){let n=e.arg,{iterations:i,warmup:a,...c}=s;r&&await this.decode(n,e.cache,c);let A=performance.now();for(let u=0;u<o;u++)await this.decode(n,e.cache,c);return{seconds:(performance.now()-A)/1e3/o,iterations:o,source:"wall-clock",splits:1}}recordedOutput(e,o,r){let s=e.reduce((n,i)=>n*i,1);return new X(this,e,new Float32Array(s),this.alive).awaitRecording(r)}decodeElement(){return"f32"}runRecording(e,o){let r=[];try{this.live();for(let s of e)this.#a(s,o);for(let s of e)if(s.kind==="attention"){let{plan:n}=s.call,[i,a,c]=[this.#r(s.call.q),this.#r(s.call.k),this.#r(s.call.v)];s.output.host.data.set(Fe(n,i,a,c).data)}else if(s.kind==="rope"){let{x:n,call:i,inPlace:a}=s.request,c=a?n.host.data:s.output.host.data;if(a){let A=c.slice();r.push(()=>c.set(A))}c.set(ge(this.#r(n),i.frequencies,{layout:i.layout,pairing:i.pairing,angles:i.angles,positions:i.positions}).data)}else s.kind==="append"?(r.push(s.call.cache.snapshot()),s.call.cache.write(s.call.plan,s.call.k,s.call.v)):s.output.host.data.set(this.#n(s.call).data);return Promise.resolve()}catch(s){for(let n of r.reverse())n();return Promise.reject(s)}}#a(e,o){e.kind==="attention"?this.checkOperands(e.call.args,o):e.kind==="rope"?K("x",e.request.arg,this,o):e.kind==="append"?(e.call.cache.live(),K("k",e.call.args[0],this,o),K("v",e.call.args[1],this,o)):(e.call.cache.live(),K("q",e.call.arg,this,o))}destroy(){this.#e=!0,this.#t?.destroy(`This GpuAttention cannot be used: ${gt}`),this.#t=null}};var hs="a multiple of 4 from 16 to 256";function Hn(t){let e=(t.headDim/4+(t.pad?1:0))*16,o=t.br*e,r=t.kv==="shared"?t.bc*e:t.bc*e*(t.doubleV?3:2),s=t.bc*(t.br+Math.min(t.tm,4))*4,n=t.br*(t.bc/t.tn)*4,i=t.doubleV?8:4;return o+r+s+n+i}function ds(t){return Math.ceil(t.bc*t.headDim/4/t.workgroup)}function Ln(t){let e=t.tm*t.tn+4*t.tm*t.od4,o=4*(t.tm+t.tn),r=ds(t),s=t.prefetch?t.kv==="shared"?4*r:8*r:0;return e+o+s+3*t.tm+24}function _n(t){let e=t.headDim/4,o=t.bc/t.tn,r=Math.min(t.tm,4),s=2*t.tm*t.tn*t.headDim,n=(t.tm+t.tn)*e+t.bc*(t.tm/r+t.od4),i=t.tm*t.tn*8+t.tm*(o+8)+4*t.tm*t.od4,a=ds(t)*2*4,c=t.kv==="split"&&t.doubleV?3:4,u=(t.prefetch?0:t.kv==="shared"?2:1)*400/Math.max(1,t.workgroup/32),f=c*(20+t.workgroup/8);return s/(s+n+i+a+u+f)}function jo(t,e){return t%e===0}function Nn(t,e,o=256){if(!Number.isInteger(t)||t%4!==0||t<16||t>256)return[];let r=t/4,s=Te[e],n=[];for(let i of[64,128,256])if(!(i>o))for(let a of[1,2,4,8,16,32]){if(!jo(r,a)||!jo(i,a))continue;let c=r/a;for(let A of[1,2,4,8]){let u=i/a*A;if(!(u<8||u>128))for(let f of[1,2,4,8]){let l=a*f;if(!(l<8||l>64))for(let h of["shared","split"])for(let d of h==="split"?[!0,!1]:[!1])for(let p of[!0,!1])for(let k of[!0,!1]){let $={headDim:t,workgroup:i,br:u,bc:l,tm:A,tn:f,od4:c,kv:h,doubleV:d,prefetch:p,pad:k,dChunk:jn(r),kChunk:Math.min(l,32)},w=Hn($),b=Ln($);if(w>s||b>160)continue;let B={tier:e,...$,bytes:w},M=[b<=128?1:0,Math.round(_n($)*100),l>=32?1:0,i>=128?1:0,k?1:0,-b];n.push({tiles:B,score:M})}}}}return n.sort((i,a)=>Yn(a.score,i.score)),n.map(i=>i.tiles)}function jn(t){if(t<=16)return t;for(let e of[8,4,2])if(jo(t,e))return e;return 1}function ps(t,e,o=256){return Nn(t,e,o)[0]}function gs(t){let e=`${t.kv}${t.doubleV?"2v":""}${t.prefetch?"+pf":""}`;return`wg${t.workgroup} ${t.br}x${t.bc} t${t.tm}x${t.tn} o${t.od4} ${e}${t.pad?" pad":""} c${t.dChunk}/${t.kChunk}`}function Yn(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]-e[o];return 0}var Kn=qo;function oo(t){let e=t.elements;return ue({name:"flash2",uniforms:Kn,bindings:{q:_("Q",`array<vec4<${e.q}>>`),k:_("K",`array<vec4<${e.k}>>`),v:_("V",`array<vec4<${e.v}>>`),o:Z("O",`array<vec4<${e.o}>>`),table:t.rope?_("T","array<vec2<f32>>"):null,slopes:t.alibi?_("SL","array<f32>"):null}})}function ro(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash2:d${t.tiles.headDim}:${gs(t.tiles).replaceAll(" ",":")}:rope=${e}:alibi=${t.alibi}${Do(t.elements??De)}`}function pe(t){return Array.from({length:t},(e,o)=>o)}var ms=["x","y","z","w"];function $s(t){let e=t.tiles,o=t.elements,r=e.headDim/4,s=e.workgroup,n=e.br,i=e.bc,a=e.tm,c=e.tn,A=e.od4,u=i/c,f=e.dChunk,l=r/f,h=e.kChunk,d=i/h,p=Math.min(a,4),k=a/p,$=p===1?"f32":`vec${p}<f32>`,w=Math.ceil(i*r/s),b=g=>(g+1)*s>i*r,B=(g,v)=>b(g)?`if (lid + ${g*s}u < ${i*r}u) {
      ${v}
    }`:v,M=n*r/s,R=e.kv==="shared",T=e.doubleV?2:1,O=Ae("Q",o.q),G=Ae("K",o.k),P=Ae("V",o.v),x=[o.q,o.k,o.v,o.o].includes("f16"),F=pe(a),Q=pe(c),S=pe(A),L="vec4<f32>(0.0)",N=g=>l===1?"0u":g,y=g=>d===1?"0u":g,H=pe(w).map(g=>`let ldr${g} = (lid + ${g*s}u) / ${r}u; let ldc${g} = (lid + ${g*s}u) % ${r}u;
  let ldrg${g} = ${y(`ldr${g} / ${h}u`)}; let ldrj${g} = ldr${g} % ${h}u;
  let ldcg${g} = ${N(`ldc${g} / ${f}u`)}; let ldcj${g} = ldc${g} % ${f}u;`).join(`
  `),E=(g,v,j,oe)=>oe.map(we=>{let xe=`${v}k${we}`,fe=g==="K"?`b * P.kB + kvh * P.kH + min(${xe}, P.sk - 1u) * P.kS - P.kOff`:`b * P.vB + kvh * P.vH + min(${xe}, P.sk - 1u) * P.vS - P.vOff`;return`let ${xe} = ${j} + ldr${we}; let ${v}x${we} = ${(g==="K"?G:P)(`${fe} + ldc${we}`)};`}).join(`
    `),I=t.rope?Ie(t.rope,G,"base","c","P.kTab + b * P.kTabB + key"):"",D=(g,v,j,oe,we,xe="0u")=>{if(g==="V"){let fe=j.map(Qe=>B(Qe,`${oe(Qe)} = ${v}x${Qe};`)).join(`
      `),Ge=j.map(Qe=>B(Qe,`${oe(Qe)} = select(${L}, ${v}x${Qe}, ${v}k${Qe} < P.sk);`)).join(`
      `),on=j.map(Qe=>`${v}x${Qe}`).join(" + ");return`if (${we} + ${i}u <= P.sk) {
      ${fe}
    } else {
      ${Ge}
    }
    if (!finite4(${on})) {
      atomicMax(&Bad[${xe}], (${we}) / ${i}u + 1u);
    }`}return j.map(fe=>t.rope?B(fe,`{
      var x = ${v}x${fe};
      let key = ${v}k${fe};
      let c = ldc${fe};
      if (key < P.sk) {
        let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
        ${I}
      }
      ${oe(fe)} = x;
    }`):B(fe,`${oe(fe)} = ${v}x${fe};`)).join(`
    `)},C=g=>`Ks[ldrg${g}][ldrj${g}].g[ldcg${g}][ldcj${g}]`,z=g=>v=>R?C(v):`Vs[${T===1?`ldrg${v}`:d===1?g:`${g} * ${d}u + ldrg${v}`}][ldrj${v}].g[ldcg${v}][ldcj${v}]`,U=g=>T===2?g:"0u",m=(g,v,j)=>{let oe=[],we=8/g.length;for(let xe=0;xe<w;xe+=we){let fe=pe(Math.min(we,w-xe)).map(Ge=>xe+Ge);oe.push(`{
    ${g.map(Ge=>E(Ge,Ge==="K"?"ka":"va",v,fe)).join(`
    `)}
    ${g.map(Ge=>Ge==="K"?D("K","ka",fe,C,v):D("V","va",fe,z(j),v,U(j))).join(`
    `)}
  }`)}return oe.join(`
  `)},q=t.rope?Ie(t.rope,O,"base","c","P.qTab + b * P.qTabB + pos"):"",W=pe(M).map(g=>`{
    let e = lid + ${g*s}u;
    let r = e / ${r}u;
    let c = e % ${r}u;
    let flat = row0 + r;
    let pos = flat / P.group;
    let h = kvh * P.group + flat % P.group;
    let base = b * P.qB + h * P.qH + min(pos, P.sq - 1u) * P.qS - P.qOff;
    var x = ${O("base + c")};
    ${t.rope?`if (pos < P.sq) {
      ${q}
    }`:""}
    Qs[r].g[${N(`c / ${f}u`)}][c % ${f}u] = select(${L}, x, pos < P.sq) * P.scale2;
  }`).join(`
  `),J=(g,v,j)=>ms.reduce((oe,we)=>`fma(${g}.${we}, ${v}.${we}, ${oe})`,j),Y=(g,v)=>`{ ${F.map(j=>`let qv${j} = Qs[qr${j}].g[${g}][${v}u];`).join(" ")}
        ${Q.map(j=>`let kv${j} = Ks[kg${j}][kj${j}].g[${g}][${v}u];`).join(" ")}
        ${F.flatMap(j=>Q.map(oe=>`s${j}_${oe} = ${J(`qv${j}`,`kv${oe}`,`s${j}_${oe}`)};`)).join(`
        `)} }`,te=g=>pe(f).map(v=>Y(g,v)).join(`
      `),re=l===1?te("0u"):`for (var gd = 0u; gd < ${l}u; gd++) {
      ${te("gd")}
    }`,se=t.alibi?F.flatMap(g=>Q.map(v=>`s${g}_${v} -= sl${g} * f32(abs(qp${g} - i32(ky${v})));`)).join(`
    `):"",le=F.flatMap(g=>Q.map(v=>`s${g}_${v} = select(${-1e30}, s${g}_${v}, ky${v} < P.sk && (P.causal == 0u || i32(ky${v}) <= qp${g}));`)).join(`
      `),qe=F.map(g=>`Mx[qr${g}][tc] = ${Q.map(v=>`s${g}_${v}`).reduce((v,j)=>`max(${v}, ${j})`)};`).join(`
    `),Ce=g=>pe(u).map(v=>`Mx[qr${g}][${v}u]`).reduce((v,j)=>`max(${v}, ${j})`),Ys=F.map(g=>`{
      let mnew = max(mx${g}, ${Ce(g)});
      let alpha = exp2(mx${g} - mnew);
      mx${g} = mnew;
      ${Q.map(v=>`s${g}_${v} = ${_e(`s${g}_${v}`,"mnew")};`).join(`
      `)}
      sm${g} = sm${g} * alpha + ${Q.map(v=>`s${g}_${v}`).join(" + ")};
      ${S.map(v=>`o${g}_${v} *= alpha;`).join(" ")}
    }`).join(`
    `),Ks=(g,v)=>{let j=pe(p).map(oe=>`s${g*p+oe}_${v}`);return p===1?j[0]:`${$}(${j.join(", ")})`},zs=Q.flatMap(g=>pe(k).map(v=>`Pt[kg${g}][kj${g}][pr${v}] = ${Ks(v,g)};`)).join(`
    `),Us=(g,v)=>R?`Ks[${g}][${v}u]`:`Vs[${T===1?g:d===1?"vb":`vb * ${d}u + ${g}`}][${v}u]`,Ao=g=>p===1?`pw${g}`:`pw${Math.floor(g/p)}.${ms[g%p]}`,Ws=(g,v)=>`{ ${pe(k).map(j=>`let pw${j} = Pt[${g}][${v}u][pr${j}];`).join(" ")}
        ${S.map(j=>`let vv${j} = ${Us(g,v)}.g[vg${j}][vj${j}];`).join(" ")}
        ${F.flatMap(j=>S.map(oe=>`o${j}_${oe} = fma(vec4<f32>(${Ao(j)}), vv${oe}, o${j}_${oe});`)).join(`
        `)} }`,Xo=g=>pe(h).map(v=>Ws(g,v)).join(`
      `),Vs=d===1?Xo("0u"):`for (var gp = 0u; gp < ${d}u; gp++) {
      ${Xo("gp")}
    }`,Xs=R?"Ks[cg][cj]":`Vs[${T===1?"cg":d===1?"vb":`vb * ${d}u + cg`}][cj]`,Js=`for (var kc = 0u; kc < ${i}u; kc++) {
        let cg = kc / ${h}u;
        let cj = kc % ${h}u;
        ${pe(k).map(g=>`let pw${g} = Pt[cg][cj][pr${g}];`).join(" ")}
        ${S.map(g=>`let vv${g} = ${Xs}.g[vg${g}][vj${g}];`).join(" ")}
        ${F.flatMap(g=>S.map(v=>`o${g}_${v} = select(fma(vec4<f32>(${Ao(g)}), vv${v}, o${g}_${v}), o${g}_${v}, ${Ao(g)} == 0.0);`)).join(`
        `)}
      }`,Zs=`if (atomicLoad(&Bad[${U("vb")}]) == kt + 1u) {
      ${Js}
    } else {
      ${Vs}
    }`,me=pe(w),xt="",lo="",fo="",ho="",Qt="",en=!(e.kv==="split"&&e.doubleV);R&&!e.prefetch?(xt=m(["K"],"0u","0u"),fo=m(["V"],"key0","0u"),Qt=m(["K"],`key0 + ${i}u`,"0u")):R?(xt=`{
    ${E("K","ka","0u",me)}
    ${D("K","ka",me,C,"0u")}
  }`,lo=E("V","va","key0",me),fo=D("V","va",me,z(""),"key0","0u"),ho=E("K","kn",`key0 + ${i}u`,me),Qt=D("K","kn",me,C,`key0 + ${i}u`)):e.prefetch?(xt=`{
    ${E("K","ka","0u",me)}
    ${E("V","va","0u",me)}
    ${D("K","ka",me,C,"0u")}
    ${D("V","va",me,z("0u"),"0u",U("0u"))}
  }`,ho=`${E("K","kn",`key0 + ${i}u`,me)}
    ${E("V","vn",`key0 + ${i}u`,me)}`,Qt=`${D("K","kn",me,C,`key0 + ${i}u`)}
    ${D("V","vn",me,z("(vb ^ 1u)"),`key0 + ${i}u`,U("(vb ^ 1u)"))}`):lo=m(["K","V"],"key0","vb");let tn=F.map(g=>`{
    let l = ${pe(u).map(v=>`Mx[qr${g}][${v}u]`).join(" + ")};
    let flat = row0 + qr${g};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff;
      let inv = ${be("l")};
      ${S.map(v=>o.o==="f32"?`O[base + vc${v}] = o${g}_${v} * inv;`:`O[base + vc${v}] = vec4<f16>(o${g}_${v} * inv);`).join(`
      `)}
    }
  }`).join(`
  `);return`// ${ro(t)}
${x?"enable f16;":""}
${oo(t).wgsl}
struct TileRow {
  g: array<array<vec4<f32>, ${f}>, ${l}>,${e.pad?`
  pad: vec4<f32>,`:""}
}
var<workgroup> Qs: array<TileRow, ${n}>;
var<workgroup> Ks: array<array<TileRow, ${h}>, ${d}>;
${R?"":`var<workgroup> Vs: array<array<TileRow, ${h}>, ${T*d}>;`}
var<workgroup> Pt: array<array<array<${$}, ${n/p+1}>, ${h}>, ${d}>;
var<workgroup> Mx: array<array<f32, ${u}>, ${n}>;
// Per V buffer: 1 + the last tile whose V held a NaN or an infinity (0: none).
var<workgroup> Bad: array<atomic<u32>, ${T}>;

${Ee}
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
  let row0 = tile * ${n}u;

  ${W}

  let tr = lid / ${u}u;
  let tc = lid % ${u}u;
  ${F.map(g=>`let qr${g} = tr * ${a}u + ${g}u;
  let qp${g} = i32((row0 + qr${g}) / P.group) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${g} = SL[kvh * P.group + (row0 + qr${g}) % P.group];`:""}`).join(`
  `)}
  ${Q.map(g=>`let kl${g} = tc + ${g*u}u; let kg${g} = ${y(`kl${g} / ${h}u`)}; let kj${g} = kl${g} % ${h}u;`).join(`
  `)}
  ${S.map(g=>`let vc${g} = tc + ${g*u}u; let vg${g} = ${N(`vc${g} / ${f}u`)}; let vj${g} = vc${g} % ${f}u;`).join(`
  `)}
  ${pe(k).map(g=>`let pr${g} = tr * ${k}u + ${g}u;`).join(" ")}
  ${H}
  ${F.map(g=>`var mx${g} = ${-1e30}; var sm${g} = 0.0;`).join(" ")}
  ${F.flatMap(g=>S.map(v=>`var o${g}_${v} = ${L};`)).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${n}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${i-1}u) / ${i}u;
  // The first row's last visible key: tiles past it need the causal mask.
  let minQp = i32(row0 / P.group) + i32(P.sk) - i32(P.sq);
  ${xt}
  for (var kt = 0u; kt < tiles; kt++) {
    let key0 = kt * ${i}u;
    let vb = ${T===2?"kt & 1u":"0u"};
    ${lo}
    workgroupBarrier();
    ${F.flatMap(g=>Q.map(v=>`var s${g}_${v} = 0.0;`)).join(" ")}
    ${re}
    ${Q.map(g=>`let ky${g} = key0 + kl${g};`).join(" ")}
    ${se}
    if (key0 + ${i}u > P.sk || (P.causal != 0u && i32(key0) + ${i-1} > minQp)) {
      ${le}
    }
    ${qe}
    workgroupBarrier();
    ${fo}
    ${Ys}
    ${zs}
    workgroupBarrier();
    ${ho}
    ${Zs}
    ${en?"workgroupBarrier();":""}
    ${Qt}
  }

  ${F.map(g=>`Mx[qr${g}][tc] = sm${g};`).join(" ")}
  workgroupBarrier();
  ${tn}
}
`}var zn=new Set(["layout","batch","heads","kvHeads","group","qSeq","kSeq","headDim","qShape","qStrides","kStrides","causal","scale","rope","alibi"]);function Un(t){return t==null||t===!1||t===0}function Wn(t,e,o,r){for(let[n,i]of Object.entries(e))if(!zn.has(n)&&!Un(i))return`the option behind plan field ${n} is not implemented by flash2`;let s=r??ps(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);return s?{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}:`head dim ${e.headDim} has no flash2 tiles on tier ${t.tier} (${hs}, within the tier's workgroup storage)`}function Vn(t,e){return t.pipeline(ro(e),()=>$s(e))}function Xn(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:A,headDim:u}=e,f={dispatches:[],temps:[]};if(n===0||c===0||A===0)return f;let l=t.limits,h=e.qStrides,d=e.kStrides,p=o.elements,k=P=>P==="f16"?2:4,$=(P,x,F)=>{let Q=F==="q"?h:d,S=F==="q"?a:1,L=F==="q"?c:A,N=P+x-1,y=(H,E)=>Math.floor(H/i)*Q.batch+(H%i*S+E)*Q.heads;return[y(P,0),y(N,S-1)+(L-1)*Q.seq+u]},w=(P,x,F,Q)=>{let[S,L]=$(P,x,F);return Be(S,L,l,k(Q))},b=(P,x)=>k(P)>=k(x)?P:x,B=Se(n*i,l.maxComputeWorkgroupsPerDimension,(P,x)=>de(w(P,x,"q",b(p.q,p.o)),l)&&de(w(P,x,"k",b(p.k,p.v)),l),P=>{let x=w(P,1,"q",b(p.q,p.o));return de(x,l)?Et("k and v",w(P,1,"k",b(p.k,p.v)).size,l.maxStorageBufferBindingSize):Et("q and the output",x.size,l.maxStorageBufferBindingSize)}),{table:M,slopes:R}=Ke(t,e,P=>[{positions:P.query,seq:c},{positions:P.key,seq:A}],f.temps),T=Math.ceil(c*a/o.tiles.br),O=l.maxComputeWorkgroupsPerDimension,G=oo(o);for(let[P,x]of B){let F={q:w(P,x,"q",p.q),k:w(P,x,"k",p.k),v:w(P,x,"k",p.v),o:w(P,x,"q",p.o)};for(let Q=0;Q<T;Q+=O){let S=To(e,F,M,{numTiles:T,tileBase:Q,unitBase:P}),L=t.bind(r,G,S,Go(s,F,M,R),f.temps),[N]=$e(Math.min(O,T-Q),l);f.dispatches.push({pipeline:r,bindGroup:L,grid:[N,x,1]})}}return f}async function ws(t,e,o){let r=Wn(t,e,o);if(typeof r=="string")return null;let s=await Vn(t,r);return n=>Xn(t,e,r,s,n)}var Jn=128,Zn=16,ei=8;function ti(t){let e=t.tk*(t.de+1)*16,o=t.rb*(t.headDim/4)*16,r=t.tk*t.rb*4,s=t.rb*4;return e+o+r+s}function ks(t,e,o,r,s=256){let n=o==="f16"?8:4;if(!Number.isInteger(t)||t%n!==0||t<n||t>512)return`the keys kernel reads ${o} rows in 16-byte units of ${n} dims, so it needs a head dim that is a multiple of ${n} up to 512, got ${t}`;let i=t/n,a=Math.min(Jn,s);if(i>a)return`a row of ${i} load units needs more than the ${a} invocations per workgroup`;let c=Math.floor(a/i),A=c*i,u=Math.max(1,Math.min(e,ei)),f=Te[r];for(let l=u;l>=1;l--){let h;for(let d=Math.min(A,c*Zn);d>=c;d-=c){let p=ti({headDim:t,de:i,tk:d,rb:l});if(p>f)continue;let k=Math.ceil(l/Math.max(1,Math.floor(A/d))),$=Math.ceil(l/k),w={headDim:t,kv:o,e:n,de:i,wg:A,kg:c,tk:d,vk:d/c,rb:l,sg:$,rh:k,bytes:p};if(d%32===0||d<32)return w;h??=w}if(h)return h}return`no tile of keys fits ${f} bytes of workgroup storage (tier ${r}) at head dim ${t}`}var oi=256,ri=1024,si=4;function Es(t,e,o,r,s){let n=si*Math.max(1,o),i=Math.ceil(t*Math.max(1,e)/n),a=Math.min(ri,Math.max(oi,i)),c=Math.ceil(a/s)*s,A=Math.max(1,Math.ceil(t/c));return A>r&&(A=r,c=Math.ceil(t/A)),A===1?{splits:1,keysPerSplit:Math.max(1,t)}:{splits:Math.ceil(t/c),keysPerSplit:c}}var ni={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmaxU:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},ii={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function bs(t){return t.kv==="f16"?"vec4<u32>":"vec4<f32>"}function Yo(t){let e=t.elements,o=bs(t.tiles);return ue({name:"decode keys",uniforms:ni,bindings:{q:_("Q",`array<vec4<${e.q}>>`),k:_("K",`array<${o}>`),v:_("V",`array<${o}>`),o:Z("O",`array<vec4<${e.o}>>`),w:Z("W","array<vec4<f32>>"),table:t.rope?_("T","array<vec2<f32>>"):null,slopes:t.alibi?_("SL","array<f32>"):null}})}function Ko(t){return ue({name:"decode keys merge",uniforms:ii,bindings:{w:_("W","array<vec4<f32>>"),o:Z("O",`array<vec4<${t}>>`)}})}function zo(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode-keys:d${e.headDim}:${e.kv}:wg${e.wg}:tk${e.tk}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function Bt(t){let e=t/4,o=[8,4,2,1].find(s=>e%s===0),r=256/o;return{chunks:o,lanes:r,blocks:e/o,workgroup:256}}function Uo(t,e){return`decode-keys-merge:d${t}:${e}`}function Xe(t){return Array.from({length:t},(e,o)=>o)}function Is(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function ai(t){return[4,2,1].find(e=>t%e===0)}function Bs(t){let e=t.tiles,{wg:o,tk:r,rb:s,de:n,kg:i,vk:a,sg:c,rh:A}=e,u=e.headDim/4,f=e.e/4,l=n+1,h=t.elements,d=Ae("Q",h.q),p=[h.q,h.o].includes("f16"),k=Xe(s),$=Xe(f),w=e.kv==="f16",b=(E,I)=>w?`vec4<f32>(unpack2x16float(${E}.${"xz"[I]}), unpack2x16float(${E}.${"yw"[I]}))`:E,B=t.rope?Ie(t.rope,d,"base","cc","P.tab + b * P.tabB + tq"):"",M=Xe(a).map(E=>`let ki${E} = kvBase + min(k0 + g + ${E*i}u, kEnd - 1u) * ${n}u + c;
    Ks[(g + ${E*i}u) * ${l}u + c] = K[ki${E}];
    let v${E} = V[ki${E}];`).join(`
    `),R=Xe(A),T=c*A!==s,O=E=>c===1?`${E}u`:`(rg * ${A}u + ${E}u)`,G=E=>T?`min(${O(E)}, ${s-1}u)`:O(E),P=ai(n),x=Xe(P).map(E=>{let I=$.map(C=>`let x${E}_${C} = ${b(`Ks[kr + u + ${E}u]`,C)};`).join(" "),D=R.map(C=>`s${C} += ${$.map(z=>`dot(Qs[${G(C)} * ${u}u + (u + ${E}u) * ${f}u + ${z}u], x${E}_${z})`).join(" + ")};`).join(" ");return`${I}
        ${D}`}).join(`
        `),F=t.alibi?"s -= SL[kvh * P.group + min(f, P.rows - 1u) % P.group] * f32(i32(qp) - i32(key));":"",Q=R.map(E=>`{
        let row = ${O(E)};
        let f = row0 + row;
        let qp = P.len - P.sq + f / P.group;
        var s = s${E};
        ${F}
        s${E} = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp);
        ${T?`if (row < ${s}u && `:"if ("}s${E} > unordered(atomicLoad(&Mx[row]))) {
          atomicMax(&Mx[row], ordered(s${E}));
        }
      }`).join(`
      `),S=k.map(E=>`{
      let mn = unordered(atomicLoad(&Mx[${E}u]));
      let al = exp2(m${E} - mn);
      m${E} = mn;
      l${E} *= al;
      ${$.map(I=>`a${E}_${I} *= al;`).join(" ")}
    }`).join(`
    `),L=R.map(E=>{let I=`Ps[kl * ${s}u + row] = ${_e(`s${E}`,c===1?`m${E}`:"unordered(atomicLoad(&Mx[row]))")};`;return`{
        let row = ${O(E)};
        ${T?`if (row < ${s}u) { ${I} }`:I}
      }`}).join(`
      `),N=Xe(a).map(E=>`{
      let pb = (g + ${E*i}u) * ${s}u;
      ${$.map(I=>`let w${I} = ${b(`v${E}`,I)};`).join(" ")}
      ${k.map(I=>`{ let pr = Ps[pb + ${I}u]; l${I} += pr; ${$.map(D=>`a${I}_${D} += select(pr * w${D}, vec4<f32>(0.0), pr == 0.0);`).join(" ")} }`).join(`
      `)}
    }`).join(`
    `),y=k.map(E=>$.map(I=>{let D=`${E*u}u + c * ${f}u + ${I}u`;return`Qs[${D}] = a${E}_${I} + select(vec4<f32>(0.0), Qs[${D}], gi > 0u);`}).join(" ")).join(`
      `),H=k.map(E=>`Ps[${E}u] = l${E} + select(0.0, Ps[${E}u], gi > 0u);`).join(" ");return`// ${zo(t)}
${p?"enable f16;":""}
${Yo(t).wgsl}
${Ee}
var<workgroup> Ks: array<${bs(e)}, ${r*l}>;
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
      ${B}
    }
    Qs[i] = x * P.scale2;
  }
  if (lid < ${s}u) {
    atomicStore(&Mx[lid], ordered(${-1e30}));
  }
  ${k.map(E=>`var m${E} = ${-1e30}; var l${E} = 0.0;`).join(`
  `)}
  ${R.map(E=>`var s${E} = 0.0;`).join(" ")}
  let kl = lid % ${r}u; // the score invocation's key in the tile
  let rg = lid / ${r}u; // and its group of rows
  ${k.flatMap(E=>$.map(I=>`var a${E}_${I} = vec4<f32>(0.0);`)).join(" ")}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${s}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  workgroupBarrier();
  for (var k0 = kBegin; k0 < kEnd; k0 += ${r}u) {
    ${M}
    workgroupBarrier();
    if (lid < ${r*c}u) {
      ${R.map(E=>`s${E} = 0.0;`).join(" ")}
      let kr = kl * ${l}u;
      for (var u = 0u; u < ${n}u; u += ${P}u) {
        ${x}
      }
      let key = k0 + kl;
      ${Q}
    }
    workgroupBarrier();
    ${S}
    if (lid < ${r*c}u) {
      ${L}
    }
    workgroupBarrier();
    ${N}
  }

  // The key groups' outputs and sums, added in workgroup memory (Qs and Ps are free now).
  workgroupBarrier();
  for (var gi = 0u; gi < ${i}u; gi++) {
    if (g == gi) {
      ${y}
      if (c == 0u) {
        ${H}
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
        O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + cc] = ${Is(h.o,`Qs[i] * ${be("total")}`)};
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
`}function ys(t,e){let o=t/4,{chunks:r,lanes:s,workgroup:n,blocks:i}=Bt(t),a=Xe(4),c=`vec4<f32>(${-1e30}, 0.0, 0.0, 0.0)`,A=[];for(let u=s/2;u>=1;u/=2)A.push(`if (sl < ${u}u) {
    let other = lid + ${u*r}u;
    let x = Sm[lid];
    let y = Sm[other];
    let mx = max(x.x, y.x);
    let wx = exp2(x.x - mx);
    let wy = exp2(y.x - mx);
    Am[lid] = Am[lid] * wx + Am[other] * wy;
    Sm[lid] = vec2<f32>(mx, x.y * wx + y.y * wy);
  }
  workgroupBarrier();`);return`// ${Uo(t,e)}
${e==="f16"?"enable f16;":""}
${Ko(e).wgsl}
${Ee}
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
  ${A.join(`
  `)}
  if (sl == 0u) {
    let total = Sm[lid].y;
    let unit = P.unitBase + row / P.rows;
    let f = row % P.rows;
    let b = unit / P.kvHeads;
    let h = (unit % P.kvHeads) * P.group + f % P.group;
    let tq = f / P.group;
    O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + c] = ${Is(e,`Am[lid] * ${be("total")}`)};
  }
}
`}function vs(t,e,o){let r=ks(e.headDim,e.group*e.qSeq,o.kv,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(typeof r=="string")return r;let s=Bt(e.headDim).workgroup;if(s>t.limits.maxComputeInvocationsPerWorkgroup)return`its merge kernel needs ${s} invocations per workgroup`;let n=e.group*e.qSeq,i=t.limits.maxComputeWorkgroupsPerDimension;return Math.ceil(n/r.rb)>i||n*Bt(e.headDim).blocks>i*i?`${n} query rows per KV head exceed its grid (maxComputeWorkgroupsPerDimension ${i})`:{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function Ps(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(zo(e),()=>Bs(e)),t.pipeline(Uo(o,r),()=>ys(o,r))])}function Cs(t,e,o,r,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,n);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return mt(r,e.splits)}let i=o.tiles,a=Math.ceil(e.group*e.qSeq/i.rb);return Es(r,e.batch*e.kvHeads*a,s,n,i.tk)}function xs(t,e,o,r,s,n,i){let a={dispatches:[],temps:[]},[c,A]=r,u=t.limits,f=o.tiles,l=zt(t,e,f.rb,o.elements,n),{rows:h,rowBlocks:d,splits:p,direct:k}=l,{table:$,slopes:w}=Ke(t,e,()=>[{positions:bt(e,s.length),seq:e.qSeq}],a.temps),b=u.maxComputeWorkgroupsPerDimension,B=Yo(o),M=Ko(o.elements.o),R=Bt(e.headDim).blocks,T=Math.max(1,Math.floor(b*b/(h*R)));for(let O of s.chunks)for(let[G,P]of Ut(t,l,O,Math.min(b,T))){let x=Wt(l,O,G,P),{qw:F,ow:Q}=x,S=t.dummy();k||(S=t.buffer(l.partialBytes(P),"decode partials"),a.temps.push(S));let L={...Vt(e,l,s,O,x,$),lmaxU:s.slots*f.de};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,B,L,{q:{buffer:i.q,offset:F.offset,size:F.size},k:{buffer:O.k},v:{buffer:O.v},o:{buffer:i.o,offset:Q.offset,size:Q.size},w:{buffer:S},...$?{table:{buffer:$.buffer}}:{},...w?{slopes:{buffer:w}}:{}},a.temps),grid:[p,P,d]}),k)continue;let N=P*h*R,[y,H]=$e(N,u);a.dispatches.push({pipeline:A,bindGroup:t.bind(A,M,Xt(e,l,x,N,y),{w:{buffer:S},o:{buffer:i.o,offset:Q.offset,size:Q.size}},a.temps),grid:[y,H,1]})}return a}function ci(t,e){let o=t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null;return o?`it does not take ${o}`:e!==null?"it does not read a window cache's ring":null}function Qs(t,e,o,r=null){let s=null;if(e.kernel==="keys"){let n=ci(e,r)??vs(t,e,o);if(typeof n!="string")return{kernel:"keys",params:n};s=n}return{kernel:"split",params:ns(t,e,o),fallback:s}}function yt(t,e){return e.kernel==="keys"?Ps(t,e.params):is(t,e.params)}function Ss(t,e,o,r,s,n,i,a){if(o.kernel==="keys"){let f=Cs(t,e,o.params,s.length,n);return{job:xs(t,e,o.params,r,s,f,i),splits:f.splits}}let c=s.length-a.first,A=as(t,e,o.params,c,n,a.window!==null);return{job:cs(t,e,o.params,r,s,A,i,a),splits:A.splits}}var Ds=new Float32Array(1),ui=new Uint32Array(Ds.buffer);function Ai(t){Ds[0]=t;let e=ui[0],o=e>>>16&32768,r=e>>>23&255,s=e&8388607;if(r===255)return o|31744|(s!==0?512:0);let n=r-112;if(n>=31)return o|31744;if(n<=0){if(n<-10)return o;s|=8388608;let c=14-n,A=s>>>c,u=s&(1<<c)-1,f=1<<c-1;return(u>f||u===f&&(A&1)===1)&&A++,o|A}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,o|i}function qs(t){let e=(t&32768)!==0?-1:1,o=t>>>10&31,r=t&1023;return o===0?e*r*2**-24:o===31?r!==0?NaN:e*(1/0):e*(1+r/1024)*2**(o-15)}function Wo(t){let e=new Uint16Array(t.length+t.length%2);for(let o=0;o<t.length;o++)e[o]=Ai(t[o]);return e}function so(t,e=t.length){let o=new Float32Array(e);for(let r=0;r<e;r++)o[r]=qs(t[r]);return o}var Pe=64;function Ms(){return Float32Array.from({length:Pe},(t,e)=>(e-31)*.125)}var li=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${Pe/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function fi(t,e){let o=Ms();for(let r=0;r<Pe;r++){let s=o[r]*3+.25,n=t[r],i=e[r]===void 0?void 0:qs(e[r]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${r} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${Pe} values was exact`}}async function Rs(t){let n=[],i=(a,c)=>{let A=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(A),A};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:li,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),A=i(Pe*2,136),u=i(Pe*4,132),f=i(Pe*2,132),l=i(Pe*4,9),h=i(Pe*2,9),d=Wo(Ms());t.queue.writeBuffer(A,0,d.buffer,d.byteOffset,d.byteLength);let p=t.createCommandEncoder(),k=p.beginComputePass();k.setPipeline(c),k.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[A,u,f].map((B,M)=>({binding:M,resource:{buffer:B}}))})),k.dispatchWorkgroups(1),k.end(),p.copyBufferToBuffer(u,0,l,0,Pe*4),p.copyBufferToBuffer(f,0,h,0,Pe*2),t.queue.submit([p.finish()]),await Promise.all([l.mapAsync(1),h.mapAsync(1)]);let $=new Float32Array(l.getMappedRange().slice(0)),w=new Uint16Array(h.getMappedRange().slice(0)),b=await t.popErrorScope();return b?{available:!1,detail:`the shader-f16 self-test was rejected: ${b.message}`}:fi($,w)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var no=256,hi={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",slots:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function Os(t){return ue({name:"kv append",uniforms:hi,bindings:{k:_("K",`array<vec4<${t.k}>>`),v:_("V",`array<vec4<${t.v}>>`),kc:Z("KC",`array<vec4<${t.cache}>>`),vc:Z("VC",`array<vec4<${t.cache}>>`),table:t.rope?_("T","array<vec2<f32>>"):null}})}function Fs(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function di(t){let e=t.headDim/4,o=Ae("K",t.k),r=Ae("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=a=>t.cache==="f32"?a:`vec4<f16>(${a})`,i=t.rope?Ie(t.rope,o,"base","c","P.tab + b * P.tabB + s"):"";return`// ${Fs(t)}
${s?"enable f16;":""}
${Os(t).wgsl}
@compute @workgroup_size(${no})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${no}u + lid;
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
`}function io(t,e){return t.pipeline(Fs(e),()=>di(e))}function Ts(t,e,o,r,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,A=o.headDim,u=A/4;if(a===0)return i;let f=t.limits,l=o.k==="f16"?2:4,h=o.v==="f16"?2:4,d=(B,M,R)=>{let T=B+M-1,O=G=>Math.floor(G/e.kvHeads)*c.batch+G%e.kvHeads*c.heads;return Be(O(B)+e.skip*c.seq,O(T)+(a-1)*c.seq+A,f,R)},p=null;e.rope&&(p=wt(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),p.temp&&i.temps.push(p.buffer));let k=je(no,f),$=Math.min(a-e.skip,Math.max(1,Math.floor(k/u))),w=Math.max(1,Math.floor(k/($*u))),b=Os(o);for(let B of n){let M=Se(B.n,w,(R,T)=>de(d(B.u0+R,T,l),f)&&de(d(B.u0+R,T,h),f),R=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${d(B.u0+R,1,Math.max(l,h)).size} bytes, more than maxStorageBufferBindingSize (${f.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[R,T]of M)for(let O=e.skip;O<a;O+=$){let G=Math.min($,a-O),P=B.u0+R,x=d(P,T,l),F=d(P,T,h),Q=T*G*u,[S,L]=$e(Math.ceil(Q/no),f),N={items:Q,kvHeads:e.kvHeads,unitBase:P,chunkBase:B.u0,slot:e.slot,slots:e.slots,lmax4:e.slots*u,gridX:S,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:x.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:F.base/4,tab:p?.sides[0]?.tab??0,tabB:p?.sides[0]?.tabB??0,tokBase:O,tokCount:G},y=t.bind(r,b,N,{k:{buffer:s.k,offset:x.offset,size:x.size},v:{buffer:s.v,offset:F.offset,size:F.size},kc:{buffer:B.k},vc:{buffer:B.v},...p?{table:{buffer:p.buffer}}:{}},i.temps);i.dispatches.push({pipeline:r,bindGroup:y,grid:[S,L,1]})}}return i}var ao=class{#e=Promise.resolve();hold(){let e=this.#e,o,r=new Promise(s=>o=s);return this.#e=e.then(()=>r),{ready:e,release:o}}run(e,o){let r=this.#e,s,n=new Promise(i=>s=i);return this.#e=r.then(()=>n),(async()=>{try{let i=await e();return await r,await o(i)}finally{s()}})()}};function at(t){return t instanceof X&&t.dtype==="float16"?"f16":"f32"}var pi="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",vt=class t extends nt{precision;chunks;#e;#o=new ao;#t=0;constructor(e,o,r,s,n,i){super(o,r,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,o,r,s,n){let i=n==="f16"?2:4,a=s.slots*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c){let h=s.window===null?`maxLength ${s.maxLength}`:`${s.slots} slots (window ${s.window} + ${s.slots-s.window})`;throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of ${h} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller ${s.window===null?"maxLength":"window"}, precision "f16", or several caches`)}let A=s.batch*s.kvHeads,u=Math.floor(c/a),f=2*A*a,l=[];return await e.guarded(`allocating the KV cache (${f} bytes)`,()=>{for(let h=0;h<A;h+=u){let d=Math.min(u,A-h);l.push({u0:h,n:d,k:e.buffer(d*a,"kv cache keys"),v:e.buffer(d*a,"kv cache values")})}}).catch(h=>{for(let d of l)d.k.destroy(),d.v.destroy();throw h}),new t(e,o,r,s,n,l)}view(){return{batch:this.batch,kvHeads:this.kvHeads,slots:this.slots,length:this.length,chunks:this.chunks}}schedule(e,o,r){let s=this.#t;return this.#o.run(o,n=>(this.#r(e,s),r(n)))}hold(e){let o=this.#t;return{...this.#o.hold(),check:()=>this.#r(e,o)}}#r(e,o){if(this.live(),o!==this.#t)throw new Error(`This ${e} ${pi}`)}appendParams(e,o,r){return{headDim:this.headDim,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,k:at(o),v:at(r),cache:this.precision}}appendJobNow(e,o,r,s,n){let i=this.#e,{slot:a,skip:c,commit:A}=this.reserve(e);if(e.n===0)return{job:null,commit:()=>{}};let u=[],f=(l,h)=>{if(l instanceof X)return l.buffer;let d=i.upload(l.data,h);return u.push(d),d};try{let l={k:f(s,"k"),v:f(n,"v")},h={kvHeads:this.kvHeads,slots:this.slots,n:e.n,skip:c,slot:a,strides:e.strides,rope:e.rope?{frequencies:e.rope.frequencies,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:a}}:null},d=Ts(i,h,o,r,l,this.chunks);return d.temps.push(...u),{job:d,commit:A}}catch(l){for(let h of u)i.recycle(h);throw l}}append(e,o,r={}){try{this.live();let s=this.#e,n=K("k",e,this.owner),i=K("v",o,this.owner),a=st(this,n,i,r),c=this.appendParams(a,n,i);return this.schedule("append",()=>io(s,c),async A=>{K("k",e,this.owner),K("v",o,this.owner);let u=()=>{};await s.submitting("the KV-cache append",()=>{let f=this.appendJobNow(a,c,A,n,i);u=f.commit,f.job&&s.submit(f.job)}),u()})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,o=this.headDim,r=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let u=Math.min(this.length,this.window??1/0),f=this.length-u,l=u*o*r;if(u===0)return{length:u,target:null,bytes:0};let h=o*r,d=f%this.slots,p=Math.min(u,this.slots-d),k=[];for(let w of["k","v"])for(let b of this.chunks)for(let B=0;B<b.n;B++){let M=B*this.slots*h;k.push({buffer:b[w],offset:M+d*h,size:p*h}),p<u&&k.push({buffer:b[w],offset:M,size:(u-p)*h})}let $=await e.guarded("the KV-cache download",()=>e.gather(k));return{length:u,target:$,bytes:2*s*l}}),i=Object.freeze([this.batch,this.kvHeads,n.length,o]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,A=u=>this.precision==="f16"?so(new Uint16Array(u)):new Float32Array(u);return{k:{shape:i,data:A(a.slice(0,c))},v:{shape:i,data:A(a.slice(c))}}}reset(){this.live(),this.#t++,this.clear()}destroy(){if(this.markDestroyed()){this.#t++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var Ze=256,Je=64,Vo={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},ze="array<f32>",ct={scores:ue({name:"naive scores",uniforms:Vo,bindings:{q:_("Q",ze),k:_("K",ze),slopes:_("SL",ze),scores:Z("S",ze)}}),softmax:ue({name:"naive softmax",uniforms:Vo,bindings:{scores:Z("S",ze)}}),pv:ue({name:"naive pv",uniforms:Vo,bindings:{scores:_("S",ze),v:_("V",ze),o:Z("O",ze)}})},Gs=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function gi(t){return t==="scores"?`// naive:scores
${ct.scores.wgsl}${Gs}
@compute @workgroup_size(${Ze})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ze}u + lid;
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
${ct.softmax.wgsl}${Ee}
var<workgroup> red: array<f32, ${Je}>;
@compute @workgroup_size(${Je})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${-1e30};
  for (var j = lid; j < P.sk; j += ${Je}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${Je/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${Je}u) {
    let s = S[base + j];
    sum += select(select(0.0, exp(s - m), s > ${-1e30/2}), s, isNan(s));
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${Je/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = ${be("total")};
  for (var j = lid; j < P.sk; j += ${Je}u) {
    let s = S[base + j];
    S[base + j] = select(select(0.0, exp(s - m) * inv, s > ${-1e30/2}), s, isNan(s));
  }
}
`:`// naive:pv
${ct.pv.wgsl}${Gs}
@compute @workgroup_size(${Ze})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ze}u + lid;
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
`}function Hs(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>gi(e))))}function Ls(t,e,o,r){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:A}=e,u=n*i*a;if(u===0||c===0)return s;let f=t.limits,l=f.maxStorageBufferBindingSize;for(let[T,O]of[["q",r.q],["k",r.k],["v",r.v]])if(O.size>l)throw new RangeError(`Cannot run the naive kernel: ${T} (${O.size} bytes) exceeds maxStorageBufferBindingSize (${l} bytes); it is a small-size baseline, use the flash kernel`);let h=c*4;if(h>l)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${l} bytes)`);let d=je(Ze,f),p=Math.max(1,Math.min(u,Math.floor(l/h),Math.floor(d/c),Math.floor(d/A),f.maxComputeWorkgroupsPerDimension**2)),k=t.buffer(p*h,"naive scores");s.temps.push(k);let $=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push($);let[w,b,B]=o,M=e.qStrides,R=e.kStrides;for(let T=0;T<u;T+=p){let O=Math.min(p,u-T),G={rowBase:T,rows:O,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:M.batch,qH:M.heads,qS:M.seq,dim:A,kB:R.batch,kH:R.heads,kS:R.seq,scale:e.scale},[P,x,F]=[O*c/Ze,O,O*A/Ze].map(S=>$e(Math.ceil(S),f)),Q=(S,L,[N,y],H)=>s.dispatches.push({pipeline:S,bindGroup:t.bind(S,L,{...G,gridX:N},H,s.temps),grid:[N,y,1]});Q(w,ct.scores,P,{q:{buffer:r.q},k:{buffer:r.k},slopes:{buffer:$},scores:{buffer:k}}),Q(b,ct.softmax,x,{scores:{buffer:k}}),Q(B,ct.pv,F,{scores:{buffer:k},v:{buffer:r.v},o:{buffer:r.o}})}return s}var co=256,mi={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function _s(t){return ue({name:"rope",uniforms:mi,bindings:{x:t?Z("X","array<f32>"):_("X","array<f32>"),table:_("T","array<vec2<f32>>"),y:t?null:Z("Y","array<f32>")}})}function $i(t){let e=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
${_s(t).wgsl}
@compute @workgroup_size(${co})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${co}u + lid;
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
`}function Pt(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>$i(e))}function et(t,e,o,r,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:A}=e,u=i*a*c;if(u===0||A===0)return n;let f=ke(e.frequencies),l=f+(s?A-2*f:0),h=t.limits,d=wt(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);d.temp&&n.temps.push(d.buffer);let p=d.sides[0],k=e.layout==="bhsd"?{b:a*c*A,h:c*A,s:A}:{b:c*a*A,h:A,s:a*A},$=Math.max(1,Math.floor(je(co,h)/Math.max(1,l))),w=Se(u,$,(B,M)=>de(Be(B*A,(B+M)*A,h),h),()=>new RangeError(`Cannot rotate: one row of ${A} elements exceeds the device's maxStorageBufferBindingSize`)),b=_s(s===null);for(let[B,M]of w){let R=Be(B*A,(B+M)*A,h),T=M*l,[O,G]=$e(Math.ceil(T/co),h),P={items:T,perRow:l,rh:f,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:B,xB:k.b,xH:k.h,xS:k.s,xOff:R.base,oB:k.b,oH:k.h,oS:k.s,oOff:R.base,tab:p.tab,tabB:p.tabB,gridX:O},x=t.bind(o,b,P,{x:{buffer:r,offset:R.offset,size:R.size},table:{buffer:d.buffer},...s?{y:{buffer:s,offset:R.offset,size:R.size}}:{}},n.temps);n.dispatches.push({pipeline:o,bindGroup:x,grid:[O,G,1]})}return n}async function Ns(t,e,o){let{ctx:r,owner:s}=t;switch(e.kind){case"attention":{let{call:n,output:i}=e,a=await t.prepareAttention(n);return{recheck:()=>{for(let[c,A]of["q","k","v"].entries())K(A,n.args[c],s,o)},build:()=>a(n.q,n.k,n.v,i.buffer)}}case"rope":{let{request:n,output:i}=e,a=n.x,c=await Pt(r,n.inPlace);return{recheck:()=>void K("x",n.arg,s,o),build:()=>{let A=n.inPlace?null:i.buffer;if(a instanceof X)return et(r,n.call,c,a.buffer,A);let u=r.upload(a.data,"x");try{let f=et(r,n.call,c,u,A);return f.temps.push(u),f}catch(f){throw r.recycle(u),f}}}}case"append":{let{cache:n,plan:i,k:a,v:c,args:A}=e.call,u=n.appendParams(i,a,c),f=await io(r,u);return{recheck:()=>{K("k",A[0],s,o),K("v",A[1],s,o)},build:()=>{let{job:l,commit:h}=n.appendJobNow(i,u,f,a,c);return h(),l}}}case"decode":{let{call:n,output:i}=e,a=await yt(r,n.choice);return{recheck:()=>void K("q",n.arg,s,o),build:()=>t.decodeJob(n,a,i.buffer)}}}}function js(t,e,o,r){let s=e.map(i=>i.hold("recording")),n=Promise.all(o);return n.catch(()=>{}),(async()=>{try{let[i]=await Promise.all([n,...s.map(c=>c.ready)]);r();for(let c of s)c.check();for(let c of i)c.recheck();let a=e.map(c=>c.snapshot());try{await t.submitting("the recorded calls",()=>{let c=[];try{for(let A of i){let u=A.build();u&&c.push(u)}}catch(A){for(let u of c)t.release(u);throw A}t.submit(c)})}catch(c){for(let A of a)A();throw c}}finally{for(let i of s)i.release()}})()}var Ct=t=>t==="f16"?2:4;function wi(t){return t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null}var uo=class extends it{info;#e;cacheClass=vt;constructor(e,o){super(),this.#e=e,this.info=Object.freeze(o)}failure(){return this.#e.failure}#o(e,o,r="f32"){return new X(this,e,o,this.alive,r==="f16"?"float16":"float32",this.#t)}#t=e=>this.#e.recycle(e);#r(e,o){return o==="f16"?Wo(e):e}#s(e,o,r){return o==="f16"?so(new Uint16Array(e),r):new Float32Array(e)}#n(e,o,r,s="f32"){if(e instanceof X)return e.buffer;let n=this.#e.upload(this.#r(e.data,s),r);return o.push(n),n}elementsOf(e,o,r,s){let n=pt("precision",s.precision,this.info.f16),i=a=>a instanceof X?at(a):n;return{q:i(e),k:i(o),v:i(r),o:i(e)}}async runAttention(e){let o=this.#e,{plan:r,elements:s}=e,n=await this.#a(e);this.live(),this.checkOperands(e.args);let i=Le(r.qShape),a=i*Ct(s.o),c=o.output(a,"attention output"),A=e.q instanceof X,u=await o.submitting("the attention dispatch",()=>{let l=n(e.q,e.k,e.v,c),h=A?void 0:{source:c,bytes:a};return o.submit(l,h)}).finally(()=>{A||o.recycle(c)}).catch(l=>{throw A&&o.recycle(c),l});if(A)return this.#o(r.qShape,c,s.o);let f=this.#s(await o.read(u,a),s.o,i);return{shape:Object.freeze([...r.qShape]),data:f}}async timeAttention(e,o,r,s){let n=this.#e,i=await this.#a(e);this.live();let a=n.buffer(Le(e.plan.qShape)*Ct(e.elements.o),"attention output"),c=await n.guarded("the attention dispatch",()=>i(e.q,e.k,e.v,a));try{let A=await n.profile(c,o,r);return{seconds:A.seconds,iterations:o,source:A.source}}finally{n.release(c),a.destroy()}}#a(e){return e.kernel==="naive"?this.#c(e.plan,e.elements):this.#i(e.plan,e.elements,e.kernel==="flash2")}async#i(e,o,r){let s=this.#e,n=r?await ws(s,e,o):null;if(!n){let i=os(s,e,o),a=await rs(s,i);n=c=>ss(s,e,i,a,c)}return(i,a,c,A)=>{let u=[],f={q:this.#n(i,u,"q",o.q),k:this.#n(a,u,"k",o.k),v:this.#n(c,u,"v",o.v),o:A},l=n(f);return{dispatches:l.dispatches,temps:[...u,...l.temps]}}}async#c(e,o){let r=this.#e,s=wi(e);if(s)throw new TypeError(`Invalid kernel: the naive kernel does not take ${s}; use the flash kernel (the default)`);let n=Object.entries(o).find(([,c])=>c==="f16");if(n)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${n[0]==="o"?"output":n[0]}; use the flash kernel`);let[i,a]=await Promise.all([Hs(r),e.rope?Pt(r,!1):Promise.resolve(null)]);return(c,A,u,f)=>{let l=[],h=[],d=this.#n(c,l,"q"),p=this.#n(A,l,"k"),k=this.#n(u,l,"v");if(e.rope&&a){let w=e.rope,b=(B,M,R,T)=>{let O={layout:e.layout,batch:e.batch,heads:M,seq:R,headDim:e.headDim,frequencies:w.frequencies,pairing:w.pairing,angles:w.angles,positions:B},G=r.buffer(e.batch*M*R*e.headDim*4,"rotated");l.push(G);let P=et(r,O,a,T,G);return h.push(...P.dispatches),l.push(...P.temps),G};d=b(w.query,e.heads,e.qSeq,d),p=b(w.key,e.kvHeads,e.kSeq,p)}let $=Ls(r,e,i,{q:d,k:p,v:k,o:f});return{dispatches:[...h,...$.dispatches],temps:[...l,...$.temps]}}}async runRope(e){let o=this.#e,{x:r,call:s,inPlace:n}=e,i=r instanceof X,a=await Pt(o,n||!i);this.live(),K("x",e.arg,this);let c=Le(r.shape)*4;if(i){let l=r.buffer,h=n?null:o.output(c,"rotated");return await o.submitting("the RoPE dispatch",()=>{o.submit(et(o,s,a,l,h))}).catch(d=>{throw h&&o.recycle(h),d}),h?this.#o(r.shape,h):r}let A=r,u=await o.submitting("the RoPE dispatch",()=>{let l=o.upload(A.data,"x"),h=et(o,s,a,l,null);return h.temps.push(l),o.submit(h,{source:l,bytes:c})}),f=new Float32Array(await o.read(u,c));return n?(A.data.set(f),A):{shape:Object.freeze([...A.shape]),data:f}}store(e,o){let r=this.#e.upload(this.#r(e.data,o),"tensor");return this.#o(e.shape,r,o)}async read(e){let o=this.#e,r=Le(e.shape),s=r*e.elementBytes,n=await o.guarded("the download",()=>o.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),i=this.#s(await o.read(n,s),at(e),r);return{shape:Object.freeze([...e.shape]),data:i}}idle(){return this.#e.idle()}async makeCache(e,o){return await vt.create(this.#e,this,this.alive,e,o)}prepareDecode(e){let o=at(e.q),r={q:o,kv:e.cache.precision,o},s=Qs(this.#e,e.plan,r,e.cache.window);return{...e,elements:r,choice:s}}async runDecode(e){let o=this.#e,{plan:r,elements:s}=e,n=Le(r.qShape),i=n*Ct(s.o),a=e.q instanceof X,{output:c,target:A}=await e.cache.schedule("decode",()=>yt(o,e.choice),async f=>{this.live(),K("q",e.arg,this);let l=o.output(i,"decode output"),h=await o.submitting("the decode dispatch",()=>{let{job:d}=this.#u(e,f,l),p=a?void 0:{source:l,bytes:i};return o.submit(d,p)}).finally(()=>{a||o.recycle(l)}).catch(d=>{throw a&&o.recycle(l),d});return{output:l,target:h}});if(a)return this.#o(r.qShape,c,s.o);let u=this.#s(await o.read(A,i),s.o,n);return{shape:Object.freeze([...r.qShape]),data:u}}#u(e,o,r){let s=this.#e,{cache:n,plan:i,choice:a}=e,c=Nt(i,n.length,n.ropeState,n.window),A=[],u=this.#n(e.q,A,"q");try{let f=this.info.decodeWorkgroups??1,l={q:u,o:r},h=n.view(),d=Ss(s,i,a,o,h,f,l,c);return d.job.temps.push(...A),d}catch(f){for(let l of A)s.recycle(l);throw f}}async timeDecode(e,o,r){let s=this.#e,n=Le(e.plan.qShape)*Ct(e.elements.o),{job:i,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>yt(s,e.choice),async A=>{this.live(),K("q",e.arg,this);let u=s.buffer(n,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#u(e,A,u)),output:u}}catch(f){throw u.destroy(),f}});try{let A=await s.profile(i,o,r);return{seconds:A.seconds,iterations:o,source:A.source,splits:a,kernel:e.choice.kernel}}finally{s.release(i),c.destroy()}}recordedOutput(e,o,r){let s=Le(e)*Ct(o);return this.#o(e,this.#e.output(s,"recorded output"),o).awaitRecording(r)}decodeElement(e){return e.elements.o}runRecording(e,o){let r=new Set;for(let i of e)(i.kind==="append"||i.kind==="decode")&&r.add(i.call.cache);let s={ctx:this.#e,owner:this,prepareAttention:i=>this.#a(i),decodeJob:(i,a,c)=>this.#u(i,a,c).job},n=e.map(i=>Ns(s,i,o));return js(this.#e,[...r],n,()=>this.live())}destroy(){this.#e.failure||(this.#e.fail(gt),this.#e.ownsDevice?this.#e.device.destroy():this.#e.dispose())}};var ki="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",Ei="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",bi='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',Ii=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],Bi='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function yi(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function vi(t,e){let o=t.limits,r=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(ae(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${V(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:r("maxStorageBufferBindingSize",o.maxStorageBufferBindingSize,256,4),maxBufferSize:o.maxBufferSize,maxComputeWorkgroupStorageSize:r("maxComputeWorkgroupStorageSize",o.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(o.maxComputeInvocationsPerWorkgroup,o.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:r("maxComputeWorkgroupsPerDimension",o.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:o.minStorageBufferOffsetAlignment}}var Pi=8;function Ci(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,Pi):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${V(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${V(t)}`);return t}async function _A(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${V(t)}`);he("options",t,{allowed:ur});let e=ne("fallback",t.fallback??"none",{allowed:["none","cpu"]}),o=t.limits??{};if(o===null||typeof o!="object")throw new TypeError(`Invalid limits: expected an object, got ${V(o)}`);he("limits",o,{allowed:Ar});let r=t.decodeWorkgroups===void 0?void 0:ae("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:Ci(t.threads),n=t.device,i=!1,a;if(!n){let d=t.adapter,p=Ei;if(!d){let w=globalThis.navigator?.gpu;w?d=await w.requestAdapter():p=ki}if(!d){if(e==="cpu")return new to(p,s);throw new Error(`${p}. ${bi}.`)}let k={};for(let w of Ii)k[w]=d.limits[w];let $=[];d.features.has("timestamp-query")&&$.push("timestamp-query"),d.features.has("shader-f16")&&$.push("shader-f16");try{n=await d.requestDevice({requiredLimits:k,requiredFeatures:$})}catch(w){throw new Error(`Requesting a WebGPU device failed: ${w instanceof Error?w.message:String(w)}`,{cause:w})}i=!0,a=d.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,A=r??yi(c),u;try{u=vi(n,o)}catch(d){throw i&&n.destroy(),d}let f=n.features.has("shader-f16")?await Rs(n):{available:!1,detail:Bi},l=new Ht(n,i,u,f.available),h=[];return l.timestamps&&h.push("timestamp-query"),f.available&&h.push("shader-f16"),new uo(l,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:h,f16:Object.freeze({...f}),decodeWorkgroups:A,tier:l.tier,limits:l.limits,fallbackReason:null,threads:null})}export{ca as attentionCpu,Vi as attentionReference,_A as createGpuAttention};
