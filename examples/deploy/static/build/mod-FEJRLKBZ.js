import{d as z,h as se,i as be,j as oe,k as ne,l as ue,m as je,o as Xo,t as Jo,u as fo}from"./chunk-4BPW6ZBF.js";var ho=Object.freeze({layout:!0,causal:!0,scale:!0,rope:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0}),Zo=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,positions:!0,queryPositions:!0,offset:!0,angles:!0}),er=Object.freeze({batch:!0,kvHeads:!0,headDim:!0,maxLength:!0,window:!0,precision:!0}),tr=Object.freeze({layout:!0,rope:!0}),or=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,angles:!0,positions:!0}),rr=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,angles:!0}),Xe=Object.freeze({layout:!0,scale:!0,rope:!0,queryPositions:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0,splits:!0,kernel:!0}),Pt=Object.freeze({...ho,precision:!0,kernel:!0}),sr=Object.freeze({...Pt,iterations:!0,warmup:!0}),nr=Object.freeze({...Xe,iterations:!0,warmup:!0}),ir=Object.freeze({precision:!0}),ar=Object.freeze({layout:!0,pairing:!0,rotaryDim:!0,positions:!0,offset:!0,inPlace:!0,angles:!0}),cr=Object.freeze({device:!0,adapter:!0,fallback:!0,limits:!0,decodeWorkgroups:!0,threads:!0}),ur=Object.freeze({maxStorageBufferBindingSize:!0,maxComputeWorkgroupStorageSize:!0,maxComputeWorkgroupsPerDimension:!0});var Ct=-1e30;function Ar(t,e,o,r){let s=e;if(s===null||typeof s!="object"||typeof s.length!="number")throw new TypeError(`Invalid ${t}: expected an array of ${o} ${r}, got ${z(e)}`);if(s.length!==o)throw new RangeError(`Invalid ${t}: expected ${o} ${r}, got ${s.length}`);return s}function xt(t,e){if(t===void 0)return null;let o=Ar("sinks",t,e,"logits (one per query head)"),r=new Float64Array(e);for(let s=0;s<e;s++)r[s]=be(`sinks[${s}]`,o[s]);return r}function Qt(t){return t===void 0?null:be("softcap",t,{min:0,exclusiveMin:!0})}function Je(t,e="slidingWindow"){return t===void 0?null:se(e,t,{min:1})}function St(t,e,o){if(t===void 0)return null;let r=Ar("leftPadding",t,e,"integers (one per batch row)"),s=new Uint32Array(e);for(let n=0;n<e;n++)s[n]=se(`leftPadding[${n}]`,r[n],{min:0,max:o});return s}function nt(t,e){if(t===void 0)return null;let o=ne("bias",t),{batch:r,heads:s,qSeq:n}=e,i=o.shape,a=e.kSeq??i[3],c=`[${r===1?1:`1 or ${r}`}, ${s===1?1:`1 or ${s}`}, ${n}, ${e.kSeq??"keys"}] ([batch, heads, queries, keys] whatever the layout; dims of 1 broadcast)`;if(i.length!==4||i[0]!==1&&i[0]!==r||i[1]!==1&&i[1]!==s||i[2]!==n||i[3]!==a)throw new RangeError(`Invalid bias: expected shape ${c}, got ${z(i)}`);let u=i[3],A=u,f=i[1]===1?0:n*u,l=i[0]===1?0:i[1]*n*u;return{data:o.data,shape:[...i],batchStride:l,headStride:f,rowStride:A}}function po(t,e){let o=e;if(o===null||typeof o!="object"||!(o.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${z(o)}`);let r=o.invFreq;if(r.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<r.length;s++)be(`${t}.invFreq[${s}]`,r[s],{min:0});return be(`${t}.attentionFactor`,o.attentionFactor,{min:0,exclusiveMin:!0}),o}function re(t){return!("invFreq"in t)}function me(t){return re(t)?t.cos.shape[1]:t.invFreq.length}function xe(t,e="the "){return re(t)?`2 x the cache's ${me(t)} columns`:`2 x ${e}${me(t)} frequencies`}var lr=new WeakMap;function hr(t,e){let o=lr.get(e);if(o!==void 0)return o;let r=ne(`${t}.cos`,e.cos,{rank:2}),s=ne(`${t}.sin`,e.sin,{rank:2}),[n,i]=r.shape;if(s.shape[0]!==n||s.shape[1]!==i)throw new RangeError(`Invalid ${t}: expected cos and sin of the same shape, got [${r.shape.join(", ")}] and [${s.shape.join(", ")}]`);if(i<1)throw new RangeError(`Invalid ${t}.cos: expected at least 1 column, got shape [${n}, 0]`);for(let[u,A]of[["cos",r.data],["sin",s.data]])for(let f=0;f<A.length;f++)if(!Number.isFinite(A[f]))throw new RangeError(`Invalid ${t}.${u}: expected finite values, got ${z(A[f])} at row ${Math.floor(f/i)}`);let a,c=e.positions;if(c===void 0)a={rows:n,rowOf:u=>u<n?u:-1,describe:`${n} rows`};else{if(c.length!==n)throw new RangeError(`Invalid ${t}.positions: expected ${n} entries (one per row of cos), got ${c.length}`);let u=new Map;for(let A=n-1;A>=0;A--)u.set(c[A],A);a={rows:n,rowOf:A=>u.get(A)??-1,describe:`${n} listed positions`}}return lr.set(e,a),a}function Dt(t,e){let o=e.frequencies!==void 0,r=e.cache!==void 0;if(o===r)throw new TypeError(`Invalid ${t}: expected exactly one of frequencies and cache, got ${o?"both":"neither"}`);return o?po(`${t}.frequencies`,e.frequencies):dr(`${t}.cache`,e.cache,e.angles,`${t}.angles`)}function dr(t,e,o,r){if(e===null||typeof e!="object"||!("cos"in e)||!("sin"in e))throw new TypeError(`Invalid ${t}: expected a RopeCache ({ cos, sin } tensors of shape [rows, rotaryDim / 2]), got ${z(e)}`);if(o!==void 0)throw new TypeError(`Invalid ${r}: a RopeCache fixes its angles when built; omit angles with a cache, got ${z(o)}`);return hr(t,e),e}function pr(t,e,o){return e!==null&&typeof e=="object"&&"cos"in e&&!("invFreq"in e)?dr(t,e,o,"angles"):po(t,e)}function it(t,e,o){let r=hr(t,e),s=r.rowOf(o);if(s<0)throw new RangeError(`Invalid ${t}: position ${o} is past the RopeCache (it has ${r.describe}); build the cache for every token`);return s}function Ie(t,e,o,r){if(o.kind==="range"){if(r>0&&(it(t,e,o.start),it(t,e,o.start+r-1),e.positions!==void 0))for(let s=1;s<r-1;s++)it(t,e,o.start+s);return}for(let s of o.list)it(t,e,s)}function gr(t,e){let o=t.cos.shape[1],r=t.cos.data,s=t.sin.data,n=new Float32Array(Math.max(1,e.length)*o*2);for(let i=0;i<e.length;i++){let a=it("rope.cache",t,e[i]);for(let c=0;c<o;c++)n[2*(i*o+c)]=r[a*o+c],n[2*(i*o+c)+1]=s[a*o+c]}return n}var fr=new WeakMap,sn=1;function mr(t,e){let o=fr.get(e);return o===void 0&&(o=sn++,fr.set(e,o)),`${t}|cache#${o}`}var Se=2**24;function Qe(t,e,o){return Xo(e,o,{name:t})}function Ye(t,e,o,r,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${z(e)}`);if(e.length!==o&&e.length!==r*o)throw new RangeError(`Invalid ${t}: expected ${o} positions (one per token) or ${r*o} (batch x tokens), got ${e.length}`);let n=s?Se:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=se(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==o}}function nn(t,e,o,r,s){let n=e?s:1,i=new Float64Array(n*r);for(let a=0;a<n;a++)i.set(t.subarray(a*o+o-r,a*o+o),a*r);return{kind:"list",list:i,perBatch:e}}function at(t){return re(t)?t.angles??"float32":"float32"}function an(t,e,o,r,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${z(t)}`);ue("rope",t,{allowed:Zo});let n=Dt("rope",t),a=2*me(n);if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (${xe(n)}), got ${z(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.${re(n)?"cache":"frequencies"}: rotary dim ${a} (${xe(n,"")}) exceeds the head dim ${e}`);let c=oe("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),u=oe("rope.angles",t.angles??at(n),{allowed:["float32","float64"]}),A=u==="float32",f=A?Se:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let l,h;if(t.queryPositions!==void 0&&(h=Ye("rope.queryPositions",t.queryPositions,r,o,A)),t.positions!==void 0){let d=Ye("rope.positions",t.positions,s,o,A);if(l=d,!h){if(r>s)throw new RangeError(`Invalid rope.positions: q has ${r} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);h=nn(d.list,d.perBatch,s,r,o)}}else{let d=se("rope.offset",t.offset??0,{min:0});if(d+Math.max(s,1)-1>f)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${d+s-1}, above ${f} (the largest position with angles "${u}")`);if(l={kind:"range",start:d},!h){let p=d+s-r;if(p<0)throw new RangeError(`Invalid rope.offset: q has ${r} tokens and k ${s}, so bottom-right aligned queries would start at position ${p}; pass rope.offset >= ${r-s} or rope.queryPositions`);h={kind:"range",start:p}}}if(re(n)){let d=t.positions!==void 0?"rope.positions":"rope.offset";Ie(d,n,l,s);let p=t.queryPositions!==void 0?"rope.queryPositions":d;Ie(p,n,h,r)}return{frequencies:n,pairing:c,rotaryDim:a,angles:u,query:h,key:l}}function go(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${z(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let o=new Float32Array(t.length);for(let r=0;r<t.length;r++)o[r]=be(`alibiSlopes[${r}]`,t[r]);return o}function Oe(t,e,o,r,s=ho){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${z(r)}`);ue("options",r,{allowed:s});let n=oe("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),i=Qe("q",t,n),a=Qe("k",e,n),c=Qe("v",o,n);if(i.heads<1||i.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${z(t.shape)}`);if(a.batch!==i.batch)throw new RangeError(`Invalid k: expected batch ${i.batch} (as q), got ${a.batch}`);if(c.batch!==i.batch)throw new RangeError(`Invalid v: expected batch ${i.batch} (as q), got ${c.batch}`);if(a.headDim!==i.headDim)throw new RangeError(`Invalid k: expected head dim ${i.headDim} (as q), got ${a.headDim}`);if(c.headDim!==i.headDim)throw new RangeError(`Invalid v: expected head dim ${i.headDim} (as q), got ${c.headDim}`);if(c.seq!==a.seq)throw new RangeError(`Invalid v: expected ${a.seq} tokens (as k), got ${c.seq}`);if(c.heads!==a.heads)throw new RangeError(`Invalid v: expected ${a.heads} heads (as k), got ${c.heads}`);if(a.heads<1||i.heads%a.heads!==0)throw new RangeError(`Invalid k: q has ${i.heads} heads, which is not a multiple of k's ${a.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let u=je("causal",r.causal??!1),A=r.scale===void 0?1/Math.sqrt(i.headDim):be("scale",r.scale),f=go(r.alibiSlopes,i.heads),l=Je(r.slidingWindow);if(l!==null&&!u)throw new TypeError("Invalid slidingWindow: a sliding window needs causal: true (it hides the keys before the window; causal hides those after the query)");let h=xt(r.sinks,i.heads),d=Qt(r.softcap),p=St(r.leftPadding,i.batch,a.seq),w=nt(r.bias,{batch:i.batch,heads:i.heads,qSeq:i.seq,kSeq:a.seq}),$=r.rope===void 0?null:an(r.rope,i.headDim,i.batch,i.seq,a.seq);return{layout:n,batch:i.batch,heads:i.heads,kvHeads:a.heads,group:i.heads/a.heads,qSeq:i.seq,kSeq:a.seq,headDim:i.headDim,qShape:[...t.shape],qStrides:i.strides,kStrides:a.strides,causal:u,scale:A,rope:$,alibi:f,window:l,sinks:h,softcap:d,leftPadding:p,bias:w}}function $r(t,e,o,r,s,n){let i=n==="float32";if(e!==void 0&&o!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return Ye(`${t}positions`,e,r,s,i);let a=se(`${t}offset`,o??0,{min:0}),c=i?Se:Number.MAX_SAFE_INTEGER;if(a+Math.max(r,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+r-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function qt(t,e,o){let r=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=Jo(t,r,{angles:o}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function fe(t,e,o){let{layout:r,pairing:s,positions:n}=o,i=re(e)?{layout:r,pairing:s}:{layout:r,pairing:s,angles:o.angles};return n.kind==="range"?fo(t,e,{...i,offset:n.start}):fo(t,e,{...i,positions:n.list})}function cn(t,e,o){let{kSeq:r,qSeq:s,causal:n,window:i,leftPadding:a}=t,c=o+r-s,u=n?Math.min(r,Math.max(0,c+1)):r,A=a?a[e]:0;return i!==null&&(A=Math.max(A,c-i+1)),[Math.min(A,u),u]}function wr(t,e,o,r){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:u,scale:A,alibi:f,sinks:l,softcap:h,bias:d}=t,p=e,w=o;if(t.rope){let{frequencies:T,pairing:C,angles:x}=t.rope;p=fe(e,T,{layout:t.layout,pairing:C,angles:x,positions:t.rope.query}),w=fe(o,T,{layout:t.layout,pairing:C,angles:x,positions:t.rope.key})}let $=t.qStrides,k=t.kStrides,b=new Float32Array(e.data.length),B=new Float64Array(c),M=new Float64Array(u),R=p.data,q=w.data,F=r.data;for(let T=0;T<s;T++)for(let C=0;C<n;C++){let x=Math.floor(C/i),G=f?f[C]:0;for(let O=0;O<a;O++){let D=O+c-a,[j,_]=cn(t,T,O),P=T*$.batch+C*$.heads+O*$.seq,H=d?T*d.batchStride+C*d.headStride+O*d.rowStride:0,I=l?l[C]:-1/0,E=0;for(let v=j;v<_;v++){let K=T*k.batch+x*k.heads+v*k.seq,X=0;for(let S=0;S<u;S++)X+=R[P+S]*q[K+S];let m=A*X;if(h!==null&&(m=h*Math.tanh(m/h)),m-=G*Math.abs(D-v),d){let S=d.data[H+v];if(S<=Ct){B[v]=-1/0;continue}m+=S}B[v]=m,E++,m>I&&(I=m)}if(E===0)continue;M.fill(0);let Q=l?Math.exp(l[C]-I):0;for(let v=j;v<_;v++){if(B[v]===-1/0)continue;let K=Math.exp(B[v]-I);Q+=K;let X=T*k.batch+x*k.heads+v*k.seq;for(let m=0;m<u;m++)M[m]=M[m]+K*F[X+m]}for(let v=0;v<u;v++)b[P+v]=M[v]/Q}}return{shape:Object.freeze([...e.shape]),data:b}}function Ji(t,e,o,r={}){ne("q",t),ne("k",e),ne("v",o);let s=Oe(t,e,o,r);return wr(s,t,e,o)}var kr=["AGFzbQEAAAABZwlgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwBgBH9/f38AYAV/f39/fQADDQwAAQEAAgMEBQUGBwgFAwEAAQc7BQZtZW1vcnkC","AAhleHAyUm93cwAACmF0dGVuZEhlYWQACQpwYWNrUGFuZWxzAAoJcGFja1RpbGVzAAsKhCwMhAQCAn8Se/0MAAD8wgAA/MIA","APzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/","w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w","/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUg","ACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3k","ASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsgCiAU/YUCIQsgCyAKIBX9hQIhCyALIAogFv2FAiEL","IAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAg","BkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwveAgEE","eyAA/QwAAPzCAAD8wgAA/MIAAPzC/UMhASAA/QwAAPzCAAD8wgAA/MIAAPzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3k","ASECIAAgAv0MAABASwAAQEsAAEBLAABAS/3lAf3lASED/Qz+5X83/uV/N/7lfzf+5X83IAP9DImEITmJhCE5iYQhOYmEITn9","hQIhBCAEIAP9DP/Drjr/w646/8OuOv/Drjr9hQIhBCAEIAP9DFuVHTxblR08W5UdPFuVHTz9hQIhBCAEIAP9DEdYYz1HWGM9","R1hjPUdYYz39hQIhBCAEIAP9DPD9dT7w/XU+8P11PvD9dT79hQIhBCAEIAP9DBhyMT8YcjE/GHIxPxhyMT/9hQIhBCAEIAP9","DAAAgD8AAIA/AACAPwAAgD/9hQIhBCAEIAL9DH8AwLR/AMC0fwDAtH8AwLT9rgFBF/2rAf3mASAB/U8LvQIBBHsgAP3gASEB","IAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL9DBs3EbwbNxG8GzcRvBs3Ebz9hQIhAyADIAL9DKQnszykJ7M8pCezPKQn","szz9hQIhAyADIAL9DNENXb3RDV290Q1dvdENXb39hQIhAyADIAL9DImICD6JiAg+iYgIPomICD79hQIhAyADIAL9DKuqqr6r","qqq+q6qqvquqqr79hQIhAyABIAL95gEgAyAB/YUCIQMgAf0MO6o4wDuqOMA7qjjAO6o4wP3mARABIQT9DAAAgD8AAIA/AACA","PwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAEIAH9DM3MzD7NzMw+zczMPs3MzD79Q/1SIAD9DAAA","AIAAAACAAAAAgAAAAID9Tv1QC84FAgN/DHsgACADQQR0aiEFIAIgBEECdGohBwNA/QwAAAAAAAAAAAAAAAAAAAAAIQj9DAAA","AAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAA","AAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAAAAAAAAAAAAAhDyAAIQYDQCAB","/QAEACEQIAH9AAQQIREgBv0ABAAhEyATIBP9DQABAgMAAQIDAAECAwABAgMhEiASIBAgCP2FAiEIIBIgESAJ/YUCIQkgEyAT","/Q0EBQYHBAUGBwQFBgcEBQYHIRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIBMgE/0NCAkKCwgJCgsICQoLCAkKCyESIBIgECAM","/YUCIQwgEiARIA39hQIhDSATIBP9DQwNDg8MDQ4PDA0ODwwNDg8hEiASIBAgDv2FAiEOIBIgESAP/YUCIQ8gAf0ABCAhECAB","/QAEMCERIAb9AAQQIRMgEyAT/Q0AAQIDAAECAwABAgMAAQIDIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIBMgE/0NBAUGBwQF","BgcEBQYHBAUGByESIBIgECAK/YUCIQogEiARIAv9hQIhCyATIBP9DQgJCgsICQoLCAkKCwgJCgshEiASIBAgDP2FAiEMIBIg","ESAN/YUCIQ0gEyAT/Q0MDQ4PDA0ODwwNDg8MDQ4PIRIgEiAQIA79hQIhDiASIBEgD/2FAiEPIAZBIGohBiABQcAAaiEBIAYg","BUkNAAsgAiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIgDP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0L","BJAGIAJBIGohAiACIAdJDQALC74EBgJ/BnsDfQJ7AX8BeyAAIAJBAnRqIQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV","/RMhFwNAIAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJDQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEA","AAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQIAX9EyERA0AgCyAQIBEgDf36Af3lAf3gASAL/QAE","AP2FAv0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsgCiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQ","aiEYIAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAA","BAAAAAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q","/VL9CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8AAID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiAL","QRBqIQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0fA5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgC","ACABIBQgE5M4AgAgASAVOAIQC5MJAgh/E3sgA0ECdCEGIAX9CQIAIR0gBf0JAgQhHiAF/QkCCCEfIAX9CQIMISAgACAEQQJ0","aiEJQQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIB0gAiAHav0ABAD95gEhDiAdIAIgB2r9AAQQ/eYBIQ8gHiAL/QAE","AP3mASEQIB4gC/0ABBD95gEhESAfIAz9AAQA/eYBIRIgHyAM/QAEEP3mASETICAgDf0ABAD95gEhFCAgIA39AAQQ/eYBIRUg","ACEIIAEgB2ohCgNAIAj9AAQAIRkgCP0ABIACIRogCP0ABIAEIRsgCP0ABIAGIRwgCv0ABAAhFiAK/QAEECEXIBkgGf0NAAEC","AwABAgMAAQIDAAECAyEYIBggFiAO/YUCIQ4gGCAXIA/9hQIhDyAaIBr9DQABAgMAAQIDAAECAwABAgMhGCAYIBYgEP2FAiEQ","IBggFyAR/YUCIREgGyAb/Q0AAQIDAAECAwABAgMAAQIDIRggGCAWIBL9hQIhEiAYIBcgE/2FAiETIBwgHP0NAAECAwABAgMA","AQIDAAECAyEYIBggFiAU/YUCIRQgGCAXIBX9hQIhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIBkgGf0NBAUGBwQFBgcEBQYH","BAUGByEYIBggFiAO/YUCIQ4gGCAXIA/9hQIhDyAaIBr9DQQFBgcEBQYHBAUGBwQFBgchGCAYIBYgEP2FAiEQIBggFyAR/YUC","IREgGyAb/Q0EBQYHBAUGBwQFBgcEBQYHIRggGCAWIBL9hQIhEiAYIBcgE/2FAiETIBwgHP0NBAUGBwQFBgcEBQYHBAUGByEY","IBggFiAU/YUCIRQgGCAXIBX9hQIhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIBkgGf0NCAkKCwgJCgsICQoLCAkKCyEYIBgg","FiAO/YUCIQ4gGCAXIA/9hQIhDyAaIBr9DQgJCgsICQoLCAkKCwgJCgshGCAYIBYgEP2FAiEQIBggFyAR/YUCIREgGyAb/Q0I","CQoLCAkKCwgJCgsICQoLIRggGCAWIBL9hQIhEiAYIBcgE/2FAiETIBwgHP0NCAkKCwgJCgsICQoLCAkKCyEYIBggFiAU/YUC","IRQgGCAXIBX9hQIhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIBkgGf0NDA0ODwwNDg8MDQ4PDA0ODyEYIBggFiAO/YUCIQ4g","GCAXIA/9hQIhDyAaIBr9DQwNDg8MDQ4PDA0ODwwNDg8hGCAYIBYgEP2FAiEQIBggFyAR/YUCIREgGyAb/Q0MDQ4PDA0ODwwN","Dg8MDQ4PIRggGCAWIBL9hQIhEiAYIBcgE/2FAiETIBwgHP0NDA0ODwwNDg8MDQ4PDA0ODyEYIBggFiAU/YUCIRQgGCAXIBX9","hQIhFSAKIAZqIQogCEEQaiEIIAggCUkNAAsgAiAHaiAO/QsEACACIAdqIA/9CwQQIAsgEP0LBAAgCyAR/QsEECAMIBL9CwQA","IAwgE/0LBBAgDSAU/QsEACANIBX9CwQQIAdBIGohByAHIAZJDQALC64CAQZ/IAZBAnQhFCAAIAEgCCAUbGogBCAGIAcQA0EA","IRUDQCAJIBVqIA5qIRcgCyEWIAwEQCAXQQFqIRYgFiALSgRAIAshFgsLIBAhGCAPBEAgGCAXIA9rQQFqIBggFyAPa0EBakob","IRgLQQAhGSASQQBHIAkgFWogCkhxBEAgEiAJIBVqIBNsaiAIQQJ0aiEZCyAEIBVBCHRqIAUgFUECdGogByAIIBYgF7IgDSAE","QYAIaiAVQQJ0aiAYIBEgGRAEIBVBAWohFSAVQQRJDQALIAQgB0ECdEEEIARBgAhqIARBkAhqEAAgBUEQQQEgBEGgCGogBEGk","CGoQACAFIAX9AAQgIAX9AAQA/eYBIAT9AASQCP3kAf0LBCAgBCACIAggFGxqIAMgBiAHIAUQBQshAQF/IANFBEAgAg8LIABB","BGogAWohBCACIAQgBCACShsLMAEBfyADIQQgAgRAIAQgACABaiACa0EBaiAEIAAgAWogAmtBAWpKGyEECyAEQXhxC54EBQt/","AX0BewV/AXsgBUECdCERIBFBAnQhEiAEQcAIaiEbIARDAAAAADgCoAhDAACAP0MAAAAAIA5DAACA/1wb/RMhI0EAIRMCQANA","IBMgBk4NASAGIBNrQQNqQQJ2IRQgFEEQSwRAQRAhFAsgAyATIBFsakEAIBQgEmz8CwBBACEVA0AgGyAVQTBsaiAO/RP9CwQQ","IBsgFUEwbGogI/0LBCAgFUEBaiEVIBUgFEkNAAsgEyAUQQFrQQJ0aiAKIAcgCBAHIRcgEyAKIAsgDBAIIRkCQANAIBkgF04N","AUEAIRUDQCATIBVBAnRqIRYgFiAKIAcgCBAHIRggFiAKIAsgDBAIISAgGSAgIBkgIEobISEgGUHAAGohIiAYICJIBEAgGCEi","CyAhICJIBEAgIiAha0EHakF4cSEaIAAgFiARbGogASACIAMgFiARbGogBCAbIBVBMGxqIAUgGiAhIBYgBiAHIAggCSAKIAsg","DCANIA8gEBAGCyAVQQFqIRUgFSAUSQ0ACyAZQcAAaiEZDAALC0EAIRUDQCAbIBVBAnZBMGwgFUEDcUECdGpqKgIgIRxDAACA","PyAclUMAAAAAIBxDAAAAAF4b/RMhHSADIBMgFWogEWxqIR4gHiARaiEfA0AgHiAe/QAEACAd/eYB/QsEACAeQRBqIR4gHiAf","SQ0ACyAVQQFqIRUgFSAUQQJ0SQ0ACyATQcAAaiETDAALCwuIBQIFfxR7IANBAnQhBCAAIQUgACACIARsaiEGAkADQCAFIAZP","DQEgBSEHIAUgBGohCANAIAcgBEEAbGr9AAQAIQkgByAEQQFsav0ABAAhCiAHIARBAmxq/QAEACELIAcgBEEDbGr9AAQAIQwg","ByAEQQRsav0ABAAhDSAHIARBBWxq/QAEACEOIAcgBEEGbGr9AAQAIQ8gByAEQQdsav0ABAAhECAJIAr9DQABAgMQERITBAUG","BxQVFhchESAJIAr9DQgJCgsYGRobDA0ODxwdHh8hEiALIAz9DQABAgMQERITBAUGBxQVFhchEyALIAz9DQgJCgsYGRobDA0O","DxwdHh8hFCARIBP9DQABAgMEBQYHEBESExQVFhchFSARIBP9DQgJCgsMDQ4PGBkaGxwdHh8hFiASIBT9DQABAgMEBQYHEBES","ExQVFhchFyASIBT9DQgJCgsMDQ4PGBkaGxwdHh8hGCANIA79DQABAgMQERITBAUGBxQVFhchESANIA79DQgJCgsYGRobDA0O","DxwdHh8hEiAPIBD9DQABAgMQERITBAUGBxQVFhchEyAPIBD9DQgJCgsYGRobDA0ODxwdHh8hFCARIBP9DQABAgMEBQYHEBES","ExQVFhchGSARIBP9DQgJCgsMDQ4PGBkaGxwdHh8hGiASIBT9DQABAgMEBQYHEBESExQVFhchGyASIBT9DQgJCgsMDQ4PGBka","GxwdHh8hHCABIBX9CwQAIAEgGf0LBBAgASAW/QsEICABIBr9CwQwIAEgF/0LBEAgASAb/QsEUCABIBj9CwRgIAEgHP0LBHAg","AUGAAWohASAHQRBqIQcgByAISQ0ACyAFIARBA3RqIQUMAAsLC4oDAgV/DXsgBP0TIQogA0ECdCEFIAAhBiAAIAIgBWxqIQcC","QANAIAYgB08NASAGIQggBiAFaiEJA0AgCiAIIAVBAGxq/QAEAP3mASELIAogCCAFQQFsav0ABAD95gEhDCAKIAggBUECbGr9","AAQA/eYBIQ0gCiAIIAVBA2xq/QAEAP3mASEOIAsgDP0NAAECAxAREhMEBQYHFBUWFyEPIAsgDP0NCAkKCxgZGhsMDQ4PHB0e","HyEQIA0gDv0NAAECAxAREhMEBQYHFBUWFyERIA0gDv0NCAkKCxgZGhsMDQ4PHB0eHyESIA8gEf0NAAECAwQFBgcQERITFBUW","FyETIA8gEf0NCAkKCwwNDg8YGRobHB0eHyEUIBAgEv0NAAECAwQFBgcQERITFBUWFyEVIBAgEv0NCAkKCwwNDg8YGRobHB0e","HyEWIAEgE/0LBAAgASAU/QsEECABIBX9CwQgIAEgFv0LBDAgAUHAAGohASAIQRBqIQggCCAJSQ0ACyAGIAVBAnRqIQYMAAsL","Cw=="].join(""),Er=["AGFzbQEAAAABZwlgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwBgBH9/f38AYAV/f39/fQADDQwAAQEAAgMEBQUGBwgFAwEAAQc7BQZtZW1vcnkC","AAhleHAyUm93cwAACmF0dGVuZEhlYWQACQpwYWNrUGFuZWxzAAoJcGFja1RpbGVzAAsK0y0MmQQCAn8Se/0MAAD8wgAA/MIA","APzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/","w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hjPUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w","/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACAPyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUg","ACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQAIA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3k","ASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3kASELIAsgCv3mASAU/eQBIQsgCyAK/eYBIBX95AEh","CyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEhCyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0L","BAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARB","BGohBCACQQFrIQIgAg0ACwvzAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC/UMhASAA/QwAAPzCAAD8wgAA/MIAAPzC/esBIQAg","AP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBLAABAS/3lAf3lASED/Qz+5X83/uV/N/7lfzf+5X83","IAP95gH9DImEITmJhCE5iYQhOYmEITn95AEhBCAEIAP95gH9DP/Drjr/w646/8OuOv/Drjr95AEhBCAEIAP95gH9DFuVHTxb","lR08W5UdPFuVHTz95AEhBCAEIAP95gH9DEdYYz1HWGM9R1hjPUdYYz395AEhBCAEIAP95gH9DPD9dT7w/XU+8P11PvD9dT79","5AEhBCAEIAP95gH9DBhyMT8YcjE/GHIxPxhyMT/95AEhBCAEIAP95gH9DAAAgD8AAIA/AACAPwAAgD/95AEhBCAEIAL9DH8A","wLR/AMC0fwDAtH8AwLT9rgFBF/2rAf3mASAB/U8LzwIBBHsgAP3gASEBIAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL9","5gH9DBs3EbwbNxG8GzcRvBs3Ebz95AEhAyADIAL95gH9DKQnszykJ7M8pCezPKQnszz95AEhAyADIAL95gH9DNENXb3RDV29","0Q1dvdENXb395AEhAyADIAL95gH9DImICD6JiAg+iYgIPomICD795AEhAyADIAL95gH9DKuqqr6rqqq+q6qqvquqqr795AEh","AyABIAL95gEgA/3mASAB/eQBIQMgAf0MO6o4wDuqOMA7qjjAO6o4wP3mARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0M","AACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAEIAH9DM3MzD7NzMw+zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAA","AID9Tv1QC/4FAgN/DHsgACADQQR0aiEFIAIgBEECdGohBwNA/QwAAAAAAAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAA","AAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAA","AAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAAAAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQ","IREgBv0ABAAhEyATIBP9DQABAgMAAQIDAAECAwABAgMhEiASIBD95gEgCP3kASEIIBIgEf3mASAJ/eQBIQkgEyAT/Q0EBQYH","BAUGBwQFBgcEBQYHIRIgEiAQ/eYBIAr95AEhCiASIBH95gEgC/3kASELIBMgE/0NCAkKCwgJCgsICQoLCAkKCyESIBIgEP3m","ASAM/eQBIQwgEiAR/eYBIA395AEhDSATIBP9DQwNDg8MDQ4PDA0ODwwNDg8hEiASIBD95gEgDv3kASEOIBIgEf3mASAP/eQB","IQ8gAf0ABCAhECAB/QAEMCERIAb9AAQQIRMgEyAT/Q0AAQIDAAECAwABAgMAAQIDIRIgEiAQ/eYBIAj95AEhCCASIBH95gEg","Cf3kASEJIBMgE/0NBAUGBwQFBgcEBQYHBAUGByESIBIgEP3mASAK/eQBIQogEiAR/eYBIAv95AEhCyATIBP9DQgJCgsICQoL","CAkKCwgJCgshEiASIBD95gEgDP3kASEMIBIgEf3mASAN/eQBIQ0gEyAT/Q0MDQ4PDA0ODwwNDg8MDQ4PIRIgEiAQ/eYBIA79","5AEhDiASIBH95gEgD/3kASEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsgAiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0L","BJACIAIgDP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJBIGohAiACIAdJDQALC8EEBgJ/BnsDfQJ7AX8BeyAA","IAJBAnRqIQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNAIAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGoh","CyALIAxJDQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8g","Boz9EyEQIAX9EyERA0AgCyAQIBEgDf36Af3lAf3gAf3mASAL/QAEAP3kAf0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsL","IAoEQCAAIQsgCiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEYIAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhy","BEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8h","EiAE/REhESAI/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAA","IQv9DAAAgP8AAID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBqIQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGX","IA79HwIgDv0fA5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACABIBQgE5M4AgAgASAVOAIQC/MJAgh/E3sgA0ECdCEG","IAX9CQIAIR0gBf0JAgQhHiAF/QkCCCEfIAX9CQIMISAgACAEQQJ0aiEJQQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiEN","IB0gAiAHav0ABAD95gEhDiAdIAIgB2r9AAQQ/eYBIQ8gHiAL/QAEAP3mASEQIB4gC/0ABBD95gEhESAfIAz9AAQA/eYBIRIg","HyAM/QAEEP3mASETICAgDf0ABAD95gEhFCAgIA39AAQQ/eYBIRUgACEIIAEgB2ohCgNAIAj9AAQAIRkgCP0ABIACIRogCP0A","BIAEIRsgCP0ABIAGIRwgCv0ABAAhFiAK/QAEECEXIBkgGf0NAAECAwABAgMAAQIDAAECAyEYIBggFv3mASAO/eQBIQ4gGCAX","/eYBIA/95AEhDyAaIBr9DQABAgMAAQIDAAECAwABAgMhGCAYIBb95gEgEP3kASEQIBggF/3mASAR/eQBIREgGyAb/Q0AAQID","AAECAwABAgMAAQIDIRggGCAW/eYBIBL95AEhEiAYIBf95gEgE/3kASETIBwgHP0NAAECAwABAgMAAQIDAAECAyEYIBggFv3m","ASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIBkgGf0NBAUGBwQFBgcEBQYHBAUGByEYIBgg","Fv3mASAO/eQBIQ4gGCAX/eYBIA/95AEhDyAaIBr9DQQFBgcEBQYHBAUGBwQFBgchGCAYIBb95gEgEP3kASEQIBggF/3mASAR","/eQBIREgGyAb/Q0EBQYHBAUGBwQFBgcEBQYHIRggGCAW/eYBIBL95AEhEiAYIBf95gEgE/3kASETIBwgHP0NBAUGBwQFBgcE","BQYHBAUGByEYIBggFv3mASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIBkgGf0NCAkKCwgJ","CgsICQoLCAkKCyEYIBggFv3mASAO/eQBIQ4gGCAX/eYBIA/95AEhDyAaIBr9DQgJCgsICQoLCAkKCwgJCgshGCAYIBb95gEg","EP3kASEQIBggF/3mASAR/eQBIREgGyAb/Q0ICQoLCAkKCwgJCgsICQoLIRggGCAW/eYBIBL95AEhEiAYIBf95gEgE/3kASET","IBwgHP0NCAkKCwgJCgsICQoLCAkKCyEYIBggFv3mASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZqIQogCv0ABAAhFiAK/QAE","ECEXIBkgGf0NDA0ODwwNDg8MDQ4PDA0ODyEYIBggFv3mASAO/eQBIQ4gGCAX/eYBIA/95AEhDyAaIBr9DQwNDg8MDQ4PDA0O","DwwNDg8hGCAYIBb95gEgEP3kASEQIBggF/3mASAR/eQBIREgGyAb/Q0MDQ4PDA0ODwwNDg8MDQ4PIRggGCAW/eYBIBL95AEh","EiAYIBf95gEgE/3kASETIBwgHP0NDA0ODwwNDg8MDQ4PDA0ODyEYIBggFv3mASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZq","IQogCEEQaiEIIAggCUkNAAsgAiAHaiAO/QsEACACIAdqIA/9CwQQIAsgEP0LBAAgCyAR/QsEECAMIBL9CwQAIAwgE/0LBBAg","DSAU/QsEACANIBX9CwQQIAdBIGohByAHIAZJDQALC64CAQZ/IAZBAnQhFCAAIAEgCCAUbGogBCAGIAcQA0EAIRUDQCAJIBVq","IA5qIRcgCyEWIAwEQCAXQQFqIRYgFiALSgRAIAshFgsLIBAhGCAPBEAgGCAXIA9rQQFqIBggFyAPa0EBakobIRgLQQAhGSAS","QQBHIAkgFWogCkhxBEAgEiAJIBVqIBNsaiAIQQJ0aiEZCyAEIBVBCHRqIAUgFUECdGogByAIIBYgF7IgDSAEQYAIaiAVQQJ0","aiAYIBEgGRAEIBVBAWohFSAVQQRJDQALIAQgB0ECdEEEIARBgAhqIARBkAhqEAAgBUEQQQEgBEGgCGogBEGkCGoQACAFIAX9","AAQgIAX9AAQA/eYBIAT9AASQCP3kAf0LBCAgBCACIAggFGxqIAMgBiAHIAUQBQshAQF/IANFBEAgAg8LIABBBGogAWohBCAC","IAQgBCACShsLMAEBfyADIQQgAgRAIAQgACABaiACa0EBaiAEIAAgAWogAmtBAWpKGyEECyAEQXhxC54EBQt/AX0BewV/AXsg","BUECdCERIBFBAnQhEiAEQcAIaiEbIARDAAAAADgCoAhDAACAP0MAAAAAIA5DAACA/1wb/RMhI0EAIRMCQANAIBMgBk4NASAG","IBNrQQNqQQJ2IRQgFEEQSwRAQRAhFAsgAyATIBFsakEAIBQgEmz8CwBBACEVA0AgGyAVQTBsaiAO/RP9CwQQIBsgFUEwbGog","I/0LBCAgFUEBaiEVIBUgFEkNAAsgEyAUQQFrQQJ0aiAKIAcgCBAHIRcgEyAKIAsgDBAIIRkCQANAIBkgF04NAUEAIRUDQCAT","IBVBAnRqIRYgFiAKIAcgCBAHIRggFiAKIAsgDBAIISAgGSAgIBkgIEobISEgGUHAAGohIiAYICJIBEAgGCEiCyAhICJIBEAg","IiAha0EHakF4cSEaIAAgFiARbGogASACIAMgFiARbGogBCAbIBVBMGxqIAUgGiAhIBYgBiAHIAggCSAKIAsgDCANIA8gEBAG","CyAVQQFqIRUgFSAUSQ0ACyAZQcAAaiEZDAALC0EAIRUDQCAbIBVBAnZBMGwgFUEDcUECdGpqKgIgIRxDAACAPyAclUMAAAAA","IBxDAAAAAF4b/RMhHSADIBMgFWogEWxqIR4gHiARaiEfA0AgHiAe/QAEACAd/eYB/QsEACAeQRBqIR4gHiAfSQ0ACyAVQQFq","IRUgFSAUQQJ0SQ0ACyATQcAAaiETDAALCwuIBQIFfxR7IANBAnQhBCAAIQUgACACIARsaiEGAkADQCAFIAZPDQEgBSEHIAUg","BGohCANAIAcgBEEAbGr9AAQAIQkgByAEQQFsav0ABAAhCiAHIARBAmxq/QAEACELIAcgBEEDbGr9AAQAIQwgByAEQQRsav0A","BAAhDSAHIARBBWxq/QAEACEOIAcgBEEGbGr9AAQAIQ8gByAEQQdsav0ABAAhECAJIAr9DQABAgMQERITBAUGBxQVFhchESAJ","IAr9DQgJCgsYGRobDA0ODxwdHh8hEiALIAz9DQABAgMQERITBAUGBxQVFhchEyALIAz9DQgJCgsYGRobDA0ODxwdHh8hFCAR","IBP9DQABAgMEBQYHEBESExQVFhchFSARIBP9DQgJCgsMDQ4PGBkaGxwdHh8hFiASIBT9DQABAgMEBQYHEBESExQVFhchFyAS","IBT9DQgJCgsMDQ4PGBkaGxwdHh8hGCANIA79DQABAgMQERITBAUGBxQVFhchESANIA79DQgJCgsYGRobDA0ODxwdHh8hEiAP","IBD9DQABAgMQERITBAUGBxQVFhchEyAPIBD9DQgJCgsYGRobDA0ODxwdHh8hFCARIBP9DQABAgMEBQYHEBESExQVFhchGSAR","IBP9DQgJCgsMDQ4PGBkaGxwdHh8hGiASIBT9DQABAgMEBQYHEBESExQVFhchGyASIBT9DQgJCgsMDQ4PGBkaGxwdHh8hHCAB","IBX9CwQAIAEgGf0LBBAgASAW/QsEICABIBr9CwQwIAEgF/0LBEAgASAb/QsEUCABIBj9CwRgIAEgHP0LBHAgAUGAAWohASAH","QRBqIQcgByAISQ0ACyAFIARBA3RqIQUMAAsLC4oDAgV/DXsgBP0TIQogA0ECdCEFIAAhBiAAIAIgBWxqIQcCQANAIAYgB08N","ASAGIQggBiAFaiEJA0AgCiAIIAVBAGxq/QAEAP3mASELIAogCCAFQQFsav0ABAD95gEhDCAKIAggBUECbGr9AAQA/eYBIQ0g","CiAIIAVBA2xq/QAEAP3mASEOIAsgDP0NAAECAxAREhMEBQYHFBUWFyEPIAsgDP0NCAkKCxgZGhsMDQ4PHB0eHyEQIA0gDv0N","AAECAxAREhMEBQYHFBUWFyERIA0gDv0NCAkKCxgZGhsMDQ4PHB0eHyESIA8gEf0NAAECAwQFBgcQERITFBUWFyETIA8gEf0N","CAkKCwwNDg8YGRobHB0eHyEUIBAgEv0NAAECAwQFBgcQERITFBUWFyEVIBAgEv0NCAkKCwwNDg8YGRobHB0eHyEWIAEgE/0L","BAAgASAU/QsEECABIBX9CwQgIAEgFv0LBDAgAUHAAGohASAIQRBqIQggCCAJSQ0ACyAGIAVBAnRqIQYMAAsLCw=="].join("");var ut=512,Ke=class{name;pack;#e;#o;#t;constructor(e,o){let r=new WebAssembly.Instance(e);this.name=o,this.#e=r.exports.memory,this.#o=r.exports.attendHead,this.#t=new Float32Array(this.#e.buffer);let s=r.exports.packPanels,n=r.exports.packTiles;this.pack={panels:(i,a,c,u)=>s(4*i,4*a,c,u),tiles:(i,a,c,u,A)=>n(4*i,4*a,c,u,A)}}reserve(e){let o=e*4,r=this.#e.buffer.byteLength;if(o>r){let s=Math.ceil((o-r)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${o} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#t.buffer!==this.#e.buffer&&(this.#t=new Float32Array(this.#e.buffer)),this.#t}attendHead(e,o,r,s,n,i,a,c,u,A={}){this.#o(4*e,4*o,4*r,4*s,0,n,i,a,c?1:0,u,A.shift??a-i,A.window??0,A.pad??0,A.cap??0,A.sink??-1/0,4*(A.bias??0),4*(A.biasStride??0))}},ct=class{name="js";#e=new Float32Array(ut);#o=new Float64Array(0);#t=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}pack={panels:(e,o,r,s)=>{let n=this.#e;for(let i=0;i<r;i++){let a=o+(i>>3)*s*8+(i&7);for(let c=0;c<s;c++)n[a+8*c]=n[e+i*s+c]}},tiles:(e,o,r,s,n)=>{let i=this.#e,a=Math.fround;for(let c=0;c<r;c++){let u=o+(c>>2)*s*4+(c&3);for(let A=0;A<s;A++)i[u+4*A]=a(i[e+c*s+A]*n)}}};attendHead(e,o,r,s,n,i,a,c,u,A={}){let f=this.#e;this.#o.length<a&&(this.#o=new Float64Array(a)),this.#t.length<n&&(this.#t=new Float64Array(n));let l=this.#o,h=this.#t,d=Math.fround,p=A.shift??a-i,w=A.window??0,$=A.cap??0,k=A.sink??-1/0,b=A.bias??0;for(let B=0;B<i;B++){let M=B+p,R=c?Math.min(a,M+1):a,q=Math.max(A.pad??0,w?M-w+1:0),F=s+B*n,T=b+B*(A.biasStride??0),C=e+(B>>2)*n*4+(B&3),x=k,G=0;for(let D=q;D<R;D++){let j=o+(D>>3)*n*8+(D&7),_=0;for(let H=0;H<n;H++)_+=f[C+4*H]*f[j+8*H];let P=$===0?_:$*Math.tanh(_/$);u!==0&&(P-=d(u)*Math.abs(M-D)),b!==0&&(P+=f[T+D]),l[D]=P,P!==-1/0&&G++,P>x&&(x=P)}if(G===0){f.fill(0,F,F+n);continue}h.fill(0);let O=k===-1/0?0:Math.exp((k-x)*Math.LN2);for(let D=q;D<R;D++){if(l[D]===-1/0)continue;let j=Math.exp((l[D]-x)*Math.LN2);O+=j;let _=r+D*n;for(let P=0;P<n;P++)h[P]=h[P]+j*f[_+P]}for(let D=0;D<n;D++)f[F+D]=h[D]/O}}};function un(t){let e=atob(t),o=new Uint8Array(e.length);for(let r=0;r<e.length;r++)o[r]=e.charCodeAt(r);return o}var br;function Ir(t){if(typeof WebAssembly!="object")return null;let e=un(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function $o(){return br??={relaxed:Ir(kr),plain:Ir(Er)},br}var mo;function Br(){if(!mo){let{relaxed:t,plain:e}=$o();mo=t?new Ke(t,"relaxed-simd"):e?new Ke(e,"simd"):new ct}return mo}var At=64;function yr(t,e,o){return{shift:t.kSeq-t.qSeq,window:t.window??0,pad:t.leftPadding?t.leftPadding[e]:0,cap:t.softcap===null?0:t.softcap*Math.LOG2E,sink:t.sinks?t.sinks[o]*Math.LOG2E:-1/0}}function vr(t,e,o,r,s,n,i){let a=e.bias;if(!a){t.attendHead(s.q,s.k,s.v,s.o,n,i.count,e.kSeq,i.causal,i.slope,i.features);return}let c=e.kSeq,u=c+7&-8,A=i.features.shift??c-i.count,f=t.reserve(s.bias+At*u);for(let l=0;l<i.count;l+=At){let h=Math.min(At,i.count-l);for(let d=0;d<h;d++){let p=o*a.batchStride+r*a.headStride+(l+d)*a.rowStride,w=s.bias+d*u;for(let $=0;$<c;$++){let k=a.data[p+$];f[w+$]=k<=Ct?-1/0:k*Math.LOG2E}f.fill(0,w+c,w+u)}t.attendHead(s.q+l*n,s.k,s.v,s.o+l*n,n,h,c,i.causal,i.slope,{...i.features,shift:A+l,bias:s.bias,biasStride:u})}}var Pr=new WeakMap;function Cr(t,e){Pr.set(t,e)}function De(t,e,o,r,s=Br(),n){let{batch:i,group:a,kvHeads:c,qSeq:u,kSeq:A,headDim:f,causal:l,scale:h,alibi:d}=t,p=e,w=o;if(t.rope){let{frequencies:Q,pairing:v,angles:K}=t.rope,X=t.layout;p=fe(e,Q,{layout:X,pairing:v,angles:K,positions:t.rope.query}),w=fe(o,Q,{layout:X,pairing:v,angles:K,positions:t.rope.key})}let $=n===void 0&&!t.rope?Pr.get(o.data):void 0;if($&&$.length===A&&$.batch===i&&$.kvHeads===c&&$.headDim===f&&u>0&&A>0)return An(t,e,$);let k=n?.into??new Float32Array(e.data.length);if(u===0||A===0)return{shape:Object.freeze([...e.shape]),data:k};let b=f+7&-8,B=A+7&-8,M=u+3&-4,R=ut,q=R+B*b,F=q+B*b,T=F+M*b,C=T+M*b,x=C+(t.bias?At*B:0),G=s.reserve(x+Math.max(B,M)*b),O=t.qStrides,D=t.kStrides,j=p.data,_=w.data,P=r.data,H=Math.fround(h*Math.LOG2E),I=O.seq===f&&f===b,E=n?.ranges??Array.from({length:i},(Q,v)=>({batch:v,kv0:0,kv1:c}));for(let{batch:Q,kv0:v,kv1:K}of E)for(let X=v;X<K;X++){let m=Q*D.batch+X*D.heads;Mt(G,x,_,m,D.seq,A,f,b,B),s.pack.panels(x,R,B,b),Mt(G,q,P,m,D.seq,A,f,b,B);for(let S=X*a;S<(X+1)*a;S++){let W=Q*O.batch+S*O.heads;if(Mt(G,x,j,W,O.seq,u,f,b,M),s.pack.tiles(x,F,M,b,H),vr(s,t,Q,S,{q:F,k:R,v:q,o:T,bias:C},b,{count:u,causal:l,slope:d?d[S]*Math.LOG2E:0,features:yr(t,Q,S)}),I)k.set(G.subarray(T,T+u*f),W);else for(let ee=0;ee<u;ee++){let V=T+ee*b,ge=W+ee*O.seq;for(let Me=0;Me<f;Me++)k[ge+Me]=G[V+Me]}}}return{shape:Object.freeze([...e.shape]),data:k}}function Mt(t,e,o,r,s,n,i,a,c){if(s===i&&i===a)t.set(o.subarray(r,r+n*i),e);else for(let u=0;u<n;u++){let A=r+u*s;t.set(o.subarray(A,A+i),e+u*a),t.fill(0,e+u*a+i,e+(u+1)*a)}t.fill(0,e+n*a,e+c*a)}function An(t,e,o){let{batch:r,group:s,kvHeads:n,qSeq:i,kSeq:a,headDim:c,causal:u,scale:A,alibi:f}=t,l=o.kernel,h=c+7&-8,d=a+7&-8,p=i===1&&f===null&&t.sinks===null&&t.bias===null&&t.window===null,w=p?s:i,$=w+3&-4,k=o.end,b=k+$*h,B=b+$*h,M=B+(t.bias?At*d:0),R=l.reserve(M+$*h),q=t.qStrides,F=e.data,T=new Float32Array(F.length),C=Math.fround(A*Math.LOG2E);for(let x=0;x<r;x++)for(let G=0;G<n;G++){let O=x*n+G,D=o.kAt+O*o.headFloats,j=o.vAt+O*o.headFloats;for(let P=a;P<d;P++){let H=D+(P>>3)*h*8+(P&7);for(let I=0;I<h;I++)R[H+8*I]=0}R.fill(0,j+a*h,j+d*h);let _=p?1:s;for(let P=0;P<_;P++){let H=G*s+P,I=x*q.batch+H*q.heads;Mt(R,M,F,I,p?q.heads:q.seq,w,c,h,$),l.pack.tiles(M,k,$,h,C),vr(l,t,x,H,{q:k,k:D,v:j,o:b,bias:B},h,{count:w,causal:u&&!p,slope:f?f[H]*Math.LOG2E:0,features:{...yr(t,x,H),...p?{shift:a-1}:{}}});for(let E=0;E<w;E++){let Q=p?G*s+E:H,v=x*q.batch+Q*q.heads+(p?0:E)*q.seq;T.set(R.subarray(b+E*h,b+E*h+c),v)}}}return{shape:Object.freeze([...e.shape]),data:T}}function Aa(t,e,o,r={}){ne("q",t),ne("k",e),ne("v",o);let s=Oe(t,e,o,r);return De(s,t,e,o)}var qe=Object.freeze({T48:49152,T32:32768,T16:16384});function xr(t){return t>=qe.T48?"T48":t>=qe.T32?"T32":"T16"}function ln(t){let e=t.headDim/4,o=(e+(t.pad?1:0))*16,r=t.br*o,s=t.bc*o,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return r+s+n+i+a}function Qr(t){let e=[];for(let o=1;o<=t;o++)t%o===0&&e.push(o);return e}function fn(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Qr(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function hn(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Qr(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var ko=512;function Sr(t,e,o=256){let r=`${t}|${e}|${o}`;return wo.has(r)||wo.set(r,dn(t,e,o)),wo.get(r)}var wo=new Map;function dn(t,e,o){if(!Number.isInteger(t)||t%4!==0||t<4||t>ko)return;let r=qe[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>o))for(let c of[64,32,16,8,4])for(let u of[64,32,16,8,4]){let A=fn(c,u,a),f=hn(c,s,a);if(!(!A||!f))for(let l of[!1,!0])for(let h of[!0,!1]){let[d,p]=A,[w,$]=f,k=ln({headDim:t,br:c,bc:u,tn:p,sharedKV:l,pad:h});if(k>r)continue;let b=4*d*p/(d+p),B=[c*u,c>=u?1:0,u>=32?1:0,b>=4?1:0,a===128?2:a===64?1:0,b,l?0:1,h?1:0];(!i||pn(B,i))&&(i=B,n=Object.freeze({tier:e,headDim:t,workgroup:a,br:c,bc:u,tm:d,tn:p,om:w,od4:$,sharedKV:l,pad:h,bytes:k}))}}return n}function pn(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]>e[o];return!1}function Dr(){return{next:new WeakMap,groups:null}}var Rt=class{#e;#o;#t=[];#r=new ArrayBuffer(65536);#s=new DataView(this.#r);#n=Dr();#a=new WeakMap;#i=-1;#c=0;#u=0;constructor(e){this.#e=e,this.#o=Math.max(16,e.limits.minUniformBufferOffsetAlignment??256)}get open(){return this.#i>=0}get created(){return this.#u}begin(){if(this.#i>=0)throw new Error("Internal error: a frame is already open");this.#i=0,this.#c=0}end(e){let o=this.#i>this.#c;if(this.#i=-1,o&&!e)throw new Error("Internal error: a frame packed uniform blocks it did not submit")}flush(){if(this.#i<0)return;let e=this.#e.queue,o=this.#c;for(;o<this.#i;){let r=Math.floor(o/65536),s=Math.min(this.#i,(r+1)*65536);e.writeBuffer(this.#t[r],o-r*65536,this.#r,o,s-o),o=s}this.#c=this.#i}groupLayout(e){let o=this.#a.get(e);return o||(o=e.getBindGroupLayout(0),this.#a.set(e,o)),o}bind(e,o,r,s){let n=o.uniformBytes;if(n>65536)throw new Error(`Internal error: the uniform block of ${o.name} is over 65536 bytes`);let i=Math.ceil(this.#i/this.#o)*this.#o;Math.floor(i/65536)!==Math.floor((i+n-1)/65536)&&(i=Math.ceil(i/65536)*65536);let a=Math.floor(i/65536);this.#l(a),o.packInto(r,this.#s,i),this.#i=i+n;let c=this.#t[a],u=i-a*65536,A=this.#A(this.#A(this.#n,e),c),f=`${u}`,l=s;for(let d of o.bindingNames){if(d==="params")continue;let p=l[d];p&&(A=this.#A(A,p.buffer),f+=`|${p.offset??0}:${p.size??-1}`)}A.groups??=new Map;let h=A.groups.get(f);return h||(h=this.#e.createBindGroup({label:o.name,layout:this.groupLayout(e),entries:o.entries({...s,params:{buffer:c,offset:u,size:n}})}),this.#u++,A.groups.set(f,h)),h}destroy(){for(let e of this.#t)e.destroy();this.#t.length=0}#A(e,o){let r=e.next.get(o);return r||(r=Dr(),e.next.set(o,r)),r}#l(e){for(;this.#t.length<=e;)this.#t.push(this.#e.createBuffer({size:65536,usage:72,label:"uniform arena"}));let o=(e+1)*65536;if(this.#r.byteLength<o){let r=new ArrayBuffer(Math.max(o,2*this.#r.byteLength));new Uint8Array(r).set(new Uint8Array(this.#r)),this.#r=r,this.#s=new DataView(r)}}};var Ot=class t{#e;#o=new Map;#t=0;#r=new WeakSet;#s=[];#n=null;#a=[];#i=!1;constructor(e){this.#e=e}static sizeOf(e){return Math.max(16,Math.ceil(e/16)*16)}create(e,o){return this.#e.createBuffer({size:t.sizeOf(e),usage:140,label:o})}take(e,o,r){let s=t.sizeOf(e),n=this.#o.get(s)?.pop();if(!n)return this.create(e,o);if(this.#t-=s,this.#r.delete(n),r)this.#s.push(n);else{let i=Math.ceil(e/4)*4;i<s&&this.#e.queue.writeBuffer(n,i,new Uint8Array(s-i))}return n}recycle(e){if(this.#r.has(e))return;let o=e.size,r=this.#s.indexOf(e);if(r>=0&&this.#s.splice(r,1),this.#i||e.usage!==140||o>16777216||this.#t+o>67108864){e.destroy();return}let s=this.#o.get(o);s||(s=[],this.#o.set(o,s)),s.push(e),this.#r.add(e),this.#t+=o}scratch(e,o){if(!this.#n||this.#n.size<e){this.#n&&this.#a.push(this.#n);let r=Math.min(Math.max(2*(this.#n?.size??0),65536),o);this.#n=this.create(Math.max(e,r),"scratch")}return this.#n}encodeClears(e){if(this.#s.length!==0){for(let o of this.#s)e.clearBuffer(o);this.#s=[]}}submitted(){for(let e of this.#a.splice(0))e.destroy()}close(){this.#i=!0;for(let e of this.#o.values())for(let o of e)o.destroy();this.#o.clear(),this.#t=0,this.#n?.destroy(),this.#n=null,this.submitted()}};async function qr(t,e,o,r){let s=t.device;if(r){let l=t.encoder(),h=l.beginComputePass();t.encode(h,e),h.end(),t.finish(l),await t.idle()}let n=t.encoder(),i,a,c;t.timestamps&&(i=s.createQuerySet({type:"timestamp",count:2}),a=s.createBuffer({size:16,usage:516}),c=s.createBuffer({size:16,usage:9}));let u=n.beginComputePass(i?{timestampWrites:{querySet:i,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let l=0;l<o;l++)t.encode(u,e);u.end(),i&&a&&c&&(n.resolveQuerySet(i,0,2,a,0),n.copyBufferToBuffer(a,0,c,0,16));let A=performance.now();t.finish(n),await t.idle();let f=(performance.now()-A)/1e3;try{if(c){await c.mapAsync(1);let[l,h]=new BigUint64Array(c.getMappedRange().slice(0));c.unmap();let d=Number(h-l);if(d>0)return{seconds:d/1e9/o,source:"timestamp-query"}}return{seconds:f/o,source:"wall-clock"}}finally{i?.destroy(),a?.destroy(),c?.destroy()}}var gn=72,Mr=9,mn=1,Ft=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#o=new Map;#t;#r;#s=null;constructor(e,o,r,s=!1){this.device=e,this.f16=s,this.ownsDevice=o,this.limits=r,this.tier=xr(r.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),this.#t=new Rt(e),this.#r=new Ot(e),e.lost.then(n=>{this.#s??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#s}fail(e){this.#s??=e}dispose(){this.#t.destroy(),this.#r.close()}get bindGroupsCreated(){return this.#t.created}#n(e){return this.#s!==null?new Error(`This GpuAttention cannot be used: ${this.#s}`):e instanceof Error?e:new Error(String(e))}cached(e,o){let r=this.#o.get(e);return r===void 0&&(r=o(),this.#o.set(e,r)),r}setCached(e,o){this.#o.set(e,o)}pipeline(e,o){let r=this.#e.get(e);return r||(r=this.#a(e,o()),this.#e.set(e,r),r.catch(()=>this.#e.delete(e))),r}async#a(e,o){let r=this.device.createShaderModule({code:o,label:e}),n=(await r.getCompilationInfo().catch(i=>{throw this.#n(i)})).messages.filter(i=>i.type==="error");if(n.length>0)throw this.#s!==null?this.#n(null):new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:r,entryPoint:"main"}})}catch(i){throw this.#s!==null?this.#n(i):new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}#i(e,o){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${o}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`)}buffer(e,o){return this.#i(e,o),this.#r.create(e,o)}output(e,o){return this.#i(e,o),this.#r.take(e,o,!0)}recycle(e){this.#r.recycle(e)}upload(e,o){this.#i(e.byteLength,o);let r=this.#r.take(e.byteLength,o,!1);return e.byteLength>0&&(e.buffer instanceof ArrayBuffer||(e=e.slice()),this.device.queue.writeBuffer(r,0,e.buffer,e.byteOffset,e.byteLength)),r}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}scratch(e){this.#i(e,"scratch");let o=Math.min(this.limits.maxStorageBufferBindingSize,this.limits.maxBufferSize);return this.#r.scratch(e,o)}uniform(e,o){let r=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:gn,label:o});return this.device.queue.writeBuffer(r,0,e),r}bind(e,o,r,s,n){if(this.#t.open)return this.#t.bind(e,o,r,s);let i=this.uniform(o.pack(r),`${o.name} params`);return n.push(i),this.device.createBindGroup({label:o.name,layout:this.#t.groupLayout(e),entries:o.entries({...s,params:{buffer:i}})})}encode(e,o){for(let r of o.dispatches)e.setPipeline(r.pipeline),e.setBindGroup(0,r.bindGroup),e.dispatchWorkgroups(r.grid[0],r.grid[1],r.grid[2])}submit(e,o){let r=Array.isArray(e)?e:[e];try{return this.#c(r,o)}finally{for(let s of r)this.release(s)}}release(e){for(let o of e.temps)this.#r.recycle(o)}encoder(){let e=this.device.createCommandEncoder();return this.#r.encodeClears(e),e}finish(e){this.#t.flush(),this.device.queue.submit([e.finish()]),this.#r.submitted()}#c(e,o){let r=this.encoder();if(e.some(n=>n.dispatches.length>0)){let n=r.beginComputePass();for(let i of e)this.encode(n,i);n.end()}let s;return o&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(o.bytes/16)*16),usage:Mr,label:"readback"}),o.bytes>0&&r.copyBufferToBuffer(o.source,0,s,0,Math.ceil(o.bytes/4)*4)),this.finish(r),s}async guarded(e,o){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let r,s,n=!1;try{r=o()}catch(A){s=A,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,u]=await Promise.all([i,a]);if(n)throw s;if(u)throw new Error(`Out of GPU memory while ${e}: ${u.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return r}submitting(e,o){return this.guarded(e,()=>{this.#t.begin();let r=!1;try{let s=o();return r=!0,s}finally{this.#t.end(!r)}})}profile(e,o,r){return qr(this,e,o,r)}gather(e){let o=e.reduce((i,a)=>i+a.size,0),r=this.device.createBuffer({size:Math.max(16,Math.ceil(o/16)*16),usage:Mr,label:"readback"}),s=this.encoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,r,n,i.size),n+=i.size;return this.finish(s),r}async read(e,o){try{return await e.mapAsync(mn),e.getMappedRange(0,Math.max(16,Math.ceil(o/16)*16)).slice(0,o)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var Rr=new WeakMap;function $n(t,e){if(t.length!==e.length)return!1;for(let o=0;o<t.length;o++)if(t[o]!==e[o])return!1;return!0}function Tt(t,e){let o=Rr.get(e);(!o||o.factor!==e.attentionFactor||!$n(o.invFreq,e.invFreq))&&(o={factor:e.attentionFactor,invFreq:e.invFreq.slice(),texts:new Map},Rr.set(e,o));let r=o.texts.get(t);return r===void 0&&(r=`${t}|${o.factor}|${Array.from(o.invFreq).join(",")}`,o.texts.set(t,r)),r}var Fr="This KvCache cannot be used: it was destroyed",Tr="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",wn=512,Gt=4,Gr=["split","keys"];function Ze(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${z(e)}`)}function lt(t,e,o){let r=oe(t,e??"f32",{allowed:["f32","f16","auto"]});if(r==="auto")return o.available?"f16":"f32";if(r==="f16"&&!o.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${o.detail}); use "f32", or "auto" to fall back to float32`);return r}function Hr(t){Ze("options",t),ue("options",t,{allowed:er});let e=se("batch",t.batch,{min:1}),o=se("kvHeads",t.kvHeads,{min:1}),r=se("headDim",t.headDim,{min:4,max:wn});if(r%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${r}`);let s=t.window===void 0?null:Je(t.window,"window");if(s===null&&t.maxLength===void 0)throw new TypeError("Invalid maxLength: expected an integer >= 1 (the tokens the cache holds), got undefined; only a window cache may leave it out");let n=t.maxLength===void 0?1/0:se("maxLength",t.maxLength,{min:1}),i=s===null?n:Math.min(n,s+Gt-1);return{batch:e,kvHeads:o,headDim:r,maxLength:n,window:s,slots:i}}function Eo(t,e,o,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${z(e)}`);ue(t,e,{allowed:r});let s=Dt(t,e),n=2*me(s);if(e.rotaryDim!==void 0&&e.rotaryDim!==n)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${n} (${xe(s)}), got ${z(e.rotaryDim)}`);if(n>o)throw new RangeError(`Invalid ${t}.${re(s)?"cache":"frequencies"}: rotary dim ${n} (${xe(s,"")}) exceeds the head dim ${o}`);let i=oe(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),a=oe(`${t}.angles`,e.angles??at(s),{allowed:["float32","float64"]}),c=re(s)?mr(i,s):Tt(`${i}|${a}`,s);return{frequencies:s,pairing:i,rotaryDim:n,angles:a,fingerprint:c}}function Or(t,e,o,r){let s=Qe(t,e,o);if(s.batch!==r.batch)throw new RangeError(`Invalid ${t}: expected batch ${r.batch} (as the cache), got ${s.batch}`);if(s.heads!==r.kvHeads)throw new RangeError(`Invalid ${t}: expected ${r.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==r.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${r.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function et(t,e,o,r){Ze("options",r),ue("options",r,{allowed:tr});let s=oe("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Or("k",e,s,t),i=Or("v",o,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(r.rope!==void 0){let c=Eo("rope",r.rope,t.headDim,or),u=r.rope.positions===void 0?null:Ye("rope.positions",r.rope.positions,n.seq,t.batch,c.angles==="float32");u&&re(c.frequencies)&&Ie("rope.positions",c.frequencies,u,n.seq),a={...c,positions:u}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function Lr(t,e,o){if(e+o.n>t.maxLength)throw new RangeError(`Cannot append ${o.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(o.rope&&!o.rope.positions&&re(o.rope.frequencies)){let r={kind:"range",start:e};Ie("rope.cache",o.rope.frequencies,r,o.n)}if(o.rope&&!o.rope.positions&&o.rope.angles==="float32"){let r=e+o.n-1;if(r>Se)throw new RangeError(`Invalid rope: the last key would sit at position ${r}, above ${Se} (the largest position with angles "float32")`)}}function _r(t,e){let o=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==o)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:o,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var bo=Object.freeze({keyRope:void 0,explicitPositions:!1});function Nr(t,e,o,r=Xe){Ze("options",o),ue("options",o,{allowed:r});let s=oe("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Qe("q",e,s);if(n.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${n.batch}`);if(n.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${n.headDim}`);if(n.heads<1||n.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${n.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(n.seq<1||n.seq>Gt)throw new RangeError(`Invalid q: expected 1 to ${Gt} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${n.seq}`);let i=o.scale===void 0?1/Math.sqrt(n.headDim):be("scale",o.scale),a=go(o.alibiSlopes,n.heads),c=null;if(o.rope!==void 0){if(o.rope!==null&&typeof o.rope=="object"&&"positions"in o.rope)throw new TypeError(`Invalid rope: unknown key "positions"; a decode's query positions are the option queryPositions (the cached keys keep the positions they were appended at)`);let h=Eo("rope",o.rope,t.headDim,rr),d=o.queryPositions===void 0?null:Ye("queryPositions",o.queryPositions,n.seq,n.batch,h.angles==="float32");d&&re(h.frequencies)&&Ie("queryPositions",h.frequencies,d,n.seq),c={...h,queryPositions:d}}else if(o.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let u=o.splits===void 0?void 0:se("splits",o.splits,{min:1}),A=oe("kernel",o.kernel??"split",{allowed:Gr}),f=Je(o.slidingWindow);if(f!==null&&t.window!==null&&f>t.window)throw new RangeError(`Invalid slidingWindow: expected at most ${t.window}, the window of this cache (it keeps no older keys), got ${f}`);let l=null;return o.bias!==void 0&&(l=ne("bias",o.bias),nt(l,{batch:n.batch,heads:n.heads,qSeq:n.seq,kSeq:null})),{layout:s,batch:n.batch,heads:n.heads,kvHeads:t.kvHeads,group:n.heads/t.kvHeads,qSeq:n.seq,headDim:n.headDim,qShape:[...e.shape],qStrides:n.strides,scale:i,rope:c,alibi:a,splits:u,kernel:A,window:f,sinks:xt(o.sinks,n.heads),softcap:Qt(o.softcap),leftPadding:St(o.leftPadding,n.batch,2**31-1),bias:l}}function Ht(t,e,o,r=null){return En(t,e,o),kn(t,e,r)}function kn(t,e,o){let r=t.window??o,s=r===null?0:Math.max(0,e-t.qSeq-r+1),n=null;return t.bias&&(n=nt(t.bias,{batch:t.batch,heads:t.heads,qSeq:t.qSeq,kSeq:e})),{window:r,first:s,bias:n}}function En(t,e,o){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(o.keyRope&&o.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(o.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(re(t.rope.frequencies)){let r={kind:"range",start:e-t.qSeq};Ie("rope.cache",t.rope.frequencies,r,t.qSeq)}if(t.rope.angles==="float32"&&e-1>Se)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${Se} (the largest position with angles "float32")`)}}}var tt=class{owner;batch;kvHeads;headDim;maxLength;window;slots;#e;#o=0;#t=bo;#r=!1;constructor(e,o,r){this.owner=e,this.#e=o,this.batch=r.batch,this.kvHeads=r.kvHeads,this.headDim=r.headDim,this.maxLength=r.maxLength,this.window=r.window,this.slots=r.slots}held(){let e=Math.min(this.#o,this.slots);return{first:this.#o-e,count:e}}get length(){return this.#o}get destroyed(){return this.#r||!this.#e()}get ropeState(){return this.#t}live(){if(this.#r)throw new Error(Fr);if(!this.#e())throw new Error(Tr)}reserve(e){Lr(this,this.#o,e);let o=_r(this.#t,e),r=this.#o;return{slot:r,skip:Math.max(0,e.n-this.slots),commit:()=>{this.#o=r+e.n,this.#t=o}}}snapshot(){let e=this.#o,o=this.#t;return()=>{this.#o=e,this.#t=o}}clear(){this.#o=0,this.#t=bo}markDestroyed(){return this.#r?!1:(this.#r=!0,!0)}};function Io(t,e,o){if(!(t instanceof o))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var U=class{shape;dtype;owner;#e;#o;#t;#r;#s=!1;#n=!1;#a=null;#i=null;constructor(e,o,r,s,n="float32",i=a=>a.destroy()){this.owner=e,this.dtype=n,this.#t=s,this.#r=i,this.shape=Object.freeze([...o]),this.#e=r instanceof Float32Array?null:r,this.#o=r instanceof Float32Array?r:null}get buffer(){return this.#e}get destroyed(){return this.#s||!this.#t()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#o}}get recording(){return this.#a}get failure(){return this.#i}awaitRecording(e){return this.#a=e,this}settle(e){this.#a=null,e!==null&&(this.#i=e,this.#s=!0),this.#s&&this.#c()}destroy(){this.#s||(this.#s=!0,this.#a===null&&this.#c())}#c(){this.#n||(this.#n=!0,this.#e&&this.#r(this.#e))}};function Y(t,e,o,r=null){if(e instanceof U){if(e.owner!==o)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);let n=e.recording;if(n!==null){if(n===r&&e.owner===o)return e;throw new Error(`Invalid ${t}: this GpuTensor is an output of a recording whose submit() has not resolved yet; await submit() before using it outside that recording`)}if(e.failure!==null)throw new Error(`Invalid ${t}: this GpuTensor was never computed: its recording failed (${e.failure})`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let s=e;if(s===null||typeof s!="object"||!("data"in s))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${z(e)}`);return ne(t,e)}function Bo(t,e,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${z(o)}`);ue("options",o,{allowed:ar});let r=oe("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=Qe("x",t,r),n=pr("frequencies",e,o.angles),i=2*me(n);if(o.rotaryDim!==void 0&&o.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (${xe(n)}), got ${z(o.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (${xe(n,"")}) exceeds the head dim ${s.headDim}`);let a=oe("pairing",o.pairing??"half",{allowed:["half","interleaved"]}),c=oe("angles",o.angles??at(n),{allowed:["float32","float64"]}),u=$r("",o.positions,o.offset,s.seq,s.batch,c);re(n)&&Ie("positions",n,u,s.seq);let A=je("inPlace",o.inPlace??!1);return{call:{layout:r,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:u},inPlace:A}}var Lt=class{#e;#o=[];#t="recording";constructor(e){this.#e=e}get state(){return this.#t}get calls(){return this.#o.length}#r(){if(this.#t!=="recording")throw new Error(`This recording cannot take more calls: it was ${this.#t==="submitting"?"submitted":this.#t}; start a new one with gpu.record()`);this.#e.live()}attention(e,o,r,s={}){this.#r();let n=this.#e.attention([e,o,r],s,this),i=this.#e.output(n.plan.qShape,n.elements.o,this);return this.#o.push({kind:"attention",call:n,output:i}),i}applyRope(e,o,r={}){this.#r();let s=this.#e.rope(e,o,r,this);if(s.inPlace&&!(s.x instanceof U))throw new TypeError("Invalid inPlace: a recording writes in place only into a GpuTensor; upload x first or leave inPlace false");let n=s.x instanceof U&&s.inPlace?s.x:this.#e.output(s.x.shape,"f32",this);return this.#o.push({kind:"rope",request:s,output:n}),n}append(e,o,r,s={}){this.#r(),this.#o.push({kind:"append",call:this.#e.append(e,[o,r],s,this)})}decode(e,o,r={}){this.#r();let s=this.#e.decode(e,o,r,this),n=this.#e.decodeOutput(s,this);return this.#o.push({kind:"decode",call:s,output:n}),n}submit(){if(this.#t!=="recording")return Promise.reject(new Error(`This recording cannot be submitted: it was ${this.#t==="submitting"?"submitted":this.#t} already; start a new one with gpu.record()`));this.#t="submitting";let e;try{e=this.#e.run(this.#o,this)}catch(o){e=Promise.reject(o)}return e.then(()=>this.#s("submitted",null),o=>{let r=o instanceof Error?o.message:String(o);throw this.#s("failed",r),o})}discard(){this.#t==="recording"&&this.#s("discarded","it was discarded before submit()")}#s(e,o){this.#t=e;for(let r of this.#o)r.kind==="append"||r.kind==="rope"&&r.request.inPlace||r.output.settle(o)}};var bn=["flash","flash2","naive"],ft="it was destroyed; create a new one with createGpuAttention()";function jr(t){return se("iterations",t,{min:1})}var ot=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e,o=null){return[Y("q",e[0],this,o),Y("k",e[1],this,o),Y("v",e[2],this,o)]}#e(e,o,r,s=null){this.live();let n=this.checkOperands(e,s);return{operands:n,plan:Oe(...n,o,r)}}#o(e,o,r){let[s,n,i]=o.operands,a=this.elementsOf(s,n,i,r),c=oe("kernel",r.kernel??"flash",{allowed:bn});return{args:e,q:s,k:n,v:i,plan:o.plan,elements:a,kernel:c}}async attention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s,Pt);return await this.runAttention(this.#o(n,i,s))}async profileAttention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s,sr),a=jr(s.iterations??10),c=je("warmup",s.warmup??!0),u=this.#o(n,i,s);return await this.timeAttention(u,a,c,s)}async applyRope(e,o,r={}){this.live();let s=Y("x",e,this),n=Bo(s,o,r);return Yr(s),await this.runRope({...n,arg:e,x:s})}upload(e,o={}){this.live();let r=ne("t",e);return Ze("options",o),ue("options",o,{allowed:ir}),this.store(r,lt("precision",o.precision,this.info.f16))}async download(e){this.live();let o=Y("t",e,this);if(!(o instanceof U))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(o)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let o=Hr(e),r=lt("precision",e.precision,this.info.f16);return await this.makeCache(o,r)}#t(e,o,r,s,n=null){this.live();let i=Y("q",e,this,n),a=Io(o,this,this.cacheClass),c=Nr(a,i,r,s);return this.prepareDecode({arg:e,q:i,cache:a,plan:c})}async decode(e,o,r={}){return await this.runDecode(this.#t(e,o,r,Xe),r)}async profileDecode(e,o,r={}){let s=this.#t(e,o,r,nr),n=jr(r.iterations??10),i=je("warmup",r.warmup??!0);return await this.timeDecode(s,n,i,r)}record(){return this.live(),new Lt(this.#r())}#r(){return{live:()=>this.live(),attention:(e,o,r)=>{let s=this.#e(e,o,Pt,r);return this.#o(e,s,o)},rope:(e,o,r,s)=>{this.live();let n=Y("x",e,this,s),i=Bo(n,o,r);return Yr(n),{...i,arg:e,x:n}},append:(e,o,r,s)=>{this.live();let n=Io(e,this,this.cacheClass),i=Y("k",o[0],this,s),a=Y("v",o[1],this,s);return{cache:n,args:o,k:i,v:a,plan:et(n,i,a,r)}},decode:(e,o,r,s)=>this.#t(e,o,r,Xe,s),output:(e,o,r)=>this.recordedOutput(e,o,r),decodeOutput:(e,o)=>this.recordedOutput(e.plan.qShape,this.decodeElement(e),o),run:(e,o)=>this.runRecording(e,o)}}};function Yr(t){if(t instanceof U&&t.dtype==="float16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)")}function Fe(t){return t.reduce((e,o)=>e*o,1)}var In=256,Bn=8;function yn(t){let e=t.kp*t.ku*t.rb,o=t.lr*(e+1),r=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(o+e+r+s)}function Kr(t,e,o,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let l of[1,2,3,4])if(s%l===0&&s/l<=32){n=l;break}let i=s/n,a=Math.min(o==="T16"?64:128,r);if(i>r)return;let c=Math.max(1,Math.floor(a/i)),u=c*i,A=qe[o],f=Math.max(1,Math.min(e,Math.floor(Bn/n)));for(let l=f;l>=1;l--)for(let h=Math.max(1,Math.floor(i/l));h>=1;h--){let d={headDim:t,c:n,lr:i,kp:c,ku:h,rb:l},p=yn(d);if(p<=A)return{...d,workgroup:u,bytes:p}}}function zr(t,e,o,r){let s=Math.ceil(o/Math.max(1,e)),n=Math.ceil(t/In);return ht(t,Math.max(1,Math.min(s,n,r)))}function ht(t,e){let o=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/o)),keysPerSplit:o}}var $e=`fn isNan(x: f32) -> bool {
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
`;function Te(t,e){return`select(select(0.0, exp2(${t} - ${e}), ${t} > ${-1e30/2}), ${t}, isNan(${t}))`}function we(t){return`select(select(0.0, 1.0 / ${t}, ${t} > 0.0), ${t}, isNan(${t}))`}function _t(t){let e=["softcap","sinks","padding","bias"].filter(o=>t[o]);return e.length===0?"":`:${e.join("+")}`}function ae(t,e){return e==="f32"?o=>`${t}[${o}]`:o=>`vec4<f32>(${t}[${o}])`}function ke(t,e,o,r,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,o=`(${o})`,r=`(${r})`,t.pairing==="interleaved"&&n%4===0)return`if (${r} < ${n/4}u) {
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
    }`}let a=[];for(let c=0;c<4;c++)if(t.pairing==="interleaved"){let u=c^1,A=c%2===0?"-":"+";a.push(`{
        let d = ${r} * 4u + ${c}u;
        if (d < ${n}u) {
          let t = T[${s} * ${i}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${A} x[${u}] * t.y;
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
    }`}var Ur=new WeakMap;function L(t,e){return{variable:t,access:"read",type:e}}function J(t,e){return{variable:t,access:"read_write",type:e}}var yo=class{name;fields;bindingNames;uniformBytes;#e;#o;#t;#r=null;constructor(e){this.name=e.name,this.#e=e.uniforms;let o=Ur.get(e.uniforms);if(!o){let s=Object.keys(e.uniforms);o={names:s,types:s.map(n=>e.uniforms[n])},Ur.set(e.uniforms,o)}if(this.fields=o.names,this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let r=["params"];for(let s in e.bindings)e.bindings[s]!==null&&r.push(s);this.bindingNames=r,this.uniformBytes=Math.ceil(this.fields.length*4/16)*16,this.#o=o.types,this.#t=e}get wgsl(){if(this.#r===null){let e=this.#t,o=this.fields.map(n=>`  ${n}: ${e.uniforms[n]},`).join(`
`),s=Object.values(e.bindings).filter(n=>n!==null).map((n,i)=>`@group(0) @binding(${i+1}) var<storage, ${n.access}> ${n.variable}: ${n.type};`);this.#r=`struct Params {
${o}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}return this.#r}binding(e){let o=this.bindingNames.indexOf(e);if(o<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return o}pack(e){let o=new ArrayBuffer(this.uniformBytes);return this.packInto(e,new DataView(o),0),o}packInto(e,o,r){let s=e,n=0;for(let c in s)n++;let i=this.fields;n!==i.length&&this.#s(s);let a=this.#o;for(let c=0;c<i.length;c++){let u=i[c],A=s[u];if(A===void 0)throw Object.hasOwn(s,u)||this.#s(s),new Error(`Internal error: uniform ${u} of kernel ${this.name} is missing`);let f=r+c*4,l=a[c];if(l==="f32"){if(!Number.isFinite(A))throw this.#n(u,A,"a finite f32");o.setFloat32(f,A,!0)}else if(l==="i32"){if(!Number.isInteger(A)||A<-2147483648||A>2147483647)throw this.#n(u,A,"a signed 32-bit integer");o.setInt32(f,A,!0)}else{if(!Number.isInteger(A)||A<0||A>4294967295)throw this.#n(u,A,"an unsigned 32-bit integer");o.setUint32(f,A,!0)}}}#s(e){for(let r of Object.keys(e))if(!Object.hasOwn(this.#e,r))throw new Error(`Internal error: kernel ${this.name} has no uniform ${r}`);let o=this.fields.find(r=>e[r]===void 0);throw new Error(`Internal error: uniform ${o} of kernel ${this.name} is missing`)}#n(e,o,r){return new RangeError(`Internal error: uniform ${e} = ${o} of kernel ${this.name} does not fit ${r}`)}entries(e){for(let o of Object.keys(e))if(!this.bindingNames.includes(o))throw new Error(`Internal error: kernel ${this.name} declares no binding ${o}`);return this.bindingNames.map((o,r)=>{let s=e[o];if(!s)throw new Error(`Internal error: binding ${o} of kernel ${this.name} is missing`);return{binding:r,resource:s}})}};function ie(t){return new yo(t)}var vn={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",first:"u32",slots:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32",window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"},Pn={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function vo(t){let e=t.elements;return ie({name:"decode",uniforms:vn,bindings:{q:L("Q",`array<vec4<${e.q}>>`),k:L("K",`array<vec4<${e.kv}>>`),v:L("V",`array<vec4<${e.kv}>>`),o:J("O",`array<vec4<${e.o}>>`),w:J("W","array<vec4<f32>>"),table:t.rope?L("T","array<vec2<f32>>"):null,slopes:t.alibi?L("SL","array<f32>"):null,sinks:t.sinks?L("SK","array<f32>"):null,padding:t.padding?L("PD","array<u32>"):null,bias:t.bias?L("BI","array<f32>"):null}})}function Po(t){return ie({name:"decode merge",uniforms:Pn,bindings:{w:L("W","array<vec4<f32>>"),o:J("O",`array<vec4<${t}>>`)}})}var dt=64;function Co(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`+_t(t)}function xo(t,e){return`decode-merge:d${t}:${e}`}function Ge(t){return Array.from({length:t},(e,o)=>o)}function Nt(t){return t.length===0?"0.0":t.join(" + ")}function Wr(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function Vr(t){let e=t.tiles,{c:o,lr:r,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,u=s*n*i,A=u+1,f=s*n,l=t.elements,h=ae("Q",l.q),d=ae("K",l.kv),p=ae("V",l.kv),w=[l.q,l.kv,l.o].includes("f16"),$=Ge(i),k=Ge(o),b=Ge(n),B=t.rope?ke(t.rope,h,"base","cc","P.tab + b * P.tabB + t"):"",M=$.map(E=>`${k.map(Q=>`var q${E}_${Q} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${E}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${k.map(Q=>`{
        let cc = lr + ${Q*r}u;
        var x = ${h("base + cc")};
        ${B}
        q${E}_${Q} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),R=$.map(E=>`${t.sinks?`let sink${E} = split == 0u && kp == 0u;
  var m${E} = select(${-1e30}, SK[kvh * P.group + min(row0 + ${E}u, P.rows - 1u) % P.group], sink${E});
  var l${E} = select(0.0, 1.0, sink${E});`:`var m${E} = ${-1e30}; var l${E} = 0.0;`} ${k.map(Q=>`var a${E}_${Q} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),q=b.map(E=>{let Q=$.map(v=>`Red[lr * ${A}u + kp * ${i}u + ${E*s*i+v}u] = ${Nt(k.map(K=>`dot(q${v}_${K}, k${E}_${K})`))};`).join(`
      `);return`let kr${E} = kvBase + (min(k0 + ${E*s}u + kp, kEnd - 1u) % P.slots) * ${c}u;
      ${k.map(v=>`let k${E}_${v} = ${d(`kr${E} + ${v*r}u`)};`).join(" ")}
      ${k.map(v=>`let v${E}_${v} = ${p(`kr${E} + ${v*r}u`)};`).join(" ")}
      ${Q}`}).join(`
      `),F=t.alibi||t.bias,T=t.softcap?"s = capped(s, P.cap2);":"",C=(F?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          `:"")+(t.alibi?"s -= SL[h] * f32(i32(qp) - i32(key));":""),x=t.bias?`let bv = BI[b * P.bB + h * P.bH + (min(f, P.rows - 1u) / P.group) * P.bS + min(key, P.len - 1u)];
          s += bv * ${Math.LOG2E};`:"",G=t.padding?" && key >= padB":"",O=t.bias?" && !biasHides(bv)":"",D=Ge(Math.ceil(u/a)).map(E=>{let Q=(E+1)*a>u;return`{
        let i = lid + ${E*a}u;
        ${Q?`if (i < ${u}u) {`:"{"}
          var s = ${Nt(Ge(r).map(v=>`Red[${v*A}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${T}
          ${C}
          ${x}
          Sc[i] = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp && i32(key) > i32(qp) - i32(P.window)${G}${O});
        }
      }`}).join(`
      `),j=E=>Nt(b.map(Q=>`select(p${Q} * v${Q}_${E}, vec4<f32>(0.0), p${Q} == 0.0)`)),_=$.map(E=>{let Q=b.map(v=>`s${v}`);return`{
        ${b.map(v=>`let s${v} = Sc[kp * ${i}u + ${v*s*i+E}u];`).join(" ")}
        let mx = max(m${E}, ${Q.reduce((v,K)=>`max(${v}, ${K})`)});
        let alpha = exp2(m${E} - mx);
        ${b.map(v=>`let p${v} = ${Te(`s${v}`,"mx")};`).join(" ")}
        l${E} = l${E} * alpha + ${Nt(b.map(v=>`p${v}`))};
        m${E} = mx;
        ${k.map(v=>`a${E}_${v} = a${E}_${v} * alpha + ${j(v)};`).join(`
        `)}
      }`}).join(`
      `),P=$.map(E=>`{
    let mr = ${Ge(s).map(Q=>`Mk[${Q*i+E}u]`).reduce((Q,v)=>`max(${Q}, ${v})`)};
    let g = exp2(m${E} - mr);
    l${E} *= g;
    ${k.map(Q=>`a${E}_${Q} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${E}u] = mr;
    }
  }`).join(`
  `),H=Ge(s).map(E=>`if (kp == ${E}u) {
    ${$.flatMap(Q=>k.map(v=>{let K=`${Q*c}u + lr + ${v*r}u`;return E===0?`X[${K}] = a${Q}_${v};`:`X[${K}] += a${Q}_${v};`})).join(`
    `)}
    if (lr == 0u) {
      ${$.map(Q=>E===0?`Ls[${Q}u] = l${Q};`:`Ls[${Q}u] += l${Q};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),I=Ge(Math.ceil(i*c/a)).map(E=>{let Q=(E+1)*a>i*c;return`{
    let e = lid + ${E*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${Q?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Wr(l.o,`X[e] * ${we("total")}`)};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${Co(t)}
${w?"enable f16;":""}
${vo(t).wgsl}
${$e}
var<workgroup> Red: array<f32, ${r*A}>;
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
      ${q}
    workgroupBarrier();
      ${D}
    workgroupBarrier();
      ${_}
  }

  if (lr == 0u) {
    ${$.map(E=>`Mk[kp * ${i}u + ${E}u] = m${E};`).join(" ")}
  }
  workgroupBarrier();
  ${P}
  ${H}
  ${I}
}
`}function Xr(t,e){let o=t/4;return`// ${xo(t,e)}
${e==="f16"?"enable f16;":""}
${Po(e).wgsl}
${$e}
@compute @workgroup_size(${dt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${dt}u + lid;
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Wr(e,`acc * ${we("total")}`)};
}
`}function Ee(t,e,o,r=4){let s=Math.max(16,o.minStorageBufferOffsetAlignment),n=Math.floor(t*r/s)*s,i=Math.max(4,Math.ceil((e*r-n)/4)*4);return{offset:n,size:i,base:n/r}}function Ae(t,e){return t.size<=e.maxStorageBufferBindingSize}function Pe(t,e,o,r){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!o(n,1))throw r(n);let a=1,c=i;if(o(n,c))a=c;else for(;c-a>1;){let u=Math.floor((a+c)/2);o(n,u)?a=u:c=u}s.push([n,a]),n+=a}return s}function de(t,e){let o=e.maxComputeWorkgroupsPerDimension;if(t<=o)return[Math.max(1,t),1];let r=Math.ceil(t/o);if(r>o)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${o} x ${o}, the device's 2-D grid limit`);return[Math.ceil(t/r),r]}function He(t,e){let o=e.maxComputeWorkgroupsPerDimension;return o*o*t}function jt(t,e,o,r,s){let n=t.limits,{kvHeads:i,group:a,qSeq:c,headDim:u}=e,A=u/4,f=a*c,{splits:l,keysPerSplit:h}=s,d=e.qStrides;return{rows:f,rowBlocks:Math.ceil(f/o),splits:l,keysPerSplit:h,direct:l===1,qBytes:r.q==="f16"?2:4,oBytes:r.o==="f16"?2:4,window:(p,w,$)=>{let k=(R,q)=>Math.floor(R/i)*d.batch+q*d.heads,b=p+w-1,B=k(p,p%i*a),M=k(b,b%i*a+a-1)+(c-1)*d.seq+u;return Ee(B,M,n,$)},partialBytes:p=>p*f*l*(A+1)*16,statsOff:p=>p*f*l*A}}function Yt(t,e,o,r){let s=t.limits,{window:n,partialBytes:i,qBytes:a,oBytes:c,direct:u,splits:A}=e;return Pe(o.n,r,(f,l)=>Ae(n(o.u0+f,l,a),s)&&Ae(n(o.u0+f,l,c),s)&&(u||i(l)<=s.maxStorageBufferBindingSize),f=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${n(o.u0+f,1,Math.max(a,c)).size} bytes or their ${A} partial outputs ${i(1)} bytes, more than maxStorageBufferBindingSize (${s.maxStorageBufferBindingSize} bytes)`))}function Kt(t,e,o,r){let s=e.u0+o;return{u0:s,n:r,qw:t.window(s,r,t.qBytes),ow:t.window(s,r,t.oBytes)}}function zt(t,e,o,r,s,n){let i=t.qStrides;return{sq:t.qSeq,group:t.group,rows:e.rows,kvHeads:t.kvHeads,len:o.length,nsplit:e.splits,keysPerSplit:e.keysPerSplit,unitBase:s.u0,chunkBase:r.u0,direct:e.direct?1:0,statsOff:e.statsOff(s.n),qB:i.batch/4,qH:i.heads/4,qS:i.seq/4,qOff:s.qw.base/4,...Jr(t,s),tab:n?.sides[0]?.tab??0,tabB:n?.sides[0]?.tabB??0,scale2:t.scale*Math.LOG2E}}function Ut(t,e,o,r,s){return{items:r,nsplit:e.splits,rows:e.rows,group:t.group,kvHeads:t.kvHeads,unitBase:o.u0,statsOff:e.statsOff(o.n),gridX:s,...Jr(t,o)}}function Jr(t,e){let o=t.qStrides;return{oB:o.batch/4,oH:o.heads/4,oS:o.seq/4,oOff:e.ow.base/4}}var Ce=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function Qo(t){let e=[t.q,t.k,t.v,t.o];return e.every(o=>o==="f32")?"":`:${e.join("")}`}var So={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32"},Cn={...So,window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"};function Do(t){let e=t.elements??Ce;return ie({name:"flash",uniforms:Cn,bindings:{q:L("Q",`array<vec4<${e.q}>>`),k:L("K",`array<vec4<${e.k}>>`),v:L("V",`array<vec4<${e.v}>>`),o:J("O",`array<vec4<${e.o}>>`),table:t.rope?L("T","array<vec2<f32>>"):null,slopes:t.alibi?L("SL","array<f32>"):null,sinks:t.sinks?L("SK","array<f32>"):null,padding:t.padding?L("PD","array<u32>"):null,bias:t.bias?L("BI","array<f32>"):null}})}function qo(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${o}:alibi=${t.alibi}`+Qo(t.elements??Ce)+_t(t)}function Le(t){return Array.from({length:t},(e,o)=>o)}function Zr(t){let e=t.tiles,o=e.headDim/4,r=e.workgroup,s=e.br,n=e.bc,i=o+(e.pad?1:0),a=e.sharedKV?i:o,c=n+1,u=n/e.tn,A=o/e.od4,f=e.sharedKV?"Ks":"Vs",l=t.elements??Ce,h=ae("Q",l.q),d=ae("K",l.k),p=ae("V",l.v),w=[l.q,l.k,l.v,l.o].includes("f16"),$=(m,S)=>`for (var e = lid; e < ${m*o}u; e += ${r}u) {
    let r = e / ${o}u;
    let c = e % ${o}u;
    ${S("r","c")}
  }`,k=t.rope?ke(t.rope,h,"base","c","P.qTab + b * P.qTabB + pos"):"",b=t.rope?ke(t.rope,d,"base","c","P.kTab + b * P.kTabB + key"):"",B=$(s,(m,S)=>`let flat = row0 + ${m};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${h(`base + ${S}`)};
      ${k}
    }
    Qs[${m} * ${i}u + ${S}] = x * P.scale2;`),M=$(n,(m,S)=>`let key = k0 + ${m};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${d(`base + ${S}`)};
      ${b}
    }
    Ks[${m} * ${i}u + ${S}] = x;`),R=(m,S)=>`b * P.vB + kvh * P.vH + ${m} * P.vS - P.vOff + ${S}`,q=$(n,(m,S)=>`let key = k0 + ${m};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${p(R("key",S))};
    }
    let bad = isNan4(x);
    if (any(bad)) {
      atomicMax(&NanTile, kt + 1u);
    }
    ${f}[${m} * ${a}u + ${S}] = select(x, vec4<f32>(0.0), bad);`),F=Le(e.tm),T=Le(e.tn),C=Le(e.om),x=Le(e.od4),G=F.flatMap(m=>T.map(S=>`var s${m}_${S} = 0.0;`)).join(" "),O=Le(o).map(m=>{let S=F.map(V=>`let q${V} = Qs[qr${V} + ${m}u];`).join(" "),W=T.map(V=>`let k${V} = Ks[kr${V} + ${m}u];`).join(" "),ee=F.flatMap(V=>T.map(ge=>`s${V}_${ge} += dot(q${V}, k${ge});`)).join(" ");return`{ ${S} ${W} ${ee} }`}).join(`
      `),D=F.flatMap(m=>T.map(S=>{let W=`s${m}_${S}`,ee=t.softcap?`${W} = capped(${W}, P.cap2);
      `:"",V=t.alibi?` - sl${m} * f32(abs(qp${m} - i32(key${S})))`:"",ge=t.bias?`let b${m}_${S} = BI[br${m} + min(key${S}, P.sk - 1u)];
      `:"",Me=t.bias?` + b${m}_${S} * ${Math.LOG2E}`:"",io=t.padding?` && key${S} >= padB`:"",ao=t.bias?` && !biasHides(b${m}_${S})`:"";return`${ee}${ge}${W} = select(${-1e30}, ${W}${V}${Me}, ok${m} && key${S} < P.sk && (P.causal == 0u || i32(key${S}) <= qp${m}) && i32(key${S}) > qp${m} - i32(P.window)${io}${ao});`})).join(`
      `),j=F.map(m=>`Mx[(tr * ${e.tm}u + ${m}u) * ${u}u + tc] = max(${T.map(S=>`s${m}_${S}`).reduce((S,W)=>`max(${S}, ${W})`)}, ${-1e30});`).join(`
      `),_=(m,S)=>`let ${S} = ${Le(u).map(W=>`Mx[${m} * ${u}u + ${W}u]`).reduce((W,ee)=>`max(${W}, ${ee})`)};`,P=F.map(m=>{let S=`(tr * ${e.tm}u + ${m}u)`,W=T.map(ee=>`let p${ee} = ${Te(`s${m}_${ee}`,"tmax")};
        Ps[${S} * ${c}u + tc + ${ee*u}u] = p${ee};`).join(`
        `);return`{
        ${_(S,"tmax")}
        ${W}
        Sm[${S} * ${u}u + tc] = ${T.map(ee=>`p${ee}`).join(" + ")};
      }`}).join(`
      `),H=C.flatMap(m=>x.map(S=>`var o${m}_${S} = vec4<f32>(0.0);`)).join(" "),I=C.map(m=>t.sinks?`var m${m} = SK[kvh * P.group + (row0 + orow${m}) % P.group]; var l${m} = 1.0;`:`var m${m} = ${-1e30}; var l${m} = 0.0;`).join(" "),E=C.map(m=>{let S=`orow${m}`;return`{
        ${_(S,"tmax")}
        let tsum = ${Le(u).map(W=>`Sm[${S} * ${u}u + ${W}u]`).join(" + ")};
        let mnew = max(m${m}, tmax);
        let alpha = exp2(m${m} - mnew);
        beta${m} = exp2(tmax - mnew);
        l${m} = l${m} * alpha + tsum * beta${m};
        m${m} = mnew;
        ${x.map(W=>`o${m}_${W} *= alpha;`).join(" ")}
      }`}).join(`
      `),Q=`if (atomicLoad(&NanTile) == kt + 1u) {
        for (var kk = 0u; kk < ${n}u; kk++) {
          let key = k0 + kk;
          if (key < P.sk) {
            ${x.map(m=>`let v${m} = ${p(R("key",`oc + ${m*A}u`))};`).join(" ")}
            ${C.map(m=>`{
              let seen = vec4<bool>(Ps[orow${m} * ${c}u + kk] > 0.0);
              ${x.map(S=>`o${m}_${S} = select(o${m}_${S}, v${S}, isNan4(v${S}) & seen);`).join(" ")}
            }`).join(`
            `)}
          }
        }
      }`,v=Le(n).map(m=>{let S=C.map(V=>`let p${V} = Ps[orow${V} * ${c}u + ${m}u] * beta${V};`).join(" "),W=x.map(V=>`let v${V} = ${f}[${m*a}u + oc + ${V*A}u];`).join(" "),ee=C.flatMap(V=>x.map(ge=>`o${V}_${ge} += p${V} * v${ge};`)).join(" ");return`{ ${S} ${W} ${ee} }`}).join(`
      `),K=C.map(m=>`{
    let flat = row0 + orow${m};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = ${we(`l${m}`)};
      ${x.map(S=>l.o==="f32"?`O[base + ${S*A}u] = o${m}_${S} * inv;`:`O[base + ${S*A}u] = vec4<f16>(o${m}_${S} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),X=F.map(m=>`let flat${m} = row0 + tr * ${e.tm}u + ${m}u;
  let pos${m} = flat${m} / P.group;
  let ok${m} = pos${m} < P.sq;
  let qp${m} = i32(pos${m}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${m} = SL[kvh * P.group + flat${m} % P.group];`:""}${t.bias?`
  let br${m} = b * P.bB + (kvh * P.group + flat${m} % P.group) * P.bH + min(pos${m}, P.sq - 1u) * P.bS;`:""}`).join(`
  `);return`// ${qo(t)}
${w?"enable f16;":""}
${Do(t).wgsl}
${$e}
var<workgroup> Qs: array<vec4<f32>, ${s*i}>;
var<workgroup> Ks: array<vec4<f32>, ${n*i}>;
${e.sharedKV?"":`var<workgroup> Vs: array<vec4<f32>, ${n*o}>;`}
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

  ${B}

  let tr = lid / ${u}u;
  let tc = lid % ${u}u;
  ${F.map(m=>`let qr${m} = (tr * ${e.tm}u + ${m}u) * ${i}u;`).join(" ")}
  ${T.map(m=>`let kr${m} = (tc + ${m*u}u) * ${i}u;`).join(" ")}
  ${X}
  let orr = lid / ${A}u;
  let oc = lid % ${A}u;
  ${C.map(m=>`let orow${m} = orr * ${e.om}u + ${m}u;`).join(" ")}
  ${H}
  ${I}
  ${C.map(m=>`var beta${m} = 0.0;`).join(" ")}

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
    ${e.sharedKV?"":q}
    workgroupBarrier();
    {
      ${G}
      ${O}
      ${T.map(m=>`let key${m} = k0 + tc + ${m*u}u;`).join(" ")}
      ${D}
      ${j}
      workgroupBarrier();
      ${P}
    }
    ${e.sharedKV?q:""}
    workgroupBarrier();
    {
      ${E}
      ${v}
      ${Q}
    }
    workgroupBarrier();
  }

  ${K}
}
`}var xn=32*1024*1024,Qn=1024;function Sn(t,e){return Tt(`rope-table|${e}`,t)}function es(t,e,o){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${o} bytes; rotate in smaller batches`)}function pt(t,e,o,r){let s=me(e)*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize),i=re(e)?null:e;if(i!==null&&r.every(h=>h.positions.kind==="range")){let h=r.map(b=>b.positions.start),d=Math.min(...h),p=Math.max(...r.map((b,B)=>h[B]+b.seq)),w=Qn;for(;w<p;)w*=2;if(w*s<=Math.min(xn,n)){let b=Sn(i,o),B=t.cached(b,()=>null);if(!B||B.rows<p){let M=qt(i,{start:0,count:w},o);B={rows:w,buffer:t.upload(M,"rope table")},t.setCached(b,B)}return{buffer:B.buffer,temp:!1,sides:h.map(M=>({tab:M,tabB:0}))}}let $=Math.max(1,p-d);if($*s>n)throw es($,$*s,n);let k=qt(i,{start:d,count:$},o);return{buffer:t.upload(k,"rope table"),temp:!0,sides:h.map(b=>({tab:b-d,tabB:0}))}}let a=[],c=[],u=0;for(let h of r){let d=h.positions,p=d.kind==="list"?d.list:Float64Array.from({length:h.seq},(w,$)=>d.start+$);c.push({tab:u,tabB:d.kind==="list"&&d.perBatch?h.seq:0}),a.push(p),u+=p.length}let A=new Float64Array(Math.max(1,u)),f=0;for(let h of a)A.set(h,f),f+=h.length;if(A.length*s>n)throw es(A.length,A.length*s,n);let l=i===null?gr(e,A.subarray(0,u)):qt(i,A,o);return{buffer:t.upload(l,"rope table"),temp:!0,sides:c}}function _e(t,e,o,r){let s=null;e.rope&&(s=pt(t,e.rope.frequencies,e.rope.angles,o(e.rope)),s.temp&&r.push(s.buffer));let n=null;return e.alibi&&(n=t.upload(e.alibi.map(i=>i*Math.LOG2E),"alibi slopes"),r.push(n)),{table:s,slopes:n}}function ts(t,e,o=Ce){let r=Sr(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!r)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:ko}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function Mo(t,e,o){let r=null,s=null,n=null;if(e.sinks&&(r=t.upload(Float32Array.from(e.sinks,i=>i*Math.LOG2E),"sinks"),o.push(r)),e.leftPadding&&(s=t.upload(e.leftPadding,"left padding"),o.push(s)),e.bias){let i=e.bias.data.byteLength,a=t.limits.maxStorageBufferBindingSize;if(i>a)throw new RangeError(`Invalid bias: its ${i} bytes exceed the device's storage binding limit of ${a} bytes (maxStorageBufferBindingSize); broadcast it over batch or heads, or split the call`);n=t.upload(e.bias.data,"bias"),o.push(n)}return{sinks:r,padding:s,bias:n}}function Ro(t){return{...t.sinks?{sinks:{buffer:t.sinks}}:{},...t.padding?{padding:{buffer:t.padding}}:{},...t.bias?{bias:{buffer:t.bias}}:{}}}function os(t,e){return t.pipeline(qo(e),()=>Zr(e))}function Oo(t,e,o,r){let s=t.qStrides,n=t.kStrides;return{sq:t.qSeq,sk:t.kSeq,group:t.group,kvHeads:t.kvHeads,causal:t.causal?1:0,numTiles:r.numTiles,tileBase:r.tileBase,unitBase:r.unitBase,qB:s.batch/4,qH:s.heads/4,qS:s.seq/4,qOff:e.q.base/4,kB:n.batch/4,kH:n.heads/4,kS:n.seq/4,kOff:e.k.base/4,vB:n.batch/4,vH:n.heads/4,vS:n.seq/4,vOff:e.v.base/4,oB:s.batch/4,oH:s.heads/4,oS:s.seq/4,oOff:e.o.base/4,qTab:o?.sides[0]?.tab??0,qTabB:o?.sides[0]?.tabB??0,kTab:o?.sides[1]?.tab??0,kTabB:o?.sides[1]?.tabB??0,scale2:t.scale*Math.LOG2E}}function Fo(t,e,o,r){return{q:{buffer:t.q,offset:e.q.offset,size:e.q.size},k:{buffer:t.k,offset:e.k.offset,size:e.k.size},v:{buffer:t.v,offset:e.v.offset,size:e.v.size},o:{buffer:t.o,offset:e.o.offset,size:e.o.size},...o?{table:{buffer:o.buffer}}:{},...r?{slopes:{buffer:r}}:{}}}function mt(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function rs(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:u,headDim:A}=e,f={dispatches:[],temps:[]};if(n===0||c===0||u===0)return f;let l=t.limits,h=e.qStrides,d=e.kStrides,p=n*i,w=o.elements??Ce,$=P=>P==="f16"?2:4,k=(P,H,I=$(w.q))=>{let[E,Q]=[Math.floor(P/i),P%i],v=P+H-1,[K,X]=[Math.floor(v/i),v%i],m=E*h.batch+Q*a*h.heads,S=K*h.batch+(X*a+a-1)*h.heads+(c-1)*h.seq+A;return Ee(m,S,l,I)},b=(P,H)=>k(P,H,$(w.o)),B=(P,H,I=$(w.k))=>{let E=P+H-1,Q=Math.floor(P/i)*d.batch+P%i*d.heads,v=Math.floor(E/i)*d.batch+E%i*d.heads+(u-1)*d.seq+A;return Ee(Q,v,l,I)},M=(P,H)=>B(P,H,$(w.v)),R=(P,H)=>($(w.q)>=$(w.o)?k:b)(P,H),q=(P,H)=>($(w.k)>=$(w.v)?B:M)(P,H),F=Pe(p,l.maxComputeWorkgroupsPerDimension,(P,H)=>Ae(R(P,H),l)&&Ae(q(P,H),l),P=>{let H=R(P,1);return Ae(H,l)?mt("k and v",q(P,1).size,l.maxStorageBufferBindingSize):mt("q and the output",H.size,l.maxStorageBufferBindingSize)}),{table:T,slopes:C}=_e(t,e,P=>[{positions:P.query,seq:c},{positions:P.key,seq:u}],f.temps),x=Mo(t,e,f.temps),G=e.bias,O=o.tiles,D=Math.ceil(c*a/O.br),j=l.maxComputeWorkgroupsPerDimension,_=Do(o);for(let[P,H]of F){let I={q:k(P,H),k:B(P,H),v:M(P,H),o:b(P,H)};for(let E=0;E<D;E+=j){let Q={...Oo(e,I,T,{numTiles:D,tileBase:E,unitBase:P}),window:e.window===null?1073741824:Math.min(e.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:G?.batchStride??0,bH:G?.headStride??0,bS:G?.rowStride??0},v=t.bind(r,_,Q,{...Fo(s,I,T,C),...Ro(x)},f.temps),[K]=de(Math.min(j,D-E),l);f.dispatches.push({pipeline:r,bindGroup:v,grid:[K,H,1]})}}return f}function ss(t,e,o){let r=e.group*e.qSeq,s=Kr(e.headDim,r,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function ns(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(Co(e),()=>Vr(e)),t.pipeline(xo(o,r),()=>Xr(o,r))])}function is(t,e,o,r,s,n=!1){let i=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,i);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (${n?`the ${r} keys of the window`:`the cache length ${r}`}${i<r?` and maxComputeWorkgroupsPerDimension ${i}`:""}), got ${e.splits}`);return ht(r,e.splits)}let a=Math.ceil(e.group*e.qSeq/o.tiles.rb);return zr(r,e.batch*e.kvHeads*a,s,i)}function $t(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function as(t,e,o,r,s,n,i,a){let c={dispatches:[],temps:[]},[u,A]=r,f=t.limits,{qSeq:l,headDim:h}=e,d=h/4,p=jt(t,e,o.tiles.rb,o.elements,n),{rows:w,rowBlocks:$,splits:k,direct:b}=p,{table:B,slopes:M}=_e(t,e,()=>[{positions:$t(e,s.length),seq:l}],c.temps),R=Mo(t,{...e,bias:a.bias},c.temps),q=f.maxComputeWorkgroupsPerDimension,F=vo(o),T=Po(o.elements.o),C=Math.max(1,Math.floor(He(dt,f)/(w*d)));for(let x of s.chunks)for(let[G,O]of Yt(t,p,x,Math.min(q,C))){let D=Kt(p,x,G,O),{qw:j,ow:_}=D,P=b?t.dummy():t.scratch(p.partialBytes(O)),H={...zt(e,p,s,x,D,B),first:a.first,slots:s.slots,window:a.window===null?1073741824:Math.min(a.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:a.bias?.batchStride??0,bH:a.bias?.headStride??0,bS:a.bias?.rowStride??0};if(c.dispatches.push({pipeline:u,bindGroup:t.bind(u,F,H,{q:{buffer:i.q,offset:j.offset,size:j.size},k:{buffer:x.k},v:{buffer:x.v},o:{buffer:i.o,offset:_.offset,size:_.size},w:{buffer:P},...B?{table:{buffer:B.buffer}}:{},...M?{slopes:{buffer:M}}:{},...Ro(R)},c.temps),grid:[k,O,$]}),b)continue;let I=O*w*d,[E,Q]=de(Math.ceil(I/dt),f);c.dispatches.push({pipeline:A,bindGroup:t.bind(A,T,Ut(e,p,D,I,E),{w:{buffer:P},o:{buffer:i.o,offset:_.offset,size:_.size}},c.temps),grid:[E,Q,1]})}return c}function Dn(t){if(t.window!==null)return null;let{relaxed:e,plain:o}=$o(),r=e?new Ke(e,"relaxed-simd"):o?new Ke(o,"simd"):new ct,s=t.headDim+7&-8,n=(t.slots+7&-8)*s,i=t.batch*t.kvHeads*n,a=ut,c=a+i,u=c+i;if(u*4>2**31)return null;try{r.reserve(u)}catch{return null}return{kernel:r,dp:s,kAt:a,vAt:c,headFloats:n,end:u}}var wt=class extends tt{precision="f32";#e;#o;#t;constructor(e,o,r){super(e,o,r);let s=r.batch*r.kvHeads*r.slots*r.headDim;this.#e=new Float32Array(s),this.#o=new Float32Array(s),this.#t=Dn(r)}append(e,o,r={}){try{this.live();let s=Y("k",e,this.owner),n=Y("v",o,this.owner);return this.write(et(this,s,n,r),s,n),Promise.resolve()}catch(s){return Promise.reject(s)}}write(e,o,r){let{slot:s,skip:n,commit:i}=this.reserve(e),a=cs(o);e.rope&&(a=fe(a,e.rope.frequencies,{layout:e.layout,pairing:e.rope.pairing,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:s}}));let c=cs(r),u=this.headDim,A=e.strides;for(let f=0;f<this.batch;f++)for(let l=0;l<this.kvHeads;l++)for(let h=n;h<e.n;h++){let d=f*A.batch+l*A.heads+h*A.seq,p=((f*this.kvHeads+l)*this.slots+(s+h)%this.slots)*u;this.#e.set(a.data.subarray(d,d+u),p),this.#o.set(c.data.subarray(d,d+u),p)}this.#r(s,e.n),i()}#r(e,o){let r=this.#t;if(r===null)return;let{dp:s,headFloats:n}=r,i=this.headDim,a=r.kernel.reserve(r.end);for(let c=0;c<this.batch*this.kvHeads;c++){let u=r.kAt+c*n,A=r.vAt+c*n;for(let f=e;f<e+o;f++){let l=(c*this.slots+f)*i,h=u+(f>>3)*s*8+(f&7);for(let d=0;d<i;d++)a[h+8*d]=this.#e[l+d];for(let d=i;d<s;d++)a[h+8*d]=0;a.set(this.#o.subarray(l,l+i),A+f*s),a.fill(0,A+f*s+i,A+(f+1)*s)}}}tensors(e,o=!1,r=this.held().count){let{batch:s,kvHeads:n,headDim:i,slots:a}=this,c=r,u=this.length-c,A=Object.freeze(e==="bhsd"?[s,n,c,i]:[s,c,n,i]),f,l;if(!o&&e==="bhsd"&&c===a&&this.window===null)f=this.#e,l=this.#o;else{f=new Float32Array(s*n*c*i),l=new Float32Array(f.length);for(let d=0;d<s;d++)for(let p=0;p<n;p++){let w=(d*n+p)*a*i;if(e==="bhsd"&&this.window===null){let $=(d*n+p)*c*i;f.set(this.#e.subarray(w,w+c*i),$),l.set(this.#o.subarray(w,w+c*i),$);continue}for(let $=0;$<c;$++){let k=w+(u+$)%a*i,b=e==="bhsd"?((d*n+p)*c+$)*i:((d*c+$)*n+p)*i;f.set(this.#e.subarray(k,k+i),b),l.set(this.#o.subarray(k,k+i),b)}}}let h=this.#t;if(!o&&h!==null){let d={kernel:h.kernel,batch:s,kvHeads:n,headDim:i,length:c,kAt:h.kAt,vAt:h.vAt,headFloats:h.headFloats,end:h.end};Cr(f,d)}return{k:{shape:A,data:f},v:{shape:A,data:l}}}download(){try{this.live();let e=Math.min(this.length,this.window??1/0);return Promise.resolve(this.tensors("bhsd",!0,e))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function cs(t){return t instanceof U?t.host:t}var qn=1<<22,Mn=8;function To(){return new Promise(t=>{let{port1:e,port2:o}=new MessageChannel;e.onmessage=()=>{e.close(),t()},o.postMessage(null),o.close()})}function us(t){return t.batch*t.heads*t.qSeq*t.kSeq*t.headDim>=qn}async function Wt(t,e,o,r,s=()=>{}){let n={...t,rope:null},[i,a,c]=e,u=performance.now();for(let{batch:A,kv0:f,kv1:l}of o)for(let h=f;h<l;h++){let d={ranges:[{batch:A,kv0:h,kv1:h+1}],into:r};De(n,i,a,c,void 0,d),performance.now()-u>=Mn&&(await To(),s(),u=performance.now())}}function As(t){return Array.from({length:t.batch},(e,o)=>({batch:o,kv0:0,kv1:t.kvHeads}))}var Rn=1<<23,Ho=class{#e=[];replace(e){this.#e=[...e].filter(o=>o.byteLength>0)}take(e){let o=e*4,r=this.#e.findIndex(s=>s.byteLength===o);return r<0?new Float32Array(e):new Float32Array(this.#e.splice(r,1)[0])}drain(){return this.#e.splice(0)}};function On(t,e){let o=t.batch*t.kvHeads,r=Math.min(e,o),s=[];for(let n=0;n<r;n++){let i=Math.floor(n*o/r),a=Math.floor((n+1)*o/r),c=[];for(let u=i;u<a;){let A=Math.floor(u/t.kvHeads),f=u%t.kvHeads,l=Math.min(t.kvHeads,f+(a-u));c.push({batch:A,kv0:f,kv1:l}),u+=l-f}s.push(c)}return s}function ls(t,e){let o=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return t.bias===null&&e>1&&t.batch*t.kvHeads>1&&o>=Rn}function Go(t,e,o,r,s,n,i,a){let c=(s-r)*n*i,u=a?a.take(c):new Float32Array(c),A=0;for(let f=r;f<s;f++){let l=o*e.batch+f*e.heads;if(e.seq===i){u.set(t.subarray(l,l+n*i),A),A+=n*i;continue}for(let h=0;h<n;h++,A+=i){let d=l+h*e.seq;u.set(t.subarray(d,d+i),A)}}return u}function _o(t,e,o){if(!t.rope)return[e,o];let{frequencies:r,pairing:s,angles:n,layout:i}={...t.rope,layout:t.layout};return[fe(e,r,{layout:i,pairing:s,angles:n,positions:t.rope.query}),fe(o,r,{layout:i,pairing:s,angles:n,positions:t.rope.key})]}function Fn(t,e,o,r,s,n){let{group:i,qSeq:a,kSeq:c,headDim:u}=t,{batch:A,kv0:f,kv1:l}=e;return{q:Go(o.data,t.qStrides,A,f*i,l*i,a,u,n),k:Go(r.data,t.kStrides,A,f,l,c,u,n),v:Go(s.data,t.kStrides,A,f,l,c,u,n),alibi:t.alibi?t.alibi.slice(f*i,l*i):null,sinks:t.sinks?t.sinks.slice(f*i,l*i):null,pad:t.leftPadding?t.leftPadding[A]:null}}function Tn(t,e,o,r){let{group:s,qSeq:n,headDim:i,qStrides:a}=t,c=0;for(let u=e.kv0*s;u<e.kv1*s;u++){let A=e.batch*a.batch+u*a.heads;if(a.seq===i){r.set(o.subarray(c,c+n*i),A),c+=n*i;continue}for(let f=0;f<n;f++,c+=i)r.set(o.subarray(c,c+i),A+f*a.seq)}}function Gn(t){return t.flatMap(e=>[e.q.buffer,e.k.buffer,e.v.buffer])}function Hn(t){let e=[...t.scratch,...Gn(t.pieces)];for(let o of t.pieces)o.alibi&&e.push(o.alibi.buffer),o.sinks&&e.push(o.sinks.buffer);return e}var Lo=class{#e;#o=new Map;#t=null;spare=new Ho;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let o=e.data,r=this.#o.get(o.id);r&&(this.#o.delete(o.id),"error"in o?r.reject(new Error(`A CPU attention worker failed: ${o.error}`)):r.resolve(o))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#t}run(e){return this.#t?Promise.reject(new Error(this.#t)):new Promise((o,r)=>{this.#o.set(e.id,{resolve:o,reject:r}),this.#e.postMessage(e,Hn(e))})}fail(e){if(!this.#t){this.#t=e,this.#e.terminate();for(let o of this.#o.values())o.reject(new Error(e));this.#o.clear()}}},Vt=class{#e;#o=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,o,r,s){let[n,i]=_o(e,o,r),a=new Float32Array(o.data.length),c=Object.freeze([...o.shape]),[u,...A]=On(e,this.#e.length+1),f={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale,window:e.window,softcap:e.softcap},l=A.map((h,d)=>{let p=this.#e[d];(!p||p.failure)&&(p=this.#e[d]=new Lo);let w={id:this.#o++,...f,pieces:h.map($=>Fn(e,$,n,i,s,p.spare)),scratch:p.spare.drain()};return p.run(w).then(({outputs:$,spent:k})=>{h.forEach((b,B)=>Tn(e,b,$[B],a)),p.spare.replace([...k,...$.map(b=>b.buffer)])})});return await Wt(e,[n,i,s],u,a),await Promise.all(l),{shape:c,data:a}}destroy(e){for(let o of this.#e)o?.fail(e);this.#e.fill(void 0)}};function Ln(t,e){if(e===0)return t;let[o,r,s,n]=t.shape,i=n-e,a=new Float32Array(o*r*s*i);for(let c=0;c<o*r*s;c++)a.set(t.data.subarray(c*n+e,(c+1)*n),c*i);return{shape:[o,r,s,i],data:a}}var Xt=class extends ot{info;cacheClass=wt;#e=!1;#o;#t=null;constructor(e,o=1){super(),this.#o=o,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:o})}failure(){return this.#e?ft:null}#r(e){return e instanceof U?e.host:e}#s(e,o){return e instanceof U?new U(this,o.shape,o.data,this.alive):o}elementsOf(){return Ce}async runAttention(e){let{plan:o}=e,[r,s,n]=[this.#r(e.q),this.#r(e.k),this.#r(e.v)];if(!us(o))return this.#s(e.q,De(o,r,s,n));if(await To(),this.live(),ls(o,this.#o))return this.#t??=new Vt(this.#o-1),this.#s(e.q,await this.#t.attention(o,r,s,n));let i=new Float32Array(r.data.length);return await Wt(o,[..._o(o,r,s),n],As(o),i,()=>this.live()),this.#s(e.q,{shape:Object.freeze([...r.shape]),data:i})}async timeAttention(e,o,r,s){let[n,i,a]=e.args,{iterations:c,warmup:u,...A}=s;r&&await this.attention(n,i,a,A);let f=performance.now();for(let l=0;l<o;l++)await this.attention(n,i,a,A);return{seconds:(performance.now()-f)/1e3/o,iterations:o,source:"wall-clock"}}runRope(e){let{x:o,call:r,inPlace:s}=e,n=this.#r(o),i=fe(n,r.frequencies,{layout:r.layout,pairing:r.pairing,angles:r.angles,positions:r.positions});return s?(n.data.set(i.data),Promise.resolve(o)):Promise.resolve(this.#s(o,i))}store(e){return new U(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new wt(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){return Promise.resolve(this.#s(e.q,this.#n(e)))}#n(e){let{plan:o,cache:r}=e,s=Ht(o,r.length,r.ropeState,r.window),n=this.#r(e.q);o.rope&&(n=fe(n,o.rope.frequencies,{layout:o.layout,pairing:o.rope.pairing,angles:o.rope.angles,positions:$t(o,r.length)}));let{k:i,v:a}=r.tensors(o.layout),c=r.held().first,u=Oe(n,i,a,{layout:o.layout,causal:!0,scale:o.scale,...o.alibi?{alibiSlopes:o.alibi}:{},...s.window!==null?{slidingWindow:s.window}:{},...o.sinks?{sinks:o.sinks}:{},...o.softcap!==null?{softcap:o.softcap}:{},...o.leftPadding?{leftPadding:Array.from(o.leftPadding,A=>Math.min(Math.max(0,A-c),r.length-c))}:{},...o.bias?{bias:Ln(o.bias,c)}:{}});return De(u,n,i,a)}async timeDecode(e,o,r,s){let n=e.arg,{iterations:i,warmup:a,...c}=s;r&&await this.decode(n,e.cache,c);let u=performance.now();for(let A=0;A<o;A++)await this.decode(n,e.cache,c);return{seconds:(performance.now()-u)/1e3/o,iterations:o,source:"wall-clock",splits:1}}recordedOutput(e,o,r){let s=e.reduce((n,i)=>n*i,1);return new U(this,e,new Float32Array(s),this.alive).awaitRecording(r)}decodeElement(){return"f32"}runRecording(e,o){let r=[];try{this.live();for(let s of e)this.#a(s,o);for(let s of e)if(s.kind==="attention"){let{plan:n}=s.call,[i,a,c]=[this.#r(s.call.q),this.#r(s.call.k),this.#r(s.call.v)];s.output.host.data.set(De(n,i,a,c).data)}else if(s.kind==="rope"){let{x:n,call:i,inPlace:a}=s.request,c=a?n.host.data:s.output.host.data;if(a){let u=c.slice();r.push(()=>c.set(u))}c.set(fe(this.#r(n),i.frequencies,{layout:i.layout,pairing:i.pairing,angles:i.angles,positions:i.positions}).data)}else s.kind==="append"?(r.push(s.call.cache.snapshot()),s.call.cache.write(s.call.plan,s.call.k,s.call.v)):s.output.host.data.set(this.#n(s.call).data);return Promise.resolve()}catch(s){for(let n of r.reverse())n();return Promise.reject(s)}}#a(e,o){e.kind==="attention"?this.checkOperands(e.call.args,o):e.kind==="rope"?Y("x",e.request.arg,this,o):e.kind==="append"?(e.call.cache.live(),Y("k",e.call.args[0],this,o),Y("v",e.call.args[1],this,o)):(e.call.cache.live(),Y("q",e.call.arg,this,o))}destroy(){this.#e=!0,this.#t?.destroy(`This GpuAttention cannot be used: ${ft}`),this.#t=null}};var fs="a multiple of 4 from 16 to 256";function _n(t){let e=(t.headDim/4+(t.pad?1:0))*16,o=t.br*e,r=t.kv==="shared"?t.bc*e:t.bc*e*(t.doubleV?3:2),s=t.bc*(t.br+Math.min(t.tm,4))*4,n=t.br*(t.bc/t.tn)*4,i=t.doubleV?8:4;return o+r+s+n+i}function hs(t){return Math.ceil(t.bc*t.headDim/4/t.workgroup)}function Nn(t){let e=t.tm*t.tn+4*t.tm*t.od4,o=4*(t.tm+t.tn),r=hs(t),s=t.prefetch?t.kv==="shared"?4*r:8*r:0;return e+o+s+3*t.tm+24}function jn(t){let e=t.headDim/4,o=t.bc/t.tn,r=Math.min(t.tm,4),s=2*t.tm*t.tn*t.headDim,n=(t.tm+t.tn)*e+t.bc*(t.tm/r+t.od4),i=t.tm*t.tn*8+t.tm*(o+8)+4*t.tm*t.od4,a=hs(t)*2*4,c=t.kv==="split"&&t.doubleV?3:4,A=(t.prefetch?0:t.kv==="shared"?2:1)*400/Math.max(1,t.workgroup/32),f=c*(20+t.workgroup/8);return s/(s+n+i+a+A+f)}function No(t,e){return t%e===0}function Yn(t,e,o=256){if(!Number.isInteger(t)||t%4!==0||t<16||t>256)return[];let r=t/4,s=qe[e],n=[];for(let i of[64,128,256])if(!(i>o))for(let a of[1,2,4,8,16,32]){if(!No(r,a)||!No(i,a))continue;let c=r/a;for(let u of[1,2,4,8]){let A=i/a*u;if(!(A<8||A>128))for(let f of[1,2,4,8]){let l=a*f;if(!(l<8||l>64))for(let h of["shared","split"])for(let d of h==="split"?[!0,!1]:[!1])for(let p of[!0,!1])for(let w of[!0,!1]){let $={headDim:t,workgroup:i,br:A,bc:l,tm:u,tn:f,od4:c,kv:h,doubleV:d,prefetch:p,pad:w,dChunk:Kn(r),kChunk:Math.min(l,32)},k=_n($),b=Nn($);if(k>s||b>160)continue;let B={tier:e,...$,bytes:k},M=[b<=128?1:0,Math.round(jn($)*100),l>=32?1:0,i>=128?1:0,w?1:0,-b];n.push({tiles:B,score:M})}}}}return n.sort((i,a)=>zn(a.score,i.score)),n.map(i=>i.tiles)}function Kn(t){if(t<=16)return t;for(let e of[8,4,2])if(No(t,e))return e;return 1}function ds(t,e,o=256){return Yn(t,e,o)[0]}function ps(t){let e=`${t.kv}${t.doubleV?"2v":""}${t.prefetch?"+pf":""}`;return`wg${t.workgroup} ${t.br}x${t.bc} t${t.tm}x${t.tn} o${t.od4} ${e}${t.pad?" pad":""} c${t.dChunk}/${t.kChunk}`}function zn(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]-e[o];return 0}var Un=So;function Jt(t){let e=t.elements;return ie({name:"flash2",uniforms:Un,bindings:{q:L("Q",`array<vec4<${e.q}>>`),k:L("K",`array<vec4<${e.k}>>`),v:L("V",`array<vec4<${e.v}>>`),o:J("O",`array<vec4<${e.o}>>`),table:t.rope?L("T","array<vec2<f32>>"):null,slopes:t.alibi?L("SL","array<f32>"):null}})}function Zt(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash2:d${t.tiles.headDim}:${ps(t.tiles).replaceAll(" ",":")}:rope=${e}:alibi=${t.alibi}${Qo(t.elements??Ce)}`}function le(t){return Array.from({length:t},(e,o)=>o)}var gs=["x","y","z","w"];function ms(t){let e=t.tiles,o=t.elements,r=e.headDim/4,s=e.workgroup,n=e.br,i=e.bc,a=e.tm,c=e.tn,u=e.od4,A=i/c,f=e.dChunk,l=r/f,h=e.kChunk,d=i/h,p=Math.min(a,4),w=a/p,$=p===1?"f32":`vec${p}<f32>`,k=Math.ceil(i*r/s),b=g=>(g+1)*s>i*r,B=(g,y)=>b(g)?`if (lid + ${g*s}u < ${i*r}u) {
      ${y}
    }`:y,M=n*r/s,R=e.kv==="shared",q=e.doubleV?2:1,F=ae("Q",o.q),T=ae("K",o.k),C=ae("V",o.v),x=[o.q,o.k,o.v,o.o].includes("f16"),G=le(a),O=le(c),D=le(u),j="vec4<f32>(0.0)",_=g=>l===1?"0u":g,P=g=>d===1?"0u":g,H=le(k).map(g=>`let ldr${g} = (lid + ${g*s}u) / ${r}u; let ldc${g} = (lid + ${g*s}u) % ${r}u;
  let ldrg${g} = ${P(`ldr${g} / ${h}u`)}; let ldrj${g} = ldr${g} % ${h}u;
  let ldcg${g} = ${_(`ldc${g} / ${f}u`)}; let ldcj${g} = ldc${g} % ${f}u;`).join(`
  `),I=(g,y,N,te)=>te.map(pe=>{let ye=`${y}k${pe}`,ce=g==="K"?`b * P.kB + kvh * P.kH + min(${ye}, P.sk - 1u) * P.kS - P.kOff`:`b * P.vB + kvh * P.vH + min(${ye}, P.sk - 1u) * P.vS - P.vOff`;return`let ${ye} = ${N} + ldr${pe}; let ${y}x${pe} = ${(g==="K"?T:C)(`${ce} + ldc${pe}`)};`}).join(`
    `),E=t.rope?ke(t.rope,T,"base","c","P.kTab + b * P.kTabB + key"):"",Q=(g,y,N,te,pe,ye="0u")=>{if(g==="V"){let ce=N.map(ve=>B(ve,`${te(ve)} = ${y}x${ve};`)).join(`
      `),Re=N.map(ve=>B(ve,`${te(ve)} = select(${j}, ${y}x${ve}, ${y}k${ve} < P.sk);`)).join(`
      `),rn=N.map(ve=>`${y}x${ve}`).join(" + ");return`if (${pe} + ${i}u <= P.sk) {
      ${ce}
    } else {
      ${Re}
    }
    if (!finite4(${rn})) {
      atomicMax(&Bad[${ye}], (${pe}) / ${i}u + 1u);
    }`}return N.map(ce=>t.rope?B(ce,`{
      var x = ${y}x${ce};
      let key = ${y}k${ce};
      let c = ldc${ce};
      if (key < P.sk) {
        let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
        ${E}
      }
      ${te(ce)} = x;
    }`):B(ce,`${te(ce)} = ${y}x${ce};`)).join(`
    `)},v=g=>`Ks[ldrg${g}][ldrj${g}].g[ldcg${g}][ldcj${g}]`,K=g=>y=>R?v(y):`Vs[${q===1?`ldrg${y}`:d===1?g:`${g} * ${d}u + ldrg${y}`}][ldrj${y}].g[ldcg${y}][ldcj${y}]`,X=g=>q===2?g:"0u",m=(g,y,N)=>{let te=[],pe=8/g.length;for(let ye=0;ye<k;ye+=pe){let ce=le(Math.min(pe,k-ye)).map(Re=>ye+Re);te.push(`{
    ${g.map(Re=>I(Re,Re==="K"?"ka":"va",y,ce)).join(`
    `)}
    ${g.map(Re=>Re==="K"?Q("K","ka",ce,v,y):Q("V","va",ce,K(N),y,X(N))).join(`
    `)}
  }`)}return te.join(`
  `)},S=t.rope?ke(t.rope,F,"base","c","P.qTab + b * P.qTabB + pos"):"",W=le(M).map(g=>`{
    let e = lid + ${g*s}u;
    let r = e / ${r}u;
    let c = e % ${r}u;
    let flat = row0 + r;
    let pos = flat / P.group;
    let h = kvh * P.group + flat % P.group;
    let base = b * P.qB + h * P.qH + min(pos, P.sq - 1u) * P.qS - P.qOff;
    var x = ${F("base + c")};
    ${t.rope?`if (pos < P.sq) {
      ${S}
    }`:""}
    Qs[r].g[${_(`c / ${f}u`)}][c % ${f}u] = select(${j}, x, pos < P.sq) * P.scale2;
  }`).join(`
  `),ee=(g,y,N)=>gs.reduce((te,pe)=>`fma(${g}.${pe}, ${y}.${pe}, ${te})`,N),V=(g,y)=>`{ ${G.map(N=>`let qv${N} = Qs[qr${N}].g[${g}][${y}u];`).join(" ")}
        ${O.map(N=>`let kv${N} = Ks[kg${N}][kj${N}].g[${g}][${y}u];`).join(" ")}
        ${G.flatMap(N=>O.map(te=>`s${N}_${te} = ${ee(`qv${N}`,`kv${te}`,`s${N}_${te}`)};`)).join(`
        `)} }`,ge=g=>le(f).map(y=>V(g,y)).join(`
      `),Me=l===1?ge("0u"):`for (var gd = 0u; gd < ${l}u; gd++) {
      ${ge("gd")}
    }`,io=t.alibi?G.flatMap(g=>O.map(y=>`s${g}_${y} -= sl${g} * f32(abs(qp${g} - i32(ky${y})));`)).join(`
    `):"",ao=G.flatMap(g=>O.map(y=>`s${g}_${y} = select(${-1e30}, s${g}_${y}, ky${y} < P.sk && (P.causal == 0u || i32(ky${y}) <= qp${g}));`)).join(`
      `),js=G.map(g=>`Mx[qr${g}][tc] = ${O.map(y=>`s${g}_${y}`).reduce((y,N)=>`max(${y}, ${N})`)};`).join(`
    `),Ys=g=>le(A).map(y=>`Mx[qr${g}][${y}u]`).reduce((y,N)=>`max(${y}, ${N})`),Ks=G.map(g=>`{
      let mnew = max(mx${g}, ${Ys(g)});
      let alpha = exp2(mx${g} - mnew);
      mx${g} = mnew;
      ${O.map(y=>`s${g}_${y} = ${Te(`s${g}_${y}`,"mnew")};`).join(`
      `)}
      sm${g} = sm${g} * alpha + ${O.map(y=>`s${g}_${y}`).join(" + ")};
      ${D.map(y=>`o${g}_${y} *= alpha;`).join(" ")}
    }`).join(`
    `),zs=(g,y)=>{let N=le(p).map(te=>`s${g*p+te}_${y}`);return p===1?N[0]:`${$}(${N.join(", ")})`},Us=O.flatMap(g=>le(w).map(y=>`Pt[kg${g}][kj${g}][pr${y}] = ${zs(y,g)};`)).join(`
    `),Ws=(g,y)=>R?`Ks[${g}][${y}u]`:`Vs[${q===1?g:d===1?"vb":`vb * ${d}u + ${g}`}][${y}u]`,co=g=>p===1?`pw${g}`:`pw${Math.floor(g/p)}.${gs[g%p]}`,Vs=(g,y)=>`{ ${le(w).map(N=>`let pw${N} = Pt[${g}][${y}u][pr${N}];`).join(" ")}
        ${D.map(N=>`let vv${N} = ${Ws(g,y)}.g[vg${N}][vj${N}];`).join(" ")}
        ${G.flatMap(N=>D.map(te=>`o${N}_${te} = fma(vec4<f32>(${co(N)}), vv${te}, o${N}_${te});`)).join(`
        `)} }`,Vo=g=>le(h).map(y=>Vs(g,y)).join(`
      `),Xs=d===1?Vo("0u"):`for (var gp = 0u; gp < ${d}u; gp++) {
      ${Vo("gp")}
    }`,Js=R?"Ks[cg][cj]":`Vs[${q===1?"cg":d===1?"vb":`vb * ${d}u + cg`}][cj]`,Zs=`for (var kc = 0u; kc < ${i}u; kc++) {
        let cg = kc / ${h}u;
        let cj = kc % ${h}u;
        ${le(w).map(g=>`let pw${g} = Pt[cg][cj][pr${g}];`).join(" ")}
        ${D.map(g=>`let vv${g} = ${Js}.g[vg${g}][vj${g}];`).join(" ")}
        ${G.flatMap(g=>D.map(y=>`o${g}_${y} = select(fma(vec4<f32>(${co(g)}), vv${y}, o${g}_${y}), o${g}_${y}, ${co(g)} == 0.0);`)).join(`
        `)}
      }`,en=`if (atomicLoad(&Bad[${X("vb")}]) == kt + 1u) {
      ${Zs}
    } else {
      ${Xs}
    }`,he=le(k),yt="",uo="",Ao="",lo="",vt="",tn=!(e.kv==="split"&&e.doubleV);R&&!e.prefetch?(yt=m(["K"],"0u","0u"),Ao=m(["V"],"key0","0u"),vt=m(["K"],`key0 + ${i}u`,"0u")):R?(yt=`{
    ${I("K","ka","0u",he)}
    ${Q("K","ka",he,v,"0u")}
  }`,uo=I("V","va","key0",he),Ao=Q("V","va",he,K(""),"key0","0u"),lo=I("K","kn",`key0 + ${i}u`,he),vt=Q("K","kn",he,v,`key0 + ${i}u`)):e.prefetch?(yt=`{
    ${I("K","ka","0u",he)}
    ${I("V","va","0u",he)}
    ${Q("K","ka",he,v,"0u")}
    ${Q("V","va",he,K("0u"),"0u",X("0u"))}
  }`,lo=`${I("K","kn",`key0 + ${i}u`,he)}
    ${I("V","vn",`key0 + ${i}u`,he)}`,vt=`${Q("K","kn",he,v,`key0 + ${i}u`)}
    ${Q("V","vn",he,K("(vb ^ 1u)"),`key0 + ${i}u`,X("(vb ^ 1u)"))}`):uo=m(["K","V"],"key0","vb");let on=G.map(g=>`{
    let l = ${le(A).map(y=>`Mx[qr${g}][${y}u]`).join(" + ")};
    let flat = row0 + qr${g};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff;
      let inv = ${we("l")};
      ${D.map(y=>o.o==="f32"?`O[base + vc${y}] = o${g}_${y} * inv;`:`O[base + vc${y}] = vec4<f16>(o${g}_${y} * inv);`).join(`
      `)}
    }
  }`).join(`
  `);return`// ${Zt(t)}
${x?"enable f16;":""}
${Jt(t).wgsl}
struct TileRow {
  g: array<array<vec4<f32>, ${f}>, ${l}>,${e.pad?`
  pad: vec4<f32>,`:""}
}
var<workgroup> Qs: array<TileRow, ${n}>;
var<workgroup> Ks: array<array<TileRow, ${h}>, ${d}>;
${R?"":`var<workgroup> Vs: array<array<TileRow, ${h}>, ${q*d}>;`}
var<workgroup> Pt: array<array<array<${$}, ${n/p+1}>, ${h}>, ${d}>;
var<workgroup> Mx: array<array<f32, ${A}>, ${n}>;
// Per V buffer: 1 + the last tile whose V held a NaN or an infinity (0: none).
var<workgroup> Bad: array<atomic<u32>, ${q}>;

${$e}
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

  let tr = lid / ${A}u;
  let tc = lid % ${A}u;
  ${G.map(g=>`let qr${g} = tr * ${a}u + ${g}u;
  let qp${g} = i32((row0 + qr${g}) / P.group) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${g} = SL[kvh * P.group + (row0 + qr${g}) % P.group];`:""}`).join(`
  `)}
  ${O.map(g=>`let kl${g} = tc + ${g*A}u; let kg${g} = ${P(`kl${g} / ${h}u`)}; let kj${g} = kl${g} % ${h}u;`).join(`
  `)}
  ${D.map(g=>`let vc${g} = tc + ${g*A}u; let vg${g} = ${_(`vc${g} / ${f}u`)}; let vj${g} = vc${g} % ${f}u;`).join(`
  `)}
  ${le(w).map(g=>`let pr${g} = tr * ${w}u + ${g}u;`).join(" ")}
  ${H}
  ${G.map(g=>`var mx${g} = ${-1e30}; var sm${g} = 0.0;`).join(" ")}
  ${G.flatMap(g=>D.map(y=>`var o${g}_${y} = ${j};`)).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${n}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${i-1}u) / ${i}u;
  // The first row's last visible key: tiles past it need the causal mask.
  let minQp = i32(row0 / P.group) + i32(P.sk) - i32(P.sq);
  ${yt}
  for (var kt = 0u; kt < tiles; kt++) {
    let key0 = kt * ${i}u;
    let vb = ${q===2?"kt & 1u":"0u"};
    ${uo}
    workgroupBarrier();
    ${G.flatMap(g=>O.map(y=>`var s${g}_${y} = 0.0;`)).join(" ")}
    ${Me}
    ${O.map(g=>`let ky${g} = key0 + kl${g};`).join(" ")}
    ${io}
    if (key0 + ${i}u > P.sk || (P.causal != 0u && i32(key0) + ${i-1} > minQp)) {
      ${ao}
    }
    ${js}
    workgroupBarrier();
    ${Ao}
    ${Ks}
    ${Us}
    workgroupBarrier();
    ${lo}
    ${en}
    ${tn?"workgroupBarrier();":""}
    ${vt}
  }

  ${G.map(g=>`Mx[qr${g}][tc] = sm${g};`).join(" ")}
  workgroupBarrier();
  ${on}
}
`}var Wn=new Set(["layout","batch","heads","kvHeads","group","qSeq","kSeq","headDim","qShape","qStrides","kStrides","causal","scale","rope","alibi"]);function Vn(t){return t==null||t===!1||t===0}function Xn(t,e,o,r){for(let[n,i]of Object.entries(e))if(!Wn.has(n)&&!Vn(i))return`the option behind plan field ${n} is not implemented by flash2`;let s=r??ds(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);return s?{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}:`head dim ${e.headDim} has no flash2 tiles on tier ${t.tier} (${fs}, within the tier's workgroup storage)`}function Jn(t,e){return t.pipeline(Zt(e),()=>ms(e))}function Zn(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:u,headDim:A}=e,f={dispatches:[],temps:[]};if(n===0||c===0||u===0)return f;let l=t.limits,h=e.qStrides,d=e.kStrides,p=o.elements,w=C=>C==="f16"?2:4,$=(C,x,G)=>{let O=G==="q"?h:d,D=G==="q"?a:1,j=G==="q"?c:u,_=C+x-1,P=(H,I)=>Math.floor(H/i)*O.batch+(H%i*D+I)*O.heads;return[P(C,0),P(_,D-1)+(j-1)*O.seq+A]},k=(C,x,G,O)=>{let[D,j]=$(C,x,G);return Ee(D,j,l,w(O))},b=(C,x)=>w(C)>=w(x)?C:x,B=Pe(n*i,l.maxComputeWorkgroupsPerDimension,(C,x)=>Ae(k(C,x,"q",b(p.q,p.o)),l)&&Ae(k(C,x,"k",b(p.k,p.v)),l),C=>{let x=k(C,1,"q",b(p.q,p.o));return Ae(x,l)?mt("k and v",k(C,1,"k",b(p.k,p.v)).size,l.maxStorageBufferBindingSize):mt("q and the output",x.size,l.maxStorageBufferBindingSize)}),{table:M,slopes:R}=_e(t,e,C=>[{positions:C.query,seq:c},{positions:C.key,seq:u}],f.temps),q=Math.ceil(c*a/o.tiles.br),F=l.maxComputeWorkgroupsPerDimension,T=Jt(o);for(let[C,x]of B){let G={q:k(C,x,"q",p.q),k:k(C,x,"k",p.k),v:k(C,x,"k",p.v),o:k(C,x,"q",p.o)};for(let O=0;O<q;O+=F){let D=Oo(e,G,M,{numTiles:q,tileBase:O,unitBase:C}),j=t.bind(r,T,D,Fo(s,G,M,R),f.temps),[_]=de(Math.min(F,q-O),l);f.dispatches.push({pipeline:r,bindGroup:j,grid:[_,x,1]})}}return f}async function $s(t,e,o){let r=Xn(t,e,o);if(typeof r=="string")return null;let s=await Jn(t,r);return n=>Zn(t,e,r,s,n)}var ei=128,ti=16,oi=8;function ri(t){let e=t.tk*(t.de+1)*16,o=t.rb*(t.headDim/4)*16,r=t.tk*t.rb*4,s=t.rb*4;return e+o+r+s}function ws(t,e,o,r,s=256){let n=o==="f16"?8:4;if(!Number.isInteger(t)||t%n!==0||t<n||t>512)return`the keys kernel reads ${o} rows in 16-byte units of ${n} dims, so it needs a head dim that is a multiple of ${n} up to 512, got ${t}`;let i=t/n,a=Math.min(ei,s);if(i>a)return`a row of ${i} load units needs more than the ${a} invocations per workgroup`;let c=Math.floor(a/i),u=c*i,A=Math.max(1,Math.min(e,oi)),f=qe[r];for(let l=A;l>=1;l--){let h;for(let d=Math.min(u,c*ti);d>=c;d-=c){let p=ri({headDim:t,de:i,tk:d,rb:l});if(p>f)continue;let w=Math.ceil(l/Math.max(1,Math.floor(u/d))),$=Math.ceil(l/w),k={headDim:t,kv:o,e:n,de:i,wg:u,kg:c,tk:d,vk:d/c,rb:l,sg:$,rh:w,bytes:p};if(d%32===0||d<32)return k;h??=k}if(h)return h}return`no tile of keys fits ${f} bytes of workgroup storage (tier ${r}) at head dim ${t}`}var si=256,ni=1024,ii=4;function ks(t,e,o,r,s){let n=ii*Math.max(1,o),i=Math.ceil(t*Math.max(1,e)/n),a=Math.min(ni,Math.max(si,i)),c=Math.ceil(a/s)*s,u=Math.max(1,Math.ceil(t/c));return u>r&&(u=r,c=Math.ceil(t/u)),u===1?{splits:1,keysPerSplit:Math.max(1,t)}:{splits:Math.ceil(t/c),keysPerSplit:c}}var ai={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmaxU:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},ci={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function Es(t){return t.kv==="f16"?"vec4<u32>":"vec4<f32>"}function jo(t){let e=t.elements,o=Es(t.tiles);return ie({name:"decode keys",uniforms:ai,bindings:{q:L("Q",`array<vec4<${e.q}>>`),k:L("K",`array<${o}>`),v:L("V",`array<${o}>`),o:J("O",`array<vec4<${e.o}>>`),w:J("W","array<vec4<f32>>"),table:t.rope?L("T","array<vec2<f32>>"):null,slopes:t.alibi?L("SL","array<f32>"):null}})}function Yo(t){return ie({name:"decode keys merge",uniforms:ci,bindings:{w:L("W","array<vec4<f32>>"),o:J("O",`array<vec4<${t}>>`)}})}function Ko(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode-keys:d${e.headDim}:${e.kv}:wg${e.wg}:tk${e.tk}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function kt(t){let e=t/4,o=[8,4,2,1].find(s=>e%s===0),r=256/o;return{chunks:o,lanes:r,blocks:e/o,workgroup:256}}function zo(t,e){return`decode-keys-merge:d${t}:${e}`}function ze(t){return Array.from({length:t},(e,o)=>o)}function bs(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function ui(t){return[4,2,1].find(e=>t%e===0)}function Is(t){let e=t.tiles,{wg:o,tk:r,rb:s,de:n,kg:i,vk:a,sg:c,rh:u}=e,A=e.headDim/4,f=e.e/4,l=n+1,h=t.elements,d=ae("Q",h.q),p=[h.q,h.o].includes("f16"),w=ze(s),$=ze(f),k=e.kv==="f16",b=(I,E)=>k?`vec4<f32>(unpack2x16float(${I}.${"xz"[E]}), unpack2x16float(${I}.${"yw"[E]}))`:I,B=t.rope?ke(t.rope,d,"base","cc","P.tab + b * P.tabB + tq"):"",M=ze(a).map(I=>`let ki${I} = kvBase + min(k0 + g + ${I*i}u, kEnd - 1u) * ${n}u + c;
    Ks[(g + ${I*i}u) * ${l}u + c] = K[ki${I}];
    let v${I} = V[ki${I}];`).join(`
    `),R=ze(u),q=c*u!==s,F=I=>c===1?`${I}u`:`(rg * ${u}u + ${I}u)`,T=I=>q?`min(${F(I)}, ${s-1}u)`:F(I),C=ui(n),x=ze(C).map(I=>{let E=$.map(v=>`let x${I}_${v} = ${b(`Ks[kr + u + ${I}u]`,v)};`).join(" "),Q=R.map(v=>`s${v} += ${$.map(K=>`dot(Qs[${T(v)} * ${A}u + (u + ${I}u) * ${f}u + ${K}u], x${I}_${K})`).join(" + ")};`).join(" ");return`${E}
        ${Q}`}).join(`
        `),G=t.alibi?"s -= SL[kvh * P.group + min(f, P.rows - 1u) % P.group] * f32(i32(qp) - i32(key));":"",O=R.map(I=>`{
        let row = ${F(I)};
        let f = row0 + row;
        let qp = P.len - P.sq + f / P.group;
        var s = s${I};
        ${G}
        s${I} = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp);
        ${q?`if (row < ${s}u && `:"if ("}s${I} > unordered(atomicLoad(&Mx[row]))) {
          atomicMax(&Mx[row], ordered(s${I}));
        }
      }`).join(`
      `),D=w.map(I=>`{
      let mn = unordered(atomicLoad(&Mx[${I}u]));
      let al = exp2(m${I} - mn);
      m${I} = mn;
      l${I} *= al;
      ${$.map(E=>`a${I}_${E} *= al;`).join(" ")}
    }`).join(`
    `),j=R.map(I=>{let E=`Ps[kl * ${s}u + row] = ${Te(`s${I}`,c===1?`m${I}`:"unordered(atomicLoad(&Mx[row]))")};`;return`{
        let row = ${F(I)};
        ${q?`if (row < ${s}u) { ${E} }`:E}
      }`}).join(`
      `),_=ze(a).map(I=>`{
      let pb = (g + ${I*i}u) * ${s}u;
      ${$.map(E=>`let w${E} = ${b(`v${I}`,E)};`).join(" ")}
      ${w.map(E=>`{ let pr = Ps[pb + ${E}u]; l${E} += pr; ${$.map(Q=>`a${E}_${Q} += select(pr * w${Q}, vec4<f32>(0.0), pr == 0.0);`).join(" ")} }`).join(`
      `)}
    }`).join(`
    `),P=w.map(I=>$.map(E=>{let Q=`${I*A}u + c * ${f}u + ${E}u`;return`Qs[${Q}] = a${I}_${E} + select(vec4<f32>(0.0), Qs[${Q}], gi > 0u);`}).join(" ")).join(`
      `),H=w.map(I=>`Ps[${I}u] = l${I} + select(0.0, Ps[${I}u], gi > 0u);`).join(" ");return`// ${Ko(t)}
${p?"enable f16;":""}
${jo(t).wgsl}
${$e}
var<workgroup> Ks: array<${Es(e)}, ${r*l}>;
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
  let c = lid % ${n}u;
  let g = lid / ${n}u;
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
      x = ${d("base + cc")};
      ${B}
    }
    Qs[i] = x * P.scale2;
  }
  if (lid < ${s}u) {
    atomicStore(&Mx[lid], ordered(${-1e30}));
  }
  ${w.map(I=>`var m${I} = ${-1e30}; var l${I} = 0.0;`).join(`
  `)}
  ${R.map(I=>`var s${I} = 0.0;`).join(" ")}
  let kl = lid % ${r}u; // the score invocation's key in the tile
  let rg = lid / ${r}u; // and its group of rows
  ${w.flatMap(I=>$.map(E=>`var a${I}_${E} = vec4<f32>(0.0);`)).join(" ")}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${s}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  workgroupBarrier();
  for (var k0 = kBegin; k0 < kEnd; k0 += ${r}u) {
    ${M}
    workgroupBarrier();
    if (lid < ${r*c}u) {
      ${R.map(I=>`s${I} = 0.0;`).join(" ")}
      let kr = kl * ${l}u;
      for (var u = 0u; u < ${n}u; u += ${C}u) {
        ${x}
      }
      let key = k0 + kl;
      ${O}
    }
    workgroupBarrier();
    ${D}
    if (lid < ${r*c}u) {
      ${j}
    }
    workgroupBarrier();
    ${_}
  }

  // The key groups' outputs and sums, added in workgroup memory (Qs and Ps are free now).
  workgroupBarrier();
  for (var gi = 0u; gi < ${i}u; gi++) {
    if (g == gi) {
      ${P}
      if (c == 0u) {
        ${H}
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
        O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + cc] = ${bs(h.o,`Qs[i] * ${we("total")}`)};
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
`}function Bs(t,e){let o=t/4,{chunks:r,lanes:s,workgroup:n,blocks:i}=kt(t),a=ze(4),c=`vec4<f32>(${-1e30}, 0.0, 0.0, 0.0)`,u=[];for(let A=s/2;A>=1;A/=2)u.push(`if (sl < ${A}u) {
    let other = lid + ${A*r}u;
    let x = Sm[lid];
    let y = Sm[other];
    let mx = max(x.x, y.x);
    let wx = exp2(x.x - mx);
    let wy = exp2(y.x - mx);
    Am[lid] = Am[lid] * wx + Am[other] * wy;
    Sm[lid] = vec2<f32>(mx, x.y * wx + y.y * wy);
  }
  workgroupBarrier();`);return`// ${zo(t,e)}
${e==="f16"?"enable f16;":""}
${Yo(e).wgsl}
${$e}
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
    O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + c] = ${bs(e,`Am[lid] * ${we("total")}`)};
  }
}
`}function ys(t,e,o){let r=ws(e.headDim,e.group*e.qSeq,o.kv,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(typeof r=="string")return r;let s=kt(e.headDim).workgroup;if(s>t.limits.maxComputeInvocationsPerWorkgroup)return`its merge kernel needs ${s} invocations per workgroup`;let n=e.group*e.qSeq,i=t.limits.maxComputeWorkgroupsPerDimension;return Math.ceil(n/r.rb)>i||n*kt(e.headDim).blocks>i*i?`${n} query rows per KV head exceed its grid (maxComputeWorkgroupsPerDimension ${i})`:{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function vs(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(Ko(e),()=>Is(e)),t.pipeline(zo(o,r),()=>Bs(o,r))])}function Ps(t,e,o,r,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,n);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return ht(r,e.splits)}let i=o.tiles,a=Math.ceil(e.group*e.qSeq/i.rb);return ks(r,e.batch*e.kvHeads*a,s,n,i.tk)}function Cs(t,e,o,r,s,n,i){let a={dispatches:[],temps:[]},[c,u]=r,A=t.limits,f=o.tiles,l=jt(t,e,f.rb,o.elements,n),{rows:h,rowBlocks:d,splits:p,direct:w}=l,{table:$,slopes:k}=_e(t,e,()=>[{positions:$t(e,s.length),seq:e.qSeq}],a.temps),b=A.maxComputeWorkgroupsPerDimension,B=jo(o),M=Yo(o.elements.o),R=kt(e.headDim).blocks,q=Math.max(1,Math.floor(b*b/(h*R)));for(let F of s.chunks)for(let[T,C]of Yt(t,l,F,Math.min(b,q))){let x=Kt(l,F,T,C),{qw:G,ow:O}=x,D=t.dummy();w||(D=t.buffer(l.partialBytes(C),"decode partials"),a.temps.push(D));let j={...zt(e,l,s,F,x,$),lmaxU:s.slots*f.de};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,B,j,{q:{buffer:i.q,offset:G.offset,size:G.size},k:{buffer:F.k},v:{buffer:F.v},o:{buffer:i.o,offset:O.offset,size:O.size},w:{buffer:D},...$?{table:{buffer:$.buffer}}:{},...k?{slopes:{buffer:k}}:{}},a.temps),grid:[p,C,d]}),w)continue;let _=C*h*R,[P,H]=de(_,A);a.dispatches.push({pipeline:u,bindGroup:t.bind(u,M,Ut(e,l,x,_,P),{w:{buffer:D},o:{buffer:i.o,offset:O.offset,size:O.size}},a.temps),grid:[P,H,1]})}return a}function Ai(t,e){let o=t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null;return o?`it does not take ${o}`:e!==null?"it does not read a window cache's ring":null}function xs(t,e,o,r=null){let s=null;if(e.kernel==="keys"){let n=Ai(e,r)??ys(t,e,o);if(typeof n!="string")return{kernel:"keys",params:n};s=n}return{kernel:"split",params:ss(t,e,o),fallback:s}}function Et(t,e){return e.kernel==="keys"?vs(t,e.params):ns(t,e.params)}function Qs(t,e,o,r,s,n,i,a){if(o.kernel==="keys"){let f=Ps(t,e,o.params,s.length,n);return{job:Cs(t,e,o.params,r,s,f,i),splits:f.splits}}let c=s.length-a.first,u=is(t,e,o.params,c,n,a.window!==null);return{job:as(t,e,o.params,r,s,u,i,a),splits:u.splits}}var Ss=new Float32Array(1),li=new Uint32Array(Ss.buffer);function fi(t){Ss[0]=t;let e=li[0],o=e>>>16&32768,r=e>>>23&255,s=e&8388607;if(r===255)return o|31744|(s!==0?512:0);let n=r-112;if(n>=31)return o|31744;if(n<=0){if(n<-10)return o;s|=8388608;let c=14-n,u=s>>>c,A=s&(1<<c)-1,f=1<<c-1;return(A>f||A===f&&(u&1)===1)&&u++,o|u}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,o|i}function Ds(t){let e=(t&32768)!==0?-1:1,o=t>>>10&31,r=t&1023;return o===0?e*r*2**-24:o===31?r!==0?NaN:e*(1/0):e*(1+r/1024)*2**(o-15)}function Uo(t){let e=new Uint16Array(t.length+t.length%2);for(let o=0;o<t.length;o++)e[o]=fi(t[o]);return e}function eo(t,e=t.length){let o=new Float32Array(e);for(let r=0;r<e;r++)o[r]=Ds(t[r]);return o}var Be=64;function qs(){return Float32Array.from({length:Be},(t,e)=>(e-31)*.125)}var hi=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${Be/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function di(t,e){let o=qs();for(let r=0;r<Be;r++){let s=o[r]*3+.25,n=t[r],i=e[r]===void 0?void 0:Ds(e[r]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${r} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${Be} values was exact`}}async function Ms(t){let n=[],i=(a,c)=>{let u=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(u),u};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:hi,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),u=i(Be*2,136),A=i(Be*4,132),f=i(Be*2,132),l=i(Be*4,9),h=i(Be*2,9),d=Uo(qs());t.queue.writeBuffer(u,0,d.buffer,d.byteOffset,d.byteLength);let p=t.createCommandEncoder(),w=p.beginComputePass();w.setPipeline(c),w.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[u,A,f].map((B,M)=>({binding:M,resource:{buffer:B}}))})),w.dispatchWorkgroups(1),w.end(),p.copyBufferToBuffer(A,0,l,0,Be*4),p.copyBufferToBuffer(f,0,h,0,Be*2),t.queue.submit([p.finish()]),await Promise.all([l.mapAsync(1),h.mapAsync(1)]);let $=new Float32Array(l.getMappedRange().slice(0)),k=new Uint16Array(h.getMappedRange().slice(0)),b=await t.popErrorScope();return b?{available:!1,detail:`the shader-f16 self-test was rejected: ${b.message}`}:di($,k)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var to=256,pi={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",slots:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function Rs(t){return ie({name:"kv append",uniforms:pi,bindings:{k:L("K",`array<vec4<${t.k}>>`),v:L("V",`array<vec4<${t.v}>>`),kc:J("KC",`array<vec4<${t.cache}>>`),vc:J("VC",`array<vec4<${t.cache}>>`),table:t.rope?L("T","array<vec2<f32>>"):null}})}function Os(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function gi(t){let e=t.headDim/4,o=ae("K",t.k),r=ae("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=a=>t.cache==="f32"?a:`vec4<f16>(${a})`,i=t.rope?ke(t.rope,o,"base","c","P.tab + b * P.tabB + s"):"";return`// ${Os(t)}
${s?"enable f16;":""}
${Rs(t).wgsl}
@compute @workgroup_size(${to})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${to}u + lid;
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
`}function oo(t,e){return t.pipeline(Os(e),()=>gi(e))}function Fs(t,e,o,r,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,u=o.headDim,A=u/4;if(a===0)return i;let f=t.limits,l=o.k==="f16"?2:4,h=o.v==="f16"?2:4,d=(B,M,R)=>{let q=B+M-1,F=T=>Math.floor(T/e.kvHeads)*c.batch+T%e.kvHeads*c.heads;return Ee(F(B)+e.skip*c.seq,F(q)+(a-1)*c.seq+u,f,R)},p=null;e.rope&&(p=pt(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),p.temp&&i.temps.push(p.buffer));let w=He(to,f),$=Math.min(a-e.skip,Math.max(1,Math.floor(w/A))),k=Math.max(1,Math.floor(w/($*A))),b=Rs(o);for(let B of n){let M=Pe(B.n,k,(R,q)=>Ae(d(B.u0+R,q,l),f)&&Ae(d(B.u0+R,q,h),f),R=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${d(B.u0+R,1,Math.max(l,h)).size} bytes, more than maxStorageBufferBindingSize (${f.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[R,q]of M)for(let F=e.skip;F<a;F+=$){let T=Math.min($,a-F),C=B.u0+R,x=d(C,q,l),G=d(C,q,h),O=q*T*A,[D,j]=de(Math.ceil(O/to),f),_={items:O,kvHeads:e.kvHeads,unitBase:C,chunkBase:B.u0,slot:e.slot,slots:e.slots,lmax4:e.slots*A,gridX:D,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:x.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:G.base/4,tab:p?.sides[0]?.tab??0,tabB:p?.sides[0]?.tabB??0,tokBase:F,tokCount:T},P=t.bind(r,b,_,{k:{buffer:s.k,offset:x.offset,size:x.size},v:{buffer:s.v,offset:G.offset,size:G.size},kc:{buffer:B.k},vc:{buffer:B.v},...p?{table:{buffer:p.buffer}}:{}},i.temps);i.dispatches.push({pipeline:r,bindGroup:P,grid:[D,j,1]})}}return i}var ro=class{#e=Promise.resolve();hold(){let e=this.#e,o,r=new Promise(s=>o=s);return this.#e=e.then(()=>r),{ready:e,release:o}}run(e,o){let r=this.#e,s,n=new Promise(i=>s=i);return this.#e=r.then(()=>n),(async()=>{try{let i=await e();return await r,await o(i)}finally{s()}})()}};function rt(t){return t instanceof U&&t.dtype==="float16"?"f16":"f32"}var mi="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",bt=class t extends tt{precision;chunks;#e;#o=new ro;#t=0;constructor(e,o,r,s,n,i){super(o,r,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,o,r,s,n){let i=n==="f16"?2:4,a=s.slots*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c){let h=s.window===null?`maxLength ${s.maxLength}`:`${s.slots} slots (window ${s.window} + ${s.slots-s.window})`;throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of ${h} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller ${s.window===null?"maxLength":"window"}, precision "f16", or several caches`)}let u=s.batch*s.kvHeads,A=Math.floor(c/a),f=2*u*a,l=[];return await e.guarded(`allocating the KV cache (${f} bytes)`,()=>{for(let h=0;h<u;h+=A){let d=Math.min(A,u-h);l.push({u0:h,n:d,k:e.buffer(d*a,"kv cache keys"),v:e.buffer(d*a,"kv cache values")})}}).catch(h=>{for(let d of l)d.k.destroy(),d.v.destroy();throw h}),new t(e,o,r,s,n,l)}view(){return{batch:this.batch,kvHeads:this.kvHeads,slots:this.slots,length:this.length,chunks:this.chunks}}schedule(e,o,r){let s=this.#t;return this.#o.run(o,n=>(this.#r(e,s),r(n)))}hold(e){let o=this.#t;return{...this.#o.hold(),check:()=>this.#r(e,o)}}#r(e,o){if(this.live(),o!==this.#t)throw new Error(`This ${e} ${mi}`)}appendParams(e,o,r){return{headDim:this.headDim,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,k:rt(o),v:rt(r),cache:this.precision}}appendJobNow(e,o,r,s,n){let i=this.#e,{slot:a,skip:c,commit:u}=this.reserve(e);if(e.n===0)return{job:null,commit:()=>{}};let A=[],f=(l,h)=>{if(l instanceof U)return l.buffer;let d=i.upload(l.data,h);return A.push(d),d};try{let l={k:f(s,"k"),v:f(n,"v")},h={kvHeads:this.kvHeads,slots:this.slots,n:e.n,skip:c,slot:a,strides:e.strides,rope:e.rope?{frequencies:e.rope.frequencies,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:a}}:null},d=Fs(i,h,o,r,l,this.chunks);return d.temps.push(...A),{job:d,commit:u}}catch(l){for(let h of A)i.recycle(h);throw l}}append(e,o,r={}){try{this.live();let s=this.#e,n=Y("k",e,this.owner),i=Y("v",o,this.owner),a=et(this,n,i,r),c=this.appendParams(a,n,i);return this.schedule("append",()=>oo(s,c),async u=>{Y("k",e,this.owner),Y("v",o,this.owner);let A=()=>{};await s.submitting("the KV-cache append",()=>{let f=this.appendJobNow(a,c,u,n,i);A=f.commit,f.job&&s.submit(f.job)}),A()})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,o=this.headDim,r=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let A=Math.min(this.length,this.window??1/0),f=this.length-A,l=A*o*r;if(A===0)return{length:A,target:null,bytes:0};let h=o*r,d=f%this.slots,p=Math.min(A,this.slots-d),w=[];for(let k of["k","v"])for(let b of this.chunks)for(let B=0;B<b.n;B++){let M=B*this.slots*h;w.push({buffer:b[k],offset:M+d*h,size:p*h}),p<A&&w.push({buffer:b[k],offset:M,size:(A-p)*h})}let $=await e.guarded("the KV-cache download",()=>e.gather(w));return{length:A,target:$,bytes:2*s*l}}),i=Object.freeze([this.batch,this.kvHeads,n.length,o]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,u=A=>this.precision==="f16"?eo(new Uint16Array(A)):new Float32Array(A);return{k:{shape:i,data:u(a.slice(0,c))},v:{shape:i,data:u(a.slice(c))}}}reset(){this.live(),this.#t++,this.clear()}destroy(){if(this.markDestroyed()){this.#t++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var We=256,Ue=64,Wo={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},Ne="array<f32>",st={scores:ie({name:"naive scores",uniforms:Wo,bindings:{q:L("Q",Ne),k:L("K",Ne),slopes:L("SL",Ne),scores:J("S",Ne)}}),softmax:ie({name:"naive softmax",uniforms:Wo,bindings:{scores:J("S",Ne)}}),pv:ie({name:"naive pv",uniforms:Wo,bindings:{scores:L("S",Ne),v:L("V",Ne),o:J("O",Ne)}})},Ts=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function $i(t){return t==="scores"?`// naive:scores
${st.scores.wgsl}${Ts}
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
${st.softmax.wgsl}${$e}
var<workgroup> red: array<f32, ${Ue}>;
@compute @workgroup_size(${Ue})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${-1e30};
  for (var j = lid; j < P.sk; j += ${Ue}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${Ue/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${Ue}u) {
    let s = S[base + j];
    sum += select(select(0.0, exp(s - m), s > ${-1e30/2}), s, isNan(s));
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${Ue/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = ${we("total")};
  for (var j = lid; j < P.sk; j += ${Ue}u) {
    let s = S[base + j];
    S[base + j] = select(select(0.0, exp(s - m) * inv, s > ${-1e30/2}), s, isNan(s));
  }
}
`:`// naive:pv
${st.pv.wgsl}${Ts}
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
`}function Gs(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>$i(e))))}function Hs(t,e,o,r){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:u}=e,A=n*i*a;if(A===0||c===0)return s;let f=t.limits,l=f.maxStorageBufferBindingSize;for(let[q,F]of[["q",r.q],["k",r.k],["v",r.v]])if(F.size>l)throw new RangeError(`Cannot run the naive kernel: ${q} (${F.size} bytes) exceeds maxStorageBufferBindingSize (${l} bytes); it is a small-size baseline, use the flash kernel`);let h=c*4;if(h>l)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${l} bytes)`);let d=He(We,f),p=Math.max(1,Math.min(A,Math.floor(l/h),Math.floor(d/c),Math.floor(d/u),f.maxComputeWorkgroupsPerDimension**2)),w=t.buffer(p*h,"naive scores");s.temps.push(w);let $=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push($);let[k,b,B]=o,M=e.qStrides,R=e.kStrides;for(let q=0;q<A;q+=p){let F=Math.min(p,A-q),T={rowBase:q,rows:F,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:M.batch,qH:M.heads,qS:M.seq,dim:u,kB:R.batch,kH:R.heads,kS:R.seq,scale:e.scale},[C,x,G]=[F*c/We,F,F*u/We].map(D=>de(Math.ceil(D),f)),O=(D,j,[_,P],H)=>s.dispatches.push({pipeline:D,bindGroup:t.bind(D,j,{...T,gridX:_},H,s.temps),grid:[_,P,1]});O(k,st.scores,C,{q:{buffer:r.q},k:{buffer:r.k},slopes:{buffer:$},scores:{buffer:w}}),O(b,st.softmax,x,{scores:{buffer:w}}),O(B,st.pv,G,{scores:{buffer:w},v:{buffer:r.v},o:{buffer:r.o}})}return s}var so=256,wi={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function Ls(t){return ie({name:"rope",uniforms:wi,bindings:{x:t?J("X","array<f32>"):L("X","array<f32>"),table:L("T","array<vec2<f32>>"),y:t?null:J("Y","array<f32>")}})}function ki(t){let e=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
${Ls(t).wgsl}
@compute @workgroup_size(${so})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${so}u + lid;
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
`}function It(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>ki(e))}function Ve(t,e,o,r,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:u}=e,A=i*a*c;if(A===0||u===0)return n;let f=me(e.frequencies),l=f+(s?u-2*f:0),h=t.limits,d=pt(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);d.temp&&n.temps.push(d.buffer);let p=d.sides[0],w=e.layout==="bhsd"?{b:a*c*u,h:c*u,s:u}:{b:c*a*u,h:u,s:a*u},$=Math.max(1,Math.floor(He(so,h)/Math.max(1,l))),k=Pe(A,$,(B,M)=>Ae(Ee(B*u,(B+M)*u,h),h),()=>new RangeError(`Cannot rotate: one row of ${u} elements exceeds the device's maxStorageBufferBindingSize`)),b=Ls(s===null);for(let[B,M]of k){let R=Ee(B*u,(B+M)*u,h),q=M*l,[F,T]=de(Math.ceil(q/so),h),C={items:q,perRow:l,rh:f,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:B,xB:w.b,xH:w.h,xS:w.s,xOff:R.base,oB:w.b,oH:w.h,oS:w.s,oOff:R.base,tab:p.tab,tabB:p.tabB,gridX:F},x=t.bind(o,b,C,{x:{buffer:r,offset:R.offset,size:R.size},table:{buffer:d.buffer},...s?{y:{buffer:s,offset:R.offset,size:R.size}}:{}},n.temps);n.dispatches.push({pipeline:o,bindGroup:x,grid:[F,T,1]})}return n}async function _s(t,e,o){let{ctx:r,owner:s}=t;switch(e.kind){case"attention":{let{call:n,output:i}=e,a=await t.prepareAttention(n);return{recheck:()=>{for(let[c,u]of["q","k","v"].entries())Y(u,n.args[c],s,o)},build:()=>a(n.q,n.k,n.v,i.buffer)}}case"rope":{let{request:n,output:i}=e,a=n.x,c=await It(r,n.inPlace);return{recheck:()=>void Y("x",n.arg,s,o),build:()=>{let u=n.inPlace?null:i.buffer;if(a instanceof U)return Ve(r,n.call,c,a.buffer,u);let A=r.upload(a.data,"x");try{let f=Ve(r,n.call,c,A,u);return f.temps.push(A),f}catch(f){throw r.recycle(A),f}}}}case"append":{let{cache:n,plan:i,k:a,v:c,args:u}=e.call,A=n.appendParams(i,a,c),f=await oo(r,A);return{recheck:()=>{Y("k",u[0],s,o),Y("v",u[1],s,o)},build:()=>{let{job:l,commit:h}=n.appendJobNow(i,A,f,a,c);return h(),l}}}case"decode":{let{call:n,output:i}=e,a=await Et(r,n.choice);return{recheck:()=>void Y("q",n.arg,s,o),build:()=>t.decodeJob(n,a,i.buffer)}}}}function Ns(t,e,o,r){let s=e.map(i=>i.hold("recording")),n=Promise.all(o);return n.catch(()=>{}),(async()=>{try{let[i]=await Promise.all([n,...s.map(c=>c.ready)]);r();for(let c of s)c.check();for(let c of i)c.recheck();let a=e.map(c=>c.snapshot());try{await t.submitting("the recorded calls",()=>{let c=[];try{for(let u of i){let A=u.build();A&&c.push(A)}}catch(u){for(let A of c)t.release(A);throw u}t.submit(c)})}catch(c){for(let u of a)u();throw c}}finally{for(let i of s)i.release()}})()}var Bt=t=>t==="f16"?2:4;function Ei(t){return t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null}var no=class extends ot{info;#e;cacheClass=bt;constructor(e,o){super(),this.#e=e,this.info=Object.freeze(o)}failure(){return this.#e.failure}#o(e,o,r="f32"){return new U(this,e,o,this.alive,r==="f16"?"float16":"float32",this.#t)}#t=e=>this.#e.recycle(e);#r(e,o){return o==="f16"?Uo(e):e}#s(e,o,r){return o==="f16"?eo(new Uint16Array(e),r):new Float32Array(e)}#n(e,o,r,s="f32"){if(e instanceof U)return e.buffer;let n=this.#e.upload(this.#r(e.data,s),r);return o.push(n),n}elementsOf(e,o,r,s){let n=lt("precision",s.precision,this.info.f16),i=a=>a instanceof U?rt(a):n;return{q:i(e),k:i(o),v:i(r),o:i(e)}}async runAttention(e){let o=this.#e,{plan:r,elements:s}=e,n=await this.#a(e);this.live(),this.checkOperands(e.args);let i=Fe(r.qShape),a=i*Bt(s.o),c=o.output(a,"attention output"),u=e.q instanceof U,A=await o.submitting("the attention dispatch",()=>{let l=n(e.q,e.k,e.v,c),h=u?void 0:{source:c,bytes:a};return o.submit(l,h)}).finally(()=>{u||o.recycle(c)}).catch(l=>{throw u&&o.recycle(c),l});if(u)return this.#o(r.qShape,c,s.o);let f=this.#s(await o.read(A,a),s.o,i);return{shape:Object.freeze([...r.qShape]),data:f}}async timeAttention(e,o,r,s){let n=this.#e,i=await this.#a(e);this.live();let a=n.buffer(Fe(e.plan.qShape)*Bt(e.elements.o),"attention output"),c=await n.guarded("the attention dispatch",()=>i(e.q,e.k,e.v,a));try{let u=await n.profile(c,o,r);return{seconds:u.seconds,iterations:o,source:u.source}}finally{n.release(c),a.destroy()}}#a(e){return e.kernel==="naive"?this.#c(e.plan,e.elements):this.#i(e.plan,e.elements,e.kernel==="flash2")}async#i(e,o,r){let s=this.#e,n=r?await $s(s,e,o):null;if(!n){let i=ts(s,e,o),a=await os(s,i);n=c=>rs(s,e,i,a,c)}return(i,a,c,u)=>{let A=[],f={q:this.#n(i,A,"q",o.q),k:this.#n(a,A,"k",o.k),v:this.#n(c,A,"v",o.v),o:u},l=n(f);return{dispatches:l.dispatches,temps:[...A,...l.temps]}}}async#c(e,o){let r=this.#e,s=Ei(e);if(s)throw new TypeError(`Invalid kernel: the naive kernel does not take ${s}; use the flash kernel (the default)`);let n=Object.entries(o).find(([,c])=>c==="f16");if(n)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${n[0]==="o"?"output":n[0]}; use the flash kernel`);let[i,a]=await Promise.all([Gs(r),e.rope?It(r,!1):Promise.resolve(null)]);return(c,u,A,f)=>{let l=[],h=[],d=this.#n(c,l,"q"),p=this.#n(u,l,"k"),w=this.#n(A,l,"v");if(e.rope&&a){let k=e.rope,b=(B,M,R,q)=>{let F={layout:e.layout,batch:e.batch,heads:M,seq:R,headDim:e.headDim,frequencies:k.frequencies,pairing:k.pairing,angles:k.angles,positions:B},T=r.buffer(e.batch*M*R*e.headDim*4,"rotated");l.push(T);let C=Ve(r,F,a,q,T);return h.push(...C.dispatches),l.push(...C.temps),T};d=b(k.query,e.heads,e.qSeq,d),p=b(k.key,e.kvHeads,e.kSeq,p)}let $=Hs(r,e,i,{q:d,k:p,v:w,o:f});return{dispatches:[...h,...$.dispatches],temps:[...l,...$.temps]}}}async runRope(e){let o=this.#e,{x:r,call:s,inPlace:n}=e,i=r instanceof U,a=await It(o,n||!i);this.live(),Y("x",e.arg,this);let c=Fe(r.shape)*4;if(i){let l=r.buffer,h=n?null:o.output(c,"rotated");return await o.submitting("the RoPE dispatch",()=>{o.submit(Ve(o,s,a,l,h))}).catch(d=>{throw h&&o.recycle(h),d}),h?this.#o(r.shape,h):r}let u=r,A=await o.submitting("the RoPE dispatch",()=>{let l=o.upload(u.data,"x"),h=Ve(o,s,a,l,null);return h.temps.push(l),o.submit(h,{source:l,bytes:c})}),f=new Float32Array(await o.read(A,c));return n?(u.data.set(f),u):{shape:Object.freeze([...u.shape]),data:f}}store(e,o){let r=this.#e.upload(this.#r(e.data,o),"tensor");return this.#o(e.shape,r,o)}async read(e){let o=this.#e,r=Fe(e.shape),s=r*e.elementBytes,n=await o.guarded("the download",()=>o.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),i=this.#s(await o.read(n,s),rt(e),r);return{shape:Object.freeze([...e.shape]),data:i}}idle(){return this.#e.idle()}async makeCache(e,o){return await bt.create(this.#e,this,this.alive,e,o)}prepareDecode(e){let o=rt(e.q),r={q:o,kv:e.cache.precision,o},s=xs(this.#e,e.plan,r,e.cache.window);return{...e,elements:r,choice:s}}async runDecode(e){let o=this.#e,{plan:r,elements:s}=e,n=Fe(r.qShape),i=n*Bt(s.o),a=e.q instanceof U,{output:c,target:u}=await e.cache.schedule("decode",()=>Et(o,e.choice),async f=>{this.live(),Y("q",e.arg,this);let l=o.output(i,"decode output"),h=await o.submitting("the decode dispatch",()=>{let{job:d}=this.#u(e,f,l),p=a?void 0:{source:l,bytes:i};return o.submit(d,p)}).finally(()=>{a||o.recycle(l)}).catch(d=>{throw a&&o.recycle(l),d});return{output:l,target:h}});if(a)return this.#o(r.qShape,c,s.o);let A=this.#s(await o.read(u,i),s.o,n);return{shape:Object.freeze([...r.qShape]),data:A}}#u(e,o,r){let s=this.#e,{cache:n,plan:i,choice:a}=e,c=Ht(i,n.length,n.ropeState,n.window),u=[],A=this.#n(e.q,u,"q");try{let f=this.info.decodeWorkgroups??1,l={q:A,o:r},h=n.view(),d=Qs(s,i,a,o,h,f,l,c);return d.job.temps.push(...u),d}catch(f){for(let l of u)s.recycle(l);throw f}}async timeDecode(e,o,r){let s=this.#e,n=Fe(e.plan.qShape)*Bt(e.elements.o),{job:i,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>Et(s,e.choice),async u=>{this.live(),Y("q",e.arg,this);let A=s.buffer(n,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#u(e,u,A)),output:A}}catch(f){throw A.destroy(),f}});try{let u=await s.profile(i,o,r);return{seconds:u.seconds,iterations:o,source:u.source,splits:a,kernel:e.choice.kernel}}finally{s.release(i),c.destroy()}}recordedOutput(e,o,r){let s=Fe(e)*Bt(o);return this.#o(e,this.#e.output(s,"recorded output"),o).awaitRecording(r)}decodeElement(e){return e.elements.o}runRecording(e,o){let r=new Set;for(let i of e)(i.kind==="append"||i.kind==="decode")&&r.add(i.call.cache);let s={ctx:this.#e,owner:this,prepareAttention:i=>this.#a(i),decodeJob:(i,a,c)=>this.#u(i,a,c).job},n=e.map(i=>_s(s,i,o));return Ns(this.#e,[...r],n,()=>this.live())}destroy(){this.#e.failure||(this.#e.fail(ft),this.#e.ownsDevice?this.#e.device.destroy():this.#e.dispose())}};var bi="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",Ii="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",Bi='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',yi=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],vi='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function Pi(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function Ci(t,e){let o=t.limits,r=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(se(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${z(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:r("maxStorageBufferBindingSize",o.maxStorageBufferBindingSize,256,4),maxBufferSize:o.maxBufferSize,maxComputeWorkgroupStorageSize:r("maxComputeWorkgroupStorageSize",o.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(o.maxComputeInvocationsPerWorkgroup,o.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:r("maxComputeWorkgroupsPerDimension",o.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:o.minStorageBufferOffsetAlignment}}var xi=8;function Qi(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,xi):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${z(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${z(t)}`);return t}async function jA(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${z(t)}`);ue("options",t,{allowed:cr});let e=oe("fallback",t.fallback??"none",{allowed:["none","cpu"]}),o=t.limits??{};if(o===null||typeof o!="object")throw new TypeError(`Invalid limits: expected an object, got ${z(o)}`);ue("limits",o,{allowed:ur});let r=t.decodeWorkgroups===void 0?void 0:se("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:Qi(t.threads),n=t.device,i=!1,a;if(!n){let d=t.adapter,p=Ii;if(!d){let k=globalThis.navigator?.gpu;k?d=await k.requestAdapter():p=bi}if(!d){if(e==="cpu")return new Xt(p,s);throw new Error(`${p}. ${Bi}.`)}let w={};for(let k of yi)w[k]=d.limits[k];let $=[];d.features.has("timestamp-query")&&$.push("timestamp-query"),d.features.has("shader-f16")&&$.push("shader-f16");try{n=await d.requestDevice({requiredLimits:w,requiredFeatures:$})}catch(k){throw new Error(`Requesting a WebGPU device failed: ${k instanceof Error?k.message:String(k)}`,{cause:k})}i=!0,a=d.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,u=r??Pi(c),A;try{A=Ci(n,o)}catch(d){throw i&&n.destroy(),d}let f=n.features.has("shader-f16")?await Ms(n):{available:!1,detail:vi},l=new Ft(n,i,A,f.available),h=[];return l.timestamps&&h.push("timestamp-query"),f.available&&h.push("shader-f16"),new no(l,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:h,f16:Object.freeze({...f}),decodeWorkgroups:u,tier:l.tier,limits:l.limits,fallbackReason:null,threads:null})}export{Aa as attentionCpu,Ji as attentionReference,jA as createGpuAttention};
