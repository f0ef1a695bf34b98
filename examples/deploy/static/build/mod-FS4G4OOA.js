import{d as U,h as ne,i as ve,j as re,k as ie,l as fe,m as Ke,o as Vo,t as Xo,u as ho}from"./chunk-LJTAFNZ7.js";var Ao=Object.freeze({layout:!0,causal:!0,scale:!0,rope:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0}),Jo=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,positions:!0,queryPositions:!0,offset:!0,angles:!0}),Zo=Object.freeze({batch:!0,kvHeads:!0,headDim:!0,maxLength:!0,window:!0,precision:!0}),er=Object.freeze({layout:!0,rope:!0}),tr=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,angles:!0,positions:!0}),or=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,angles:!0}),Ze=Object.freeze({layout:!0,scale:!0,rope:!0,queryPositions:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0,splits:!0,kernel:!0}),St=Object.freeze({...Ao,precision:!0,kernel:!0}),rr=Object.freeze({...St,iterations:!0,warmup:!0}),sr=Object.freeze({...Ze,iterations:!0,warmup:!0}),nr=Object.freeze({precision:!0}),ir=Object.freeze({layout:!0,pairing:!0,rotaryDim:!0,positions:!0,offset:!0,inPlace:!0,angles:!0}),ar=Object.freeze({device:!0,adapter:!0,fallback:!0,limits:!0,decodeWorkgroups:!0,threads:!0}),cr=Object.freeze({maxStorageBufferBindingSize:!0,maxComputeWorkgroupStorageSize:!0,maxComputeWorkgroupsPerDimension:!0});var Ct=-1e30;function ur(t,e,o,r){let s=e;if(s===null||typeof s!="object"||typeof s.length!="number")throw new TypeError(`Invalid ${t}: expected an array of ${o} ${r}, got ${U(e)}`);if(s.length!==o)throw new RangeError(`Invalid ${t}: expected ${o} ${r}, got ${s.length}`);return s}function qt(t,e){if(t===void 0)return null;let o=ur("sinks",t,e,"logits (one per query head)"),r=new Float64Array(e);for(let s=0;s<e;s++)r[s]=ve(`sinks[${s}]`,o[s]);return r}function Qt(t){return t===void 0?null:ve("softcap",t,{min:0,exclusiveMin:!0})}function et(t,e="slidingWindow"){return t===void 0?null:ne(e,t,{min:1})}function Dt(t,e,o){if(t===void 0)return null;let r=ur("leftPadding",t,e,"integers (one per batch row)"),s=new Uint32Array(e);for(let n=0;n<e;n++)s[n]=ne(`leftPadding[${n}]`,r[n],{min:0,max:o});return s}function at(t,e){if(t===void 0)return null;let o=ie("bias",t),{batch:r,heads:s,qSeq:n}=e,i=o.shape,a=e.kSeq??i[3],c=`[${r===1?1:`1 or ${r}`}, ${s===1?1:`1 or ${s}`}, ${n}, ${e.kSeq??"keys"}] ([batch, heads, queries, keys] whatever the layout; dims of 1 broadcast)`;if(i.length!==4||i[0]!==1&&i[0]!==r||i[1]!==1&&i[1]!==s||i[2]!==n||i[3]!==a)throw new RangeError(`Invalid bias: expected shape ${c}, got ${U(i)}`);let l=i[3],u=l,h=i[1]===1?0:n*l,f=i[0]===1?0:i[1]*n*l;return{data:o.data,shape:[...i],batchStride:f,headStride:h,rowStride:u}}function po(t,e){let o=e;if(o===null||typeof o!="object"||!(o.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${U(o)}`);let r=o.invFreq;if(r.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<r.length;s++)ve(`${t}.invFreq[${s}]`,r[s],{min:0});return ve(`${t}.attentionFactor`,o.attentionFactor,{min:0,exclusiveMin:!0}),o}function se(t){return!("invFreq"in t)}function we(t){return se(t)?t.cos.shape[1]:t.invFreq.length}function Qe(t,e="the "){return se(t)?`2 x the cache's ${we(t)} columns`:`2 x ${e}${we(t)} frequencies`}var lr=new WeakMap;function hr(t,e){let o=lr.get(e);if(o!==void 0)return o;let r=ie(`${t}.cos`,e.cos,{rank:2}),s=ie(`${t}.sin`,e.sin,{rank:2}),[n,i]=r.shape;if(s.shape[0]!==n||s.shape[1]!==i)throw new RangeError(`Invalid ${t}: expected cos and sin of the same shape, got [${r.shape.join(", ")}] and [${s.shape.join(", ")}]`);if(i<1)throw new RangeError(`Invalid ${t}.cos: expected at least 1 column, got shape [${n}, 0]`);for(let[l,u]of[["cos",r.data],["sin",s.data]])for(let h=0;h<u.length;h++)if(!Number.isFinite(u[h]))throw new RangeError(`Invalid ${t}.${l}: expected finite values, got ${U(u[h])} at row ${Math.floor(h/i)}`);let a,c=e.positions;if(c===void 0)a={rows:n,rowOf:l=>l<n?l:-1,describe:`${n} rows`};else{if(c.length!==n)throw new RangeError(`Invalid ${t}.positions: expected ${n} entries (one per row of cos), got ${c.length}`);let l=new Map;for(let u=n-1;u>=0;u--)l.set(c[u],u);a={rows:n,rowOf:u=>l.get(u)??-1,describe:`${n} listed positions`}}return lr.set(e,a),a}function Mt(t,e){let o=e.frequencies!==void 0,r=e.cache!==void 0;if(o===r)throw new TypeError(`Invalid ${t}: expected exactly one of frequencies and cache, got ${o?"both":"neither"}`);return o?po(`${t}.frequencies`,e.frequencies):Ar(`${t}.cache`,e.cache,e.angles,`${t}.angles`)}function Ar(t,e,o,r){if(e===null||typeof e!="object"||!("cos"in e)||!("sin"in e))throw new TypeError(`Invalid ${t}: expected a RopeCache ({ cos, sin } tensors of shape [rows, rotaryDim / 2]), got ${U(e)}`);if(o!==void 0)throw new TypeError(`Invalid ${r}: a RopeCache fixes its angles when built; omit angles with a cache, got ${U(o)}`);return hr(t,e),e}function dr(t,e,o){return e!==null&&typeof e=="object"&&"cos"in e&&!("invFreq"in e)?Ar(t,e,o,"angles"):po(t,e)}function ct(t,e,o){let r=hr(t,e),s=r.rowOf(o);if(s<0)throw new RangeError(`Invalid ${t}: position ${o} is past the RopeCache (it has ${r.describe}); build the cache for every token`);return s}function Be(t,e,o,r){if(o.kind==="range"){if(r>0&&(ct(t,e,o.start),ct(t,e,o.start+r-1),e.positions!==void 0))for(let s=1;s<r-1;s++)ct(t,e,o.start+s);return}for(let s of o.list)ct(t,e,s)}function pr(t,e){let o=t.cos.shape[1],r=t.cos.data,s=t.sin.data,n=new Float32Array(Math.max(1,e.length)*o*2);for(let i=0;i<e.length;i++){let a=ct("rope.cache",t,e[i]);for(let c=0;c<o;c++)n[2*(i*o+c)]=r[a*o+c],n[2*(i*o+c)+1]=s[a*o+c]}return n}var fr=new WeakMap,rn=1;function gr(t,e){let o=fr.get(e);return o===void 0&&(o=rn++,fr.set(e,o)),`${t}|cache#${o}`}var Me=2**24;function De(t,e,o){return Vo(e,o,{name:t})}function We(t,e,o,r,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${U(e)}`);if(e.length!==o&&e.length!==r*o)throw new RangeError(`Invalid ${t}: expected ${o} positions (one per token) or ${r*o} (batch x tokens), got ${e.length}`);let n=s?Me:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=ne(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==o}}function sn(t,e,o,r,s){let n=e?s:1,i=new Float64Array(n*r);for(let a=0;a<n;a++)i.set(t.subarray(a*o+o-r,a*o+o),a*r);return{kind:"list",list:i,perBatch:e}}function ut(t){return se(t)?t.angles??"float32":"float32"}function nn(t,e,o,r,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${U(t)}`);fe("rope",t,{allowed:Jo});let n=Mt("rope",t),a=2*we(n);if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (${Qe(n)}), got ${U(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.${se(n)?"cache":"frequencies"}: rotary dim ${a} (${Qe(n,"")}) exceeds the head dim ${e}`);let c=re("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),l=re("rope.angles",t.angles??ut(n),{allowed:["float32","float64"]}),u=l==="float32",h=u?Me:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let f,A;if(t.queryPositions!==void 0&&(A=We("rope.queryPositions",t.queryPositions,r,o,u)),t.positions!==void 0){let d=We("rope.positions",t.positions,s,o,u);if(f=d,!A){if(r>s)throw new RangeError(`Invalid rope.positions: q has ${r} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);A=sn(d.list,d.perBatch,s,r,o)}}else{let d=ne("rope.offset",t.offset??0,{min:0});if(d+Math.max(s,1)-1>h)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${d+s-1}, above ${h} (the largest position with angles "${l}")`);if(f={kind:"range",start:d},!A){let p=d+s-r;if(p<0)throw new RangeError(`Invalid rope.offset: q has ${r} tokens and k ${s}, so bottom-right aligned queries would start at position ${p}; pass rope.offset >= ${r-s} or rope.queryPositions`);A={kind:"range",start:p}}}if(se(n)){let d=t.positions!==void 0?"rope.positions":"rope.offset";Be(d,n,f,s);let p=t.queryPositions!==void 0?"rope.queryPositions":d;Be(p,n,A,r)}return{frequencies:n,pairing:c,rotaryDim:a,angles:l,query:A,key:f}}function go(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${U(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let o=new Float32Array(t.length);for(let r=0;r<t.length;r++)o[r]=ve(`alibiSlopes[${r}]`,t[r]);return o}function _e(t,e,o,r,s=Ao){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${U(r)}`);fe("options",r,{allowed:s});let n=re("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),i=De("q",t,n),a=De("k",e,n),c=De("v",o,n);if(i.heads<1||i.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${U(t.shape)}`);if(a.batch!==i.batch)throw new RangeError(`Invalid k: expected batch ${i.batch} (as q), got ${a.batch}`);if(c.batch!==i.batch)throw new RangeError(`Invalid v: expected batch ${i.batch} (as q), got ${c.batch}`);if(a.headDim!==i.headDim)throw new RangeError(`Invalid k: expected head dim ${i.headDim} (as q), got ${a.headDim}`);if(c.headDim!==i.headDim)throw new RangeError(`Invalid v: expected head dim ${i.headDim} (as q), got ${c.headDim}`);if(c.seq!==a.seq)throw new RangeError(`Invalid v: expected ${a.seq} tokens (as k), got ${c.seq}`);if(c.heads!==a.heads)throw new RangeError(`Invalid v: expected ${a.heads} heads (as k), got ${c.heads}`);if(a.heads<1||i.heads%a.heads!==0)throw new RangeError(`Invalid k: q has ${i.heads} heads, which is not a multiple of k's ${a.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let l=Ke("causal",r.causal??!1),u=r.scale===void 0?1/Math.sqrt(i.headDim):ve("scale",r.scale),h=go(r.alibiSlopes,i.heads),f=et(r.slidingWindow);if(f!==null&&!l)throw new TypeError("Invalid slidingWindow: a sliding window needs causal: true (it hides the keys before the window; causal hides those after the query)");let A=qt(r.sinks,i.heads),d=Qt(r.softcap),p=Dt(r.leftPadding,i.batch,a.seq),k=at(r.bias,{batch:i.batch,heads:i.heads,qSeq:i.seq,kSeq:a.seq}),$=r.rope===void 0?null:nn(r.rope,i.headDim,i.batch,i.seq,a.seq);return{layout:n,batch:i.batch,heads:i.heads,kvHeads:a.heads,group:i.heads/a.heads,qSeq:i.seq,kSeq:a.seq,headDim:i.headDim,qShape:[...t.shape],qStrides:i.strides,kStrides:a.strides,causal:l,scale:u,rope:$,alibi:h,window:f,sinks:A,softcap:d,leftPadding:p,bias:k}}function mr(t,e,o,r,s,n){let i=n==="float32";if(e!==void 0&&o!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return We(`${t}positions`,e,r,s,i);let a=ne(`${t}offset`,o??0,{min:0}),c=i?Me:Number.MAX_SAFE_INTEGER;if(a+Math.max(r,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+r-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function Rt(t,e,o){let r=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=Xo(t,r,{angles:o}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function de(t,e,o){let{layout:r,pairing:s,positions:n}=o,i=se(e)?{layout:r,pairing:s}:{layout:r,pairing:s,angles:o.angles};return n.kind==="range"?ho(t,e,{...i,offset:n.start}):ho(t,e,{...i,positions:n.list})}function an(t,e,o){let{kSeq:r,qSeq:s,causal:n,window:i,leftPadding:a}=t,c=o+r-s,l=n?Math.min(r,Math.max(0,c+1)):r,u=a?a[e]:0;return i!==null&&(u=Math.max(u,c-i+1)),[Math.min(u,l),l]}function $r(t,e,o,r){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:l,scale:u,alibi:h,sinks:f,softcap:A,bias:d}=t,p=e,k=o;if(t.rope){let{frequencies:F,pairing:S,angles:x}=t.rope;p=de(e,F,{layout:t.layout,pairing:S,angles:x,positions:t.rope.query}),k=de(o,F,{layout:t.layout,pairing:S,angles:x,positions:t.rope.key})}let $=t.qStrides,w=t.kStrides,E=new Float32Array(e.data.length),I=new Float64Array(c),M=new Float64Array(l),Q=p.data,O=k.data,T=r.data;for(let F=0;F<s;F++)for(let S=0;S<n;S++){let x=Math.floor(S/i),_=h?h[S]:0;for(let R=0;R<a;R++){let D=R+c-a,[G,H]=an(t,F,R),B=F*$.batch+S*$.heads+R*$.seq,L=d?F*d.batchStride+S*d.headStride+R*d.rowStride:0,b=f?f[S]:-1/0,y=0;for(let v=G;v<H;v++){let W=F*w.batch+x*w.heads+v*w.seq,X=0;for(let C=0;C<l;C++)X+=Q[B+C]*O[W+C];let m=u*X;if(A!==null&&(m=A*Math.tanh(m/A)),m-=_*Math.abs(D-v),d){let C=d.data[L+v];if(C<=Ct){I[v]=-1/0;continue}m+=C}I[v]=m,y++,m>b&&(b=m)}if(y===0)continue;M.fill(0);let q=f?Math.exp(f[S]-b):0;for(let v=G;v<H;v++){if(I[v]===-1/0)continue;let W=Math.exp(I[v]-b);q+=W;let X=F*w.batch+x*w.heads+v*w.seq;for(let m=0;m<l;m++)M[m]=M[m]+W*T[X+m]}for(let v=0;v<l;v++)E[B+v]=M[v]/q}}return{shape:Object.freeze([...e.shape]),data:E}}function Vi(t,e,o,r={}){ie("q",t),ie("k",e),ie("v",o);let s=_e(t,e,o,r);return $r(s,t,e,o)}var wr=["AGFzbQEAAAABWAdgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwADCwoAAQEAAgMEBQUGBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRl","bmRIZWFkAAkKox4KhAQCAn8Se/0MAAD8wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/","N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hj","PUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACA","PyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQA","IA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsg","CiAU/YUCIQsgCyAKIBX9hQIhCyALIAogFv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9","TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAg","A0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwveAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC/UMhASAA/QwAAPzCAAD8wgAA/MIA","APzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBLAABAS/3lAf3lASED/Qz+5X83/uV/","N/7lfzf+5X83IAP9DImEITmJhCE5iYQhOYmEITn9hQIhBCAEIAP9DP/Drjr/w646/8OuOv/Drjr9hQIhBCAEIAP9DFuVHTxb","lR08W5UdPFuVHTz9hQIhBCAEIAP9DEdYYz1HWGM9R1hjPUdYYz39hQIhBCAEIAP9DPD9dT7w/XU+8P11PvD9dT79hQIhBCAE","IAP9DBhyMT8YcjE/GHIxPxhyMT/9hQIhBCAEIAP9DAAAgD8AAIA/AACAPwAAgD/9hQIhBCAEIAL9DH8AwLR/AMC0fwDAtH8A","wLT9rgFBF/2rAf3mASAB/U8LvQIBBHsgAP3gASEBIAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL9DBs3EbwbNxG8GzcR","vBs3Ebz9hQIhAyADIAL9DKQnszykJ7M8pCezPKQnszz9hQIhAyADIAL9DNENXb3RDV290Q1dvdENXb39hQIhAyADIAL9DImI","CD6JiAg+iYgIPomICD79hQIhAyADIAL9DKuqqr6rqqq+q6qqvquqqr79hQIhAyABIAL95gEgAyAB/YUCIQMgAf0MO6o4wDuq","OMA7qjjAO6o4wP3mARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAE","IAH9DM3MzD7NzMw+zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAAAID9Tv1QC74EAgN/C3sgACADQQR0aiEFIAIgBEEC","dGohBwNA/QwAAAAAAAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAA","AAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAA","IQ79DAAAAAAAAAAAAAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQIREgBv0JAgAhEiASIBAgCP2FAiEIIBIgESAJ/YUC","IQkgBv0JAgQhEiASIBAgCv2FAiEKIBIgESAL/YUCIQsgBv0JAgghEiASIBAgDP2FAiEMIBIgESAN/YUCIQ0gBv0JAgwhEiAS","IBAgDv2FAiEOIBIgESAP/YUCIQ8gAf0ABCAhECAB/QAEMCERIAb9CQIQIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIU","IRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIYIRIgEiAQIAz9hQIhDCASIBEgDf2FAiENIAb9CQIcIRIgEiAQIA79hQIh","DiASIBEgD/2FAiEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsgAiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIg","DP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJBIGohAiACIAdJDQALC74EBgJ/BnsDfQJ7AX8BeyAAIAJBAnRq","IQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNAIAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJ","DQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQ","IAX9EyERA0AgCyAQIBEgDf36Af3lAf3gASAL/QAEAP2FAv0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsg","CiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEYIAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9","Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI","/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8A","AID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBqIQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0f","A5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACABIBQgE5M4AgAgASAVOAIQC9gEAgh/D3sgA0ECdCEGIAX9CQIAIRkg","Bf0JAgQhGiAF/QkCCCEbIAX9CQIMIRwgACAEQQJ0aiEJQQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIBkgAiAHav0A","BAD95gEhDiAZIAIgB2r9AAQQ/eYBIQ8gGiAL/QAEAP3mASEQIBogC/0ABBD95gEhESAbIAz9AAQA/eYBIRIgGyAM/QAEEP3m","ASETIBwgDf0ABAD95gEhFCAcIA39AAQQ/eYBIRUgACEIIAEgB2ohCgNAIAr9AAQAIRYgCv0ABBAhFyAI/QkCACEYIBggFiAO","/YUCIQ4gGCAXIA/9hQIhDyAI/QkCgAIhGCAYIBYgEP2FAiEQIBggFyAR/YUCIREgCP0JAoAEIRggGCAWIBL9hQIhEiAYIBcg","E/2FAiETIAj9CQKABiEYIBggFiAU/YUCIRQgGCAXIBX9hQIhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIAj9CQIEIRggGCAW","IA79hQIhDiAYIBcgD/2FAiEPIAj9CQKEAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkChAQhGCAYIBYgEv2FAiESIBgg","FyAT/YUCIRMgCP0JAoQGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAIQQhqIQggCCAJSQ0ACyACIAdqIA79CwQA","IAIgB2ogD/0LBBAgCyAQ/QsEACALIBH9CwQQIAwgEv0LBAAgDCAT/QsEECANIBT9CwQAIA0gFf0LBBAgB0EgaiEHIAcgBkkN","AAsLrgIBBn8gBkECdCEUIAAgASAIIBRsaiAEIAYgBxADQQAhFQNAIAkgFWogDmohFyALIRYgDARAIBdBAWohFiAWIAtKBEAg","CyEWCwsgECEYIA8EQCAYIBcgD2tBAWogGCAXIA9rQQFqShshGAtBACEZIBJBAEcgCSAVaiAKSHEEQCASIAkgFWogE2xqIAhB","AnRqIRkLIAQgFUEIdGogBSAVQQJ0aiAHIAggFiAXsiANIARBgAhqIBVBAnRqIBggESAZEAQgFUEBaiEVIBVBBEkNAAsgBCAH","QQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAE","IAIgCCAUbGogAyAGIAcgBRAFCyEBAX8gA0UEQCACDwsgAEEEaiABaiEEIAIgBCAEIAJKGwswAQF/IAMhBCACBEAgBCAAIAFq","IAJrQQFqIAQgACABaiACa0EBakobIQQLIARBeHELngQFC38BfQF7BX8BeyAFQQJ0IREgEUECdCESIARBwAhqIRsgBEMAAAAA","OAKgCEMAAIA/QwAAAAAgDkMAAID/XBv9EyEjQQAhEwJAA0AgEyAGTg0BIAYgE2tBA2pBAnYhFCAUQRBLBEBBECEUCyADIBMg","EWxqQQAgFCASbPwLAEEAIRUDQCAbIBVBMGxqIA79E/0LBBAgGyAVQTBsaiAj/QsEICAVQQFqIRUgFSAUSQ0ACyATIBRBAWtB","AnRqIAogByAIEAchFyATIAogCyAMEAghGQJAA0AgGSAXTg0BQQAhFQNAIBMgFUECdGohFiAWIAogByAIEAchGCAWIAogCyAM","EAghICAZICAgGSAgShshISAZQcAAaiEiIBggIkgEQCAYISILICEgIkgEQCAiICFrQQdqQXhxIRogACAWIBFsaiABIAIgAyAW","IBFsaiAEIBsgFUEwbGogBSAaICEgFiAGIAcgCCAJIAogCyAMIA0gDyAQEAYLIBVBAWohFSAVIBRJDQALIBlBwABqIRkMAAsL","QQAhFQNAIBsgFUECdkEwbCAVQQNxQQJ0amoqAiAhHEMAAIA/IByVQwAAAAAgHEMAAAAAXhv9EyEdIAMgEyAVaiARbGohHiAe","IBFqIR8DQCAeIB79AAQAIB395gH9CwQAIB5BEGohHiAeIB9JDQALIBVBAWohFSAVIBRBAnRJDQALIBNBwABqIRMMAAsLCw=="].join(""),kr=["AGFzbQEAAAABWAdgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwADCwoAAQEAAgMEBQUGBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRl","bmRIZWFkAAkKwh8KmQQCAn8Se/0MAAD8wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/","N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hj","PUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACA","PyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQA","IA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3k","ASELIAsgCv3mASAU/eQBIQsgCyAK/eYBIBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEh","CyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9","HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwvzAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC","/UMhASAA/QwAAPzCAAD8wgAA/MIAAPzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBL","AABAS/3lAf3lASED/Qz+5X83/uV/N/7lfzf+5X83IAP95gH9DImEITmJhCE5iYQhOYmEITn95AEhBCAEIAP95gH9DP/Drjr/","w646/8OuOv/Drjr95AEhBCAEIAP95gH9DFuVHTxblR08W5UdPFuVHTz95AEhBCAEIAP95gH9DEdYYz1HWGM9R1hjPUdYYz39","5AEhBCAEIAP95gH9DPD9dT7w/XU+8P11PvD9dT795AEhBCAEIAP95gH9DBhyMT8YcjE/GHIxPxhyMT/95AEhBCAEIAP95gH9","DAAAgD8AAIA/AACAPwAAgD/95AEhBCAEIAL9DH8AwLR/AMC0fwDAtH8AwLT9rgFBF/2rAf3mASAB/U8LzwIBBHsgAP3gASEB","IAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL95gH9DBs3EbwbNxG8GzcRvBs3Ebz95AEhAyADIAL95gH9DKQnszykJ7M8","pCezPKQnszz95AEhAyADIAL95gH9DNENXb3RDV290Q1dvdENXb395AEhAyADIAL95gH9DImICD6JiAg+iYgIPomICD795AEh","AyADIAL95gH9DKuqqr6rqqq+q6qqvquqqr795AEhAyABIAL95gEgA/3mASAB/eQBIQMgAf0MO6o4wDuqOMA7qjjAO6o4wP3m","ARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAEIAH9DM3MzD7NzMw+","zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAAAID9Tv1QC+4EAgN/C3sgACADQQR0aiEFIAIgBEECdGohBwNA/QwAAAAA","AAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAA","IQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAA","AAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQIREgBv0JAgAhEiASIBD95gEgCP3kASEIIBIgEf3mASAJ/eQBIQkgBv0J","AgQhEiASIBD95gEgCv3kASEKIBIgEf3mASAL/eQBIQsgBv0JAgghEiASIBD95gEgDP3kASEMIBIgEf3mASAN/eQBIQ0gBv0J","AgwhEiASIBD95gEgDv3kASEOIBIgEf3mASAP/eQBIQ8gAf0ABCAhECAB/QAEMCERIAb9CQIQIRIgEiAQ/eYBIAj95AEhCCAS","IBH95gEgCf3kASEJIAb9CQIUIRIgEiAQ/eYBIAr95AEhCiASIBH95gEgC/3kASELIAb9CQIYIRIgEiAQ/eYBIAz95AEhDCAS","IBH95gEgDf3kASENIAb9CQIcIRIgEiAQ/eYBIA795AEhDiASIBH95gEgD/3kASEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsg","AiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIgDP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJB","IGohAiACIAdJDQALC8EEBgJ/BnsDfQJ7AX8BeyAAIAJBAnRqIQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNA","IAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJDQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAA","AwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQIAX9EyERA0AgCyAQIBEgDf36Af3lAf3gAf3mASAL/QAEAP3k","Af0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsgCiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEY","IAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAA","AAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9","CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8AAID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBq","IQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0fA5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACAB","IBQgE5M4AgAgASAVOAIQC4gFAgh/D3sgA0ECdCEGIAX9CQIAIRkgBf0JAgQhGiAF/QkCCCEbIAX9CQIMIRwgACAEQQJ0aiEJ","QQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIBkgAiAHav0ABAD95gEhDiAZIAIgB2r9AAQQ/eYBIQ8gGiAL/QAEAP3m","ASEQIBogC/0ABBD95gEhESAbIAz9AAQA/eYBIRIgGyAM/QAEEP3mASETIBwgDf0ABAD95gEhFCAcIA39AAQQ/eYBIRUgACEI","IAEgB2ohCgNAIAr9AAQAIRYgCv0ABBAhFyAI/QkCACEYIBggFv3mASAO/eQBIQ4gGCAX/eYBIA/95AEhDyAI/QkCgAIhGCAY","IBb95gEgEP3kASEQIBggF/3mASAR/eQBIREgCP0JAoAEIRggGCAW/eYBIBL95AEhEiAYIBf95gEgE/3kASETIAj9CQKABiEY","IBggFv3mASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIAj9CQIEIRggGCAW/eYBIA795AEh","DiAYIBf95gEgD/3kASEPIAj9CQKEAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI/QkChAQhGCAYIBb95gEgEv3k","ASESIBggF/3mASAT/eQBIRMgCP0JAoQGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEVIAogBmohCiAIQQhqIQggCCAJ","SQ0ACyACIAdqIA79CwQAIAIgB2ogD/0LBBAgCyAQ/QsEACALIBH9CwQQIAwgEv0LBAAgDCAT/QsEECANIBT9CwQAIA0gFf0L","BBAgB0EgaiEHIAcgBkkNAAsLrgIBBn8gBkECdCEUIAAgASAIIBRsaiAEIAYgBxADQQAhFQNAIAkgFWogDmohFyALIRYgDARA","IBdBAWohFiAWIAtKBEAgCyEWCwsgECEYIA8EQCAYIBcgD2tBAWogGCAXIA9rQQFqShshGAtBACEZIBJBAEcgCSAVaiAKSHEE","QCASIAkgFWogE2xqIAhBAnRqIRkLIAQgFUEIdGogBSAVQQJ0aiAHIAggFiAXsiANIARBgAhqIBVBAnRqIBggESAZEAQgFUEB","aiEVIBVBBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEg","BP0ABJAI/eQB/QsEICAEIAIgCCAUbGogAyAGIAcgBRAFCyEBAX8gA0UEQCACDwsgAEEEaiABaiEEIAIgBCAEIAJKGwswAQF/","IAMhBCACBEAgBCAAIAFqIAJrQQFqIAQgACABaiACa0EBakobIQQLIARBeHELngQFC38BfQF7BX8BeyAFQQJ0IREgEUECdCES","IARBwAhqIRsgBEMAAAAAOAKgCEMAAIA/QwAAAAAgDkMAAID/XBv9EyEjQQAhEwJAA0AgEyAGTg0BIAYgE2tBA2pBAnYhFCAU","QRBLBEBBECEUCyADIBMgEWxqQQAgFCASbPwLAEEAIRUDQCAbIBVBMGxqIA79E/0LBBAgGyAVQTBsaiAj/QsEICAVQQFqIRUg","FSAUSQ0ACyATIBRBAWtBAnRqIAogByAIEAchFyATIAogCyAMEAghGQJAA0AgGSAXTg0BQQAhFQNAIBMgFUECdGohFiAWIAog","ByAIEAchGCAWIAogCyAMEAghICAZICAgGSAgShshISAZQcAAaiEiIBggIkgEQCAYISILICEgIkgEQCAiICFrQQdqQXhxIRog","ACAWIBFsaiABIAIgAyAWIBFsaiAEIBsgFUEwbGogBSAaICEgFiAGIAcgCCAJIAogCyAMIA0gDyAQEAYLIBVBAWohFSAVIBRJ","DQALIBlBwABqIRkMAAsLQQAhFQNAIBsgFUECdkEwbCAVQQNxQQJ0amoqAiAhHEMAAIA/IByVQwAAAAAgHEMAAAAAXhv9EyEd","IAMgEyAVaiARbGohHiAeIBFqIR8DQCAeIB79AAQAIB395gH9CwQAIB5BEGohHiAeIB9JDQALIBVBAWohFSAVIBRBAnRJDQAL","IBNBwABqIRMMAAsLCw=="].join("");var ft=512,Ye=class{name;#e;#o;#t;constructor(e,o){let r=new WebAssembly.Instance(e);this.name=o,this.#e=r.exports.memory,this.#o=r.exports.attendHead,this.#t=new Float32Array(this.#e.buffer)}reserve(e){let o=e*4,r=this.#e.buffer.byteLength;if(o>r){let s=Math.ceil((o-r)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${o} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#t.buffer!==this.#e.buffer&&(this.#t=new Float32Array(this.#e.buffer)),this.#t}attendHead(e,o,r,s,n,i,a,c,l,u={}){this.#o(4*e,4*o,4*r,4*s,0,n,i,a,c?1:0,l,u.shift??a-i,u.window??0,u.pad??0,u.cap??0,u.sink??-1/0,4*(u.bias??0),4*(u.biasStride??0))}},lt=class{name="js";#e=new Float32Array(ft);#o=new Float64Array(0);#t=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,o,r,s,n,i,a,c,l,u={}){let h=this.#e;this.#o.length<a&&(this.#o=new Float64Array(a)),this.#t.length<n&&(this.#t=new Float64Array(n));let f=this.#o,A=this.#t,d=Math.fround,p=u.shift??a-i,k=u.window??0,$=u.cap??0,w=u.sink??-1/0,E=u.bias??0;for(let I=0;I<i;I++){let M=I+p,Q=c?Math.min(a,M+1):a,O=Math.max(u.pad??0,k?M-k+1:0),T=s+I*n,F=E+I*(u.biasStride??0),S=e+(I>>2)*n*4+(I&3),x=w,_=0;for(let D=O;D<Q;D++){let G=o+(D>>3)*n*8+(D&7),H=0;for(let L=0;L<n;L++)H+=h[S+4*L]*h[G+8*L];let B=$===0?H:$*Math.tanh(H/$);l!==0&&(B-=d(l)*Math.abs(M-D)),E!==0&&(B+=h[F+D]),f[D]=B,B!==-1/0&&_++,B>x&&(x=B)}if(_===0){h.fill(0,T,T+n);continue}A.fill(0);let R=w===-1/0?0:Math.exp((w-x)*Math.LN2);for(let D=O;D<Q;D++){if(f[D]===-1/0)continue;let G=Math.exp((f[D]-x)*Math.LN2);R+=G;let H=r+D*n;for(let B=0;B<n;B++)A[B]=A[B]+G*h[H+B]}for(let D=0;D<n;D++)h[T+D]=A[D]/R}}};function cn(t){let e=atob(t),o=new Uint8Array(e.length);for(let r=0;r<e.length;r++)o[r]=e.charCodeAt(r);return o}var br;function yr(t){if(typeof WebAssembly!="object")return null;let e=cn(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function $o(){return br??={relaxed:yr(wr),plain:yr(kr)},br}var mo;function Er(){if(!mo){let{relaxed:t,plain:e}=$o();mo=t?new Ye(t,"relaxed-simd"):e?new Ye(e,"simd"):new lt}return mo}var ht=64;function Ir(t,e,o){return{shift:t.kSeq-t.qSeq,window:t.window??0,pad:t.leftPadding?t.leftPadding[e]:0,cap:t.softcap===null?0:t.softcap*Math.LOG2E,sink:t.sinks?t.sinks[o]*Math.LOG2E:-1/0}}function vr(t,e,o,r,s,n,i){let a=e.bias;if(!a){t.attendHead(s.q,s.k,s.v,s.o,n,i.count,e.kSeq,i.causal,i.slope,i.features);return}let c=e.kSeq,l=c+7&-8,u=i.features.shift??c-i.count,h=t.reserve(s.bias+ht*l);for(let f=0;f<i.count;f+=ht){let A=Math.min(ht,i.count-f);for(let d=0;d<A;d++){let p=o*a.batchStride+r*a.headStride+(f+d)*a.rowStride,k=s.bias+d*l;for(let $=0;$<c;$++){let w=a.data[p+$];h[k+$]=w<=Ct?-1/0:w*Math.LOG2E}h.fill(0,k+c,k+l)}t.attendHead(s.q+f*n,s.k,s.v,s.o+f*n,n,A,c,i.causal,i.slope,{...i.features,shift:u+f,bias:s.bias,biasStride:l})}}var Br=new WeakMap;function Pr(t,e){Br.set(t,e)}function Re(t,e,o,r,s=Er(),n){let{batch:i,group:a,kvHeads:c,qSeq:l,kSeq:u,headDim:h,causal:f,scale:A,alibi:d}=t,p=e,k=o;if(t.rope){let{frequencies:v,pairing:W,angles:X}=t.rope,m=t.layout;p=de(e,v,{layout:m,pairing:W,angles:X,positions:t.rope.query}),k=de(o,v,{layout:m,pairing:W,angles:X,positions:t.rope.key})}let $=n===void 0&&!t.rope?Br.get(o.data):void 0;if($&&$.length===u&&$.batch===i&&$.kvHeads===c&&$.headDim===h&&l>0&&u>0)return un(t,e,$);let w=n?.into??new Float32Array(e.data.length);if(l===0||u===0)return{shape:Object.freeze([...e.shape]),data:w};let E=h+7&-8,I=u+7&-8,M=l+3&-4,Q=ft,O=Q+I*E,T=O+I*E,F=T+M*E,S=F+M*E,x=s.reserve(S+(t.bias?ht*I:0)),_=t.qStrides,R=t.kStrides,D=p.data,G=k.data,H=r.data,B=Math.fround,L=B(A*Math.LOG2E),b=R.seq===h&&h===E,y=_.seq===h&&h===E,q=n?.ranges??Array.from({length:i},(v,W)=>({batch:W,kv0:0,kv1:c}));for(let{batch:v,kv0:W,kv1:X}of q)for(let m=W;m<X;m++){let C=v*R.batch+m*R.heads;for(let z=0;z<I;z++){let Z=Q+(z>>3)*E*8+(z&7),K=C+z*R.seq,J=z<u?h:0;for(let ue=0;ue<J;ue++)x[Z+8*ue]=G[K+ue];for(let ue=J;ue<E;ue++)x[Z+8*ue]=0}if(b)x.set(H.subarray(C,C+u*h),O);else for(let z=0;z<u;z++){let Z=C+z*R.seq,K=O+z*E;for(let J=0;J<h;J++)x[K+J]=H[Z+J];for(let J=h;J<E;J++)x[K+J]=0}x.fill(0,O+u*E,O+I*E);for(let z=m*a;z<(m+1)*a;z++){let Z=v*_.batch+z*_.heads;for(let K=0;K<M;K++){let J=T+(K>>2)*E*4+(K&3),ue=Z+K*_.seq,Ie=K<l?h:0;for(let $e=0;$e<Ie;$e++)x[J+4*$e]=B(D[ue+$e]*L);for(let $e=Ie;$e<E;$e++)x[J+4*$e]=0}if(vr(s,t,v,z,{q:T,k:Q,v:O,o:F,bias:S},E,{count:l,causal:f,slope:d?d[z]*Math.LOG2E:0,features:Ir(t,v,z)}),y)w.set(x.subarray(F,F+l*h),Z);else for(let K=0;K<l;K++){let J=F+K*E,ue=Z+K*_.seq;for(let Ie=0;Ie<h;Ie++)w[ue+Ie]=x[J+Ie]}}}return{shape:Object.freeze([...e.shape]),data:w}}function un(t,e,o){let{batch:r,group:s,kvHeads:n,qSeq:i,kSeq:a,headDim:c,causal:l,scale:u,alibi:h}=t,f=o.kernel,A=c+7&-8,d=a+7&-8,p=i===1&&h===null&&t.sinks===null&&t.bias===null&&t.window===null,k=p?s:i,$=k+3&-4,w=o.end,E=w+$*A,I=E+$*A,M=f.reserve(I+(t.bias?ht*d:0)),Q=t.qStrides,O=e.data,T=new Float32Array(O.length),F=Math.fround,S=F(u*Math.LOG2E);for(let x=0;x<r;x++)for(let _=0;_<n;_++){let R=x*n+_,D=o.kAt+R*o.headFloats,G=o.vAt+R*o.headFloats;for(let B=a;B<d;B++){let L=D+(B>>3)*A*8+(B&7);for(let b=0;b<A;b++)M[L+8*b]=0}M.fill(0,G+a*A,G+d*A);let H=p?1:s;for(let B=0;B<H;B++){for(let b=0;b<$;b++){let y=w+(b>>2)*A*4+(b&3),q=_*s+(p?b:B),v=x*Q.batch+q*Q.heads+(p?0:b)*Q.seq,W=b<k?c:0;for(let X=0;X<W;X++)M[y+4*X]=F(O[v+X]*S);for(let X=W;X<A;X++)M[y+4*X]=0}let L=_*s+B;vr(f,t,x,L,{q:w,k:D,v:G,o:E,bias:I},A,{count:k,causal:l&&!p,slope:h?h[L]*Math.LOG2E:0,features:{...Ir(t,x,L),...p?{shift:a-1}:{}}});for(let b=0;b<k;b++){let y=p?_*s+b:L,q=x*Q.batch+y*Q.heads+(p?0:b)*Q.seq;T.set(M.subarray(E+b*A,E+b*A+c),q)}}}return{shape:Object.freeze([...e.shape]),data:T}}function ca(t,e,o,r={}){ie("q",t),ie("k",e),ie("v",o);let s=_e(t,e,o,r);return Re(s,t,e,o)}var Oe=Object.freeze({T48:49152,T32:32768,T16:16384});function xr(t){return t>=Oe.T48?"T48":t>=Oe.T32?"T32":"T16"}function ln(t){let e=t.headDim/4,o=(e+(t.pad?1:0))*16,r=t.br*o,s=t.bc*o,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return r+s+n+i+a}function Sr(t){let e=[];for(let o=1;o<=t;o++)t%o===0&&e.push(o);return e}function fn(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Sr(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function hn(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Sr(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var ko=512;function Cr(t,e,o=256){let r=`${t}|${e}|${o}`;return wo.has(r)||wo.set(r,An(t,e,o)),wo.get(r)}var wo=new Map;function An(t,e,o){if(!Number.isInteger(t)||t%4!==0||t<4||t>ko)return;let r=Oe[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>o))for(let c of[64,32,16,8,4])for(let l of[64,32,16,8,4]){let u=fn(c,l,a),h=hn(c,s,a);if(!(!u||!h))for(let f of[!1,!0])for(let A of[!0,!1]){let[d,p]=u,[k,$]=h,w=ln({headDim:t,br:c,bc:l,tn:p,sharedKV:f,pad:A});if(w>r)continue;let E=4*d*p/(d+p),I=[c*l,c>=l?1:0,l>=32?1:0,E>=4?1:0,a===128?2:a===64?1:0,E,f?0:1,A?1:0];(!i||dn(I,i))&&(i=I,n=Object.freeze({tier:e,headDim:t,workgroup:a,br:c,bc:l,tm:d,tn:p,om:k,od4:$,sharedKV:f,pad:A,bytes:w}))}}return n}function dn(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]>e[o];return!1}function qr(){return{next:new WeakMap,groups:null}}var Ot=class{#e;#o;#t=[];#r=new ArrayBuffer(65536);#s=new DataView(this.#r);#n=qr();#a=new WeakMap;#i=-1;#c=0;#u=0;constructor(e){this.#e=e,this.#o=Math.max(16,e.limits.minUniformBufferOffsetAlignment??256)}get open(){return this.#i>=0}get created(){return this.#u}begin(){if(this.#i>=0)throw new Error("Internal error: a frame is already open");this.#i=0,this.#c=0}end(e){let o=this.#i>this.#c;if(this.#i=-1,o&&!e)throw new Error("Internal error: a frame packed uniform blocks it did not submit")}flush(){if(this.#i<0)return;let e=this.#e.queue,o=this.#c;for(;o<this.#i;){let r=Math.floor(o/65536),s=Math.min(this.#i,(r+1)*65536);e.writeBuffer(this.#t[r],o-r*65536,this.#r,o,s-o),o=s}this.#c=this.#i}groupLayout(e){let o=this.#a.get(e);return o||(o=e.getBindGroupLayout(0),this.#a.set(e,o)),o}bind(e,o,r,s){let n=o.uniformBytes;if(n>65536)throw new Error(`Internal error: the uniform block of ${o.name} is over 65536 bytes`);let i=Math.ceil(this.#i/this.#o)*this.#o;Math.floor(i/65536)!==Math.floor((i+n-1)/65536)&&(i=Math.ceil(i/65536)*65536);let a=Math.floor(i/65536);this.#f(a),o.packInto(r,this.#s,i),this.#i=i+n;let c=this.#t[a],l=i-a*65536,u=this.#l(this.#l(this.#n,e),c),h=`${l}`,f=s;for(let d of o.bindingNames){if(d==="params")continue;let p=f[d];p&&(u=this.#l(u,p.buffer),h+=`|${p.offset??0}:${p.size??-1}`)}u.groups??=new Map;let A=u.groups.get(h);return A||(A=this.#e.createBindGroup({label:o.name,layout:this.groupLayout(e),entries:o.entries({...s,params:{buffer:c,offset:l,size:n}})}),this.#u++,u.groups.set(h,A)),A}destroy(){for(let e of this.#t)e.destroy();this.#t.length=0}#l(e,o){let r=e.next.get(o);return r||(r=qr(),e.next.set(o,r)),r}#f(e){for(;this.#t.length<=e;)this.#t.push(this.#e.createBuffer({size:65536,usage:72,label:"uniform arena"}));let o=(e+1)*65536;if(this.#r.byteLength<o){let r=new ArrayBuffer(Math.max(o,2*this.#r.byteLength));new Uint8Array(r).set(new Uint8Array(this.#r)),this.#r=r,this.#s=new DataView(r)}}};var Tt=class t{#e;#o=new Map;#t=0;#r=new WeakSet;#s=[];#n=null;#a=[];#i=!1;constructor(e){this.#e=e}static sizeOf(e){return Math.max(16,Math.ceil(e/16)*16)}create(e,o){return this.#e.createBuffer({size:t.sizeOf(e),usage:140,label:o})}take(e,o,r){let s=t.sizeOf(e),n=this.#o.get(s)?.pop();if(!n)return this.create(e,o);if(this.#t-=s,this.#r.delete(n),r)this.#s.push(n);else{let i=Math.ceil(e/4)*4;i<s&&this.#e.queue.writeBuffer(n,i,new Uint8Array(s-i))}return n}recycle(e){if(this.#r.has(e))return;let o=e.size,r=this.#s.indexOf(e);if(r>=0&&this.#s.splice(r,1),this.#i||e.usage!==140||o>16777216||this.#t+o>67108864){e.destroy();return}let s=this.#o.get(o);s||(s=[],this.#o.set(o,s)),s.push(e),this.#r.add(e),this.#t+=o}scratch(e,o){if(!this.#n||this.#n.size<e){this.#n&&this.#a.push(this.#n);let r=Math.min(Math.max(2*(this.#n?.size??0),65536),o);this.#n=this.create(Math.max(e,r),"scratch")}return this.#n}encodeClears(e){if(this.#s.length!==0){for(let o of this.#s)e.clearBuffer(o);this.#s=[]}}submitted(){for(let e of this.#a.splice(0))e.destroy()}close(){this.#i=!0;for(let e of this.#o.values())for(let o of e)o.destroy();this.#o.clear(),this.#t=0,this.#n?.destroy(),this.#n=null,this.submitted()}};async function Qr(t,e,o,r){let s=t.device;if(r){let f=t.encoder(),A=f.beginComputePass();t.encode(A,e),A.end(),t.finish(f),await t.idle()}let n=t.encoder(),i,a,c;t.timestamps&&(i=s.createQuerySet({type:"timestamp",count:2}),a=s.createBuffer({size:16,usage:516}),c=s.createBuffer({size:16,usage:9}));let l=n.beginComputePass(i?{timestampWrites:{querySet:i,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let f=0;f<o;f++)t.encode(l,e);l.end(),i&&a&&c&&(n.resolveQuerySet(i,0,2,a,0),n.copyBufferToBuffer(a,0,c,0,16));let u=performance.now();t.finish(n),await t.idle();let h=(performance.now()-u)/1e3;try{if(c){await c.mapAsync(1);let[f,A]=new BigUint64Array(c.getMappedRange().slice(0));c.unmap();let d=Number(A-f);if(d>0)return{seconds:d/1e9/o,source:"timestamp-query"}}return{seconds:h/o,source:"wall-clock"}}finally{i?.destroy(),a?.destroy(),c?.destroy()}}var pn=72,Dr=9,gn=1,_t=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#o=new Map;#t;#r;#s=null;constructor(e,o,r,s=!1){this.device=e,this.f16=s,this.ownsDevice=o,this.limits=r,this.tier=xr(r.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),this.#t=new Ot(e),this.#r=new Tt(e),e.lost.then(n=>{this.#s??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#s}fail(e){this.#s??=e}dispose(){this.#t.destroy(),this.#r.close()}get bindGroupsCreated(){return this.#t.created}#n(e){return this.#s!==null?new Error(`This GpuAttention cannot be used: ${this.#s}`):e instanceof Error?e:new Error(String(e))}cached(e,o){let r=this.#o.get(e);return r===void 0&&(r=o(),this.#o.set(e,r)),r}setCached(e,o){this.#o.set(e,o)}pipeline(e,o){let r=this.#e.get(e);return r||(r=this.#a(e,o()),this.#e.set(e,r),r.catch(()=>this.#e.delete(e))),r}async#a(e,o){let r=this.device.createShaderModule({code:o,label:e}),n=(await r.getCompilationInfo().catch(i=>{throw this.#n(i)})).messages.filter(i=>i.type==="error");if(n.length>0)throw this.#s!==null?this.#n(null):new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:r,entryPoint:"main"}})}catch(i){throw this.#s!==null?this.#n(i):new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}#i(e,o){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${o}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`)}buffer(e,o){return this.#i(e,o),this.#r.create(e,o)}output(e,o){return this.#i(e,o),this.#r.take(e,o,!0)}recycle(e){this.#r.recycle(e)}upload(e,o){this.#i(e.byteLength,o);let r=this.#r.take(e.byteLength,o,!1);return e.byteLength>0&&(e.buffer instanceof ArrayBuffer||(e=e.slice()),this.device.queue.writeBuffer(r,0,e.buffer,e.byteOffset,e.byteLength)),r}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}scratch(e){this.#i(e,"scratch");let o=Math.min(this.limits.maxStorageBufferBindingSize,this.limits.maxBufferSize);return this.#r.scratch(e,o)}uniform(e,o){let r=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:pn,label:o});return this.device.queue.writeBuffer(r,0,e),r}bind(e,o,r,s,n){if(this.#t.open)return this.#t.bind(e,o,r,s);let i=this.uniform(o.pack(r),`${o.name} params`);return n.push(i),this.device.createBindGroup({label:o.name,layout:this.#t.groupLayout(e),entries:o.entries({...s,params:{buffer:i}})})}encode(e,o){for(let r of o.dispatches)e.setPipeline(r.pipeline),e.setBindGroup(0,r.bindGroup),e.dispatchWorkgroups(r.grid[0],r.grid[1],r.grid[2])}submit(e,o){let r=Array.isArray(e)?e:[e];try{return this.#c(r,o)}finally{for(let s of r)this.release(s)}}release(e){for(let o of e.temps)this.#r.recycle(o)}encoder(){let e=this.device.createCommandEncoder();return this.#r.encodeClears(e),e}finish(e){this.#t.flush(),this.device.queue.submit([e.finish()]),this.#r.submitted()}#c(e,o){let r=this.encoder();if(e.some(n=>n.dispatches.length>0)){let n=r.beginComputePass();for(let i of e)this.encode(n,i);n.end()}let s;return o&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(o.bytes/16)*16),usage:Dr,label:"readback"}),o.bytes>0&&r.copyBufferToBuffer(o.source,0,s,0,Math.ceil(o.bytes/4)*4)),this.finish(r),s}async guarded(e,o){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let r,s,n=!1;try{r=o()}catch(u){s=u,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,l]=await Promise.all([i,a]);if(n)throw s;if(l)throw new Error(`Out of GPU memory while ${e}: ${l.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return r}submitting(e,o){return this.guarded(e,()=>{this.#t.begin();let r=!1;try{let s=o();return r=!0,s}finally{this.#t.end(!r)}})}profile(e,o,r){return Qr(this,e,o,r)}gather(e){let o=e.reduce((i,a)=>i+a.size,0),r=this.device.createBuffer({size:Math.max(16,Math.ceil(o/16)*16),usage:Dr,label:"readback"}),s=this.encoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,r,n,i.size),n+=i.size;return this.finish(s),r}async read(e,o){try{return await e.mapAsync(gn),e.getMappedRange(0,Math.max(16,Math.ceil(o/16)*16)).slice(0,o)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var Mr=new WeakMap;function mn(t,e){if(t.length!==e.length)return!1;for(let o=0;o<t.length;o++)if(t[o]!==e[o])return!1;return!0}function Ft(t,e){let o=Mr.get(e);(!o||o.factor!==e.attentionFactor||!mn(o.invFreq,e.invFreq))&&(o={factor:e.attentionFactor,invFreq:e.invFreq.slice(),texts:new Map},Mr.set(e,o));let r=o.texts.get(t);return r===void 0&&(r=`${t}|${o.factor}|${Array.from(o.invFreq).join(",")}`,o.texts.set(t,r)),r}var Or="This KvCache cannot be used: it was destroyed",Tr="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",$n=512,Lt=4,_r=["split","keys"];function tt(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${U(e)}`)}function At(t,e,o){let r=re(t,e??"f32",{allowed:["f32","f16","auto"]});if(r==="auto")return o.available?"f16":"f32";if(r==="f16"&&!o.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${o.detail}); use "f32", or "auto" to fall back to float32`);return r}function Fr(t){tt("options",t),fe("options",t,{allowed:Zo});let e=ne("batch",t.batch,{min:1}),o=ne("kvHeads",t.kvHeads,{min:1}),r=ne("headDim",t.headDim,{min:4,max:$n});if(r%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${r}`);let s=t.window===void 0?null:et(t.window,"window");if(s===null&&t.maxLength===void 0)throw new TypeError("Invalid maxLength: expected an integer >= 1 (the tokens the cache holds), got undefined; only a window cache may leave it out");let n=t.maxLength===void 0?1/0:ne("maxLength",t.maxLength,{min:1}),i=s===null?n:Math.min(n,s+Lt-1);return{batch:e,kvHeads:o,headDim:r,maxLength:n,window:s,slots:i}}function bo(t,e,o,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${U(e)}`);fe(t,e,{allowed:r});let s=Mt(t,e),n=2*we(s);if(e.rotaryDim!==void 0&&e.rotaryDim!==n)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${n} (${Qe(s)}), got ${U(e.rotaryDim)}`);if(n>o)throw new RangeError(`Invalid ${t}.${se(s)?"cache":"frequencies"}: rotary dim ${n} (${Qe(s,"")}) exceeds the head dim ${o}`);let i=re(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),a=re(`${t}.angles`,e.angles??ut(s),{allowed:["float32","float64"]}),c=se(s)?gr(i,s):Ft(`${i}|${a}`,s);return{frequencies:s,pairing:i,rotaryDim:n,angles:a,fingerprint:c}}function Rr(t,e,o,r){let s=De(t,e,o);if(s.batch!==r.batch)throw new RangeError(`Invalid ${t}: expected batch ${r.batch} (as the cache), got ${s.batch}`);if(s.heads!==r.kvHeads)throw new RangeError(`Invalid ${t}: expected ${r.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==r.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${r.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function ot(t,e,o,r){tt("options",r),fe("options",r,{allowed:er});let s=re("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Rr("k",e,s,t),i=Rr("v",o,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(r.rope!==void 0){let c=bo("rope",r.rope,t.headDim,tr),l=r.rope.positions===void 0?null:We("rope.positions",r.rope.positions,n.seq,t.batch,c.angles==="float32");l&&se(c.frequencies)&&Be("rope.positions",c.frequencies,l,n.seq),a={...c,positions:l}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function Lr(t,e,o){if(e+o.n>t.maxLength)throw new RangeError(`Cannot append ${o.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(o.rope&&!o.rope.positions&&se(o.rope.frequencies)){let r={kind:"range",start:e};Be("rope.cache",o.rope.frequencies,r,o.n)}if(o.rope&&!o.rope.positions&&o.rope.angles==="float32"){let r=e+o.n-1;if(r>Me)throw new RangeError(`Invalid rope: the last key would sit at position ${r}, above ${Me} (the largest position with angles "float32")`)}}function jr(t,e){let o=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==o)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:o,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var yo=Object.freeze({keyRope:void 0,explicitPositions:!1});function Hr(t,e,o,r=Ze){tt("options",o),fe("options",o,{allowed:r});let s=re("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=De("q",e,s);if(n.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${n.batch}`);if(n.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${n.headDim}`);if(n.heads<1||n.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${n.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(n.seq<1||n.seq>Lt)throw new RangeError(`Invalid q: expected 1 to ${Lt} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${n.seq}`);let i=o.scale===void 0?1/Math.sqrt(n.headDim):ve("scale",o.scale),a=go(o.alibiSlopes,n.heads),c=null;if(o.rope!==void 0){if(o.rope!==null&&typeof o.rope=="object"&&"positions"in o.rope)throw new TypeError(`Invalid rope: unknown key "positions"; a decode's query positions are the option queryPositions (the cached keys keep the positions they were appended at)`);let A=bo("rope",o.rope,t.headDim,or),d=o.queryPositions===void 0?null:We("queryPositions",o.queryPositions,n.seq,n.batch,A.angles==="float32");d&&se(A.frequencies)&&Be("queryPositions",A.frequencies,d,n.seq),c={...A,queryPositions:d}}else if(o.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let l=o.splits===void 0?void 0:ne("splits",o.splits,{min:1}),u=re("kernel",o.kernel??"split",{allowed:_r}),h=et(o.slidingWindow);if(h!==null&&t.window!==null&&h>t.window)throw new RangeError(`Invalid slidingWindow: expected at most ${t.window}, the window of this cache (it keeps no older keys), got ${h}`);let f=null;return o.bias!==void 0&&(f=ie("bias",o.bias),at(f,{batch:n.batch,heads:n.heads,qSeq:n.seq,kSeq:null})),{layout:s,batch:n.batch,heads:n.heads,kvHeads:t.kvHeads,group:n.heads/t.kvHeads,qSeq:n.seq,headDim:n.headDim,qShape:[...e.shape],qStrides:n.strides,scale:i,rope:c,alibi:a,splits:l,kernel:u,window:h,sinks:qt(o.sinks,n.heads),softcap:Qt(o.softcap),leftPadding:Dt(o.leftPadding,n.batch,2**31-1),bias:f}}function jt(t,e,o,r=null){return kn(t,e,o),wn(t,e,r)}function wn(t,e,o){let r=t.window??o,s=r===null?0:Math.max(0,e-t.qSeq-r+1),n=null;return t.bias&&(n=at(t.bias,{batch:t.batch,heads:t.heads,qSeq:t.qSeq,kSeq:e})),{window:r,first:s,bias:n}}function kn(t,e,o){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(o.keyRope&&o.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(o.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(se(t.rope.frequencies)){let r={kind:"range",start:e-t.qSeq};Be("rope.cache",t.rope.frequencies,r,t.qSeq)}if(t.rope.angles==="float32"&&e-1>Me)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${Me} (the largest position with angles "float32")`)}}}var rt=class{owner;batch;kvHeads;headDim;maxLength;window;slots;#e;#o=0;#t=yo;#r=!1;constructor(e,o,r){this.owner=e,this.#e=o,this.batch=r.batch,this.kvHeads=r.kvHeads,this.headDim=r.headDim,this.maxLength=r.maxLength,this.window=r.window,this.slots=r.slots}held(){let e=Math.min(this.#o,this.slots);return{first:this.#o-e,count:e}}get length(){return this.#o}get destroyed(){return this.#r||!this.#e()}get ropeState(){return this.#t}live(){if(this.#r)throw new Error(Or);if(!this.#e())throw new Error(Tr)}reserve(e){Lr(this,this.#o,e);let o=jr(this.#t,e),r=this.#o;return{slot:r,skip:Math.max(0,e.n-this.slots),commit:()=>{this.#o=r+e.n,this.#t=o}}}snapshot(){let e=this.#o,o=this.#t;return()=>{this.#o=e,this.#t=o}}clear(){this.#o=0,this.#t=yo}markDestroyed(){return this.#r?!1:(this.#r=!0,!0)}};function Eo(t,e,o){if(!(t instanceof o))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var V=class{shape;dtype;owner;#e;#o;#t;#r;#s=!1;#n=!1;#a=null;#i=null;constructor(e,o,r,s,n="float32",i=a=>a.destroy()){this.owner=e,this.dtype=n,this.#t=s,this.#r=i,this.shape=Object.freeze([...o]),this.#e=r instanceof Float32Array?null:r,this.#o=r instanceof Float32Array?r:null}get buffer(){return this.#e}get destroyed(){return this.#s||!this.#t()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#o}}get recording(){return this.#a}get failure(){return this.#i}awaitRecording(e){return this.#a=e,this}settle(e){this.#a=null,e!==null&&(this.#i=e,this.#s=!0),this.#s&&this.#c()}destroy(){this.#s||(this.#s=!0,this.#a===null&&this.#c())}#c(){this.#n||(this.#n=!0,this.#e&&this.#r(this.#e))}};function Y(t,e,o,r=null){if(e instanceof V){if(e.owner!==o)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);let n=e.recording;if(n!==null){if(n===r&&e.owner===o)return e;throw new Error(`Invalid ${t}: this GpuTensor is an output of a recording whose submit() has not resolved yet; await submit() before using it outside that recording`)}if(e.failure!==null)throw new Error(`Invalid ${t}: this GpuTensor was never computed: its recording failed (${e.failure})`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let s=e;if(s===null||typeof s!="object"||!("data"in s))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${U(e)}`);return ie(t,e)}function Io(t,e,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${U(o)}`);fe("options",o,{allowed:ir});let r=re("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=De("x",t,r),n=dr("frequencies",e,o.angles),i=2*we(n);if(o.rotaryDim!==void 0&&o.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (${Qe(n)}), got ${U(o.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (${Qe(n,"")}) exceeds the head dim ${s.headDim}`);let a=re("pairing",o.pairing??"half",{allowed:["half","interleaved"]}),c=re("angles",o.angles??ut(n),{allowed:["float32","float64"]}),l=mr("",o.positions,o.offset,s.seq,s.batch,c);se(n)&&Be("positions",n,l,s.seq);let u=Ke("inPlace",o.inPlace??!1);return{call:{layout:r,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:l},inPlace:u}}var Ht=class{#e;#o=[];#t="recording";constructor(e){this.#e=e}get state(){return this.#t}get calls(){return this.#o.length}#r(){if(this.#t!=="recording")throw new Error(`This recording cannot take more calls: it was ${this.#t==="submitting"?"submitted":this.#t}; start a new one with gpu.record()`);this.#e.live()}attention(e,o,r,s={}){this.#r();let n=this.#e.attention([e,o,r],s,this),i=this.#e.output(n.plan.qShape,n.elements.o,this);return this.#o.push({kind:"attention",call:n,output:i}),i}applyRope(e,o,r={}){this.#r();let s=this.#e.rope(e,o,r,this);if(s.inPlace&&!(s.x instanceof V))throw new TypeError("Invalid inPlace: a recording writes in place only into a GpuTensor; upload x first or leave inPlace false");let n=s.x instanceof V&&s.inPlace?s.x:this.#e.output(s.x.shape,"f32",this);return this.#o.push({kind:"rope",request:s,output:n}),n}append(e,o,r,s={}){this.#r(),this.#o.push({kind:"append",call:this.#e.append(e,[o,r],s,this)})}decode(e,o,r={}){this.#r();let s=this.#e.decode(e,o,r,this),n=this.#e.decodeOutput(s,this);return this.#o.push({kind:"decode",call:s,output:n}),n}submit(){if(this.#t!=="recording")return Promise.reject(new Error(`This recording cannot be submitted: it was ${this.#t==="submitting"?"submitted":this.#t} already; start a new one with gpu.record()`));this.#t="submitting";let e;try{e=this.#e.run(this.#o,this)}catch(o){e=Promise.reject(o)}return e.then(()=>this.#s("submitted",null),o=>{let r=o instanceof Error?o.message:String(o);throw this.#s("failed",r),o})}discard(){this.#t==="recording"&&this.#s("discarded","it was discarded before submit()")}#s(e,o){this.#t=e;for(let r of this.#o)r.kind==="append"||r.kind==="rope"&&r.request.inPlace||r.output.settle(o)}};var bn=["flash","flash2","naive"],dt="it was destroyed; create a new one with createGpuAttention()";function Nr(t){return ne("iterations",t,{min:1})}var st=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e,o=null){return[Y("q",e[0],this,o),Y("k",e[1],this,o),Y("v",e[2],this,o)]}#e(e,o,r,s=null){this.live();let n=this.checkOperands(e,s);return{operands:n,plan:_e(...n,o,r)}}#o(e,o,r){let[s,n,i]=o.operands,a=this.elementsOf(s,n,i,r),c=re("kernel",r.kernel??"flash",{allowed:bn});return{args:e,q:s,k:n,v:i,plan:o.plan,elements:a,kernel:c}}async attention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s,St);return await this.runAttention(this.#o(n,i,s))}async profileAttention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s,rr),a=Nr(s.iterations??10),c=Ke("warmup",s.warmup??!0),l=this.#o(n,i,s);return await this.timeAttention(l,a,c,s)}async applyRope(e,o,r={}){this.live();let s=Y("x",e,this),n=Io(s,o,r);return Gr(s),await this.runRope({...n,arg:e,x:s})}upload(e,o={}){this.live();let r=ie("t",e);return tt("options",o),fe("options",o,{allowed:nr}),this.store(r,At("precision",o.precision,this.info.f16))}async download(e){this.live();let o=Y("t",e,this);if(!(o instanceof V))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(o)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let o=Fr(e),r=At("precision",e.precision,this.info.f16);return await this.makeCache(o,r)}#t(e,o,r,s,n=null){this.live();let i=Y("q",e,this,n),a=Eo(o,this,this.cacheClass),c=Hr(a,i,r,s);return this.prepareDecode({arg:e,q:i,cache:a,plan:c})}async decode(e,o,r={}){return await this.runDecode(this.#t(e,o,r,Ze),r)}async profileDecode(e,o,r={}){let s=this.#t(e,o,r,sr),n=Nr(r.iterations??10),i=Ke("warmup",r.warmup??!0);return await this.timeDecode(s,n,i,r)}record(){return this.live(),new Ht(this.#r())}#r(){return{live:()=>this.live(),attention:(e,o,r)=>{let s=this.#e(e,o,St,r);return this.#o(e,s,o)},rope:(e,o,r,s)=>{this.live();let n=Y("x",e,this,s),i=Io(n,o,r);return Gr(n),{...i,arg:e,x:n}},append:(e,o,r,s)=>{this.live();let n=Eo(e,this,this.cacheClass),i=Y("k",o[0],this,s),a=Y("v",o[1],this,s);return{cache:n,args:o,k:i,v:a,plan:ot(n,i,a,r)}},decode:(e,o,r,s)=>this.#t(e,o,r,Ze,s),output:(e,o,r)=>this.recordedOutput(e,o,r),decodeOutput:(e,o)=>this.recordedOutput(e.plan.qShape,this.decodeElement(e),o),run:(e,o)=>this.runRecording(e,o)}}};function Gr(t){if(t instanceof V&&t.dtype==="float16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)")}function Fe(t){return t.reduce((e,o)=>e*o,1)}var yn=256,En=8;function In(t){let e=t.kp*t.ku*t.rb,o=t.lr*(e+1),r=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(o+e+r+s)}function zr(t,e,o,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let f of[1,2,3,4])if(s%f===0&&s/f<=32){n=f;break}let i=s/n,a=Math.min(o==="T16"?64:128,r);if(i>r)return;let c=Math.max(1,Math.floor(a/i)),l=c*i,u=Oe[o],h=Math.max(1,Math.min(e,Math.floor(En/n)));for(let f=h;f>=1;f--)for(let A=Math.max(1,Math.floor(i/f));A>=1;A--){let d={headDim:t,c:n,lr:i,kp:c,ku:A,rb:f},p=In(d);if(p<=u)return{...d,workgroup:l,bytes:p}}}function Kr(t,e,o,r){let s=Math.ceil(o/Math.max(1,e)),n=Math.ceil(t/yn);return pt(t,Math.max(1,Math.min(s,n,r)))}function pt(t,e){let o=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/o)),keysPerSplit:o}}var ke=`fn isNan(x: f32) -> bool {
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
`;function Le(t,e){return`select(select(0.0, exp2(${t} - ${e}), ${t} > ${-1e30/2}), ${t}, isNan(${t}))`}function be(t){return`select(select(0.0, 1.0 / ${t}, ${t} > 0.0), ${t}, isNan(${t}))`}function Nt(t){let e=["softcap","sinks","padding","bias"].filter(o=>t[o]);return e.length===0?"":`:${e.join("+")}`}function ce(t,e){return e==="f32"?o=>`${t}[${o}]`:o=>`vec4<f32>(${t}[${o}])`}function ye(t,e,o,r,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,o=`(${o})`,r=`(${r})`,t.pairing==="interleaved"&&n%4===0)return`if (${r} < ${n/4}u) {
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
    }`}let a=[];for(let c=0;c<4;c++)if(t.pairing==="interleaved"){let l=c^1,u=c%2===0?"-":"+";a.push(`{
        let d = ${r} * 4u + ${c}u;
        if (d < ${n}u) {
          let t = T[${s} * ${i}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${u} x[${l}] * t.y;
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
    }`}var Wr=new WeakMap;function j(t,e){return{variable:t,access:"read",type:e}}function ee(t,e){return{variable:t,access:"read_write",type:e}}var vo=class{name;fields;bindingNames;uniformBytes;#e;#o;#t;#r=null;constructor(e){this.name=e.name,this.#e=e.uniforms;let o=Wr.get(e.uniforms);if(!o){let s=Object.keys(e.uniforms);o={names:s,types:s.map(n=>e.uniforms[n])},Wr.set(e.uniforms,o)}if(this.fields=o.names,this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let r=["params"];for(let s in e.bindings)e.bindings[s]!==null&&r.push(s);this.bindingNames=r,this.uniformBytes=Math.ceil(this.fields.length*4/16)*16,this.#o=o.types,this.#t=e}get wgsl(){if(this.#r===null){let e=this.#t,o=this.fields.map(n=>`  ${n}: ${e.uniforms[n]},`).join(`
`),s=Object.values(e.bindings).filter(n=>n!==null).map((n,i)=>`@group(0) @binding(${i+1}) var<storage, ${n.access}> ${n.variable}: ${n.type};`);this.#r=`struct Params {
${o}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}return this.#r}binding(e){let o=this.bindingNames.indexOf(e);if(o<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return o}pack(e){let o=new ArrayBuffer(this.uniformBytes);return this.packInto(e,new DataView(o),0),o}packInto(e,o,r){let s=e,n=0;for(let c in s)n++;let i=this.fields;n!==i.length&&this.#s(s);let a=this.#o;for(let c=0;c<i.length;c++){let l=i[c],u=s[l];if(u===void 0)throw Object.hasOwn(s,l)||this.#s(s),new Error(`Internal error: uniform ${l} of kernel ${this.name} is missing`);let h=r+c*4,f=a[c];if(f==="f32"){if(!Number.isFinite(u))throw this.#n(l,u,"a finite f32");o.setFloat32(h,u,!0)}else if(f==="i32"){if(!Number.isInteger(u)||u<-2147483648||u>2147483647)throw this.#n(l,u,"a signed 32-bit integer");o.setInt32(h,u,!0)}else{if(!Number.isInteger(u)||u<0||u>4294967295)throw this.#n(l,u,"an unsigned 32-bit integer");o.setUint32(h,u,!0)}}}#s(e){for(let r of Object.keys(e))if(!Object.hasOwn(this.#e,r))throw new Error(`Internal error: kernel ${this.name} has no uniform ${r}`);let o=this.fields.find(r=>e[r]===void 0);throw new Error(`Internal error: uniform ${o} of kernel ${this.name} is missing`)}#n(e,o,r){return new RangeError(`Internal error: uniform ${e} = ${o} of kernel ${this.name} does not fit ${r}`)}entries(e){for(let o of Object.keys(e))if(!this.bindingNames.includes(o))throw new Error(`Internal error: kernel ${this.name} declares no binding ${o}`);return this.bindingNames.map((o,r)=>{let s=e[o];if(!s)throw new Error(`Internal error: binding ${o} of kernel ${this.name} is missing`);return{binding:r,resource:s}})}};function ae(t){return new vo(t)}var vn={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",first:"u32",slots:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32",window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"},Bn={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function Bo(t){let e=t.elements;return ae({name:"decode",uniforms:vn,bindings:{q:j("Q",`array<vec4<${e.q}>>`),k:j("K",`array<vec4<${e.kv}>>`),v:j("V",`array<vec4<${e.kv}>>`),o:ee("O",`array<vec4<${e.o}>>`),w:ee("W","array<vec4<f32>>"),table:t.rope?j("T","array<vec2<f32>>"):null,slopes:t.alibi?j("SL","array<f32>"):null,sinks:t.sinks?j("SK","array<f32>"):null,padding:t.padding?j("PD","array<u32>"):null,bias:t.bias?j("BI","array<f32>"):null}})}function Po(t){return ae({name:"decode merge",uniforms:Bn,bindings:{w:j("W","array<vec4<f32>>"),o:ee("O",`array<vec4<${t}>>`)}})}var gt=64;function xo(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`+Nt(t)}function So(t,e){return`decode-merge:d${t}:${e}`}function je(t){return Array.from({length:t},(e,o)=>o)}function Gt(t){return t.length===0?"0.0":t.join(" + ")}function Yr(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function Ur(t){let e=t.tiles,{c:o,lr:r,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,l=s*n*i,u=l+1,h=s*n,f=t.elements,A=ce("Q",f.q),d=ce("K",f.kv),p=ce("V",f.kv),k=[f.q,f.kv,f.o].includes("f16"),$=je(i),w=je(o),E=je(n),I=t.rope?ye(t.rope,A,"base","cc","P.tab + b * P.tabB + t"):"",M=$.map(y=>`${w.map(q=>`var q${y}_${q} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${y}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${w.map(q=>`{
        let cc = lr + ${q*r}u;
        var x = ${A("base + cc")};
        ${I}
        q${y}_${q} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),Q=$.map(y=>`${t.sinks?`let sink${y} = split == 0u && kp == 0u;
  var m${y} = select(${-1e30}, SK[kvh * P.group + min(row0 + ${y}u, P.rows - 1u) % P.group], sink${y});
  var l${y} = select(0.0, 1.0, sink${y});`:`var m${y} = ${-1e30}; var l${y} = 0.0;`} ${w.map(q=>`var a${y}_${q} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),O=E.map(y=>{let q=$.map(v=>`Red[lr * ${u}u + kp * ${i}u + ${y*s*i+v}u] = ${Gt(w.map(W=>`dot(q${v}_${W}, k${y}_${W})`))};`).join(`
      `);return`let kr${y} = kvBase + (min(k0 + ${y*s}u + kp, kEnd - 1u) % P.slots) * ${c}u;
      ${w.map(v=>`let k${y}_${v} = ${d(`kr${y} + ${v*r}u`)};`).join(" ")}
      ${w.map(v=>`let v${y}_${v} = ${p(`kr${y} + ${v*r}u`)};`).join(" ")}
      ${q}`}).join(`
      `),T=t.alibi||t.bias,F=t.softcap?"s = capped(s, P.cap2);":"",S=(T?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          `:"")+(t.alibi?"s -= SL[h] * f32(i32(qp) - i32(key));":""),x=t.bias?`let bv = BI[b * P.bB + h * P.bH + (min(f, P.rows - 1u) / P.group) * P.bS + min(key, P.len - 1u)];
          s += bv * ${Math.LOG2E};`:"",_=t.padding?" && key >= padB":"",R=t.bias?" && !biasHides(bv)":"",D=je(Math.ceil(l/a)).map(y=>{let q=(y+1)*a>l;return`{
        let i = lid + ${y*a}u;
        ${q?`if (i < ${l}u) {`:"{"}
          var s = ${Gt(je(r).map(v=>`Red[${v*u}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${F}
          ${S}
          ${x}
          Sc[i] = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp && i32(key) > i32(qp) - i32(P.window)${_}${R});
        }
      }`}).join(`
      `),G=y=>Gt(E.map(q=>`select(p${q} * v${q}_${y}, vec4<f32>(0.0), p${q} == 0.0)`)),H=$.map(y=>{let q=E.map(v=>`s${v}`);return`{
        ${E.map(v=>`let s${v} = Sc[kp * ${i}u + ${v*s*i+y}u];`).join(" ")}
        let mx = max(m${y}, ${q.reduce((v,W)=>`max(${v}, ${W})`)});
        let alpha = exp2(m${y} - mx);
        ${E.map(v=>`let p${v} = ${Le(`s${v}`,"mx")};`).join(" ")}
        l${y} = l${y} * alpha + ${Gt(E.map(v=>`p${v}`))};
        m${y} = mx;
        ${w.map(v=>`a${y}_${v} = a${y}_${v} * alpha + ${G(v)};`).join(`
        `)}
      }`}).join(`
      `),B=$.map(y=>`{
    let mr = ${je(s).map(q=>`Mk[${q*i+y}u]`).reduce((q,v)=>`max(${q}, ${v})`)};
    let g = exp2(m${y} - mr);
    l${y} *= g;
    ${w.map(q=>`a${y}_${q} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${y}u] = mr;
    }
  }`).join(`
  `),L=je(s).map(y=>`if (kp == ${y}u) {
    ${$.flatMap(q=>w.map(v=>{let W=`${q*c}u + lr + ${v*r}u`;return y===0?`X[${W}] = a${q}_${v};`:`X[${W}] += a${q}_${v};`})).join(`
    `)}
    if (lr == 0u) {
      ${$.map(q=>y===0?`Ls[${q}u] = l${q};`:`Ls[${q}u] += l${q};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),b=je(Math.ceil(i*c/a)).map(y=>{let q=(y+1)*a>i*c;return`{
    let e = lid + ${y*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${q?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Yr(f.o,`X[e] * ${be("total")}`)};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${xo(t)}
${k?"enable f16;":""}
${Bo(t).wgsl}
${ke}
var<workgroup> Red: array<f32, ${r*u}>;
var<workgroup> Sc: array<f32, ${l}>;
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
  ${Q}

  // This split's keys (of those from the first visible one), cut at the last
  // one any row of the block sees and after the padding (uniform per workgroup).
  ${t.padding?"let padB = PD[b];":""}
  let kSplit = P.first + split * P.keysPerSplit;
  let kBegin = ${t.padding?"max(kSplit, padB)":"kSplit"};
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kSplit + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${h}u) {
      ${O}
    workgroupBarrier();
      ${D}
    workgroupBarrier();
      ${H}
  }

  if (lr == 0u) {
    ${$.map(y=>`Mk[kp * ${i}u + ${y}u] = m${y};`).join(" ")}
  }
  workgroupBarrier();
  ${B}
  ${L}
  ${b}
}
`}function Vr(t,e){let o=t/4;return`// ${So(t,e)}
${e==="f16"?"enable f16;":""}
${Po(e).wgsl}
${ke}
@compute @workgroup_size(${gt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${gt}u + lid;
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Yr(e,`acc * ${be("total")}`)};
}
`}function Ee(t,e,o,r=4){let s=Math.max(16,o.minStorageBufferOffsetAlignment),n=Math.floor(t*r/s)*s,i=Math.max(4,Math.ceil((e*r-n)/4)*4);return{offset:n,size:i,base:n/r}}function he(t,e){return t.size<=e.maxStorageBufferBindingSize}function Ce(t,e,o,r){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!o(n,1))throw r(n);let a=1,c=i;if(o(n,c))a=c;else for(;c-a>1;){let l=Math.floor((a+c)/2);o(n,l)?a=l:c=l}s.push([n,a]),n+=a}return s}function ge(t,e){let o=e.maxComputeWorkgroupsPerDimension;if(t<=o)return[Math.max(1,t),1];let r=Math.ceil(t/o);if(r>o)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${o} x ${o}, the device's 2-D grid limit`);return[Math.ceil(t/r),r]}function He(t,e){let o=e.maxComputeWorkgroupsPerDimension;return o*o*t}function zt(t,e,o,r,s){let n=t.limits,{kvHeads:i,group:a,qSeq:c,headDim:l}=e,u=l/4,h=a*c,{splits:f,keysPerSplit:A}=s,d=e.qStrides;return{rows:h,rowBlocks:Math.ceil(h/o),splits:f,keysPerSplit:A,direct:f===1,qBytes:r.q==="f16"?2:4,oBytes:r.o==="f16"?2:4,window:(p,k,$)=>{let w=(Q,O)=>Math.floor(Q/i)*d.batch+O*d.heads,E=p+k-1,I=w(p,p%i*a),M=w(E,E%i*a+a-1)+(c-1)*d.seq+l;return Ee(I,M,n,$)},partialBytes:p=>p*h*f*(u+1)*16,statsOff:p=>p*h*f*u}}function Kt(t,e,o,r){let s=t.limits,{window:n,partialBytes:i,qBytes:a,oBytes:c,direct:l,splits:u}=e;return Ce(o.n,r,(h,f)=>he(n(o.u0+h,f,a),s)&&he(n(o.u0+h,f,c),s)&&(l||i(f)<=s.maxStorageBufferBindingSize),h=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${n(o.u0+h,1,Math.max(a,c)).size} bytes or their ${u} partial outputs ${i(1)} bytes, more than maxStorageBufferBindingSize (${s.maxStorageBufferBindingSize} bytes)`))}function Wt(t,e,o,r){let s=e.u0+o;return{u0:s,n:r,qw:t.window(s,r,t.qBytes),ow:t.window(s,r,t.oBytes)}}function Yt(t,e,o,r,s,n){let i=t.qStrides;return{sq:t.qSeq,group:t.group,rows:e.rows,kvHeads:t.kvHeads,len:o.length,nsplit:e.splits,keysPerSplit:e.keysPerSplit,unitBase:s.u0,chunkBase:r.u0,direct:e.direct?1:0,statsOff:e.statsOff(s.n),qB:i.batch/4,qH:i.heads/4,qS:i.seq/4,qOff:s.qw.base/4,...Xr(t,s),tab:n?.sides[0]?.tab??0,tabB:n?.sides[0]?.tabB??0,scale2:t.scale*Math.LOG2E}}function Ut(t,e,o,r,s){return{items:r,nsplit:e.splits,rows:e.rows,group:t.group,kvHeads:t.kvHeads,unitBase:o.u0,statsOff:e.statsOff(o.n),gridX:s,...Xr(t,o)}}function Xr(t,e){let o=t.qStrides;return{oB:o.batch/4,oH:o.heads/4,oS:o.seq/4,oOff:e.ow.base/4}}var qe=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function Co(t){let e=[t.q,t.k,t.v,t.o];return e.every(o=>o==="f32")?"":`:${e.join("")}`}var qo={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32"},Pn={...qo,window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"};function Qo(t){let e=t.elements??qe;return ae({name:"flash",uniforms:Pn,bindings:{q:j("Q",`array<vec4<${e.q}>>`),k:j("K",`array<vec4<${e.k}>>`),v:j("V",`array<vec4<${e.v}>>`),o:ee("O",`array<vec4<${e.o}>>`),table:t.rope?j("T","array<vec2<f32>>"):null,slopes:t.alibi?j("SL","array<f32>"):null,sinks:t.sinks?j("SK","array<f32>"):null,padding:t.padding?j("PD","array<u32>"):null,bias:t.bias?j("BI","array<f32>"):null}})}function Do(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${o}:alibi=${t.alibi}`+Co(t.elements??qe)+Nt(t)}function Ne(t){return Array.from({length:t},(e,o)=>o)}function Jr(t){let e=t.tiles,o=e.headDim/4,r=e.workgroup,s=e.br,n=e.bc,i=o+(e.pad?1:0),a=e.sharedKV?i:o,c=n+1,l=n/e.tn,u=o/e.od4,h=e.sharedKV?"Ks":"Vs",f=t.elements??qe,A=ce("Q",f.q),d=ce("K",f.k),p=ce("V",f.v),k=[f.q,f.k,f.v,f.o].includes("f16"),$=(m,C)=>`for (var e = lid; e < ${m*o}u; e += ${r}u) {
    let r = e / ${o}u;
    let c = e % ${o}u;
    ${C("r","c")}
  }`,w=t.rope?ye(t.rope,A,"base","c","P.qTab + b * P.qTabB + pos"):"",E=t.rope?ye(t.rope,d,"base","c","P.kTab + b * P.kTabB + key"):"",I=$(s,(m,C)=>`let flat = row0 + ${m};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${A(`base + ${C}`)};
      ${w}
    }
    Qs[${m} * ${i}u + ${C}] = x * P.scale2;`),M=$(n,(m,C)=>`let key = k0 + ${m};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${d(`base + ${C}`)};
      ${E}
    }
    Ks[${m} * ${i}u + ${C}] = x;`),Q=(m,C)=>`b * P.vB + kvh * P.vH + ${m} * P.vS - P.vOff + ${C}`,O=$(n,(m,C)=>`let key = k0 + ${m};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${p(Q("key",C))};
    }
    let bad = isNan4(x);
    if (any(bad)) {
      atomicMax(&NanTile, kt + 1u);
    }
    ${h}[${m} * ${a}u + ${C}] = select(x, vec4<f32>(0.0), bad);`),T=Ne(e.tm),F=Ne(e.tn),S=Ne(e.om),x=Ne(e.od4),_=T.flatMap(m=>F.map(C=>`var s${m}_${C} = 0.0;`)).join(" "),R=Ne(o).map(m=>{let C=T.map(K=>`let q${K} = Qs[qr${K} + ${m}u];`).join(" "),z=F.map(K=>`let k${K} = Ks[kr${K} + ${m}u];`).join(" "),Z=T.flatMap(K=>F.map(J=>`s${K}_${J} += dot(q${K}, k${J});`)).join(" ");return`{ ${C} ${z} ${Z} }`}).join(`
      `),D=T.flatMap(m=>F.map(C=>{let z=`s${m}_${C}`,Z=t.softcap?`${z} = capped(${z}, P.cap2);
      `:"",K=t.alibi?` - sl${m} * f32(abs(qp${m} - i32(key${C})))`:"",J=t.bias?`let b${m}_${C} = BI[br${m} + min(key${C}, P.sk - 1u)];
      `:"",ue=t.bias?` + b${m}_${C} * ${Math.LOG2E}`:"",Ie=t.padding?` && key${C} >= padB`:"",$e=t.bias?` && !biasHides(b${m}_${C})`:"";return`${Z}${J}${z} = select(${-1e30}, ${z}${K}${ue}, ok${m} && key${C} < P.sk && (P.causal == 0u || i32(key${C}) <= qp${m}) && i32(key${C}) > qp${m} - i32(P.window)${Ie}${$e});`})).join(`
      `),G=T.map(m=>`Mx[(tr * ${e.tm}u + ${m}u) * ${l}u + tc] = max(${F.map(C=>`s${m}_${C}`).reduce((C,z)=>`max(${C}, ${z})`)}, ${-1e30});`).join(`
      `),H=(m,C)=>`let ${C} = ${Ne(l).map(z=>`Mx[${m} * ${l}u + ${z}u]`).reduce((z,Z)=>`max(${z}, ${Z})`)};`,B=T.map(m=>{let C=`(tr * ${e.tm}u + ${m}u)`,z=F.map(Z=>`let p${Z} = ${Le(`s${m}_${Z}`,"tmax")};
        Ps[${C} * ${c}u + tc + ${Z*l}u] = p${Z};`).join(`
        `);return`{
        ${H(C,"tmax")}
        ${z}
        Sm[${C} * ${l}u + tc] = ${F.map(Z=>`p${Z}`).join(" + ")};
      }`}).join(`
      `),L=S.flatMap(m=>x.map(C=>`var o${m}_${C} = vec4<f32>(0.0);`)).join(" "),b=S.map(m=>t.sinks?`var m${m} = SK[kvh * P.group + (row0 + orow${m}) % P.group]; var l${m} = 1.0;`:`var m${m} = ${-1e30}; var l${m} = 0.0;`).join(" "),y=S.map(m=>{let C=`orow${m}`;return`{
        ${H(C,"tmax")}
        let tsum = ${Ne(l).map(z=>`Sm[${C} * ${l}u + ${z}u]`).join(" + ")};
        let mnew = max(m${m}, tmax);
        let alpha = exp2(m${m} - mnew);
        beta${m} = exp2(tmax - mnew);
        l${m} = l${m} * alpha + tsum * beta${m};
        m${m} = mnew;
        ${x.map(z=>`o${m}_${z} *= alpha;`).join(" ")}
      }`}).join(`
      `),q=`if (atomicLoad(&NanTile) == kt + 1u) {
        for (var kk = 0u; kk < ${n}u; kk++) {
          let key = k0 + kk;
          if (key < P.sk) {
            ${x.map(m=>`let v${m} = ${p(Q("key",`oc + ${m*u}u`))};`).join(" ")}
            ${S.map(m=>`{
              let seen = vec4<bool>(Ps[orow${m} * ${c}u + kk] > 0.0);
              ${x.map(C=>`o${m}_${C} = select(o${m}_${C}, v${C}, isNan4(v${C}) & seen);`).join(" ")}
            }`).join(`
            `)}
          }
        }
      }`,v=Ne(n).map(m=>{let C=S.map(K=>`let p${K} = Ps[orow${K} * ${c}u + ${m}u] * beta${K};`).join(" "),z=x.map(K=>`let v${K} = ${h}[${m*a}u + oc + ${K*u}u];`).join(" "),Z=S.flatMap(K=>x.map(J=>`o${K}_${J} += p${K} * v${J};`)).join(" ");return`{ ${C} ${z} ${Z} }`}).join(`
      `),W=S.map(m=>`{
    let flat = row0 + orow${m};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = ${be(`l${m}`)};
      ${x.map(C=>f.o==="f32"?`O[base + ${C*u}u] = o${m}_${C} * inv;`:`O[base + ${C*u}u] = vec4<f16>(o${m}_${C} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),X=T.map(m=>`let flat${m} = row0 + tr * ${e.tm}u + ${m}u;
  let pos${m} = flat${m} / P.group;
  let ok${m} = pos${m} < P.sq;
  let qp${m} = i32(pos${m}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${m} = SL[kvh * P.group + flat${m} % P.group];`:""}${t.bias?`
  let br${m} = b * P.bB + (kvh * P.group + flat${m} % P.group) * P.bH + min(pos${m}, P.sq - 1u) * P.bS;`:""}`).join(`
  `);return`// ${Do(t)}
${k?"enable f16;":""}
${Qo(t).wgsl}
${ke}
var<workgroup> Qs: array<vec4<f32>, ${s*i}>;
var<workgroup> Ks: array<vec4<f32>, ${n*i}>;
${e.sharedKV?"":`var<workgroup> Vs: array<vec4<f32>, ${n*o}>;`}
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

  ${I}

  let tr = lid / ${l}u;
  let tc = lid % ${l}u;
  ${T.map(m=>`let qr${m} = (tr * ${e.tm}u + ${m}u) * ${i}u;`).join(" ")}
  ${F.map(m=>`let kr${m} = (tc + ${m*l}u) * ${i}u;`).join(" ")}
  ${X}
  let orr = lid / ${u}u;
  let oc = lid % ${u}u;
  ${S.map(m=>`let orow${m} = orr * ${e.om}u + ${m}u;`).join(" ")}
  ${L}
  ${b}
  ${S.map(m=>`var beta${m} = 0.0;`).join(" ")}

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
    ${e.sharedKV?"":O}
    workgroupBarrier();
    {
      ${_}
      ${R}
      ${F.map(m=>`let key${m} = k0 + tc + ${m*l}u;`).join(" ")}
      ${D}
      ${G}
      workgroupBarrier();
      ${B}
    }
    ${e.sharedKV?O:""}
    workgroupBarrier();
    {
      ${y}
      ${v}
      ${q}
    }
    workgroupBarrier();
  }

  ${W}
}
`}var xn=32*1024*1024,Sn=1024;function Cn(t,e){return Ft(`rope-table|${e}`,t)}function Zr(t,e,o){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${o} bytes; rotate in smaller batches`)}function mt(t,e,o,r){let s=we(e)*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize),i=se(e)?null:e;if(i!==null&&r.every(A=>A.positions.kind==="range")){let A=r.map(E=>E.positions.start),d=Math.min(...A),p=Math.max(...r.map((E,I)=>A[I]+E.seq)),k=Sn;for(;k<p;)k*=2;if(k*s<=Math.min(xn,n)){let E=Cn(i,o),I=t.cached(E,()=>null);if(!I||I.rows<p){let M=Rt(i,{start:0,count:k},o);I={rows:k,buffer:t.upload(M,"rope table")},t.setCached(E,I)}return{buffer:I.buffer,temp:!1,sides:A.map(M=>({tab:M,tabB:0}))}}let $=Math.max(1,p-d);if($*s>n)throw Zr($,$*s,n);let w=Rt(i,{start:d,count:$},o);return{buffer:t.upload(w,"rope table"),temp:!0,sides:A.map(E=>({tab:E-d,tabB:0}))}}let a=[],c=[],l=0;for(let A of r){let d=A.positions,p=d.kind==="list"?d.list:Float64Array.from({length:A.seq},(k,$)=>d.start+$);c.push({tab:l,tabB:d.kind==="list"&&d.perBatch?A.seq:0}),a.push(p),l+=p.length}let u=new Float64Array(Math.max(1,l)),h=0;for(let A of a)u.set(A,h),h+=A.length;if(u.length*s>n)throw Zr(u.length,u.length*s,n);let f=i===null?pr(e,u.subarray(0,l)):Rt(i,u,o);return{buffer:t.upload(f,"rope table"),temp:!0,sides:c}}function Ge(t,e,o,r){let s=null;e.rope&&(s=mt(t,e.rope.frequencies,e.rope.angles,o(e.rope)),s.temp&&r.push(s.buffer));let n=null;return e.alibi&&(n=t.upload(e.alibi.map(i=>i*Math.LOG2E),"alibi slopes"),r.push(n)),{table:s,slopes:n}}function es(t,e,o=qe){let r=Cr(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!r)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:ko}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function Mo(t,e,o){let r=null,s=null,n=null;if(e.sinks&&(r=t.upload(Float32Array.from(e.sinks,i=>i*Math.LOG2E),"sinks"),o.push(r)),e.leftPadding&&(s=t.upload(e.leftPadding,"left padding"),o.push(s)),e.bias){let i=e.bias.data.byteLength,a=t.limits.maxStorageBufferBindingSize;if(i>a)throw new RangeError(`Invalid bias: its ${i} bytes exceed the device's storage binding limit of ${a} bytes (maxStorageBufferBindingSize); broadcast it over batch or heads, or split the call`);n=t.upload(e.bias.data,"bias"),o.push(n)}return{sinks:r,padding:s,bias:n}}function Ro(t){return{...t.sinks?{sinks:{buffer:t.sinks}}:{},...t.padding?{padding:{buffer:t.padding}}:{},...t.bias?{bias:{buffer:t.bias}}:{}}}function ts(t,e){return t.pipeline(Do(e),()=>Jr(e))}function Oo(t,e,o,r){let s=t.qStrides,n=t.kStrides;return{sq:t.qSeq,sk:t.kSeq,group:t.group,kvHeads:t.kvHeads,causal:t.causal?1:0,numTiles:r.numTiles,tileBase:r.tileBase,unitBase:r.unitBase,qB:s.batch/4,qH:s.heads/4,qS:s.seq/4,qOff:e.q.base/4,kB:n.batch/4,kH:n.heads/4,kS:n.seq/4,kOff:e.k.base/4,vB:n.batch/4,vH:n.heads/4,vS:n.seq/4,vOff:e.v.base/4,oB:s.batch/4,oH:s.heads/4,oS:s.seq/4,oOff:e.o.base/4,qTab:o?.sides[0]?.tab??0,qTabB:o?.sides[0]?.tabB??0,kTab:o?.sides[1]?.tab??0,kTabB:o?.sides[1]?.tabB??0,scale2:t.scale*Math.LOG2E}}function To(t,e,o,r){return{q:{buffer:t.q,offset:e.q.offset,size:e.q.size},k:{buffer:t.k,offset:e.k.offset,size:e.k.size},v:{buffer:t.v,offset:e.v.offset,size:e.v.size},o:{buffer:t.o,offset:e.o.offset,size:e.o.size},...o?{table:{buffer:o.buffer}}:{},...r?{slopes:{buffer:r}}:{}}}function wt(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function os(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:l,headDim:u}=e,h={dispatches:[],temps:[]};if(n===0||c===0||l===0)return h;let f=t.limits,A=e.qStrides,d=e.kStrides,p=n*i,k=o.elements??qe,$=B=>B==="f16"?2:4,w=(B,L,b=$(k.q))=>{let[y,q]=[Math.floor(B/i),B%i],v=B+L-1,[W,X]=[Math.floor(v/i),v%i],m=y*A.batch+q*a*A.heads,C=W*A.batch+(X*a+a-1)*A.heads+(c-1)*A.seq+u;return Ee(m,C,f,b)},E=(B,L)=>w(B,L,$(k.o)),I=(B,L,b=$(k.k))=>{let y=B+L-1,q=Math.floor(B/i)*d.batch+B%i*d.heads,v=Math.floor(y/i)*d.batch+y%i*d.heads+(l-1)*d.seq+u;return Ee(q,v,f,b)},M=(B,L)=>I(B,L,$(k.v)),Q=(B,L)=>($(k.q)>=$(k.o)?w:E)(B,L),O=(B,L)=>($(k.k)>=$(k.v)?I:M)(B,L),T=Ce(p,f.maxComputeWorkgroupsPerDimension,(B,L)=>he(Q(B,L),f)&&he(O(B,L),f),B=>{let L=Q(B,1);return he(L,f)?wt("k and v",O(B,1).size,f.maxStorageBufferBindingSize):wt("q and the output",L.size,f.maxStorageBufferBindingSize)}),{table:F,slopes:S}=Ge(t,e,B=>[{positions:B.query,seq:c},{positions:B.key,seq:l}],h.temps),x=Mo(t,e,h.temps),_=e.bias,R=o.tiles,D=Math.ceil(c*a/R.br),G=f.maxComputeWorkgroupsPerDimension,H=Qo(o);for(let[B,L]of T){let b={q:w(B,L),k:I(B,L),v:M(B,L),o:E(B,L)};for(let y=0;y<D;y+=G){let q={...Oo(e,b,F,{numTiles:D,tileBase:y,unitBase:B}),window:e.window===null?1073741824:Math.min(e.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:_?.batchStride??0,bH:_?.headStride??0,bS:_?.rowStride??0},v=t.bind(r,H,q,{...To(s,b,F,S),...Ro(x)},h.temps),[W]=ge(Math.min(G,D-y),f);h.dispatches.push({pipeline:r,bindGroup:v,grid:[W,L,1]})}}return h}function rs(t,e,o){let r=e.group*e.qSeq,s=zr(e.headDim,r,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function ss(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(xo(e),()=>Ur(e)),t.pipeline(So(o,r),()=>Vr(o,r))])}function ns(t,e,o,r,s,n=!1){let i=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,i);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (${n?`the ${r} keys of the window`:`the cache length ${r}`}${i<r?` and maxComputeWorkgroupsPerDimension ${i}`:""}), got ${e.splits}`);return pt(r,e.splits)}let a=Math.ceil(e.group*e.qSeq/o.tiles.rb);return Kr(r,e.batch*e.kvHeads*a,s,i)}function kt(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function is(t,e,o,r,s,n,i,a){let c={dispatches:[],temps:[]},[l,u]=r,h=t.limits,{qSeq:f,headDim:A}=e,d=A/4,p=zt(t,e,o.tiles.rb,o.elements,n),{rows:k,rowBlocks:$,splits:w,direct:E}=p,{table:I,slopes:M}=Ge(t,e,()=>[{positions:kt(e,s.length),seq:f}],c.temps),Q=Mo(t,{...e,bias:a.bias},c.temps),O=h.maxComputeWorkgroupsPerDimension,T=Bo(o),F=Po(o.elements.o),S=Math.max(1,Math.floor(He(gt,h)/(k*d)));for(let x of s.chunks)for(let[_,R]of Kt(t,p,x,Math.min(O,S))){let D=Wt(p,x,_,R),{qw:G,ow:H}=D,B=E?t.dummy():t.scratch(p.partialBytes(R)),L={...Yt(e,p,s,x,D,I),first:a.first,slots:s.slots,window:a.window===null?1073741824:Math.min(a.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:a.bias?.batchStride??0,bH:a.bias?.headStride??0,bS:a.bias?.rowStride??0};if(c.dispatches.push({pipeline:l,bindGroup:t.bind(l,T,L,{q:{buffer:i.q,offset:G.offset,size:G.size},k:{buffer:x.k},v:{buffer:x.v},o:{buffer:i.o,offset:H.offset,size:H.size},w:{buffer:B},...I?{table:{buffer:I.buffer}}:{},...M?{slopes:{buffer:M}}:{},...Ro(Q)},c.temps),grid:[w,R,$]}),E)continue;let b=R*k*d,[y,q]=ge(Math.ceil(b/gt),h);c.dispatches.push({pipeline:u,bindGroup:t.bind(u,F,Ut(e,p,D,b,y),{w:{buffer:B},o:{buffer:i.o,offset:H.offset,size:H.size}},c.temps),grid:[y,q,1]})}return c}function qn(t){if(t.window!==null)return null;let{relaxed:e,plain:o}=$o(),r=e?new Ye(e,"relaxed-simd"):o?new Ye(o,"simd"):new lt,s=t.headDim+7&-8,n=(t.slots+7&-8)*s,i=t.batch*t.kvHeads*n,a=ft,c=a+i,l=c+i;if(l*4>2**31)return null;try{r.reserve(l)}catch{return null}return{kernel:r,dp:s,kAt:a,vAt:c,headFloats:n,end:l}}var bt=class extends rt{precision="f32";#e;#o;#t;constructor(e,o,r){super(e,o,r);let s=r.batch*r.kvHeads*r.slots*r.headDim;this.#e=new Float32Array(s),this.#o=new Float32Array(s),this.#t=qn(r)}append(e,o,r={}){try{this.live();let s=Y("k",e,this.owner),n=Y("v",o,this.owner);return this.write(ot(this,s,n,r),s,n),Promise.resolve()}catch(s){return Promise.reject(s)}}write(e,o,r){let{slot:s,skip:n,commit:i}=this.reserve(e),a=as(o);e.rope&&(a=de(a,e.rope.frequencies,{layout:e.layout,pairing:e.rope.pairing,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:s}}));let c=as(r),l=this.headDim,u=e.strides;for(let h=0;h<this.batch;h++)for(let f=0;f<this.kvHeads;f++)for(let A=n;A<e.n;A++){let d=h*u.batch+f*u.heads+A*u.seq,p=((h*this.kvHeads+f)*this.slots+(s+A)%this.slots)*l;this.#e.set(a.data.subarray(d,d+l),p),this.#o.set(c.data.subarray(d,d+l),p)}this.#r(s,e.n),i()}#r(e,o){let r=this.#t;if(r===null)return;let{dp:s,headFloats:n}=r,i=this.headDim,a=r.kernel.reserve(r.end);for(let c=0;c<this.batch*this.kvHeads;c++){let l=r.kAt+c*n,u=r.vAt+c*n;for(let h=e;h<e+o;h++){let f=(c*this.slots+h)*i,A=l+(h>>3)*s*8+(h&7);for(let d=0;d<i;d++)a[A+8*d]=this.#e[f+d];for(let d=i;d<s;d++)a[A+8*d]=0;a.set(this.#o.subarray(f,f+i),u+h*s),a.fill(0,u+h*s+i,u+(h+1)*s)}}}tensors(e,o=!1,r=this.held().count){let{batch:s,kvHeads:n,headDim:i,slots:a}=this,c=r,l=this.length-c,u=Object.freeze(e==="bhsd"?[s,n,c,i]:[s,c,n,i]),h,f;if(!o&&e==="bhsd"&&c===a&&this.window===null)h=this.#e,f=this.#o;else{h=new Float32Array(s*n*c*i),f=new Float32Array(h.length);for(let d=0;d<s;d++)for(let p=0;p<n;p++){let k=(d*n+p)*a*i;if(e==="bhsd"&&this.window===null){let $=(d*n+p)*c*i;h.set(this.#e.subarray(k,k+c*i),$),f.set(this.#o.subarray(k,k+c*i),$);continue}for(let $=0;$<c;$++){let w=k+(l+$)%a*i,E=e==="bhsd"?((d*n+p)*c+$)*i:((d*c+$)*n+p)*i;h.set(this.#e.subarray(w,w+i),E),f.set(this.#o.subarray(w,w+i),E)}}}let A=this.#t;if(!o&&A!==null){let d={kernel:A.kernel,batch:s,kvHeads:n,headDim:i,length:c,kAt:A.kAt,vAt:A.vAt,headFloats:A.headFloats,end:A.end};Pr(h,d)}return{k:{shape:u,data:h},v:{shape:u,data:f}}}download(){try{this.live();let e=Math.min(this.length,this.window??1/0);return Promise.resolve(this.tensors("bhsd",!0,e))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function as(t){return t instanceof V?t.host:t}var Qn=1<<22,Dn=8;function _o(){return new Promise(t=>{let{port1:e,port2:o}=new MessageChannel;e.onmessage=()=>{e.close(),t()},o.postMessage(null),o.close()})}function cs(t){return t.batch*t.heads*t.qSeq*t.kSeq*t.headDim>=Qn}async function Vt(t,e,o,r,s=()=>{}){let n={...t,rope:null},[i,a,c]=e,l=performance.now();for(let{batch:u,kv0:h,kv1:f}of o)for(let A=h;A<f;A++){let d={ranges:[{batch:u,kv0:A,kv1:A+1}],into:r};Re(n,i,a,c,void 0,d),performance.now()-l>=Dn&&(await _o(),s(),l=performance.now())}}function us(t){return Array.from({length:t.batch},(e,o)=>({batch:o,kv0:0,kv1:t.kvHeads}))}var Mn=1<<23,Xt=class{#e=[];put(e,o=64){for(let r of e)r.byteLength>0&&this.#e.push(r);this.#e.length>o&&this.#e.splice(0,this.#e.length-o)}take(e){let o=e*4,r=this.#e.findIndex(s=>s.byteLength===o);return r<0?new Float32Array(e):new Float32Array(this.#e.splice(r,1)[0])}drain(){return this.#e.splice(0)}};function Rn(t,e){let o=t.batch*t.kvHeads,r=Math.min(e,o),s=[];for(let n=0;n<r;n++){let i=Math.floor(n*o/r),a=Math.floor((n+1)*o/r),c=[];for(let l=i;l<a;){let u=Math.floor(l/t.kvHeads),h=l%t.kvHeads,f=Math.min(t.kvHeads,h+(a-l));c.push({batch:u,kv0:h,kv1:f}),l+=f-h}s.push(c)}return s}function ls(t,e){let o=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return t.bias===null&&e>1&&t.batch*t.kvHeads>1&&o>=Mn}function Fo(t,e,o,r,s,n,i,a){let c=(s-r)*n*i,l=a?a.take(c):new Float32Array(c),u=0;for(let h=r;h<s;h++){let f=o*e.batch+h*e.heads;if(e.seq===i){l.set(t.subarray(f,f+n*i),u),u+=n*i;continue}for(let A=0;A<n;A++,u+=i){let d=f+A*e.seq;l.set(t.subarray(d,d+i),u)}}return l}function jo(t,e,o){if(!t.rope)return[e,o];let{frequencies:r,pairing:s,angles:n,layout:i}={...t.rope,layout:t.layout};return[de(e,r,{layout:i,pairing:s,angles:n,positions:t.rope.query}),de(o,r,{layout:i,pairing:s,angles:n,positions:t.rope.key})]}function On(t,e,o,r,s,n){let{group:i,qSeq:a,kSeq:c,headDim:l}=t,{batch:u,kv0:h,kv1:f}=e;return{q:Fo(o.data,t.qStrides,u,h*i,f*i,a,l,n),k:Fo(r.data,t.kStrides,u,h,f,c,l,n),v:Fo(s.data,t.kStrides,u,h,f,c,l,n),alibi:t.alibi?t.alibi.slice(h*i,f*i):null,sinks:t.sinks?t.sinks.slice(h*i,f*i):null,pad:t.leftPadding?t.leftPadding[u]:null}}function Tn(t,e,o,r){let{group:s,qSeq:n,headDim:i,qStrides:a}=t,c=0;for(let l=e.kv0*s;l<e.kv1*s;l++){let u=e.batch*a.batch+l*a.heads;if(a.seq===i){r.set(o.subarray(c,c+n*i),u),c+=n*i;continue}for(let h=0;h<n;h++,c+=i)r.set(o.subarray(c,c+i),u+h*a.seq)}}function _n(t){let e=[...t.scratch];for(let o of t.pieces)e.push(o.q.buffer,o.k.buffer,o.v.buffer),o.alibi&&e.push(o.alibi.buffer),o.sinks&&e.push(o.sinks.buffer);return e}var Lo=class{#e;#o=new Map;#t=null;inputs=new Xt;outputs=new Xt;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let o=e.data,r=this.#o.get(o.id);r&&(this.#o.delete(o.id),"error"in o?r.reject(new Error(`A CPU attention worker failed: ${o.error}`)):(this.inputs.put(o.spent),r.resolve(o.outputs)))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#t}run(e){return this.#t?Promise.reject(new Error(this.#t)):new Promise((o,r)=>{this.#o.set(e.id,{resolve:o,reject:r}),this.#e.postMessage(e,_n(e))})}fail(e){if(!this.#t){this.#t=e,this.#e.terminate();for(let o of this.#o.values())o.reject(new Error(e));this.#o.clear()}}},Jt=class{#e;#o=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,o,r,s){let[n,i]=jo(e,o,r),a=new Float32Array(o.data.length),c=Object.freeze([...o.shape]),[l,...u]=Rn(e,this.#e.length+1),h={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale,window:e.window,softcap:e.softcap},f=u.map((A,d)=>{let p=this.#e[d];(!p||p.failure)&&(p=this.#e[d]=new Lo);let k={id:this.#o++,...h,pieces:A.map($=>On(e,$,n,i,s,p.inputs)),scratch:p.outputs.drain()};return p.run(k).then($=>{A.forEach((w,E)=>Tn(e,w,$[E],a)),p.outputs.put($.map(w=>w.buffer))})});return await Vt(e,[n,i,s],l,a),await Promise.all(f),{shape:c,data:a}}destroy(e){for(let o of this.#e)o?.fail(e);this.#e.fill(void 0)}};function Fn(t,e){if(e===0)return t;let[o,r,s,n]=t.shape,i=n-e,a=new Float32Array(o*r*s*i);for(let c=0;c<o*r*s;c++)a.set(t.data.subarray(c*n+e,(c+1)*n),c*i);return{shape:[o,r,s,i],data:a}}var Zt=class extends st{info;cacheClass=bt;#e=!1;#o;#t=null;constructor(e,o=1){super(),this.#o=o,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:o})}failure(){return this.#e?dt:null}#r(e){return e instanceof V?e.host:e}#s(e,o){return e instanceof V?new V(this,o.shape,o.data,this.alive):o}elementsOf(){return qe}async runAttention(e){let{plan:o}=e,[r,s,n]=[this.#r(e.q),this.#r(e.k),this.#r(e.v)];if(!cs(o))return this.#s(e.q,Re(o,r,s,n));if(await _o(),this.live(),ls(o,this.#o))return this.#t??=new Jt(this.#o-1),this.#s(e.q,await this.#t.attention(o,r,s,n));let i=new Float32Array(r.data.length);return await Vt(o,[...jo(o,r,s),n],us(o),i,()=>this.live()),this.#s(e.q,{shape:Object.freeze([...r.shape]),data:i})}async timeAttention(e,o,r,s){let[n,i,a]=e.args,{iterations:c,warmup:l,...u}=s;r&&await this.attention(n,i,a,u);let h=performance.now();for(let f=0;f<o;f++)await this.attention(n,i,a,u);return{seconds:(performance.now()-h)/1e3/o,iterations:o,source:"wall-clock"}}runRope(e){let{x:o,call:r,inPlace:s}=e,n=this.#r(o),i=de(n,r.frequencies,{layout:r.layout,pairing:r.pairing,angles:r.angles,positions:r.positions});return s?(n.data.set(i.data),Promise.resolve(o)):Promise.resolve(this.#s(o,i))}store(e){return new V(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new bt(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){return Promise.resolve(this.#s(e.q,this.#n(e)))}#n(e){let{plan:o,cache:r}=e,s=jt(o,r.length,r.ropeState,r.window),n=this.#r(e.q);o.rope&&(n=de(n,o.rope.frequencies,{layout:o.layout,pairing:o.rope.pairing,angles:o.rope.angles,positions:kt(o,r.length)}));let{k:i,v:a}=r.tensors(o.layout),c=r.held().first,l=_e(n,i,a,{layout:o.layout,causal:!0,scale:o.scale,...o.alibi?{alibiSlopes:o.alibi}:{},...s.window!==null?{slidingWindow:s.window}:{},...o.sinks?{sinks:o.sinks}:{},...o.softcap!==null?{softcap:o.softcap}:{},...o.leftPadding?{leftPadding:Array.from(o.leftPadding,u=>Math.min(Math.max(0,u-c),r.length-c))}:{},...o.bias?{bias:Fn(o.bias,c)}:{}});return Re(l,n,i,a)}async timeDecode(e,o,r,s){let n=e.arg,{iterations:i,warmup:a,...c}=s;r&&await this.decode(n,e.cache,c);let l=performance.now();for(let u=0;u<o;u++)await this.decode(n,e.cache,c);return{seconds:(performance.now()-l)/1e3/o,iterations:o,source:"wall-clock",splits:1}}recordedOutput(e,o,r){let s=e.reduce((n,i)=>n*i,1);return new V(this,e,new Float32Array(s),this.alive).awaitRecording(r)}decodeElement(){return"f32"}runRecording(e,o){let r=[];try{this.live();for(let s of e)this.#a(s,o);for(let s of e)if(s.kind==="attention"){let{plan:n}=s.call,[i,a,c]=[this.#r(s.call.q),this.#r(s.call.k),this.#r(s.call.v)];s.output.host.data.set(Re(n,i,a,c).data)}else if(s.kind==="rope"){let{x:n,call:i,inPlace:a}=s.request,c=a?n.host.data:s.output.host.data;if(a){let l=c.slice();r.push(()=>c.set(l))}c.set(de(this.#r(n),i.frequencies,{layout:i.layout,pairing:i.pairing,angles:i.angles,positions:i.positions}).data)}else s.kind==="append"?(r.push(s.call.cache.snapshot()),s.call.cache.write(s.call.plan,s.call.k,s.call.v)):s.output.host.data.set(this.#n(s.call).data);return Promise.resolve()}catch(s){for(let n of r.reverse())n();return Promise.reject(s)}}#a(e,o){e.kind==="attention"?this.checkOperands(e.call.args,o):e.kind==="rope"?Y("x",e.request.arg,this,o):e.kind==="append"?(e.call.cache.live(),Y("k",e.call.args[0],this,o),Y("v",e.call.args[1],this,o)):(e.call.cache.live(),Y("q",e.call.arg,this,o))}destroy(){this.#e=!0,this.#t?.destroy(`This GpuAttention cannot be used: ${dt}`),this.#t=null}};var fs="a multiple of 4 from 16 to 256";function Ln(t){let e=(t.headDim/4+(t.pad?1:0))*16,o=t.br*e,r=t.kv==="shared"?t.bc*e:t.bc*e*(t.doubleV?3:2),s=t.bc*(t.br+Math.min(t.tm,4))*4,n=t.br*(t.bc/t.tn)*4,i=t.doubleV?8:4;return o+r+s+n+i}function hs(t){return Math.ceil(t.bc*t.headDim/4/t.workgroup)}function jn(t){let e=t.tm*t.tn+4*t.tm*t.od4,o=4*(t.tm+t.tn),r=hs(t),s=t.prefetch?t.kv==="shared"?4*r:8*r:0;return e+o+s+3*t.tm+24}function Hn(t){let e=t.headDim/4,o=t.bc/t.tn,r=Math.min(t.tm,4),s=2*t.tm*t.tn*t.headDim,n=(t.tm+t.tn)*e+t.bc*(t.tm/r+t.od4),i=t.tm*t.tn*8+t.tm*(o+8)+4*t.tm*t.od4,a=hs(t)*2*4,c=t.kv==="split"&&t.doubleV?3:4,u=(t.prefetch?0:t.kv==="shared"?2:1)*400/Math.max(1,t.workgroup/32),h=c*(20+t.workgroup/8);return s/(s+n+i+a+u+h)}function Ho(t,e){return t%e===0}function Nn(t,e,o=256){if(!Number.isInteger(t)||t%4!==0||t<16||t>256)return[];let r=t/4,s=Oe[e],n=[];for(let i of[64,128,256])if(!(i>o))for(let a of[1,2,4,8,16,32]){if(!Ho(r,a)||!Ho(i,a))continue;let c=r/a;for(let l of[1,2,4,8]){let u=i/a*l;if(!(u<8||u>128))for(let h of[1,2,4,8]){let f=a*h;if(!(f<8||f>64))for(let A of["shared","split"])for(let d of A==="split"?[!0,!1]:[!1])for(let p of[!0,!1])for(let k of[!0,!1]){let $={headDim:t,workgroup:i,br:u,bc:f,tm:l,tn:h,od4:c,kv:A,doubleV:d,prefetch:p,pad:k,dChunk:Gn(r),kChunk:Math.min(f,32)},w=Ln($),E=jn($);if(w>s||E>160)continue;let I={tier:e,...$,bytes:w},M=[E<=128?1:0,Math.round(Hn($)*100),f>=32?1:0,i>=128?1:0,k?1:0,-E];n.push({tiles:I,score:M})}}}}return n.sort((i,a)=>zn(a.score,i.score)),n.map(i=>i.tiles)}function Gn(t){if(t<=16)return t;for(let e of[8,4,2])if(Ho(t,e))return e;return 1}function As(t,e,o=256){return Nn(t,e,o)[0]}function ds(t){let e=`${t.kv}${t.doubleV?"2v":""}${t.prefetch?"+pf":""}`;return`wg${t.workgroup} ${t.br}x${t.bc} t${t.tm}x${t.tn} o${t.od4} ${e}${t.pad?" pad":""} c${t.dChunk}/${t.kChunk}`}function zn(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]-e[o];return 0}var Kn=qo;function eo(t){let e=t.elements;return ae({name:"flash2",uniforms:Kn,bindings:{q:j("Q",`array<vec4<${e.q}>>`),k:j("K",`array<vec4<${e.k}>>`),v:j("V",`array<vec4<${e.v}>>`),o:ee("O",`array<vec4<${e.o}>>`),table:t.rope?j("T","array<vec2<f32>>"):null,slopes:t.alibi?j("SL","array<f32>"):null}})}function to(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash2:d${t.tiles.headDim}:${ds(t.tiles).replaceAll(" ",":")}:rope=${e}:alibi=${t.alibi}${Co(t.elements??qe)}`}function Ae(t){return Array.from({length:t},(e,o)=>o)}var ps=["x","y","z","w"];function gs(t){let e=t.tiles,o=t.elements,r=e.headDim/4,s=e.workgroup,n=e.br,i=e.bc,a=e.tm,c=e.tn,l=e.od4,u=i/c,h=e.dChunk,f=r/h,A=e.kChunk,d=i/A,p=Math.min(a,4),k=a/p,$=p===1?"f32":`vec${p}<f32>`,w=Math.ceil(i*r/s),E=g=>(g+1)*s>i*r,I=(g,P)=>E(g)?`if (lid + ${g*s}u < ${i*r}u) {
      ${P}
    }`:P,M=n*r/s,Q=e.kv==="shared",O=e.doubleV?2:1,T=ce("Q",o.q),F=ce("K",o.k),S=ce("V",o.v),x=[o.q,o.k,o.v,o.o].includes("f16"),_=Ae(a),R=Ae(c),D=Ae(l),G="vec4<f32>(0.0)",H=g=>f===1?"0u":g,B=g=>d===1?"0u":g,L=Ae(w).map(g=>`let ldr${g} = (lid + ${g*s}u) / ${r}u; let ldc${g} = (lid + ${g*s}u) % ${r}u;
  let ldrg${g} = ${B(`ldr${g} / ${A}u`)}; let ldrj${g} = ldr${g} % ${A}u;
  let ldcg${g} = ${H(`ldc${g} / ${h}u`)}; let ldcj${g} = ldc${g} % ${h}u;`).join(`
  `),b=(g,P,N,oe)=>oe.map(me=>{let xe=`${P}k${me}`,le=g==="K"?`b * P.kB + kvh * P.kH + min(${xe}, P.sk - 1u) * P.kS - P.kOff`:`b * P.vB + kvh * P.vH + min(${xe}, P.sk - 1u) * P.vS - P.vOff`;return`let ${xe} = ${N} + ldr${me}; let ${P}x${me} = ${(g==="K"?F:S)(`${le} + ldc${me}`)};`}).join(`
    `),y=t.rope?ye(t.rope,F,"base","c","P.kTab + b * P.kTabB + key"):"",q=(g,P,N,oe,me,xe="0u")=>{if(g==="V"){let le=N.map(Se=>I(Se,`${oe(Se)} = ${P}x${Se};`)).join(`
      `),Te=N.map(Se=>I(Se,`${oe(Se)} = select(${G}, ${P}x${Se}, ${P}k${Se} < P.sk);`)).join(`
      `),on=N.map(Se=>`${P}x${Se}`).join(" + ");return`if (${me} + ${i}u <= P.sk) {
      ${le}
    } else {
      ${Te}
    }
    if (!finite4(${on})) {
      atomicMax(&Bad[${xe}], (${me}) / ${i}u + 1u);
    }`}return N.map(le=>t.rope?I(le,`{
      var x = ${P}x${le};
      let key = ${P}k${le};
      let c = ldc${le};
      if (key < P.sk) {
        let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
        ${y}
      }
      ${oe(le)} = x;
    }`):I(le,`${oe(le)} = ${P}x${le};`)).join(`
    `)},v=g=>`Ks[ldrg${g}][ldrj${g}].g[ldcg${g}][ldcj${g}]`,W=g=>P=>Q?v(P):`Vs[${O===1?`ldrg${P}`:d===1?g:`${g} * ${d}u + ldrg${P}`}][ldrj${P}].g[ldcg${P}][ldcj${P}]`,X=g=>O===2?g:"0u",m=(g,P,N)=>{let oe=[],me=8/g.length;for(let xe=0;xe<w;xe+=me){let le=Ae(Math.min(me,w-xe)).map(Te=>xe+Te);oe.push(`{
    ${g.map(Te=>b(Te,Te==="K"?"ka":"va",P,le)).join(`
    `)}
    ${g.map(Te=>Te==="K"?q("K","ka",le,v,P):q("V","va",le,W(N),P,X(N))).join(`
    `)}
  }`)}return oe.join(`
  `)},C=t.rope?ye(t.rope,T,"base","c","P.qTab + b * P.qTabB + pos"):"",z=Ae(M).map(g=>`{
    let e = lid + ${g*s}u;
    let r = e / ${r}u;
    let c = e % ${r}u;
    let flat = row0 + r;
    let pos = flat / P.group;
    let h = kvh * P.group + flat % P.group;
    let base = b * P.qB + h * P.qH + min(pos, P.sq - 1u) * P.qS - P.qOff;
    var x = ${T("base + c")};
    ${t.rope?`if (pos < P.sq) {
      ${C}
    }`:""}
    Qs[r].g[${H(`c / ${h}u`)}][c % ${h}u] = select(${G}, x, pos < P.sq) * P.scale2;
  }`).join(`
  `),Z=(g,P,N)=>ps.reduce((oe,me)=>`fma(${g}.${me}, ${P}.${me}, ${oe})`,N),K=(g,P)=>`{ ${_.map(N=>`let qv${N} = Qs[qr${N}].g[${g}][${P}u];`).join(" ")}
        ${R.map(N=>`let kv${N} = Ks[kg${N}][kj${N}].g[${g}][${P}u];`).join(" ")}
        ${_.flatMap(N=>R.map(oe=>`s${N}_${oe} = ${Z(`qv${N}`,`kv${oe}`,`s${N}_${oe}`)};`)).join(`
        `)} }`,J=g=>Ae(h).map(P=>K(g,P)).join(`
      `),ue=f===1?J("0u"):`for (var gd = 0u; gd < ${f}u; gd++) {
      ${J("gd")}
    }`,Ie=t.alibi?_.flatMap(g=>R.map(P=>`s${g}_${P} -= sl${g} * f32(abs(qp${g} - i32(ky${P})));`)).join(`
    `):"",$e=_.flatMap(g=>R.map(P=>`s${g}_${P} = select(${-1e30}, s${g}_${P}, ky${P} < P.sk && (P.causal == 0u || i32(ky${P}) <= qp${g}));`)).join(`
      `),Ns=_.map(g=>`Mx[qr${g}][tc] = ${R.map(P=>`s${g}_${P}`).reduce((P,N)=>`max(${P}, ${N})`)};`).join(`
    `),Gs=g=>Ae(u).map(P=>`Mx[qr${g}][${P}u]`).reduce((P,N)=>`max(${P}, ${N})`),zs=_.map(g=>`{
      let mnew = max(mx${g}, ${Gs(g)});
      let alpha = exp2(mx${g} - mnew);
      mx${g} = mnew;
      ${R.map(P=>`s${g}_${P} = ${Le(`s${g}_${P}`,"mnew")};`).join(`
      `)}
      sm${g} = sm${g} * alpha + ${R.map(P=>`s${g}_${P}`).join(" + ")};
      ${D.map(P=>`o${g}_${P} *= alpha;`).join(" ")}
    }`).join(`
    `),Ks=(g,P)=>{let N=Ae(p).map(oe=>`s${g*p+oe}_${P}`);return p===1?N[0]:`${$}(${N.join(", ")})`},Ws=R.flatMap(g=>Ae(k).map(P=>`Pt[kg${g}][kj${g}][pr${P}] = ${Ks(P,g)};`)).join(`
    `),Ys=(g,P)=>Q?`Ks[${g}][${P}u]`:`Vs[${O===1?g:d===1?"vb":`vb * ${d}u + ${g}`}][${P}u]`,co=g=>p===1?`pw${g}`:`pw${Math.floor(g/p)}.${ps[g%p]}`,Us=(g,P)=>`{ ${Ae(k).map(N=>`let pw${N} = Pt[${g}][${P}u][pr${N}];`).join(" ")}
        ${D.map(N=>`let vv${N} = ${Ys(g,P)}.g[vg${N}][vj${N}];`).join(" ")}
        ${_.flatMap(N=>D.map(oe=>`o${N}_${oe} = fma(vec4<f32>(${co(N)}), vv${oe}, o${N}_${oe});`)).join(`
        `)} }`,Uo=g=>Ae(A).map(P=>Us(g,P)).join(`
      `),Vs=d===1?Uo("0u"):`for (var gp = 0u; gp < ${d}u; gp++) {
      ${Uo("gp")}
    }`,Xs=Q?"Ks[cg][cj]":`Vs[${O===1?"cg":d===1?"vb":`vb * ${d}u + cg`}][cj]`,Js=`for (var kc = 0u; kc < ${i}u; kc++) {
        let cg = kc / ${A}u;
        let cj = kc % ${A}u;
        ${Ae(k).map(g=>`let pw${g} = Pt[cg][cj][pr${g}];`).join(" ")}
        ${D.map(g=>`let vv${g} = ${Xs}.g[vg${g}][vj${g}];`).join(" ")}
        ${_.flatMap(g=>D.map(P=>`o${g}_${P} = select(fma(vec4<f32>(${co(g)}), vv${P}, o${g}_${P}), o${g}_${P}, ${co(g)} == 0.0);`)).join(`
        `)}
      }`,Zs=`if (atomicLoad(&Bad[${X("vb")}]) == kt + 1u) {
      ${Js}
    } else {
      ${Vs}
    }`,pe=Ae(w),Pt="",uo="",lo="",fo="",xt="",en=!(e.kv==="split"&&e.doubleV);Q&&!e.prefetch?(Pt=m(["K"],"0u","0u"),lo=m(["V"],"key0","0u"),xt=m(["K"],`key0 + ${i}u`,"0u")):Q?(Pt=`{
    ${b("K","ka","0u",pe)}
    ${q("K","ka",pe,v,"0u")}
  }`,uo=b("V","va","key0",pe),lo=q("V","va",pe,W(""),"key0","0u"),fo=b("K","kn",`key0 + ${i}u`,pe),xt=q("K","kn",pe,v,`key0 + ${i}u`)):e.prefetch?(Pt=`{
    ${b("K","ka","0u",pe)}
    ${b("V","va","0u",pe)}
    ${q("K","ka",pe,v,"0u")}
    ${q("V","va",pe,W("0u"),"0u",X("0u"))}
  }`,fo=`${b("K","kn",`key0 + ${i}u`,pe)}
    ${b("V","vn",`key0 + ${i}u`,pe)}`,xt=`${q("K","kn",pe,v,`key0 + ${i}u`)}
    ${q("V","vn",pe,W("(vb ^ 1u)"),`key0 + ${i}u`,X("(vb ^ 1u)"))}`):uo=m(["K","V"],"key0","vb");let tn=_.map(g=>`{
    let l = ${Ae(u).map(P=>`Mx[qr${g}][${P}u]`).join(" + ")};
    let flat = row0 + qr${g};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff;
      let inv = ${be("l")};
      ${D.map(P=>o.o==="f32"?`O[base + vc${P}] = o${g}_${P} * inv;`:`O[base + vc${P}] = vec4<f16>(o${g}_${P} * inv);`).join(`
      `)}
    }
  }`).join(`
  `);return`// ${to(t)}
${x?"enable f16;":""}
${eo(t).wgsl}
struct TileRow {
  g: array<array<vec4<f32>, ${h}>, ${f}>,${e.pad?`
  pad: vec4<f32>,`:""}
}
var<workgroup> Qs: array<TileRow, ${n}>;
var<workgroup> Ks: array<array<TileRow, ${A}>, ${d}>;
${Q?"":`var<workgroup> Vs: array<array<TileRow, ${A}>, ${O*d}>;`}
var<workgroup> Pt: array<array<array<${$}, ${n/p+1}>, ${A}>, ${d}>;
var<workgroup> Mx: array<array<f32, ${u}>, ${n}>;
// Per V buffer: 1 + the last tile whose V held a NaN or an infinity (0: none).
var<workgroup> Bad: array<atomic<u32>, ${O}>;

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
  let row0 = tile * ${n}u;

  ${z}

  let tr = lid / ${u}u;
  let tc = lid % ${u}u;
  ${_.map(g=>`let qr${g} = tr * ${a}u + ${g}u;
  let qp${g} = i32((row0 + qr${g}) / P.group) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${g} = SL[kvh * P.group + (row0 + qr${g}) % P.group];`:""}`).join(`
  `)}
  ${R.map(g=>`let kl${g} = tc + ${g*u}u; let kg${g} = ${B(`kl${g} / ${A}u`)}; let kj${g} = kl${g} % ${A}u;`).join(`
  `)}
  ${D.map(g=>`let vc${g} = tc + ${g*u}u; let vg${g} = ${H(`vc${g} / ${h}u`)}; let vj${g} = vc${g} % ${h}u;`).join(`
  `)}
  ${Ae(k).map(g=>`let pr${g} = tr * ${k}u + ${g}u;`).join(" ")}
  ${L}
  ${_.map(g=>`var mx${g} = ${-1e30}; var sm${g} = 0.0;`).join(" ")}
  ${_.flatMap(g=>D.map(P=>`var o${g}_${P} = ${G};`)).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${n}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${i-1}u) / ${i}u;
  // The first row's last visible key: tiles past it need the causal mask.
  let minQp = i32(row0 / P.group) + i32(P.sk) - i32(P.sq);
  ${Pt}
  for (var kt = 0u; kt < tiles; kt++) {
    let key0 = kt * ${i}u;
    let vb = ${O===2?"kt & 1u":"0u"};
    ${uo}
    workgroupBarrier();
    ${_.flatMap(g=>R.map(P=>`var s${g}_${P} = 0.0;`)).join(" ")}
    ${ue}
    ${R.map(g=>`let ky${g} = key0 + kl${g};`).join(" ")}
    ${Ie}
    if (key0 + ${i}u > P.sk || (P.causal != 0u && i32(key0) + ${i-1} > minQp)) {
      ${$e}
    }
    ${Ns}
    workgroupBarrier();
    ${lo}
    ${zs}
    ${Ws}
    workgroupBarrier();
    ${fo}
    ${Zs}
    ${en?"workgroupBarrier();":""}
    ${xt}
  }

  ${_.map(g=>`Mx[qr${g}][tc] = sm${g};`).join(" ")}
  workgroupBarrier();
  ${tn}
}
`}var Wn=new Set(["layout","batch","heads","kvHeads","group","qSeq","kSeq","headDim","qShape","qStrides","kStrides","causal","scale","rope","alibi"]);function Yn(t){return t==null||t===!1||t===0}function Un(t,e,o,r){for(let[n,i]of Object.entries(e))if(!Wn.has(n)&&!Yn(i))return`the option behind plan field ${n} is not implemented by flash2`;let s=r??As(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);return s?{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}:`head dim ${e.headDim} has no flash2 tiles on tier ${t.tier} (${fs}, within the tier's workgroup storage)`}function Vn(t,e){return t.pipeline(to(e),()=>gs(e))}function Xn(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:l,headDim:u}=e,h={dispatches:[],temps:[]};if(n===0||c===0||l===0)return h;let f=t.limits,A=e.qStrides,d=e.kStrides,p=o.elements,k=S=>S==="f16"?2:4,$=(S,x,_)=>{let R=_==="q"?A:d,D=_==="q"?a:1,G=_==="q"?c:l,H=S+x-1,B=(L,b)=>Math.floor(L/i)*R.batch+(L%i*D+b)*R.heads;return[B(S,0),B(H,D-1)+(G-1)*R.seq+u]},w=(S,x,_,R)=>{let[D,G]=$(S,x,_);return Ee(D,G,f,k(R))},E=(S,x)=>k(S)>=k(x)?S:x,I=Ce(n*i,f.maxComputeWorkgroupsPerDimension,(S,x)=>he(w(S,x,"q",E(p.q,p.o)),f)&&he(w(S,x,"k",E(p.k,p.v)),f),S=>{let x=w(S,1,"q",E(p.q,p.o));return he(x,f)?wt("k and v",w(S,1,"k",E(p.k,p.v)).size,f.maxStorageBufferBindingSize):wt("q and the output",x.size,f.maxStorageBufferBindingSize)}),{table:M,slopes:Q}=Ge(t,e,S=>[{positions:S.query,seq:c},{positions:S.key,seq:l}],h.temps),O=Math.ceil(c*a/o.tiles.br),T=f.maxComputeWorkgroupsPerDimension,F=eo(o);for(let[S,x]of I){let _={q:w(S,x,"q",p.q),k:w(S,x,"k",p.k),v:w(S,x,"k",p.v),o:w(S,x,"q",p.o)};for(let R=0;R<O;R+=T){let D=Oo(e,_,M,{numTiles:O,tileBase:R,unitBase:S}),G=t.bind(r,F,D,To(s,_,M,Q),h.temps),[H]=ge(Math.min(T,O-R),f);h.dispatches.push({pipeline:r,bindGroup:G,grid:[H,x,1]})}}return h}async function ms(t,e,o){let r=Un(t,e,o);if(typeof r=="string")return null;let s=await Vn(t,r);return n=>Xn(t,e,r,s,n)}var Jn=128,Zn=16,ei=8;function ti(t){let e=t.tk*(t.de+1)*16,o=t.rb*(t.headDim/4)*16,r=t.tk*t.rb*4,s=t.rb*4;return e+o+r+s}function $s(t,e,o,r,s=256){let n=o==="f16"?8:4;if(!Number.isInteger(t)||t%n!==0||t<n||t>512)return`the keys kernel reads ${o} rows in 16-byte units of ${n} dims, so it needs a head dim that is a multiple of ${n} up to 512, got ${t}`;let i=t/n,a=Math.min(Jn,s);if(i>a)return`a row of ${i} load units needs more than the ${a} invocations per workgroup`;let c=Math.floor(a/i),l=c*i,u=Math.max(1,Math.min(e,ei)),h=Oe[r];for(let f=u;f>=1;f--){let A;for(let d=Math.min(l,c*Zn);d>=c;d-=c){let p=ti({headDim:t,de:i,tk:d,rb:f});if(p>h)continue;let k=Math.ceil(f/Math.max(1,Math.floor(l/d))),$=Math.ceil(f/k),w={headDim:t,kv:o,e:n,de:i,wg:l,kg:c,tk:d,vk:d/c,rb:f,sg:$,rh:k,bytes:p};if(d%32===0||d<32)return w;A??=w}if(A)return A}return`no tile of keys fits ${h} bytes of workgroup storage (tier ${r}) at head dim ${t}`}var oi=256,ri=1024,si=4;function ws(t,e,o,r,s){let n=si*Math.max(1,o),i=Math.ceil(t*Math.max(1,e)/n),a=Math.min(ri,Math.max(oi,i)),c=Math.ceil(a/s)*s,l=Math.max(1,Math.ceil(t/c));return l>r&&(l=r,c=Math.ceil(t/l)),l===1?{splits:1,keysPerSplit:Math.max(1,t)}:{splits:Math.ceil(t/c),keysPerSplit:c}}var ni={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmaxU:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},ii={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function ks(t){return t.kv==="f16"?"vec4<u32>":"vec4<f32>"}function No(t){let e=t.elements,o=ks(t.tiles);return ae({name:"decode keys",uniforms:ni,bindings:{q:j("Q",`array<vec4<${e.q}>>`),k:j("K",`array<${o}>`),v:j("V",`array<${o}>`),o:ee("O",`array<vec4<${e.o}>>`),w:ee("W","array<vec4<f32>>"),table:t.rope?j("T","array<vec2<f32>>"):null,slopes:t.alibi?j("SL","array<f32>"):null}})}function Go(t){return ae({name:"decode keys merge",uniforms:ii,bindings:{w:j("W","array<vec4<f32>>"),o:ee("O",`array<vec4<${t}>>`)}})}function zo(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode-keys:d${e.headDim}:${e.kv}:wg${e.wg}:tk${e.tk}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function yt(t){let e=t/4,o=[8,4,2,1].find(s=>e%s===0),r=256/o;return{chunks:o,lanes:r,blocks:e/o,workgroup:256}}function Ko(t,e){return`decode-keys-merge:d${t}:${e}`}function Ue(t){return Array.from({length:t},(e,o)=>o)}function bs(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function ai(t){return[4,2,1].find(e=>t%e===0)}function ys(t){let e=t.tiles,{wg:o,tk:r,rb:s,de:n,kg:i,vk:a,sg:c,rh:l}=e,u=e.headDim/4,h=e.e/4,f=n+1,A=t.elements,d=ce("Q",A.q),p=[A.q,A.o].includes("f16"),k=Ue(s),$=Ue(h),w=e.kv==="f16",E=(b,y)=>w?`vec4<f32>(unpack2x16float(${b}.${"xz"[y]}), unpack2x16float(${b}.${"yw"[y]}))`:b,I=t.rope?ye(t.rope,d,"base","cc","P.tab + b * P.tabB + tq"):"",M=Ue(a).map(b=>`let ki${b} = kvBase + min(k0 + g + ${b*i}u, kEnd - 1u) * ${n}u + c;
    Ks[(g + ${b*i}u) * ${f}u + c] = K[ki${b}];
    let v${b} = V[ki${b}];`).join(`
    `),Q=Ue(l),O=c*l!==s,T=b=>c===1?`${b}u`:`(rg * ${l}u + ${b}u)`,F=b=>O?`min(${T(b)}, ${s-1}u)`:T(b),S=ai(n),x=Ue(S).map(b=>{let y=$.map(v=>`let x${b}_${v} = ${E(`Ks[kr + u + ${b}u]`,v)};`).join(" "),q=Q.map(v=>`s${v} += ${$.map(W=>`dot(Qs[${F(v)} * ${u}u + (u + ${b}u) * ${h}u + ${W}u], x${b}_${W})`).join(" + ")};`).join(" ");return`${y}
        ${q}`}).join(`
        `),_=t.alibi?"s -= SL[kvh * P.group + min(f, P.rows - 1u) % P.group] * f32(i32(qp) - i32(key));":"",R=Q.map(b=>`{
        let row = ${T(b)};
        let f = row0 + row;
        let qp = P.len - P.sq + f / P.group;
        var s = s${b};
        ${_}
        s${b} = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp);
        ${O?`if (row < ${s}u && `:"if ("}s${b} > unordered(atomicLoad(&Mx[row]))) {
          atomicMax(&Mx[row], ordered(s${b}));
        }
      }`).join(`
      `),D=k.map(b=>`{
      let mn = unordered(atomicLoad(&Mx[${b}u]));
      let al = exp2(m${b} - mn);
      m${b} = mn;
      l${b} *= al;
      ${$.map(y=>`a${b}_${y} *= al;`).join(" ")}
    }`).join(`
    `),G=Q.map(b=>{let y=`Ps[kl * ${s}u + row] = ${Le(`s${b}`,c===1?`m${b}`:"unordered(atomicLoad(&Mx[row]))")};`;return`{
        let row = ${T(b)};
        ${O?`if (row < ${s}u) { ${y} }`:y}
      }`}).join(`
      `),H=Ue(a).map(b=>`{
      let pb = (g + ${b*i}u) * ${s}u;
      ${$.map(y=>`let w${y} = ${E(`v${b}`,y)};`).join(" ")}
      ${k.map(y=>`{ let pr = Ps[pb + ${y}u]; l${y} += pr; ${$.map(q=>`a${y}_${q} += select(pr * w${q}, vec4<f32>(0.0), pr == 0.0);`).join(" ")} }`).join(`
      `)}
    }`).join(`
    `),B=k.map(b=>$.map(y=>{let q=`${b*u}u + c * ${h}u + ${y}u`;return`Qs[${q}] = a${b}_${y} + select(vec4<f32>(0.0), Qs[${q}], gi > 0u);`}).join(" ")).join(`
      `),L=k.map(b=>`Ps[${b}u] = l${b} + select(0.0, Ps[${b}u], gi > 0u);`).join(" ");return`// ${zo(t)}
${p?"enable f16;":""}
${No(t).wgsl}
${ke}
var<workgroup> Ks: array<${ks(e)}, ${r*f}>;
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
      ${I}
    }
    Qs[i] = x * P.scale2;
  }
  if (lid < ${s}u) {
    atomicStore(&Mx[lid], ordered(${-1e30}));
  }
  ${k.map(b=>`var m${b} = ${-1e30}; var l${b} = 0.0;`).join(`
  `)}
  ${Q.map(b=>`var s${b} = 0.0;`).join(" ")}
  let kl = lid % ${r}u; // the score invocation's key in the tile
  let rg = lid / ${r}u; // and its group of rows
  ${k.flatMap(b=>$.map(y=>`var a${b}_${y} = vec4<f32>(0.0);`)).join(" ")}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${s}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  workgroupBarrier();
  for (var k0 = kBegin; k0 < kEnd; k0 += ${r}u) {
    ${M}
    workgroupBarrier();
    if (lid < ${r*c}u) {
      ${Q.map(b=>`s${b} = 0.0;`).join(" ")}
      let kr = kl * ${f}u;
      for (var u = 0u; u < ${n}u; u += ${S}u) {
        ${x}
      }
      let key = k0 + kl;
      ${R}
    }
    workgroupBarrier();
    ${D}
    if (lid < ${r*c}u) {
      ${G}
    }
    workgroupBarrier();
    ${H}
  }

  // The key groups' outputs and sums, added in workgroup memory (Qs and Ps are free now).
  workgroupBarrier();
  for (var gi = 0u; gi < ${i}u; gi++) {
    if (g == gi) {
      ${B}
      if (c == 0u) {
        ${L}
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
        O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + cc] = ${bs(A.o,`Qs[i] * ${be("total")}`)};
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
`}function Es(t,e){let o=t/4,{chunks:r,lanes:s,workgroup:n,blocks:i}=yt(t),a=Ue(4),c=`vec4<f32>(${-1e30}, 0.0, 0.0, 0.0)`,l=[];for(let u=s/2;u>=1;u/=2)l.push(`if (sl < ${u}u) {
    let other = lid + ${u*r}u;
    let x = Sm[lid];
    let y = Sm[other];
    let mx = max(x.x, y.x);
    let wx = exp2(x.x - mx);
    let wy = exp2(y.x - mx);
    Am[lid] = Am[lid] * wx + Am[other] * wy;
    Sm[lid] = vec2<f32>(mx, x.y * wx + y.y * wy);
  }
  workgroupBarrier();`);return`// ${Ko(t,e)}
${e==="f16"?"enable f16;":""}
${Go(e).wgsl}
${ke}
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
  ${l.join(`
  `)}
  if (sl == 0u) {
    let total = Sm[lid].y;
    let unit = P.unitBase + row / P.rows;
    let f = row % P.rows;
    let b = unit / P.kvHeads;
    let h = (unit % P.kvHeads) * P.group + f % P.group;
    let tq = f / P.group;
    O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + c] = ${bs(e,`Am[lid] * ${be("total")}`)};
  }
}
`}function Is(t,e,o){let r=$s(e.headDim,e.group*e.qSeq,o.kv,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(typeof r=="string")return r;let s=yt(e.headDim).workgroup;if(s>t.limits.maxComputeInvocationsPerWorkgroup)return`its merge kernel needs ${s} invocations per workgroup`;let n=e.group*e.qSeq,i=t.limits.maxComputeWorkgroupsPerDimension;return Math.ceil(n/r.rb)>i||n*yt(e.headDim).blocks>i*i?`${n} query rows per KV head exceed its grid (maxComputeWorkgroupsPerDimension ${i})`:{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function vs(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(zo(e),()=>ys(e)),t.pipeline(Ko(o,r),()=>Es(o,r))])}function Bs(t,e,o,r,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,n);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return pt(r,e.splits)}let i=o.tiles,a=Math.ceil(e.group*e.qSeq/i.rb);return ws(r,e.batch*e.kvHeads*a,s,n,i.tk)}function Ps(t,e,o,r,s,n,i){let a={dispatches:[],temps:[]},[c,l]=r,u=t.limits,h=o.tiles,f=zt(t,e,h.rb,o.elements,n),{rows:A,rowBlocks:d,splits:p,direct:k}=f,{table:$,slopes:w}=Ge(t,e,()=>[{positions:kt(e,s.length),seq:e.qSeq}],a.temps),E=u.maxComputeWorkgroupsPerDimension,I=No(o),M=Go(o.elements.o),Q=yt(e.headDim).blocks,O=Math.max(1,Math.floor(E*E/(A*Q)));for(let T of s.chunks)for(let[F,S]of Kt(t,f,T,Math.min(E,O))){let x=Wt(f,T,F,S),{qw:_,ow:R}=x,D=t.dummy();k||(D=t.buffer(f.partialBytes(S),"decode partials"),a.temps.push(D));let G={...Yt(e,f,s,T,x,$),lmaxU:s.slots*h.de};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,I,G,{q:{buffer:i.q,offset:_.offset,size:_.size},k:{buffer:T.k},v:{buffer:T.v},o:{buffer:i.o,offset:R.offset,size:R.size},w:{buffer:D},...$?{table:{buffer:$.buffer}}:{},...w?{slopes:{buffer:w}}:{}},a.temps),grid:[p,S,d]}),k)continue;let H=S*A*Q,[B,L]=ge(H,u);a.dispatches.push({pipeline:l,bindGroup:t.bind(l,M,Ut(e,f,x,H,B),{w:{buffer:D},o:{buffer:i.o,offset:R.offset,size:R.size}},a.temps),grid:[B,L,1]})}return a}function ci(t,e){let o=t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null;return o?`it does not take ${o}`:e!==null?"it does not read a window cache's ring":null}function xs(t,e,o,r=null){let s=null;if(e.kernel==="keys"){let n=ci(e,r)??Is(t,e,o);if(typeof n!="string")return{kernel:"keys",params:n};s=n}return{kernel:"split",params:rs(t,e,o),fallback:s}}function Et(t,e){return e.kernel==="keys"?vs(t,e.params):ss(t,e.params)}function Ss(t,e,o,r,s,n,i,a){if(o.kernel==="keys"){let h=Bs(t,e,o.params,s.length,n);return{job:Ps(t,e,o.params,r,s,h,i),splits:h.splits}}let c=s.length-a.first,l=ns(t,e,o.params,c,n,a.window!==null);return{job:is(t,e,o.params,r,s,l,i,a),splits:l.splits}}var Cs=new Float32Array(1),ui=new Uint32Array(Cs.buffer);function li(t){Cs[0]=t;let e=ui[0],o=e>>>16&32768,r=e>>>23&255,s=e&8388607;if(r===255)return o|31744|(s!==0?512:0);let n=r-112;if(n>=31)return o|31744;if(n<=0){if(n<-10)return o;s|=8388608;let c=14-n,l=s>>>c,u=s&(1<<c)-1,h=1<<c-1;return(u>h||u===h&&(l&1)===1)&&l++,o|l}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,o|i}function qs(t){let e=(t&32768)!==0?-1:1,o=t>>>10&31,r=t&1023;return o===0?e*r*2**-24:o===31?r!==0?NaN:e*(1/0):e*(1+r/1024)*2**(o-15)}function Wo(t){let e=new Uint16Array(t.length+t.length%2);for(let o=0;o<t.length;o++)e[o]=li(t[o]);return e}function oo(t,e=t.length){let o=new Float32Array(e);for(let r=0;r<e;r++)o[r]=qs(t[r]);return o}var Pe=64;function Qs(){return Float32Array.from({length:Pe},(t,e)=>(e-31)*.125)}var fi=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${Pe/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function hi(t,e){let o=Qs();for(let r=0;r<Pe;r++){let s=o[r]*3+.25,n=t[r],i=e[r]===void 0?void 0:qs(e[r]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${r} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${Pe} values was exact`}}async function Ds(t){let n=[],i=(a,c)=>{let l=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(l),l};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:fi,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),l=i(Pe*2,136),u=i(Pe*4,132),h=i(Pe*2,132),f=i(Pe*4,9),A=i(Pe*2,9),d=Wo(Qs());t.queue.writeBuffer(l,0,d.buffer,d.byteOffset,d.byteLength);let p=t.createCommandEncoder(),k=p.beginComputePass();k.setPipeline(c),k.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[l,u,h].map((I,M)=>({binding:M,resource:{buffer:I}}))})),k.dispatchWorkgroups(1),k.end(),p.copyBufferToBuffer(u,0,f,0,Pe*4),p.copyBufferToBuffer(h,0,A,0,Pe*2),t.queue.submit([p.finish()]),await Promise.all([f.mapAsync(1),A.mapAsync(1)]);let $=new Float32Array(f.getMappedRange().slice(0)),w=new Uint16Array(A.getMappedRange().slice(0)),E=await t.popErrorScope();return E?{available:!1,detail:`the shader-f16 self-test was rejected: ${E.message}`}:hi($,w)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var ro=256,Ai={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",slots:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function Ms(t){return ae({name:"kv append",uniforms:Ai,bindings:{k:j("K",`array<vec4<${t.k}>>`),v:j("V",`array<vec4<${t.v}>>`),kc:ee("KC",`array<vec4<${t.cache}>>`),vc:ee("VC",`array<vec4<${t.cache}>>`),table:t.rope?j("T","array<vec2<f32>>"):null}})}function Rs(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function di(t){let e=t.headDim/4,o=ce("K",t.k),r=ce("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=a=>t.cache==="f32"?a:`vec4<f16>(${a})`,i=t.rope?ye(t.rope,o,"base","c","P.tab + b * P.tabB + s"):"";return`// ${Rs(t)}
${s?"enable f16;":""}
${Ms(t).wgsl}
@compute @workgroup_size(${ro})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${ro}u + lid;
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
`}function so(t,e){return t.pipeline(Rs(e),()=>di(e))}function Os(t,e,o,r,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,l=o.headDim,u=l/4;if(a===0)return i;let h=t.limits,f=o.k==="f16"?2:4,A=o.v==="f16"?2:4,d=(I,M,Q)=>{let O=I+M-1,T=F=>Math.floor(F/e.kvHeads)*c.batch+F%e.kvHeads*c.heads;return Ee(T(I)+e.skip*c.seq,T(O)+(a-1)*c.seq+l,h,Q)},p=null;e.rope&&(p=mt(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),p.temp&&i.temps.push(p.buffer));let k=He(ro,h),$=Math.min(a-e.skip,Math.max(1,Math.floor(k/u))),w=Math.max(1,Math.floor(k/($*u))),E=Ms(o);for(let I of n){let M=Ce(I.n,w,(Q,O)=>he(d(I.u0+Q,O,f),h)&&he(d(I.u0+Q,O,A),h),Q=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${d(I.u0+Q,1,Math.max(f,A)).size} bytes, more than maxStorageBufferBindingSize (${h.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[Q,O]of M)for(let T=e.skip;T<a;T+=$){let F=Math.min($,a-T),S=I.u0+Q,x=d(S,O,f),_=d(S,O,A),R=O*F*u,[D,G]=ge(Math.ceil(R/ro),h),H={items:R,kvHeads:e.kvHeads,unitBase:S,chunkBase:I.u0,slot:e.slot,slots:e.slots,lmax4:e.slots*u,gridX:D,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:x.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:_.base/4,tab:p?.sides[0]?.tab??0,tabB:p?.sides[0]?.tabB??0,tokBase:T,tokCount:F},B=t.bind(r,E,H,{k:{buffer:s.k,offset:x.offset,size:x.size},v:{buffer:s.v,offset:_.offset,size:_.size},kc:{buffer:I.k},vc:{buffer:I.v},...p?{table:{buffer:p.buffer}}:{}},i.temps);i.dispatches.push({pipeline:r,bindGroup:B,grid:[D,G,1]})}}return i}var no=class{#e=Promise.resolve();hold(){let e=this.#e,o,r=new Promise(s=>o=s);return this.#e=e.then(()=>r),{ready:e,release:o}}run(e,o){let r=this.#e,s,n=new Promise(i=>s=i);return this.#e=r.then(()=>n),(async()=>{try{let i=await e();return await r,await o(i)}finally{s()}})()}};function nt(t){return t instanceof V&&t.dtype==="float16"?"f16":"f32"}var pi="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",It=class t extends rt{precision;chunks;#e;#o=new no;#t=0;constructor(e,o,r,s,n,i){super(o,r,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,o,r,s,n){let i=n==="f16"?2:4,a=s.slots*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c){let A=s.window===null?`maxLength ${s.maxLength}`:`${s.slots} slots (window ${s.window} + ${s.slots-s.window})`;throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of ${A} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller ${s.window===null?"maxLength":"window"}, precision "f16", or several caches`)}let l=s.batch*s.kvHeads,u=Math.floor(c/a),h=2*l*a,f=[];return await e.guarded(`allocating the KV cache (${h} bytes)`,()=>{for(let A=0;A<l;A+=u){let d=Math.min(u,l-A);f.push({u0:A,n:d,k:e.buffer(d*a,"kv cache keys"),v:e.buffer(d*a,"kv cache values")})}}).catch(A=>{for(let d of f)d.k.destroy(),d.v.destroy();throw A}),new t(e,o,r,s,n,f)}view(){return{batch:this.batch,kvHeads:this.kvHeads,slots:this.slots,length:this.length,chunks:this.chunks}}schedule(e,o,r){let s=this.#t;return this.#o.run(o,n=>(this.#r(e,s),r(n)))}hold(e){let o=this.#t;return{...this.#o.hold(),check:()=>this.#r(e,o)}}#r(e,o){if(this.live(),o!==this.#t)throw new Error(`This ${e} ${pi}`)}appendParams(e,o,r){return{headDim:this.headDim,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,k:nt(o),v:nt(r),cache:this.precision}}appendJobNow(e,o,r,s,n){let i=this.#e,{slot:a,skip:c,commit:l}=this.reserve(e);if(e.n===0)return{job:null,commit:()=>{}};let u=[],h=(f,A)=>{if(f instanceof V)return f.buffer;let d=i.upload(f.data,A);return u.push(d),d};try{let f={k:h(s,"k"),v:h(n,"v")},A={kvHeads:this.kvHeads,slots:this.slots,n:e.n,skip:c,slot:a,strides:e.strides,rope:e.rope?{frequencies:e.rope.frequencies,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:a}}:null},d=Os(i,A,o,r,f,this.chunks);return d.temps.push(...u),{job:d,commit:l}}catch(f){for(let A of u)i.recycle(A);throw f}}append(e,o,r={}){try{this.live();let s=this.#e,n=Y("k",e,this.owner),i=Y("v",o,this.owner),a=ot(this,n,i,r),c=this.appendParams(a,n,i);return this.schedule("append",()=>so(s,c),async l=>{Y("k",e,this.owner),Y("v",o,this.owner);let u=()=>{};await s.submitting("the KV-cache append",()=>{let h=this.appendJobNow(a,c,l,n,i);u=h.commit,h.job&&s.submit(h.job)}),u()})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,o=this.headDim,r=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let u=Math.min(this.length,this.window??1/0),h=this.length-u,f=u*o*r;if(u===0)return{length:u,target:null,bytes:0};let A=o*r,d=h%this.slots,p=Math.min(u,this.slots-d),k=[];for(let w of["k","v"])for(let E of this.chunks)for(let I=0;I<E.n;I++){let M=I*this.slots*A;k.push({buffer:E[w],offset:M+d*A,size:p*A}),p<u&&k.push({buffer:E[w],offset:M,size:(u-p)*A})}let $=await e.guarded("the KV-cache download",()=>e.gather(k));return{length:u,target:$,bytes:2*s*f}}),i=Object.freeze([this.batch,this.kvHeads,n.length,o]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,l=u=>this.precision==="f16"?oo(new Uint16Array(u)):new Float32Array(u);return{k:{shape:i,data:l(a.slice(0,c))},v:{shape:i,data:l(a.slice(c))}}}reset(){this.live(),this.#t++,this.clear()}destroy(){if(this.markDestroyed()){this.#t++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var Xe=256,Ve=64,Yo={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},ze="array<f32>",it={scores:ae({name:"naive scores",uniforms:Yo,bindings:{q:j("Q",ze),k:j("K",ze),slopes:j("SL",ze),scores:ee("S",ze)}}),softmax:ae({name:"naive softmax",uniforms:Yo,bindings:{scores:ee("S",ze)}}),pv:ae({name:"naive pv",uniforms:Yo,bindings:{scores:j("S",ze),v:j("V",ze),o:ee("O",ze)}})},Ts=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function gi(t){return t==="scores"?`// naive:scores
${it.scores.wgsl}${Ts}
@compute @workgroup_size(${Xe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Xe}u + lid;
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
${it.softmax.wgsl}${ke}
var<workgroup> red: array<f32, ${Ve}>;
@compute @workgroup_size(${Ve})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${-1e30};
  for (var j = lid; j < P.sk; j += ${Ve}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${Ve/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${Ve}u) {
    let s = S[base + j];
    sum += select(select(0.0, exp(s - m), s > ${-1e30/2}), s, isNan(s));
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${Ve/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = ${be("total")};
  for (var j = lid; j < P.sk; j += ${Ve}u) {
    let s = S[base + j];
    S[base + j] = select(select(0.0, exp(s - m) * inv, s > ${-1e30/2}), s, isNan(s));
  }
}
`:`// naive:pv
${it.pv.wgsl}${Ts}
@compute @workgroup_size(${Xe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Xe}u + lid;
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
`}function _s(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>gi(e))))}function Fs(t,e,o,r){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:l}=e,u=n*i*a;if(u===0||c===0)return s;let h=t.limits,f=h.maxStorageBufferBindingSize;for(let[O,T]of[["q",r.q],["k",r.k],["v",r.v]])if(T.size>f)throw new RangeError(`Cannot run the naive kernel: ${O} (${T.size} bytes) exceeds maxStorageBufferBindingSize (${f} bytes); it is a small-size baseline, use the flash kernel`);let A=c*4;if(A>f)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${f} bytes)`);let d=He(Xe,h),p=Math.max(1,Math.min(u,Math.floor(f/A),Math.floor(d/c),Math.floor(d/l),h.maxComputeWorkgroupsPerDimension**2)),k=t.buffer(p*A,"naive scores");s.temps.push(k);let $=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push($);let[w,E,I]=o,M=e.qStrides,Q=e.kStrides;for(let O=0;O<u;O+=p){let T=Math.min(p,u-O),F={rowBase:O,rows:T,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:M.batch,qH:M.heads,qS:M.seq,dim:l,kB:Q.batch,kH:Q.heads,kS:Q.seq,scale:e.scale},[S,x,_]=[T*c/Xe,T,T*l/Xe].map(D=>ge(Math.ceil(D),h)),R=(D,G,[H,B],L)=>s.dispatches.push({pipeline:D,bindGroup:t.bind(D,G,{...F,gridX:H},L,s.temps),grid:[H,B,1]});R(w,it.scores,S,{q:{buffer:r.q},k:{buffer:r.k},slopes:{buffer:$},scores:{buffer:k}}),R(E,it.softmax,x,{scores:{buffer:k}}),R(I,it.pv,_,{scores:{buffer:k},v:{buffer:r.v},o:{buffer:r.o}})}return s}var io=256,mi={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function Ls(t){return ae({name:"rope",uniforms:mi,bindings:{x:t?ee("X","array<f32>"):j("X","array<f32>"),table:j("T","array<vec2<f32>>"),y:t?null:ee("Y","array<f32>")}})}function $i(t){let e=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
${Ls(t).wgsl}
@compute @workgroup_size(${io})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${io}u + lid;
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
`}function vt(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>$i(e))}function Je(t,e,o,r,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:l}=e,u=i*a*c;if(u===0||l===0)return n;let h=we(e.frequencies),f=h+(s?l-2*h:0),A=t.limits,d=mt(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);d.temp&&n.temps.push(d.buffer);let p=d.sides[0],k=e.layout==="bhsd"?{b:a*c*l,h:c*l,s:l}:{b:c*a*l,h:l,s:a*l},$=Math.max(1,Math.floor(He(io,A)/Math.max(1,f))),w=Ce(u,$,(I,M)=>he(Ee(I*l,(I+M)*l,A),A),()=>new RangeError(`Cannot rotate: one row of ${l} elements exceeds the device's maxStorageBufferBindingSize`)),E=Ls(s===null);for(let[I,M]of w){let Q=Ee(I*l,(I+M)*l,A),O=M*f,[T,F]=ge(Math.ceil(O/io),A),S={items:O,perRow:f,rh:h,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:I,xB:k.b,xH:k.h,xS:k.s,xOff:Q.base,oB:k.b,oH:k.h,oS:k.s,oOff:Q.base,tab:p.tab,tabB:p.tabB,gridX:T},x=t.bind(o,E,S,{x:{buffer:r,offset:Q.offset,size:Q.size},table:{buffer:d.buffer},...s?{y:{buffer:s,offset:Q.offset,size:Q.size}}:{}},n.temps);n.dispatches.push({pipeline:o,bindGroup:x,grid:[T,F,1]})}return n}async function js(t,e,o){let{ctx:r,owner:s}=t;switch(e.kind){case"attention":{let{call:n,output:i}=e,a=await t.prepareAttention(n);return{recheck:()=>{for(let[c,l]of["q","k","v"].entries())Y(l,n.args[c],s,o)},build:()=>a(n.q,n.k,n.v,i.buffer)}}case"rope":{let{request:n,output:i}=e,a=n.x,c=await vt(r,n.inPlace);return{recheck:()=>void Y("x",n.arg,s,o),build:()=>{let l=n.inPlace?null:i.buffer;if(a instanceof V)return Je(r,n.call,c,a.buffer,l);let u=r.upload(a.data,"x");try{let h=Je(r,n.call,c,u,l);return h.temps.push(u),h}catch(h){throw r.recycle(u),h}}}}case"append":{let{cache:n,plan:i,k:a,v:c,args:l}=e.call,u=n.appendParams(i,a,c),h=await so(r,u);return{recheck:()=>{Y("k",l[0],s,o),Y("v",l[1],s,o)},build:()=>{let{job:f,commit:A}=n.appendJobNow(i,u,h,a,c);return A(),f}}}case"decode":{let{call:n,output:i}=e,a=await Et(r,n.choice);return{recheck:()=>void Y("q",n.arg,s,o),build:()=>t.decodeJob(n,a,i.buffer)}}}}function Hs(t,e,o,r){let s=e.map(i=>i.hold("recording")),n=Promise.all(o);return n.catch(()=>{}),(async()=>{try{let[i]=await Promise.all([n,...s.map(c=>c.ready)]);r();for(let c of s)c.check();for(let c of i)c.recheck();let a=e.map(c=>c.snapshot());try{await t.submitting("the recorded calls",()=>{let c=[];try{for(let l of i){let u=l.build();u&&c.push(u)}}catch(l){for(let u of c)t.release(u);throw l}t.submit(c)})}catch(c){for(let l of a)l();throw c}}finally{for(let i of s)i.release()}})()}var Bt=t=>t==="f16"?2:4;function wi(t){return t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null}var ao=class extends st{info;#e;cacheClass=It;constructor(e,o){super(),this.#e=e,this.info=Object.freeze(o)}failure(){return this.#e.failure}#o(e,o,r="f32"){return new V(this,e,o,this.alive,r==="f16"?"float16":"float32",this.#t)}#t=e=>this.#e.recycle(e);#r(e,o){return o==="f16"?Wo(e):e}#s(e,o,r){return o==="f16"?oo(new Uint16Array(e),r):new Float32Array(e)}#n(e,o,r,s="f32"){if(e instanceof V)return e.buffer;let n=this.#e.upload(this.#r(e.data,s),r);return o.push(n),n}elementsOf(e,o,r,s){let n=At("precision",s.precision,this.info.f16),i=a=>a instanceof V?nt(a):n;return{q:i(e),k:i(o),v:i(r),o:i(e)}}async runAttention(e){let o=this.#e,{plan:r,elements:s}=e,n=await this.#a(e);this.live(),this.checkOperands(e.args);let i=Fe(r.qShape),a=i*Bt(s.o),c=o.output(a,"attention output"),l=e.q instanceof V,u=await o.submitting("the attention dispatch",()=>{let f=n(e.q,e.k,e.v,c),A=l?void 0:{source:c,bytes:a};return o.submit(f,A)}).finally(()=>{l||o.recycle(c)}).catch(f=>{throw l&&o.recycle(c),f});if(l)return this.#o(r.qShape,c,s.o);let h=this.#s(await o.read(u,a),s.o,i);return{shape:Object.freeze([...r.qShape]),data:h}}async timeAttention(e,o,r,s){let n=this.#e,i=await this.#a(e);this.live();let a=n.buffer(Fe(e.plan.qShape)*Bt(e.elements.o),"attention output"),c=await n.guarded("the attention dispatch",()=>i(e.q,e.k,e.v,a));try{let l=await n.profile(c,o,r);return{seconds:l.seconds,iterations:o,source:l.source}}finally{n.release(c),a.destroy()}}#a(e){return e.kernel==="naive"?this.#c(e.plan,e.elements):this.#i(e.plan,e.elements,e.kernel==="flash2")}async#i(e,o,r){let s=this.#e,n=r?await ms(s,e,o):null;if(!n){let i=es(s,e,o),a=await ts(s,i);n=c=>os(s,e,i,a,c)}return(i,a,c,l)=>{let u=[],h={q:this.#n(i,u,"q",o.q),k:this.#n(a,u,"k",o.k),v:this.#n(c,u,"v",o.v),o:l},f=n(h);return{dispatches:f.dispatches,temps:[...u,...f.temps]}}}async#c(e,o){let r=this.#e,s=wi(e);if(s)throw new TypeError(`Invalid kernel: the naive kernel does not take ${s}; use the flash kernel (the default)`);let n=Object.entries(o).find(([,c])=>c==="f16");if(n)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${n[0]==="o"?"output":n[0]}; use the flash kernel`);let[i,a]=await Promise.all([_s(r),e.rope?vt(r,!1):Promise.resolve(null)]);return(c,l,u,h)=>{let f=[],A=[],d=this.#n(c,f,"q"),p=this.#n(l,f,"k"),k=this.#n(u,f,"v");if(e.rope&&a){let w=e.rope,E=(I,M,Q,O)=>{let T={layout:e.layout,batch:e.batch,heads:M,seq:Q,headDim:e.headDim,frequencies:w.frequencies,pairing:w.pairing,angles:w.angles,positions:I},F=r.buffer(e.batch*M*Q*e.headDim*4,"rotated");f.push(F);let S=Je(r,T,a,O,F);return A.push(...S.dispatches),f.push(...S.temps),F};d=E(w.query,e.heads,e.qSeq,d),p=E(w.key,e.kvHeads,e.kSeq,p)}let $=Fs(r,e,i,{q:d,k:p,v:k,o:h});return{dispatches:[...A,...$.dispatches],temps:[...f,...$.temps]}}}async runRope(e){let o=this.#e,{x:r,call:s,inPlace:n}=e,i=r instanceof V,a=await vt(o,n||!i);this.live(),Y("x",e.arg,this);let c=Fe(r.shape)*4;if(i){let f=r.buffer,A=n?null:o.output(c,"rotated");return await o.submitting("the RoPE dispatch",()=>{o.submit(Je(o,s,a,f,A))}).catch(d=>{throw A&&o.recycle(A),d}),A?this.#o(r.shape,A):r}let l=r,u=await o.submitting("the RoPE dispatch",()=>{let f=o.upload(l.data,"x"),A=Je(o,s,a,f,null);return A.temps.push(f),o.submit(A,{source:f,bytes:c})}),h=new Float32Array(await o.read(u,c));return n?(l.data.set(h),l):{shape:Object.freeze([...l.shape]),data:h}}store(e,o){let r=this.#e.upload(this.#r(e.data,o),"tensor");return this.#o(e.shape,r,o)}async read(e){let o=this.#e,r=Fe(e.shape),s=r*e.elementBytes,n=await o.guarded("the download",()=>o.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),i=this.#s(await o.read(n,s),nt(e),r);return{shape:Object.freeze([...e.shape]),data:i}}idle(){return this.#e.idle()}async makeCache(e,o){return await It.create(this.#e,this,this.alive,e,o)}prepareDecode(e){let o=nt(e.q),r={q:o,kv:e.cache.precision,o},s=xs(this.#e,e.plan,r,e.cache.window);return{...e,elements:r,choice:s}}async runDecode(e){let o=this.#e,{plan:r,elements:s}=e,n=Fe(r.qShape),i=n*Bt(s.o),a=e.q instanceof V,{output:c,target:l}=await e.cache.schedule("decode",()=>Et(o,e.choice),async h=>{this.live(),Y("q",e.arg,this);let f=o.output(i,"decode output"),A=await o.submitting("the decode dispatch",()=>{let{job:d}=this.#u(e,h,f),p=a?void 0:{source:f,bytes:i};return o.submit(d,p)}).finally(()=>{a||o.recycle(f)}).catch(d=>{throw a&&o.recycle(f),d});return{output:f,target:A}});if(a)return this.#o(r.qShape,c,s.o);let u=this.#s(await o.read(l,i),s.o,n);return{shape:Object.freeze([...r.qShape]),data:u}}#u(e,o,r){let s=this.#e,{cache:n,plan:i,choice:a}=e,c=jt(i,n.length,n.ropeState,n.window),l=[],u=this.#n(e.q,l,"q");try{let h=this.info.decodeWorkgroups??1,f={q:u,o:r},A=n.view(),d=Ss(s,i,a,o,A,h,f,c);return d.job.temps.push(...l),d}catch(h){for(let f of l)s.recycle(f);throw h}}async timeDecode(e,o,r){let s=this.#e,n=Fe(e.plan.qShape)*Bt(e.elements.o),{job:i,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>Et(s,e.choice),async l=>{this.live(),Y("q",e.arg,this);let u=s.buffer(n,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#u(e,l,u)),output:u}}catch(h){throw u.destroy(),h}});try{let l=await s.profile(i,o,r);return{seconds:l.seconds,iterations:o,source:l.source,splits:a,kernel:e.choice.kernel}}finally{s.release(i),c.destroy()}}recordedOutput(e,o,r){let s=Fe(e)*Bt(o);return this.#o(e,this.#e.output(s,"recorded output"),o).awaitRecording(r)}decodeElement(e){return e.elements.o}runRecording(e,o){let r=new Set;for(let i of e)(i.kind==="append"||i.kind==="decode")&&r.add(i.call.cache);let s={ctx:this.#e,owner:this,prepareAttention:i=>this.#a(i),decodeJob:(i,a,c)=>this.#u(i,a,c).job},n=e.map(i=>js(s,i,o));return Hs(this.#e,[...r],n,()=>this.live())}destroy(){this.#e.failure||(this.#e.fail(dt),this.#e.ownsDevice?this.#e.device.destroy():this.#e.dispose())}};var ki="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",bi="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",yi='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',Ei=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],Ii='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function vi(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function Bi(t,e){let o=t.limits,r=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(ne(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${U(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:r("maxStorageBufferBindingSize",o.maxStorageBufferBindingSize,256,4),maxBufferSize:o.maxBufferSize,maxComputeWorkgroupStorageSize:r("maxComputeWorkgroupStorageSize",o.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(o.maxComputeInvocationsPerWorkgroup,o.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:r("maxComputeWorkgroupsPerDimension",o.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:o.minStorageBufferOffsetAlignment}}var Pi=8;function xi(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,Pi):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${U(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${U(t)}`);return t}async function Hl(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${U(t)}`);fe("options",t,{allowed:ar});let e=re("fallback",t.fallback??"none",{allowed:["none","cpu"]}),o=t.limits??{};if(o===null||typeof o!="object")throw new TypeError(`Invalid limits: expected an object, got ${U(o)}`);fe("limits",o,{allowed:cr});let r=t.decodeWorkgroups===void 0?void 0:ne("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:xi(t.threads),n=t.device,i=!1,a;if(!n){let d=t.adapter,p=bi;if(!d){let w=globalThis.navigator?.gpu;w?d=await w.requestAdapter():p=ki}if(!d){if(e==="cpu")return new Zt(p,s);throw new Error(`${p}. ${yi}.`)}let k={};for(let w of Ei)k[w]=d.limits[w];let $=[];d.features.has("timestamp-query")&&$.push("timestamp-query"),d.features.has("shader-f16")&&$.push("shader-f16");try{n=await d.requestDevice({requiredLimits:k,requiredFeatures:$})}catch(w){throw new Error(`Requesting a WebGPU device failed: ${w instanceof Error?w.message:String(w)}`,{cause:w})}i=!0,a=d.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,l=r??vi(c),u;try{u=Bi(n,o)}catch(d){throw i&&n.destroy(),d}let h=n.features.has("shader-f16")?await Ds(n):{available:!1,detail:Ii},f=new _t(n,i,u,h.available),A=[];return f.timestamps&&A.push("timestamp-query"),h.available&&A.push("shader-f16"),new ao(f,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:A,f16:Object.freeze({...h}),decodeWorkgroups:l,tier:f.tier,limits:f.limits,fallbackReason:null,threads:null})}export{ca as attentionCpu,Vi as attentionReference,Hl as createGpuAttention};
