import{d as X,h as ie,i as Pe,j as se,k as ae,l as he,m as Ke,o as Fo,t as Lo,u as so}from"./chunk-YS2UJGXX.js";var no=Object.freeze({layout:!0,causal:!0,scale:!0,rope:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0}),jo=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,positions:!0,queryPositions:!0,offset:!0,angles:!0}),Ho=Object.freeze({batch:!0,kvHeads:!0,headDim:!0,maxLength:!0,window:!0,precision:!0}),zo=Object.freeze({layout:!0,rope:!0}),Go=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,angles:!0,positions:!0}),No=Object.freeze({frequencies:!0,cache:!0,pairing:!0,rotaryDim:!0,angles:!0}),Ze=Object.freeze({layout:!0,scale:!0,rope:!0,queryPositions:!0,alibiSlopes:!0,slidingWindow:!0,sinks:!0,softcap:!0,leftPadding:!0,bias:!0,splits:!0,kernel:!0}),Bt=Object.freeze({...no,precision:!0,kernel:!0}),Ko=Object.freeze({...Bt,iterations:!0,warmup:!0}),Wo=Object.freeze({...Ze,iterations:!0,warmup:!0}),Yo=Object.freeze({precision:!0}),Uo=Object.freeze({layout:!0,pairing:!0,rotaryDim:!0,positions:!0,offset:!0,inPlace:!0,angles:!0}),Vo=Object.freeze({device:!0,adapter:!0,fallback:!0,limits:!0,decodeWorkgroups:!0,threads:!0}),Xo=Object.freeze({maxStorageBufferBindingSize:!0,maxComputeWorkgroupStorageSize:!0,maxComputeWorkgroupsPerDimension:!0});var Pt=-1e30;function Jo(t,e,o,r){let s=e;if(s===null||typeof s!="object"||typeof s.length!="number")throw new TypeError(`Invalid ${t}: expected an array of ${o} ${r}, got ${X(e)}`);if(s.length!==o)throw new RangeError(`Invalid ${t}: expected ${o} ${r}, got ${s.length}`);return s}function xt(t,e){if(t===void 0)return null;let o=Jo("sinks",t,e,"logits (one per query head)"),r=new Float64Array(e);for(let s=0;s<e;s++)r[s]=Pe(`sinks[${s}]`,o[s]);return r}function St(t){return t===void 0?null:Pe("softcap",t,{min:0,exclusiveMin:!0})}function et(t,e="slidingWindow"){return t===void 0?null:ie(e,t,{min:1})}function Ct(t,e,o){if(t===void 0)return null;let r=Jo("leftPadding",t,e,"integers (one per batch row)"),s=new Uint32Array(e);for(let n=0;n<e;n++)s[n]=ie(`leftPadding[${n}]`,r[n],{min:0,max:o});return s}function it(t,e){if(t===void 0)return null;let o=ae("bias",t),{batch:r,heads:s,qSeq:n}=e,i=o.shape,a=e.kSeq??i[3],c=`[${r===1?1:`1 or ${r}`}, ${s===1?1:`1 or ${s}`}, ${n}, ${e.kSeq??"keys"}] ([batch, heads, queries, keys] whatever the layout; dims of 1 broadcast)`;if(i.length!==4||i[0]!==1&&i[0]!==r||i[1]!==1&&i[1]!==s||i[2]!==n||i[3]!==a)throw new RangeError(`Invalid bias: expected shape ${c}, got ${X(i)}`);let l=i[3],u=l,f=i[1]===1?0:n*l,h=i[0]===1?0:i[1]*n*l;return{data:o.data,shape:[...i],batchStride:h,headStride:f,rowStride:u}}function io(t,e){let o=e;if(o===null||typeof o!="object"||!(o.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${X(o)}`);let r=o.invFreq;if(r.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<r.length;s++)Pe(`${t}.invFreq[${s}]`,r[s],{min:0});return Pe(`${t}.attentionFactor`,o.attentionFactor,{min:0,exclusiveMin:!0}),o}function ne(t){return!("invFreq"in t)}function ke(t){return ne(t)?t.cos.shape[1]:t.invFreq.length}function De(t,e="the "){return ne(t)?`2 x the cache's ${ke(t)} columns`:`2 x ${e}${ke(t)} frequencies`}var Zo=new WeakMap;function tr(t,e){let o=Zo.get(e);if(o!==void 0)return o;let r=ae(`${t}.cos`,e.cos,{rank:2}),s=ae(`${t}.sin`,e.sin,{rank:2}),[n,i]=r.shape;if(s.shape[0]!==n||s.shape[1]!==i)throw new RangeError(`Invalid ${t}: expected cos and sin of the same shape, got [${r.shape.join(", ")}] and [${s.shape.join(", ")}]`);if(i<1)throw new RangeError(`Invalid ${t}.cos: expected at least 1 column, got shape [${n}, 0]`);for(let[l,u]of[["cos",r.data],["sin",s.data]])for(let f=0;f<u.length;f++)if(!Number.isFinite(u[f]))throw new RangeError(`Invalid ${t}.${l}: expected finite values, got ${X(u[f])} at row ${Math.floor(f/i)}`);let a,c=e.positions;if(c===void 0)a={rows:n,rowOf:l=>l<n?l:-1,describe:`${n} rows`};else{if(c.length!==n)throw new RangeError(`Invalid ${t}.positions: expected ${n} entries (one per row of cos), got ${c.length}`);let l=new Map;for(let u=n-1;u>=0;u--)l.set(c[u],u);a={rows:n,rowOf:u=>l.get(u)??-1,describe:`${n} listed positions`}}return Zo.set(e,a),a}function qt(t,e){let o=e.frequencies!==void 0,r=e.cache!==void 0;if(o===r)throw new TypeError(`Invalid ${t}: expected exactly one of frequencies and cache, got ${o?"both":"neither"}`);return o?io(`${t}.frequencies`,e.frequencies):or(`${t}.cache`,e.cache,e.angles,`${t}.angles`)}function or(t,e,o,r){if(e===null||typeof e!="object"||!("cos"in e)||!("sin"in e))throw new TypeError(`Invalid ${t}: expected a RopeCache ({ cos, sin } tensors of shape [rows, rotaryDim / 2]), got ${X(e)}`);if(o!==void 0)throw new TypeError(`Invalid ${r}: a RopeCache fixes its angles when built; omit angles with a cache, got ${X(o)}`);return tr(t,e),e}function rr(t,e,o){return e!==null&&typeof e=="object"&&"cos"in e&&!("invFreq"in e)?or(t,e,o,"angles"):io(t,e)}function at(t,e,o){let r=tr(t,e),s=r.rowOf(o);if(s<0)throw new RangeError(`Invalid ${t}: position ${o} is past the RopeCache (it has ${r.describe}); build the cache for every token`);return s}function xe(t,e,o,r){if(o.kind==="range"){if(r>0&&(at(t,e,o.start),at(t,e,o.start+r-1),e.positions!==void 0))for(let s=1;s<r-1;s++)at(t,e,o.start+s);return}for(let s of o.list)at(t,e,s)}function sr(t,e){let o=t.cos.shape[1],r=t.cos.data,s=t.sin.data,n=new Float32Array(Math.max(1,e.length)*o*2);for(let i=0;i<e.length;i++){let a=at("rope.cache",t,e[i]);for(let c=0;c<o;c++)n[2*(i*o+c)]=r[a*o+c],n[2*(i*o+c)+1]=s[a*o+c]}return n}var er=new WeakMap,Ws=1;function nr(t,e){let o=er.get(e);return o===void 0&&(o=Ws++,er.set(e,o)),`${t}|cache#${o}`}var Re=2**24;function Me(t,e,o){return Fo(e,o,{name:t})}function We(t,e,o,r,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${X(e)}`);if(e.length!==o&&e.length!==r*o)throw new RangeError(`Invalid ${t}: expected ${o} positions (one per token) or ${r*o} (batch x tokens), got ${e.length}`);let n=s?Re:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=ie(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==o}}function Ys(t,e,o,r,s){let n=e?s:1,i=new Float64Array(n*r);for(let a=0;a<n;a++)i.set(t.subarray(a*o+o-r,a*o+o),a*r);return{kind:"list",list:i,perBatch:e}}function ct(t){return ne(t)?t.angles??"float32":"float32"}function Us(t,e,o,r,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${X(t)}`);he("rope",t,{allowed:jo});let n=qt("rope",t),a=2*ke(n);if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (${De(n)}), got ${X(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.${ne(n)?"cache":"frequencies"}: rotary dim ${a} (${De(n,"")}) exceeds the head dim ${e}`);let c=se("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),l=se("rope.angles",t.angles??ct(n),{allowed:["float32","float64"]}),u=l==="float32",f=u?Re:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let h,A;if(t.queryPositions!==void 0&&(A=We("rope.queryPositions",t.queryPositions,r,o,u)),t.positions!==void 0){let d=We("rope.positions",t.positions,s,o,u);if(h=d,!A){if(r>s)throw new RangeError(`Invalid rope.positions: q has ${r} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);A=Ys(d.list,d.perBatch,s,r,o)}}else{let d=ie("rope.offset",t.offset??0,{min:0});if(d+Math.max(s,1)-1>f)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${d+s-1}, above ${f} (the largest position with angles "${l}")`);if(h={kind:"range",start:d},!A){let m=d+s-r;if(m<0)throw new RangeError(`Invalid rope.offset: q has ${r} tokens and k ${s}, so bottom-right aligned queries would start at position ${m}; pass rope.offset >= ${r-s} or rope.queryPositions`);A={kind:"range",start:m}}}if(ne(n)){let d=t.positions!==void 0?"rope.positions":"rope.offset";xe(d,n,h,s);let m=t.queryPositions!==void 0?"rope.queryPositions":d;xe(m,n,A,r)}return{frequencies:n,pairing:c,rotaryDim:a,angles:l,query:A,key:h}}function ao(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${X(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let o=new Float32Array(t.length);for(let r=0;r<t.length;r++)o[r]=Pe(`alibiSlopes[${r}]`,t[r]);return o}function Fe(t,e,o,r,s=no){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${X(r)}`);he("options",r,{allowed:s});let n=se("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),i=Me("q",t,n),a=Me("k",e,n),c=Me("v",o,n);if(i.heads<1||i.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${X(t.shape)}`);if(a.batch!==i.batch)throw new RangeError(`Invalid k: expected batch ${i.batch} (as q), got ${a.batch}`);if(c.batch!==i.batch)throw new RangeError(`Invalid v: expected batch ${i.batch} (as q), got ${c.batch}`);if(a.headDim!==i.headDim)throw new RangeError(`Invalid k: expected head dim ${i.headDim} (as q), got ${a.headDim}`);if(c.headDim!==i.headDim)throw new RangeError(`Invalid v: expected head dim ${i.headDim} (as q), got ${c.headDim}`);if(c.seq!==a.seq)throw new RangeError(`Invalid v: expected ${a.seq} tokens (as k), got ${c.seq}`);if(c.heads!==a.heads)throw new RangeError(`Invalid v: expected ${a.heads} heads (as k), got ${c.heads}`);if(a.heads<1||i.heads%a.heads!==0)throw new RangeError(`Invalid k: q has ${i.heads} heads, which is not a multiple of k's ${a.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let l=Ke("causal",r.causal??!1),u=r.scale===void 0?1/Math.sqrt(i.headDim):Pe("scale",r.scale),f=ao(r.alibiSlopes,i.heads),h=et(r.slidingWindow);if(h!==null&&!l)throw new TypeError("Invalid slidingWindow: a sliding window needs causal: true (it hides the keys before the window; causal hides those after the query)");let A=xt(r.sinks,i.heads),d=St(r.softcap),m=Ct(r.leftPadding,i.batch,a.seq),w=it(r.bias,{batch:i.batch,heads:i.heads,qSeq:i.seq,kSeq:a.seq}),b=r.rope===void 0?null:Us(r.rope,i.headDim,i.batch,i.seq,a.seq);return{layout:n,batch:i.batch,heads:i.heads,kvHeads:a.heads,group:i.heads/a.heads,qSeq:i.seq,kSeq:a.seq,headDim:i.headDim,qShape:[...t.shape],qStrides:i.strides,kStrides:a.strides,causal:l,scale:u,rope:b,alibi:f,window:h,sinks:A,softcap:d,leftPadding:m,bias:w}}function ir(t,e,o,r,s,n){let i=n==="float32";if(e!==void 0&&o!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return We(`${t}positions`,e,r,s,i);let a=ie(`${t}offset`,o??0,{min:0}),c=i?Re:Number.MAX_SAFE_INTEGER;if(a+Math.max(r,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+r-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function Qt(t,e,o){let r=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=Lo(t,r,{angles:o}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function de(t,e,o){let{layout:r,pairing:s,positions:n}=o,i=ne(e)?{layout:r,pairing:s}:{layout:r,pairing:s,angles:o.angles};return n.kind==="range"?so(t,e,{...i,offset:n.start}):so(t,e,{...i,positions:n.list})}function Vs(t,e,o){let{kSeq:r,qSeq:s,causal:n,window:i,leftPadding:a}=t,c=o+r-s,l=n?Math.min(r,Math.max(0,c+1)):r,u=a?a[e]:0;return i!==null&&(u=Math.max(u,c-i+1)),[Math.min(u,l),l]}function ar(t,e,o,r){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:l,scale:u,alibi:f,sinks:h,softcap:A,bias:d}=t,m=e,w=o;if(t.rope){let{frequencies:M,pairing:P,angles:S}=t.rope;m=de(e,M,{layout:t.layout,pairing:P,angles:S,positions:t.rope.query}),w=de(o,M,{layout:t.layout,pairing:P,angles:S,positions:t.rope.key})}let b=t.qStrides,E=t.kStrides,I=new Float32Array(e.data.length),B=new Float64Array(c),R=new Float64Array(l),q=m.data,D=w.data,_=r.data;for(let M=0;M<s;M++)for(let P=0;P<n;P++){let S=Math.floor(P/i),T=f?f[P]:0;for(let L=0;L<a;L++){let F=L+c-a,[W,K]=Vs(t,M,L),Q=M*b.batch+P*b.heads+L*b.seq,O=d?M*d.batchStride+P*d.headStride+L*d.rowStride:0,$=h?h[P]:-1/0,k=0;for(let y=W;y<K;y++){let j=M*E.batch+S*E.heads+y*E.seq,N=0;for(let x=0;x<l;x++)N+=q[Q+x]*D[j+x];let g=u*N;if(A!==null&&(g=A*Math.tanh(g/A)),g-=T*Math.abs(F-y),d){let x=d.data[O+y];if(x<=Pt){B[y]=-1/0;continue}g+=x}B[y]=g,k++,g>$&&($=g)}if(k===0)continue;R.fill(0);let v=h?Math.exp(h[P]-$):0;for(let y=W;y<K;y++){if(B[y]===-1/0)continue;let j=Math.exp(B[y]-$);v+=j;let N=M*E.batch+S*E.heads+y*E.seq;for(let g=0;g<l;g++)R[g]=R[g]+j*_[N+g]}for(let y=0;y<l;y++)I[Q+y]=R[y]/v}}return{shape:Object.freeze([...e.shape]),data:I}}function ji(t,e,o,r={}){ae("q",t),ae("k",e),ae("v",o);let s=Fe(t,e,o,r);return ar(s,t,e,o)}var cr=["AGFzbQEAAAABWAdgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwADCwoAAQEAAgMEBQUGBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRl","bmRIZWFkAAkKox4KhAQCAn8Se/0MAAD8wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/","N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hj","PUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACA","PyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQA","IA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAKIBL9hQIhCyALIAogE/2FAiELIAsg","CiAU/YUCIQsgCyAKIBX9hQIhCyALIAogFv2FAiELIAsgCiAX/YUCIQsgCyAKIBj9hQIhCyALIAkgEP2uAUEX/asB/eYBIAj9","TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9HwIgDP0fA5KSOAIAIAVBgAJqIQAg","A0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwveAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC/UMhASAA/QwAAPzCAAD8wgAA/MIA","APzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBLAABAS/3lAf3lASED/Qz+5X83/uV/","N/7lfzf+5X83IAP9DImEITmJhCE5iYQhOYmEITn9hQIhBCAEIAP9DP/Drjr/w646/8OuOv/Drjr9hQIhBCAEIAP9DFuVHTxb","lR08W5UdPFuVHTz9hQIhBCAEIAP9DEdYYz1HWGM9R1hjPUdYYz39hQIhBCAEIAP9DPD9dT7w/XU+8P11PvD9dT79hQIhBCAE","IAP9DBhyMT8YcjE/GHIxPxhyMT/9hQIhBCAEIAP9DAAAgD8AAIA/AACAPwAAgD/9hQIhBCAEIAL9DH8AwLR/AMC0fwDAtH8A","wLT9rgFBF/2rAf3mASAB/U8LvQIBBHsgAP3gASEBIAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL9DBs3EbwbNxG8GzcR","vBs3Ebz9hQIhAyADIAL9DKQnszykJ7M8pCezPKQnszz9hQIhAyADIAL9DNENXb3RDV290Q1dvdENXb39hQIhAyADIAL9DImI","CD6JiAg+iYgIPomICD79hQIhAyADIAL9DKuqqr6rqqq+q6qqvquqqr79hQIhAyABIAL95gEgAyAB/YUCIQMgAf0MO6o4wDuq","OMA7qjjAO6o4wP3mARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAE","IAH9DM3MzD7NzMw+zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAAAID9Tv1QC74EAgN/C3sgACADQQR0aiEFIAIgBEEC","dGohBwNA/QwAAAAAAAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAA","AAAAAAAAAAAAAAAAIQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAA","IQ79DAAAAAAAAAAAAAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQIREgBv0JAgAhEiASIBAgCP2FAiEIIBIgESAJ/YUC","IQkgBv0JAgQhEiASIBAgCv2FAiEKIBIgESAL/YUCIQsgBv0JAgghEiASIBAgDP2FAiEMIBIgESAN/YUCIQ0gBv0JAgwhEiAS","IBAgDv2FAiEOIBIgESAP/YUCIQ8gAf0ABCAhECAB/QAEMCERIAb9CQIQIRIgEiAQIAj9hQIhCCASIBEgCf2FAiEJIAb9CQIU","IRIgEiAQIAr9hQIhCiASIBEgC/2FAiELIAb9CQIYIRIgEiAQIAz9hQIhDCASIBEgDf2FAiENIAb9CQIcIRIgEiAQIA79hQIh","DiASIBEgD/2FAiEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsgAiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIg","DP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJBIGohAiACIAdJDQALC74EBgJ/BnsDfQJ7AX8BeyAAIAJBAnRq","IQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNAIAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJ","DQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQ","IAX9EyERA0AgCyAQIBEgDf36Af3lAf3gASAL/QAEAP2FAv0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsg","CiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEYIAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9","Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI","/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8A","AID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBqIQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0f","A5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACABIBQgE5M4AgAgASAVOAIQC9gEAgh/D3sgA0ECdCEGIAX9CQIAIRkg","Bf0JAgQhGiAF/QkCCCEbIAX9CQIMIRwgACAEQQJ0aiEJQQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIBkgAiAHav0A","BAD95gEhDiAZIAIgB2r9AAQQ/eYBIQ8gGiAL/QAEAP3mASEQIBogC/0ABBD95gEhESAbIAz9AAQA/eYBIRIgGyAM/QAEEP3m","ASETIBwgDf0ABAD95gEhFCAcIA39AAQQ/eYBIRUgACEIIAEgB2ohCgNAIAr9AAQAIRYgCv0ABBAhFyAI/QkCACEYIBggFiAO","/YUCIQ4gGCAXIA/9hQIhDyAI/QkCgAIhGCAYIBYgEP2FAiEQIBggFyAR/YUCIREgCP0JAoAEIRggGCAWIBL9hQIhEiAYIBcg","E/2FAiETIAj9CQKABiEYIBggFiAU/YUCIRQgGCAXIBX9hQIhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIAj9CQIEIRggGCAW","IA79hQIhDiAYIBcgD/2FAiEPIAj9CQKEAiEYIBggFiAQ/YUCIRAgGCAXIBH9hQIhESAI/QkChAQhGCAYIBYgEv2FAiESIBgg","FyAT/YUCIRMgCP0JAoQGIRggGCAWIBT9hQIhFCAYIBcgFf2FAiEVIAogBmohCiAIQQhqIQggCCAJSQ0ACyACIAdqIA79CwQA","IAIgB2ogD/0LBBAgCyAQ/QsEACALIBH9CwQQIAwgEv0LBAAgDCAT/QsEECANIBT9CwQAIA0gFf0LBBAgB0EgaiEHIAcgBkkN","AAsLrgIBBn8gBkECdCEUIAAgASAIIBRsaiAEIAYgBxADQQAhFQNAIAkgFWogDmohFyALIRYgDARAIBdBAWohFiAWIAtKBEAg","CyEWCwsgECEYIA8EQCAYIBcgD2tBAWogGCAXIA9rQQFqShshGAtBACEZIBJBAEcgCSAVaiAKSHEEQCASIAkgFWogE2xqIAhB","AnRqIRkLIAQgFUEIdGogBSAVQQJ0aiAHIAggFiAXsiANIARBgAhqIBVBAnRqIBggESAZEAQgFUEBaiEVIBVBBEkNAAsgBCAH","QQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEgBP0ABJAI/eQB/QsEICAE","IAIgCCAUbGogAyAGIAcgBRAFCyEBAX8gA0UEQCACDwsgAEEEaiABaiEEIAIgBCAEIAJKGwswAQF/IAMhBCACBEAgBCAAIAFq","IAJrQQFqIAQgACABaiACa0EBakobIQQLIARBeHELngQFC38BfQF7BX8BeyAFQQJ0IREgEUECdCESIARBwAhqIRsgBEMAAAAA","OAKgCEMAAIA/QwAAAAAgDkMAAID/XBv9EyEjQQAhEwJAA0AgEyAGTg0BIAYgE2tBA2pBAnYhFCAUQRBLBEBBECEUCyADIBMg","EWxqQQAgFCASbPwLAEEAIRUDQCAbIBVBMGxqIA79E/0LBBAgGyAVQTBsaiAj/QsEICAVQQFqIRUgFSAUSQ0ACyATIBRBAWtB","AnRqIAogByAIEAchFyATIAogCyAMEAghGQJAA0AgGSAXTg0BQQAhFQNAIBMgFUECdGohFiAWIAogByAIEAchGCAWIAogCyAM","EAghICAZICAgGSAgShshISAZQcAAaiEiIBggIkgEQCAYISILICEgIkgEQCAiICFrQQdqQXhxIRogACAWIBFsaiABIAIgAyAW","IBFsaiAEIBsgFUEwbGogBSAaICEgFiAGIAcgCCAJIAogCyAMIA0gDyAQEAYLIBVBAWohFSAVIBRJDQALIBlBwABqIRkMAAsL","QQAhFQNAIBsgFUECdkEwbCAVQQNxQQJ0amoqAiAhHEMAAIA/IByVQwAAAAAgHEMAAAAAXhv9EyEdIAMgEyAVaiARbGohHiAe","IBFqIR8DQCAeIB79AAQAIB395gH9CwQAIB5BEGohHiAeIB9JDQALIBVBAWohFSAVIBRBAnRJDQALIBNBwABqIRMMAAsLCw=="].join(""),ur=["AGFzbQEAAAABWAdgBX9/f39/AGABewF7YAt/f39/f319f399fwBgBn9/f39/fwBgFH9/f39/f39/f39/f399f39/fX9/AGAE","f39/fwF/YBF/f39/f39/f399f39/fX1/fwADCwoAAQEAAgMEBQUGBQMBAAEHIgMGbWVtb3J5AgAIZXhwMlJvd3MAAAphdHRl","bmRIZWFkAAkKwh8KmQQCAn8Se/0MAAD8wgAA/MIAAPzCAAD8wiEO/QwAAEBLAABASwAAQEsAAEBLIQ/9DP7lfzf+5X83/uV/","N/7lfzchEf0MiYQhOYmEITmJhCE5iYQhOSES/Qz/w646/8OuOv/Drjr/w646IRP9DFuVHTxblR08W5UdPFuVHTwhFP0MR1hj","PUdYYz1HWGM9R1hjPSEV/Qzw/XU+8P11PvD9dT7w/XU+IRb9DBhyMT8YcjE/GHIxPxhyMT8hF/0MAACAPwAAgD8AAIA/AACA","PyEY/Qx/AMC0fwDAtH8AwLR/AMC0IRADQCAAIQUgACABaiEGIAP9CQIAIQ39DAAAAAAAAAAAAAAAAAAAAAAhDANAIAD9AAQA","IA395QEhByAHIA79QyEIIAcgDv3rASEHIAcgD/3kASEJIAcgCSAP/eUB/eUBIQogESAK/eYBIBL95AEhCyALIAr95gEgE/3k","ASELIAsgCv3mASAU/eQBIQsgCyAK/eYBIBX95AEhCyALIAr95gEgFv3kASELIAsgCv3mASAX/eQBIQsgCyAK/eYBIBj95AEh","CyALIAkgEP2uAUEX/asB/eYBIAj9TyEHIAAgB/0LBAAgDCAH/eQBIQwgAEEQaiEAIAAgBkkNAAsgBCAM/R8AIAz9HwGSIAz9","HwIgDP0fA5KSOAIAIAVBgAJqIQAgA0EEaiEDIARBBGohBCACQQFrIQIgAg0ACwvzAgEEeyAA/QwAAPzCAAD8wgAA/MIAAPzC","/UMhASAA/QwAAPzCAAD8wgAA/MIAAPzC/esBIQAgAP0MAABASwAAQEsAAEBLAABAS/3kASECIAAgAv0MAABASwAAQEsAAEBL","AABAS/3lAf3lASED/Qz+5X83/uV/N/7lfzf+5X83IAP95gH9DImEITmJhCE5iYQhOYmEITn95AEhBCAEIAP95gH9DP/Drjr/","w646/8OuOv/Drjr95AEhBCAEIAP95gH9DFuVHTxblR08W5UdPFuVHTz95AEhBCAEIAP95gH9DEdYYz1HWGM9R1hjPUdYYz39","5AEhBCAEIAP95gH9DPD9dT7w/XU+8P11PvD9dT795AEhBCAEIAP95gH9DBhyMT8YcjE/GHIxPxhyMT/95AEhBCAEIAP95gH9","DAAAgD8AAIA/AACAPwAAgD/95AEhBCAEIAL9DH8AwLR/AMC0fwDAtH8AwLT9rgFBF/2rAf3mASAB/U8LzwIBBHsgAP3gASEB","IAEgAf3mASEC/QzoaWs76GlrO+hpazvoaWs7IAL95gH9DBs3EbwbNxG8GzcRvBs3Ebz95AEhAyADIAL95gH9DKQnszykJ7M8","pCezPKQnszz95AEhAyADIAL95gH9DNENXb3RDV290Q1dvdENXb395AEhAyADIAL95gH9DImICD6JiAg+iYgIPomICD795AEh","AyADIAL95gH9DKuqqr6rqqq+q6qqvquqqr795AEhAyABIAL95gEgA/3mASAB/eQBIQMgAf0MO6o4wDuqOMA7qjjAO6o4wP3m","ARABIQT9DAAAgD8AAIA/AACAPwAAgD8gBP3lAf0MAACAPwAAgD8AAIA/AACAPyAE/eQB/ecBIQQgAyAEIAH9DM3MzD7NzMw+","zczMPs3MzD79Q/1SIAD9DAAAAIAAAACAAAAAgAAAAID9Tv1QC+4EAgN/C3sgACADQQR0aiEFIAIgBEECdGohBwNA/QwAAAAA","AAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCf0MAAAAAAAAAAAAAAAAAAAAACEK/QwAAAAAAAAAAAAAAAAAAAAA","IQv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAA","AAAAAAAAAAAhDyAAIQYDQCAB/QAEACEQIAH9AAQQIREgBv0JAgAhEiASIBD95gEgCP3kASEIIBIgEf3mASAJ/eQBIQkgBv0J","AgQhEiASIBD95gEgCv3kASEKIBIgEf3mASAL/eQBIQsgBv0JAgghEiASIBD95gEgDP3kASEMIBIgEf3mASAN/eQBIQ0gBv0J","AgwhEiASIBD95gEgDv3kASEOIBIgEf3mASAP/eQBIQ8gAf0ABCAhECAB/QAEMCERIAb9CQIQIRIgEiAQ/eYBIAj95AEhCCAS","IBH95gEgCf3kASEJIAb9CQIUIRIgEiAQ/eYBIAr95AEhCiASIBH95gEgC/3kASELIAb9CQIYIRIgEiAQ/eYBIAz95AEhDCAS","IBH95gEgDf3kASENIAb9CQIcIRIgEiAQ/eYBIA795AEhDiASIBH95gEgD/3kASEPIAZBIGohBiABQcAAaiEBIAYgBUkNAAsg","AiAI/QsEACACIAn9CwQQIAIgCv0LBIACIAIgC/0LBJACIAIgDP0LBIAEIAIgDf0LBJAEIAIgDv0LBIAGIAIgD/0LBJAGIAJB","IGohAiACIAdJDQALC8EEBgJ/BnsDfQJ7AX8BeyAAIAJBAnRqIQwgCUMAAAAAXARAIAAhCyAJ/RMhFkMAAIA/IAmV/RMhFwNA","IAsgFiAL/QAEACAX/eYBEAL95gH9CwQAIAtBEGohCyALIAxJDQALCyAGQwAAAABcBEAgACELIAP9Ef0MAAAAAAEAAAACAAAA","AwAAAP2uASEN/QwEAAAABAAAAAQAAAAEAAAAIQ8gBoz9EyEQIAX9EyERA0AgCyAQIBEgDf36Af3lAf3gAf3mASAL/QAEAP3k","Af0LBAAgDSAP/a4BIQ0gC0EQaiELIAsgDEkNAAsLIAoEQCAAIQsgCiEYA0AgCyAL/QAEACAY/QAEAP3kAf0LBAAgGEEQaiEY","IAtBEGohCyALIAxJDQALCyADIAJqIARKIAMgCEhyBEAgACELIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASEN/QwEAAAABAAA","AAQAAAAEAAAAIQ/9DAAAgP8AAID/AACA/wAAgP8hEiAE/REhESAI/REhGQNAIAsgEiAL/QAEACANIBH9PyANIBn9Of1Q/VL9","CwQAIA0gD/2uASENIAtBEGohCyALIAxJDQALCyAAIQv9DAAAgP8AAID/AACA/wAAgP8hDgNAIA4gC/0ABAD96wEhDiALQRBq","IQsgCyAMSQ0ACyABKgIQIRQgFCAO/R8AIA79HwGXIA79HwIgDv0fA5eXlyEVQwAAAAAgFSAVQwAAgP9bGyETIAcgEzgCACAB","IBQgE5M4AgAgASAVOAIQC4gFAgh/D3sgA0ECdCEGIAX9CQIAIRkgBf0JAgQhGiAF/QkCCCEbIAX9CQIMIRwgACAEQQJ0aiEJ","QQAhBwNAIAIgB2ogBmohCyALIAZqIQwgDCAGaiENIBkgAiAHav0ABAD95gEhDiAZIAIgB2r9AAQQ/eYBIQ8gGiAL/QAEAP3m","ASEQIBogC/0ABBD95gEhESAbIAz9AAQA/eYBIRIgGyAM/QAEEP3mASETIBwgDf0ABAD95gEhFCAcIA39AAQQ/eYBIRUgACEI","IAEgB2ohCgNAIAr9AAQAIRYgCv0ABBAhFyAI/QkCACEYIBggFv3mASAO/eQBIQ4gGCAX/eYBIA/95AEhDyAI/QkCgAIhGCAY","IBb95gEgEP3kASEQIBggF/3mASAR/eQBIREgCP0JAoAEIRggGCAW/eYBIBL95AEhEiAYIBf95gEgE/3kASETIAj9CQKABiEY","IBggFv3mASAU/eQBIRQgGCAX/eYBIBX95AEhFSAKIAZqIQogCv0ABAAhFiAK/QAEECEXIAj9CQIEIRggGCAW/eYBIA795AEh","DiAYIBf95gEgD/3kASEPIAj9CQKEAiEYIBggFv3mASAQ/eQBIRAgGCAX/eYBIBH95AEhESAI/QkChAQhGCAYIBb95gEgEv3k","ASESIBggF/3mASAT/eQBIRMgCP0JAoQGIRggGCAW/eYBIBT95AEhFCAYIBf95gEgFf3kASEVIAogBmohCiAIQQhqIQggCCAJ","SQ0ACyACIAdqIA79CwQAIAIgB2ogD/0LBBAgCyAQ/QsEACALIBH9CwQQIAwgEv0LBAAgDCAT/QsEECANIBT9CwQAIA0gFf0L","BBAgB0EgaiEHIAcgBkkNAAsLrgIBBn8gBkECdCEUIAAgASAIIBRsaiAEIAYgBxADQQAhFQNAIAkgFWogDmohFyALIRYgDARA","IBdBAWohFiAWIAtKBEAgCyEWCwsgECEYIA8EQCAYIBcgD2tBAWogGCAXIA9rQQFqShshGAtBACEZIBJBAEcgCSAVaiAKSHEE","QCASIAkgFWogE2xqIAhBAnRqIRkLIAQgFUEIdGogBSAVQQJ0aiAHIAggFiAXsiANIARBgAhqIBVBAnRqIBggESAZEAQgFUEB","aiEVIBVBBEkNAAsgBCAHQQJ0QQQgBEGACGogBEGQCGoQACAFQRBBASAEQaAIaiAEQaQIahAAIAUgBf0ABCAgBf0ABAD95gEg","BP0ABJAI/eQB/QsEICAEIAIgCCAUbGogAyAGIAcgBRAFCyEBAX8gA0UEQCACDwsgAEEEaiABaiEEIAIgBCAEIAJKGwswAQF/","IAMhBCACBEAgBCAAIAFqIAJrQQFqIAQgACABaiACa0EBakobIQQLIARBeHELngQFC38BfQF7BX8BeyAFQQJ0IREgEUECdCES","IARBwAhqIRsgBEMAAAAAOAKgCEMAAIA/QwAAAAAgDkMAAID/XBv9EyEjQQAhEwJAA0AgEyAGTg0BIAYgE2tBA2pBAnYhFCAU","QRBLBEBBECEUCyADIBMgEWxqQQAgFCASbPwLAEEAIRUDQCAbIBVBMGxqIA79E/0LBBAgGyAVQTBsaiAj/QsEICAVQQFqIRUg","FSAUSQ0ACyATIBRBAWtBAnRqIAogByAIEAchFyATIAogCyAMEAghGQJAA0AgGSAXTg0BQQAhFQNAIBMgFUECdGohFiAWIAog","ByAIEAchGCAWIAogCyAMEAghICAZICAgGSAgShshISAZQcAAaiEiIBggIkgEQCAYISILICEgIkgEQCAiICFrQQdqQXhxIRog","ACAWIBFsaiABIAIgAyAWIBFsaiAEIBsgFUEwbGogBSAaICEgFiAGIAcgCCAJIAogCyAMIA0gDyAQEAYLIBVBAWohFSAVIBRJ","DQALIBlBwABqIRkMAAsLQQAhFQNAIBsgFUECdkEwbCAVQQNxQQJ0amoqAiAhHEMAAIA/IByVQwAAAAAgHEMAAAAAXhv9EyEd","IAMgEyAVaiARbGohHiAeIBFqIR8DQCAeIB79AAQAIB395gH9CwQAIB5BEGohHiAeIB9JDQALIBVBAWohFSAVIBRBAnRJDQAL","IBNBwABqIRMMAAsLCw=="].join("");var lt=512,Ye=class{name;#e;#o;#t;constructor(e,o){let r=new WebAssembly.Instance(e);this.name=o,this.#e=r.exports.memory,this.#o=r.exports.attendHead,this.#t=new Float32Array(this.#e.buffer)}reserve(e){let o=e*4,r=this.#e.buffer.byteLength;if(o>r){let s=Math.ceil((o-r)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${o} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#t.buffer!==this.#e.buffer&&(this.#t=new Float32Array(this.#e.buffer)),this.#t}attendHead(e,o,r,s,n,i,a,c,l,u={}){this.#o(4*e,4*o,4*r,4*s,0,n,i,a,c?1:0,l,u.shift??a-i,u.window??0,u.pad??0,u.cap??0,u.sink??-1/0,4*(u.bias??0),4*(u.biasStride??0))}},ut=class{name="js";#e=new Float32Array(lt);#o=new Float64Array(0);#t=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,o,r,s,n,i,a,c,l,u={}){let f=this.#e;this.#o.length<a&&(this.#o=new Float64Array(a)),this.#t.length<n&&(this.#t=new Float64Array(n));let h=this.#o,A=this.#t,d=Math.fround,m=u.shift??a-i,w=u.window??0,b=u.cap??0,E=u.sink??-1/0,I=u.bias??0;for(let B=0;B<i;B++){let R=B+m,q=c?Math.min(a,R+1):a,D=Math.max(u.pad??0,w?R-w+1:0),_=s+B*n,M=I+B*(u.biasStride??0),P=e+(B>>2)*n*4+(B&3),S=E,T=0;for(let F=D;F<q;F++){let W=o+(F>>3)*n*8+(F&7),K=0;for(let O=0;O<n;O++)K+=f[P+4*O]*f[W+8*O];let Q=b===0?K:b*Math.tanh(K/b);l!==0&&(Q-=d(l)*Math.abs(R-F)),I!==0&&(Q+=f[M+F]),h[F]=Q,Q!==-1/0&&T++,Q>S&&(S=Q)}if(T===0){f.fill(0,_,_+n);continue}A.fill(0);let L=E===-1/0?0:Math.exp((E-S)*Math.LN2);for(let F=D;F<q;F++){if(h[F]===-1/0)continue;let W=Math.exp((h[F]-S)*Math.LN2);L+=W;let K=r+F*n;for(let Q=0;Q<n;Q++)A[Q]=A[Q]+W*f[K+Q]}for(let F=0;F<n;F++)f[_+F]=A[F]/L}}};function Xs(t){let e=atob(t),o=new Uint8Array(e.length);for(let r=0;r<e.length;r++)o[r]=e.charCodeAt(r);return o}var lr;function fr(t){if(typeof WebAssembly!="object")return null;let e=Xs(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function uo(){return lr??={relaxed:fr(cr),plain:fr(ur)},lr}var co;function hr(){if(!co){let{relaxed:t,plain:e}=uo();co=t?new Ye(t,"relaxed-simd"):e?new Ye(e,"simd"):new ut}return co}var ft=64;function Ar(t,e,o){return{shift:t.kSeq-t.qSeq,window:t.window??0,pad:t.leftPadding?t.leftPadding[e]:0,cap:t.softcap===null?0:t.softcap*Math.LOG2E,sink:t.sinks?t.sinks[o]*Math.LOG2E:-1/0}}function dr(t,e,o,r,s,n,i){let a=e.bias;if(!a){t.attendHead(s.q,s.k,s.v,s.o,n,i.count,e.kSeq,i.causal,i.slope,i.features);return}let c=e.kSeq,l=c+7&-8,u=i.features.shift??c-i.count,f=t.reserve(s.bias+ft*l);for(let h=0;h<i.count;h+=ft){let A=Math.min(ft,i.count-h);for(let d=0;d<A;d++){let m=o*a.batchStride+r*a.headStride+(h+d)*a.rowStride,w=s.bias+d*l;for(let b=0;b<c;b++){let E=a.data[m+b];f[w+b]=E<=Pt?-1/0:E*Math.LOG2E}f.fill(0,w+c,w+l)}t.attendHead(s.q+h*n,s.k,s.v,s.o+h*n,n,A,c,i.causal,i.slope,{...i.features,shift:u+h,bias:s.bias,biasStride:l})}}var pr=new WeakMap;function gr(t,e){pr.set(t,e)}function Oe(t,e,o,r,s=hr(),n){let{batch:i,group:a,kvHeads:c,qSeq:l,kSeq:u,headDim:f,causal:h,scale:A,alibi:d}=t,m=e,w=o;if(t.rope){let{frequencies:y,pairing:j,angles:N}=t.rope,g=t.layout;m=de(e,y,{layout:g,pairing:j,angles:N,positions:t.rope.query}),w=de(o,y,{layout:g,pairing:j,angles:N,positions:t.rope.key})}let b=n===void 0&&!t.rope?pr.get(o.data):void 0;if(b&&b.length===u&&b.batch===i&&b.kvHeads===c&&b.headDim===f&&l>0&&u>0)return Js(t,e,b);let E=n?.into??new Float32Array(e.data.length);if(l===0||u===0)return{shape:Object.freeze([...e.shape]),data:E};let I=f+7&-8,B=u+7&-8,R=l+3&-4,q=lt,D=q+B*I,_=D+B*I,M=_+R*I,P=M+R*I,S=s.reserve(P+(t.bias?ft*B:0)),T=t.qStrides,L=t.kStrides,F=m.data,W=w.data,K=r.data,Q=Math.fround,O=Q(A*Math.LOG2E),$=L.seq===f&&f===I,k=T.seq===f&&f===I,v=n?.ranges??Array.from({length:i},(y,j)=>({batch:j,kv0:0,kv1:c}));for(let{batch:y,kv0:j,kv1:N}of v)for(let g=j;g<N;g++){let x=y*L.batch+g*L.heads;for(let H=0;H<B;H++){let J=q+(H>>3)*I*8+(H&7),z=x+H*L.seq,V=H<u?f:0;for(let re=0;re<V;re++)S[J+8*re]=W[z+re];for(let re=V;re<I;re++)S[J+8*re]=0}if($)S.set(K.subarray(x,x+u*f),D);else for(let H=0;H<u;H++){let J=x+H*L.seq,z=D+H*I;for(let V=0;V<f;V++)S[z+V]=K[J+V];for(let V=f;V<I;V++)S[z+V]=0}S.fill(0,D+u*I,D+B*I);for(let H=g*a;H<(g+1)*a;H++){let J=y*T.batch+H*T.heads;for(let z=0;z<R;z++){let V=_+(z>>2)*I*4+(z&3),re=J+z*T.seq,$e=z<l?f:0;for(let we=0;we<$e;we++)S[V+4*we]=Q(F[re+we]*O);for(let we=$e;we<I;we++)S[V+4*we]=0}if(dr(s,t,y,H,{q:_,k:q,v:D,o:M,bias:P},I,{count:l,causal:h,slope:d?d[H]*Math.LOG2E:0,features:Ar(t,y,H)}),k)E.set(S.subarray(M,M+l*f),J);else for(let z=0;z<l;z++){let V=M+z*I,re=J+z*T.seq;for(let $e=0;$e<f;$e++)E[re+$e]=S[V+$e]}}}return{shape:Object.freeze([...e.shape]),data:E}}function Js(t,e,o){let{batch:r,group:s,kvHeads:n,qSeq:i,kSeq:a,headDim:c,causal:l,scale:u,alibi:f}=t,h=o.kernel,A=c+7&-8,d=a+7&-8,m=i===1&&f===null&&t.sinks===null&&t.bias===null&&t.window===null,w=m?s:i,b=w+3&-4,E=o.end,I=E+b*A,B=I+b*A,R=h.reserve(B+(t.bias?ft*d:0)),q=t.qStrides,D=e.data,_=new Float32Array(D.length),M=Math.fround,P=M(u*Math.LOG2E);for(let S=0;S<r;S++)for(let T=0;T<n;T++){let L=S*n+T,F=o.kAt+L*o.headFloats,W=o.vAt+L*o.headFloats;for(let Q=a;Q<d;Q++){let O=F+(Q>>3)*A*8+(Q&7);for(let $=0;$<A;$++)R[O+8*$]=0}R.fill(0,W+a*A,W+d*A);let K=m?1:s;for(let Q=0;Q<K;Q++){for(let $=0;$<b;$++){let k=E+($>>2)*A*4+($&3),v=T*s+(m?$:Q),y=S*q.batch+v*q.heads+(m?0:$)*q.seq,j=$<w?c:0;for(let N=0;N<j;N++)R[k+4*N]=M(D[y+N]*P);for(let N=j;N<A;N++)R[k+4*N]=0}let O=T*s+Q;dr(h,t,S,O,{q:E,k:F,v:W,o:I,bias:B},A,{count:w,causal:l&&!m,slope:f?f[O]*Math.LOG2E:0,features:{...Ar(t,S,O),...m?{shift:a-1}:{}}});for(let $=0;$<w;$++){let k=m?T*s+$:O,v=S*q.batch+k*q.heads+(m?0:$)*q.seq;_.set(R.subarray(I+$*A,I+$*A+c),v)}}}return{shape:Object.freeze([...e.shape]),data:_}}function Zi(t,e,o,r={}){ae("q",t),ae("k",e),ae("v",o);let s=Fe(t,e,o,r);return Oe(s,t,e,o)}var Te=Object.freeze({T48:49152,T32:32768,T16:16384});function mr(t){return t>=Te.T48?"T48":t>=Te.T32?"T32":"T16"}function Zs(t){let e=t.headDim/4,o=(e+(t.pad?1:0))*16,r=t.br*o,s=t.bc*o,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return r+s+n+i+a}function $r(t){let e=[];for(let o=1;o<=t;o++)t%o===0&&e.push(o);return e}function en(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of $r(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function tn(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of $r(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var fo=512;function br(t,e,o=256){let r=`${t}|${e}|${o}`;return lo.has(r)||lo.set(r,on(t,e,o)),lo.get(r)}var lo=new Map;function on(t,e,o){if(!Number.isInteger(t)||t%4!==0||t<4||t>fo)return;let r=Te[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>o))for(let c of[64,32,16,8,4])for(let l of[64,32,16,8,4]){let u=en(c,l,a),f=tn(c,s,a);if(!(!u||!f))for(let h of[!1,!0])for(let A of[!0,!1]){let[d,m]=u,[w,b]=f,E=Zs({headDim:t,br:c,bc:l,tn:m,sharedKV:h,pad:A});if(E>r)continue;let I=4*d*m/(d+m),B=[c*l,c>=l?1:0,l>=32?1:0,I>=4?1:0,a===128?2:a===64?1:0,I,h?0:1,A?1:0];(!i||rn(B,i))&&(i=B,n=Object.freeze({tier:e,headDim:t,workgroup:a,br:c,bc:l,tm:d,tn:m,om:w,od4:b,sharedKV:h,pad:A,bytes:E}))}}return n}function rn(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]>e[o];return!1}function wr(){return{next:new WeakMap,groups:null}}var Dt=class{#e;#o;#t=[];#r=new ArrayBuffer(65536);#s=new DataView(this.#r);#n=wr();#a=new WeakMap;#i=-1;#c=0;#u=0;constructor(e){this.#e=e,this.#o=Math.max(16,e.limits.minUniformBufferOffsetAlignment??256)}get open(){return this.#i>=0}get created(){return this.#u}begin(){if(this.#i>=0)throw new Error("Internal error: a frame is already open");this.#i=0,this.#c=0}end(e){let o=this.#i>this.#c;if(this.#i=-1,o&&!e)throw new Error("Internal error: a frame packed uniform blocks it did not submit")}flush(){if(this.#i<0)return;let e=this.#e.queue,o=this.#c;for(;o<this.#i;){let r=Math.floor(o/65536),s=Math.min(this.#i,(r+1)*65536);e.writeBuffer(this.#t[r],o-r*65536,this.#r,o,s-o),o=s}this.#c=this.#i}groupLayout(e){let o=this.#a.get(e);return o||(o=e.getBindGroupLayout(0),this.#a.set(e,o)),o}bind(e,o,r,s){let n=o.uniformBytes;if(n>65536)throw new Error(`Internal error: the uniform block of ${o.name} is over 65536 bytes`);let i=Math.ceil(this.#i/this.#o)*this.#o;Math.floor(i/65536)!==Math.floor((i+n-1)/65536)&&(i=Math.ceil(i/65536)*65536);let a=Math.floor(i/65536);this.#f(a),o.packInto(r,this.#s,i),this.#i=i+n;let c=this.#t[a],l=i-a*65536,u=this.#l(this.#l(this.#n,e),c),f=`${l}`,h=s;for(let d of o.bindingNames){if(d==="params")continue;let m=h[d];m&&(u=this.#l(u,m.buffer),f+=`|${m.offset??0}:${m.size??-1}`)}u.groups??=new Map;let A=u.groups.get(f);return A||(A=this.#e.createBindGroup({label:o.name,layout:this.groupLayout(e),entries:o.entries({...s,params:{buffer:c,offset:l,size:n}})}),this.#u++,u.groups.set(f,A)),A}destroy(){for(let e of this.#t)e.destroy();this.#t.length=0}#l(e,o){let r=e.next.get(o);return r||(r=wr(),e.next.set(o,r)),r}#f(e){for(;this.#t.length<=e;)this.#t.push(this.#e.createBuffer({size:65536,usage:72,label:"uniform arena"}));let o=(e+1)*65536;if(this.#r.byteLength<o){let r=new ArrayBuffer(Math.max(o,2*this.#r.byteLength));new Uint8Array(r).set(new Uint8Array(this.#r)),this.#r=r,this.#s=new DataView(r)}}};var Mt=class t{#e;#o=new Map;#t=0;#r=new WeakSet;#s=[];#n=null;#a=[];#i=!1;constructor(e){this.#e=e}static sizeOf(e){return Math.max(16,Math.ceil(e/16)*16)}create(e,o){return this.#e.createBuffer({size:t.sizeOf(e),usage:140,label:o})}take(e,o,r){let s=t.sizeOf(e),n=this.#o.get(s)?.pop();if(!n)return this.create(e,o);if(this.#t-=s,this.#r.delete(n),r)this.#s.push(n);else{let i=Math.ceil(e/4)*4;i<s&&this.#e.queue.writeBuffer(n,i,new Uint8Array(s-i))}return n}recycle(e){if(this.#r.has(e))return;let o=e.size,r=this.#s.indexOf(e);if(r>=0&&this.#s.splice(r,1),this.#i||e.usage!==140||o>16777216||this.#t+o>67108864){e.destroy();return}let s=this.#o.get(o);s||(s=[],this.#o.set(o,s)),s.push(e),this.#r.add(e),this.#t+=o}scratch(e,o){if(!this.#n||this.#n.size<e){this.#n&&this.#a.push(this.#n);let r=Math.min(Math.max(2*(this.#n?.size??0),65536),o);this.#n=this.create(Math.max(e,r),"scratch")}return this.#n}encodeClears(e){if(this.#s.length!==0){for(let o of this.#s)e.clearBuffer(o);this.#s=[]}}submitted(){for(let e of this.#a.splice(0))e.destroy()}close(){this.#i=!0;for(let e of this.#o.values())for(let o of e)o.destroy();this.#o.clear(),this.#t=0,this.#n?.destroy(),this.#n=null,this.submitted()}};async function kr(t,e,o,r){let s=t.device;if(r){let h=t.encoder(),A=h.beginComputePass();t.encode(A,e),A.end(),t.finish(h),await t.idle()}let n=t.encoder(),i,a,c;t.timestamps&&(i=s.createQuerySet({type:"timestamp",count:2}),a=s.createBuffer({size:16,usage:516}),c=s.createBuffer({size:16,usage:9}));let l=n.beginComputePass(i?{timestampWrites:{querySet:i,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let h=0;h<o;h++)t.encode(l,e);l.end(),i&&a&&c&&(n.resolveQuerySet(i,0,2,a,0),n.copyBufferToBuffer(a,0,c,0,16));let u=performance.now();t.finish(n),await t.idle();let f=(performance.now()-u)/1e3;try{if(c){await c.mapAsync(1);let[h,A]=new BigUint64Array(c.getMappedRange().slice(0));c.unmap();let d=Number(A-h);if(d>0)return{seconds:d/1e9/o,source:"timestamp-query"}}return{seconds:f/o,source:"wall-clock"}}finally{i?.destroy(),a?.destroy(),c?.destroy()}}var sn=72,yr=9,nn=1,Rt=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#o=new Map;#t;#r;#s=null;constructor(e,o,r,s=!1){this.device=e,this.f16=s,this.ownsDevice=o,this.limits=r,this.tier=mr(r.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),this.#t=new Dt(e),this.#r=new Mt(e),e.lost.then(n=>{this.#s??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#s}fail(e){this.#s??=e}dispose(){this.#t.destroy(),this.#r.close()}get bindGroupsCreated(){return this.#t.created}#n(e){return this.#s!==null?new Error(`This GpuAttention cannot be used: ${this.#s}`):e instanceof Error?e:new Error(String(e))}cached(e,o){let r=this.#o.get(e);return r===void 0&&(r=o(),this.#o.set(e,r)),r}setCached(e,o){this.#o.set(e,o)}pipeline(e,o){let r=this.#e.get(e);return r||(r=this.#a(e,o()),this.#e.set(e,r),r.catch(()=>this.#e.delete(e))),r}async#a(e,o){let r=this.device.createShaderModule({code:o,label:e}),n=(await r.getCompilationInfo().catch(i=>{throw this.#n(i)})).messages.filter(i=>i.type==="error");if(n.length>0)throw this.#s!==null?this.#n(null):new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:r,entryPoint:"main"}})}catch(i){throw this.#s!==null?this.#n(i):new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}#i(e,o){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${o}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`)}buffer(e,o){return this.#i(e,o),this.#r.create(e,o)}output(e,o){return this.#i(e,o),this.#r.take(e,o,!0)}recycle(e){this.#r.recycle(e)}upload(e,o){this.#i(e.byteLength,o);let r=this.#r.take(e.byteLength,o,!1);return e.byteLength>0&&(e.buffer instanceof ArrayBuffer||(e=e.slice()),this.device.queue.writeBuffer(r,0,e.buffer,e.byteOffset,e.byteLength)),r}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}scratch(e){this.#i(e,"scratch");let o=Math.min(this.limits.maxStorageBufferBindingSize,this.limits.maxBufferSize);return this.#r.scratch(e,o)}uniform(e,o){let r=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:sn,label:o});return this.device.queue.writeBuffer(r,0,e),r}bind(e,o,r,s,n){if(this.#t.open)return this.#t.bind(e,o,r,s);let i=this.uniform(o.pack(r),`${o.name} params`);return n.push(i),this.device.createBindGroup({label:o.name,layout:this.#t.groupLayout(e),entries:o.entries({...s,params:{buffer:i}})})}encode(e,o){for(let r of o.dispatches)e.setPipeline(r.pipeline),e.setBindGroup(0,r.bindGroup),e.dispatchWorkgroups(r.grid[0],r.grid[1],r.grid[2])}submit(e,o){let r=Array.isArray(e)?e:[e];try{return this.#c(r,o)}finally{for(let s of r)this.release(s)}}release(e){for(let o of e.temps)this.#r.recycle(o)}encoder(){let e=this.device.createCommandEncoder();return this.#r.encodeClears(e),e}finish(e){this.#t.flush(),this.device.queue.submit([e.finish()]),this.#r.submitted()}#c(e,o){let r=this.encoder();if(e.some(n=>n.dispatches.length>0)){let n=r.beginComputePass();for(let i of e)this.encode(n,i);n.end()}let s;return o&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(o.bytes/16)*16),usage:yr,label:"readback"}),o.bytes>0&&r.copyBufferToBuffer(o.source,0,s,0,Math.ceil(o.bytes/4)*4)),this.finish(r),s}async guarded(e,o){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let r,s,n=!1;try{r=o()}catch(u){s=u,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,l]=await Promise.all([i,a]);if(n)throw s;if(l)throw new Error(`Out of GPU memory while ${e}: ${l.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return r}submitting(e,o){return this.guarded(e,()=>{this.#t.begin();let r=!1;try{let s=o();return r=!0,s}finally{this.#t.end(!r)}})}profile(e,o,r){return kr(this,e,o,r)}gather(e){let o=e.reduce((i,a)=>i+a.size,0),r=this.device.createBuffer({size:Math.max(16,Math.ceil(o/16)*16),usage:yr,label:"readback"}),s=this.encoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,r,n,i.size),n+=i.size;return this.finish(s),r}async read(e,o){try{return await e.mapAsync(nn),e.getMappedRange(0,Math.max(16,Math.ceil(o/16)*16)).slice(0,o)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};var Er=new WeakMap;function an(t,e){if(t.length!==e.length)return!1;for(let o=0;o<t.length;o++)if(t[o]!==e[o])return!1;return!0}function Ot(t,e){let o=Er.get(e);(!o||o.factor!==e.attentionFactor||!an(o.invFreq,e.invFreq))&&(o={factor:e.attentionFactor,invFreq:e.invFreq.slice(),texts:new Map},Er.set(e,o));let r=o.texts.get(t);return r===void 0&&(r=`${t}|${o.factor}|${Array.from(o.invFreq).join(",")}`,o.texts.set(t,r)),r}var vr="This KvCache cannot be used: it was destroyed",Br="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",cn=512,Tt=4,Pr=["split","keys"];function _t(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${X(e)}`)}function ht(t,e,o){let r=se(t,e??"f32",{allowed:["f32","f16","auto"]});if(r==="auto")return o.available?"f16":"f32";if(r==="f16"&&!o.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${o.detail}); use "f32", or "auto" to fall back to float32`);return r}function xr(t){_t("options",t),he("options",t,{allowed:Ho});let e=ie("batch",t.batch,{min:1}),o=ie("kvHeads",t.kvHeads,{min:1}),r=ie("headDim",t.headDim,{min:4,max:cn});if(r%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${r}`);let s=t.window===void 0?null:et(t.window,"window");if(s===null&&t.maxLength===void 0)throw new TypeError("Invalid maxLength: expected an integer >= 1 (the tokens the cache holds), got undefined; only a window cache may leave it out");let n=t.maxLength===void 0?1/0:ie("maxLength",t.maxLength,{min:1}),i=s===null?n:Math.min(n,s+Tt-1);return{batch:e,kvHeads:o,headDim:r,maxLength:n,window:s,slots:i}}function ho(t,e,o,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${X(e)}`);he(t,e,{allowed:r});let s=qt(t,e),n=2*ke(s);if(e.rotaryDim!==void 0&&e.rotaryDim!==n)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${n} (${De(s)}), got ${X(e.rotaryDim)}`);if(n>o)throw new RangeError(`Invalid ${t}.${ne(s)?"cache":"frequencies"}: rotary dim ${n} (${De(s,"")}) exceeds the head dim ${o}`);let i=se(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),a=se(`${t}.angles`,e.angles??ct(s),{allowed:["float32","float64"]}),c=ne(s)?nr(i,s):Ot(`${i}|${a}`,s);return{frequencies:s,pairing:i,rotaryDim:n,angles:a,fingerprint:c}}function Ir(t,e,o,r){let s=Me(t,e,o);if(s.batch!==r.batch)throw new RangeError(`Invalid ${t}: expected batch ${r.batch} (as the cache), got ${s.batch}`);if(s.heads!==r.kvHeads)throw new RangeError(`Invalid ${t}: expected ${r.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==r.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${r.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function tt(t,e,o,r){_t("options",r),he("options",r,{allowed:zo});let s=se("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Ir("k",e,s,t),i=Ir("v",o,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(r.rope!==void 0){let c=ho("rope",r.rope,t.headDim,Go),l=r.rope.positions===void 0?null:We("rope.positions",r.rope.positions,n.seq,t.batch,c.angles==="float32");l&&ne(c.frequencies)&&xe("rope.positions",c.frequencies,l,n.seq),a={...c,positions:l}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function Sr(t,e,o){if(e+o.n>t.maxLength)throw new RangeError(`Cannot append ${o.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(o.rope&&!o.rope.positions&&ne(o.rope.frequencies)){let r={kind:"range",start:e};xe("rope.cache",o.rope.frequencies,r,o.n)}if(o.rope&&!o.rope.positions&&o.rope.angles==="float32"){let r=e+o.n-1;if(r>Re)throw new RangeError(`Invalid rope: the last key would sit at position ${r}, above ${Re} (the largest position with angles "float32")`)}}function Cr(t,e){let o=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==o)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:o,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var Ao=Object.freeze({keyRope:void 0,explicitPositions:!1});function qr(t,e,o,r=Ze){_t("options",o),he("options",o,{allowed:r});let s=se("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=Me("q",e,s);if(n.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${n.batch}`);if(n.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${n.headDim}`);if(n.heads<1||n.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${n.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(n.seq<1||n.seq>Tt)throw new RangeError(`Invalid q: expected 1 to ${Tt} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${n.seq}`);let i=o.scale===void 0?1/Math.sqrt(n.headDim):Pe("scale",o.scale),a=ao(o.alibiSlopes,n.heads),c=null;if(o.rope!==void 0){if(o.rope!==null&&typeof o.rope=="object"&&"positions"in o.rope)throw new TypeError(`Invalid rope: unknown key "positions"; a decode's query positions are the option queryPositions (the cached keys keep the positions they were appended at)`);let A=ho("rope",o.rope,t.headDim,No),d=o.queryPositions===void 0?null:We("queryPositions",o.queryPositions,n.seq,n.batch,A.angles==="float32");d&&ne(A.frequencies)&&xe("queryPositions",A.frequencies,d,n.seq),c={...A,queryPositions:d}}else if(o.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let l=o.splits===void 0?void 0:ie("splits",o.splits,{min:1}),u=se("kernel",o.kernel??"split",{allowed:Pr}),f=et(o.slidingWindow);if(f!==null&&t.window!==null&&f>t.window)throw new RangeError(`Invalid slidingWindow: expected at most ${t.window}, the window of this cache (it keeps no older keys), got ${f}`);let h=null;return o.bias!==void 0&&(h=ae("bias",o.bias),it(h,{batch:n.batch,heads:n.heads,qSeq:n.seq,kSeq:null})),{layout:s,batch:n.batch,heads:n.heads,kvHeads:t.kvHeads,group:n.heads/t.kvHeads,qSeq:n.seq,headDim:n.headDim,qShape:[...e.shape],qStrides:n.strides,scale:i,rope:c,alibi:a,splits:l,kernel:u,window:f,sinks:xt(o.sinks,n.heads),softcap:St(o.softcap),leftPadding:Ct(o.leftPadding,n.batch,2**31-1),bias:h}}function Ft(t,e,o,r=null){return ln(t,e,o),un(t,e,r)}function un(t,e,o){let r=t.window??o,s=r===null?0:Math.max(0,e-t.qSeq-r+1),n=null;return t.bias&&(n=it(t.bias,{batch:t.batch,heads:t.heads,qSeq:t.qSeq,kSeq:e})),{window:r,first:s,bias:n}}function ln(t,e,o){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(o.keyRope&&o.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(o.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(ne(t.rope.frequencies)){let r={kind:"range",start:e-t.qSeq};xe("rope.cache",t.rope.frequencies,r,t.qSeq)}if(t.rope.angles==="float32"&&e-1>Re)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${Re} (the largest position with angles "float32")`)}}}var ot=class{owner;batch;kvHeads;headDim;maxLength;window;slots;#e;#o=0;#t=Ao;#r=!1;constructor(e,o,r){this.owner=e,this.#e=o,this.batch=r.batch,this.kvHeads=r.kvHeads,this.headDim=r.headDim,this.maxLength=r.maxLength,this.window=r.window,this.slots=r.slots}held(){let e=Math.min(this.#o,this.slots);return{first:this.#o-e,count:e}}get length(){return this.#o}get destroyed(){return this.#r||!this.#e()}get ropeState(){return this.#t}live(){if(this.#r)throw new Error(vr);if(!this.#e())throw new Error(Br)}reserve(e){Sr(this,this.#o,e);let o=Cr(this.#t,e),r=this.#o;return{slot:r,skip:Math.max(0,e.n-this.slots),commit:()=>{this.#o=r+e.n,this.#t=o}}}snapshot(){let e=this.#o,o=this.#t;return()=>{this.#o=e,this.#t=o}}clear(){this.#o=0,this.#t=Ao}markDestroyed(){return this.#r?!1:(this.#r=!0,!0)}};function po(t,e,o){if(!(t instanceof o))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var Z=class{shape;dtype;owner;#e;#o;#t;#r;#s=!1;#n=!1;#a=null;#i=null;constructor(e,o,r,s,n="float32",i=a=>a.destroy()){this.owner=e,this.dtype=n,this.#t=s,this.#r=i,this.shape=Object.freeze([...o]),this.#e=r instanceof Float32Array?null:r,this.#o=r instanceof Float32Array?r:null}get buffer(){return this.#e}get destroyed(){return this.#s||!this.#t()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#o}}get recording(){return this.#a}get failure(){return this.#i}awaitRecording(e){return this.#a=e,this}settle(e){this.#a=null,e!==null&&(this.#i=e,this.#s=!0),this.#s&&this.#c()}destroy(){this.#s||(this.#s=!0,this.#a===null&&this.#c())}#c(){this.#n||(this.#n=!0,this.#e&&this.#r(this.#e))}};function U(t,e,o,r=null){if(e instanceof Z){if(e.owner!==o)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);let n=e.recording;if(n!==null){if(n===r&&e.owner===o)return e;throw new Error(`Invalid ${t}: this GpuTensor is an output of a recording whose submit() has not resolved yet; await submit() before using it outside that recording`)}if(e.failure!==null)throw new Error(`Invalid ${t}: this GpuTensor was never computed: its recording failed (${e.failure})`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let s=e;if(s===null||typeof s!="object"||!("data"in s))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${X(e)}`);return ae(t,e)}function go(t,e,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${X(o)}`);he("options",o,{allowed:Uo});let r=se("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=Me("x",t,r),n=rr("frequencies",e,o.angles),i=2*ke(n);if(o.rotaryDim!==void 0&&o.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (${De(n)}), got ${X(o.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (${De(n,"")}) exceeds the head dim ${s.headDim}`);let a=se("pairing",o.pairing??"half",{allowed:["half","interleaved"]}),c=se("angles",o.angles??ct(n),{allowed:["float32","float64"]}),l=ir("",o.positions,o.offset,s.seq,s.batch,c);ne(n)&&xe("positions",n,l,s.seq);let u=Ke("inPlace",o.inPlace??!1);return{call:{layout:r,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:l},inPlace:u}}var Lt=class{#e;#o=[];#t="recording";constructor(e){this.#e=e}get state(){return this.#t}get calls(){return this.#o.length}#r(){if(this.#t!=="recording")throw new Error(`This recording cannot take more calls: it was ${this.#t==="submitting"?"submitted":this.#t}; start a new one with gpu.record()`);this.#e.live()}attention(e,o,r,s={}){this.#r();let n=this.#e.attention([e,o,r],s,this),i=this.#e.output(n.plan.qShape,n.elements.o,this);return this.#o.push({kind:"attention",call:n,output:i}),i}applyRope(e,o,r={}){this.#r();let s=this.#e.rope(e,o,r,this);if(s.inPlace&&!(s.x instanceof Z))throw new TypeError("Invalid inPlace: a recording writes in place only into a GpuTensor; upload x first or leave inPlace false");let n=s.x instanceof Z&&s.inPlace?s.x:this.#e.output(s.x.shape,"f32",this);return this.#o.push({kind:"rope",request:s,output:n}),n}append(e,o,r,s={}){this.#r(),this.#o.push({kind:"append",call:this.#e.append(e,[o,r],s,this)})}decode(e,o,r={}){this.#r();let s=this.#e.decode(e,o,r,this),n=this.#e.decodeOutput(s,this);return this.#o.push({kind:"decode",call:s,output:n}),n}submit(){if(this.#t!=="recording")return Promise.reject(new Error(`This recording cannot be submitted: it was ${this.#t==="submitting"?"submitted":this.#t} already; start a new one with gpu.record()`));this.#t="submitting";let e;try{e=this.#e.run(this.#o,this)}catch(o){e=Promise.reject(o)}return e.then(()=>this.#s("submitted",null),o=>{let r=o instanceof Error?o.message:String(o);throw this.#s("failed",r),o})}discard(){this.#t==="recording"&&this.#s("discarded","it was discarded before submit()")}#s(e,o){this.#t=e;for(let r of this.#o)r.kind==="append"||r.kind==="rope"&&r.request.inPlace||r.output.settle(o)}};var fn=["flash","flash2","naive"],At="it was destroyed; create a new one with createGpuAttention()";function Qr(t){return ie("iterations",t,{min:1})}function hn(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${X(e)}`)}var rt=class{live(){let e=this.failure();if(e!==null)throw new Error(`This GpuAttention cannot be used: ${e}`)}alive=()=>this.failure()===null;checkOperands(e,o=null){return[U("q",e[0],this,o),U("k",e[1],this,o),U("v",e[2],this,o)]}#e(e,o,r,s=null){this.live();let n=this.checkOperands(e,s);return{operands:n,plan:Fe(...n,o,r)}}#o(e,o,r){let[s,n,i]=o.operands,a=this.elementsOf(s,n,i,r),c=se("kernel",r.kernel??"flash",{allowed:fn});return{args:e,q:s,k:n,v:i,plan:o.plan,elements:a,kernel:c}}async attention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s,Bt);return await this.runAttention(this.#o(n,i,s))}async profileAttention(e,o,r,s={}){let n=[e,o,r],i=this.#e(n,s,Ko),a=Qr(s.iterations??10),c=Ke("warmup",s.warmup??!0),l=this.#o(n,i,s);return await this.timeAttention(l,a,c,s)}async applyRope(e,o,r={}){this.live();let s=U("x",e,this),n=go(s,o,r);return Dr(s),await this.runRope({...n,arg:e,x:s})}upload(e,o={}){this.live();let r=ae("t",e);return hn("options",o),he("options",o,{allowed:Yo}),this.store(r,ht("precision",o.precision,this.info.f16))}async download(e){this.live();let o=U("t",e,this);if(!(o instanceof Z))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return await this.read(o)}async synchronize(){this.live(),await this.idle()}async createKvCache(e){this.live();let o=xr(e),r=ht("precision",e.precision,this.info.f16);return await this.makeCache(o,r)}#t(e,o,r,s,n=null){this.live();let i=U("q",e,this,n),a=po(o,this,this.cacheClass),c=qr(a,i,r,s);return this.prepareDecode({arg:e,q:i,cache:a,plan:c})}async decode(e,o,r={}){return await this.runDecode(this.#t(e,o,r,Ze),r)}async profileDecode(e,o,r={}){let s=this.#t(e,o,r,Wo),n=Qr(r.iterations??10),i=Ke("warmup",r.warmup??!0);return await this.timeDecode(s,n,i,r)}record(){return this.live(),new Lt(this.#r())}#r(){return{live:()=>this.live(),attention:(e,o,r)=>{let s=this.#e(e,o,Bt,r);return this.#o(e,s,o)},rope:(e,o,r,s)=>{this.live();let n=U("x",e,this,s),i=go(n,o,r);return Dr(n),{...i,arg:e,x:n}},append:(e,o,r,s)=>{this.live();let n=po(e,this,this.cacheClass),i=U("k",o[0],this,s),a=U("v",o[1],this,s);return{cache:n,args:o,k:i,v:a,plan:tt(n,i,a,r)}},decode:(e,o,r,s)=>this.#t(e,o,r,Ze,s),output:(e,o,r)=>this.recordedOutput(e,o,r),decodeOutput:(e,o)=>this.recordedOutput(e.plan.qShape,this.decodeElement(e),o),run:(e,o)=>this.runRecording(e,o)}}};function Dr(t){if(t instanceof Z&&t.dtype==="float16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)")}function Le(t){return t.reduce((e,o)=>e*o,1)}var An=256,dn=8;function pn(t){let e=t.kp*t.ku*t.rb,o=t.lr*(e+1),r=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(o+e+r+s)}function Mr(t,e,o,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let h of[1,2,3,4])if(s%h===0&&s/h<=32){n=h;break}let i=s/n,a=Math.min(o==="T16"?64:128,r);if(i>r)return;let c=Math.max(1,Math.floor(a/i)),l=c*i,u=Te[o],f=Math.max(1,Math.min(e,Math.floor(dn/n)));for(let h=f;h>=1;h--)for(let A=Math.max(1,Math.floor(i/h));A>=1;A--){let d={headDim:t,c:n,lr:i,kp:c,ku:A,rb:h},m=pn(d);if(m<=u)return{...d,workgroup:l,bytes:m}}}function Rr(t,e,o,r){let s=Math.ceil(o/Math.max(1,e)),n=Math.ceil(t/An);return dt(t,Math.max(1,Math.min(s,n,r)))}function dt(t,e){let o=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/o)),keysPerSplit:o}}var ye=`fn isNan(x: f32) -> bool {
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
`;function je(t,e){return`select(select(0.0, exp2(${t} - ${e}), ${t} > ${-1e30/2}), ${t}, isNan(${t}))`}function Ee(t){return`select(select(0.0, 1.0 / ${t}, ${t} > 0.0), ${t}, isNan(${t}))`}function jt(t){let e=["softcap","sinks","padding","bias"].filter(o=>t[o]);return e.length===0?"":`:${e.join("+")}`}function le(t,e){return e==="f32"?o=>`${t}[${o}]`:o=>`vec4<f32>(${t}[${o}])`}function Ie(t,e,o,r,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,o=`(${o})`,r=`(${r})`,t.pairing==="interleaved"&&n%4===0)return`if (${r} < ${n/4}u) {
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
    }`}var Or=new WeakMap;function G(t,e){return{variable:t,access:"read",type:e}}function ee(t,e){return{variable:t,access:"read_write",type:e}}var mo=class{name;fields;bindingNames;uniformBytes;#e;#o;#t;#r=null;constructor(e){this.name=e.name,this.#e=e.uniforms;let o=Or.get(e.uniforms);if(!o){let s=Object.keys(e.uniforms);o={names:s,types:s.map(n=>e.uniforms[n])},Or.set(e.uniforms,o)}if(this.fields=o.names,this.fields.length===0)throw new Error(`Internal error: kernel ${e.name} declares no uniform`);let r=["params"];for(let s in e.bindings)e.bindings[s]!==null&&r.push(s);this.bindingNames=r,this.uniformBytes=Math.ceil(this.fields.length*4/16)*16,this.#o=o.types,this.#t=e}get wgsl(){if(this.#r===null){let e=this.#t,o=this.fields.map(n=>`  ${n}: ${e.uniforms[n]},`).join(`
`),s=Object.values(e.bindings).filter(n=>n!==null).map((n,i)=>`@group(0) @binding(${i+1}) var<storage, ${n.access}> ${n.variable}: ${n.type};`);this.#r=`struct Params {
${o}
}
@group(0) @binding(0) var<uniform> P: Params;
${s.join(`
`)}
`}return this.#r}binding(e){let o=this.bindingNames.indexOf(e);if(o<0)throw new Error(`Internal error: kernel ${this.name} declares no binding ${e}`);return o}pack(e){let o=new ArrayBuffer(this.uniformBytes);return this.packInto(e,new DataView(o),0),o}packInto(e,o,r){let s=e,n=0;for(let c in s)n++;let i=this.fields;n!==i.length&&this.#s(s);let a=this.#o;for(let c=0;c<i.length;c++){let l=i[c],u=s[l];if(u===void 0)throw Object.hasOwn(s,l)||this.#s(s),new Error(`Internal error: uniform ${l} of kernel ${this.name} is missing`);let f=r+c*4,h=a[c];if(h==="f32"){if(!Number.isFinite(u))throw this.#n(l,u,"a finite f32");o.setFloat32(f,u,!0)}else if(h==="i32"){if(!Number.isInteger(u)||u<-2147483648||u>2147483647)throw this.#n(l,u,"a signed 32-bit integer");o.setInt32(f,u,!0)}else{if(!Number.isInteger(u)||u<0||u>4294967295)throw this.#n(l,u,"an unsigned 32-bit integer");o.setUint32(f,u,!0)}}}#s(e){for(let r of Object.keys(e))if(!Object.hasOwn(this.#e,r))throw new Error(`Internal error: kernel ${this.name} has no uniform ${r}`);let o=this.fields.find(r=>e[r]===void 0);throw new Error(`Internal error: uniform ${o} of kernel ${this.name} is missing`)}#n(e,o,r){return new RangeError(`Internal error: uniform ${e} = ${o} of kernel ${this.name} does not fit ${r}`)}entries(e){for(let o of Object.keys(e))if(!this.bindingNames.includes(o))throw new Error(`Internal error: kernel ${this.name} declares no binding ${o}`);return this.bindingNames.map((o,r)=>{let s=e[o];if(!s)throw new Error(`Internal error: binding ${o} of kernel ${this.name} is missing`);return{binding:r,resource:s}})}};function ue(t){return new mo(t)}var gn={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",first:"u32",slots:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32",window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"},mn={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function $o(t){let e=t.elements;return ue({name:"decode",uniforms:gn,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<vec4<${e.kv}>>`),v:G("V",`array<vec4<${e.kv}>>`),o:ee("O",`array<vec4<${e.o}>>`),w:ee("W","array<vec4<f32>>"),table:t.rope?G("T","array<vec2<f32>>"):null,slopes:t.alibi?G("SL","array<f32>"):null,sinks:t.sinks?G("SK","array<f32>"):null,padding:t.padding?G("PD","array<u32>"):null,bias:t.bias?G("BI","array<f32>"):null}})}function bo(t){return ue({name:"decode merge",uniforms:mn,bindings:{w:G("W","array<vec4<f32>>"),o:ee("O",`array<vec4<${t}>>`)}})}var pt=64;function wo(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`+jt(t)}function ko(t,e){return`decode-merge:d${t}:${e}`}function He(t){return Array.from({length:t},(e,o)=>o)}function Ht(t){return t.length===0?"0.0":t.join(" + ")}function Tr(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function _r(t){let e=t.tiles,{c:o,lr:r,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,l=s*n*i,u=l+1,f=s*n,h=t.elements,A=le("Q",h.q),d=le("K",h.kv),m=le("V",h.kv),w=[h.q,h.kv,h.o].includes("f16"),b=He(i),E=He(o),I=He(n),B=t.rope?Ie(t.rope,A,"base","cc","P.tab + b * P.tabB + t"):"",R=b.map(k=>`${E.map(v=>`var q${k}_${v} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${k}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${E.map(v=>`{
        let cc = lr + ${v*r}u;
        var x = ${A("base + cc")};
        ${B}
        q${k}_${v} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),q=b.map(k=>`${t.sinks?`let sink${k} = split == 0u && kp == 0u;
  var m${k} = select(${-1e30}, SK[kvh * P.group + min(row0 + ${k}u, P.rows - 1u) % P.group], sink${k});
  var l${k} = select(0.0, 1.0, sink${k});`:`var m${k} = ${-1e30}; var l${k} = 0.0;`} ${E.map(v=>`var a${k}_${v} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),D=I.map(k=>{let v=b.map(y=>`Red[lr * ${u}u + kp * ${i}u + ${k*s*i+y}u] = ${Ht(E.map(j=>`dot(q${y}_${j}, k${k}_${j})`))};`).join(`
      `);return`let kr${k} = kvBase + (min(k0 + ${k*s}u + kp, kEnd - 1u) % P.slots) * ${c}u;
      ${E.map(y=>`let k${k}_${y} = ${d(`kr${k} + ${y*r}u`)};`).join(" ")}
      ${E.map(y=>`let v${k}_${y} = ${m(`kr${k} + ${y*r}u`)};`).join(" ")}
      ${v}`}).join(`
      `),_=t.alibi||t.bias,M=t.softcap?"s = capped(s, P.cap2);":"",P=(_?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          `:"")+(t.alibi?"s -= SL[h] * f32(i32(qp) - i32(key));":""),S=t.bias?`let bv = BI[b * P.bB + h * P.bH + (min(f, P.rows - 1u) / P.group) * P.bS + min(key, P.len - 1u)];
          s += bv * ${Math.LOG2E};`:"",T=t.padding?" && key >= padB":"",L=t.bias?" && !biasHides(bv)":"",F=He(Math.ceil(l/a)).map(k=>{let v=(k+1)*a>l;return`{
        let i = lid + ${k*a}u;
        ${v?`if (i < ${l}u) {`:"{"}
          var s = ${Ht(He(r).map(y=>`Red[${y*u}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${M}
          ${P}
          ${S}
          Sc[i] = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp && i32(key) > i32(qp) - i32(P.window)${T}${L});
        }
      }`}).join(`
      `),W=k=>Ht(I.map(v=>`select(p${v} * v${v}_${k}, vec4<f32>(0.0), p${v} == 0.0)`)),K=b.map(k=>{let v=I.map(y=>`s${y}`);return`{
        ${I.map(y=>`let s${y} = Sc[kp * ${i}u + ${y*s*i+k}u];`).join(" ")}
        let mx = max(m${k}, ${v.reduce((y,j)=>`max(${y}, ${j})`)});
        let alpha = exp2(m${k} - mx);
        ${I.map(y=>`let p${y} = ${je(`s${y}`,"mx")};`).join(" ")}
        l${k} = l${k} * alpha + ${Ht(I.map(y=>`p${y}`))};
        m${k} = mx;
        ${E.map(y=>`a${k}_${y} = a${k}_${y} * alpha + ${W(y)};`).join(`
        `)}
      }`}).join(`
      `),Q=b.map(k=>`{
    let mr = ${He(s).map(v=>`Mk[${v*i+k}u]`).reduce((v,y)=>`max(${v}, ${y})`)};
    let g = exp2(m${k} - mr);
    l${k} *= g;
    ${E.map(v=>`a${k}_${v} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${k}u] = mr;
    }
  }`).join(`
  `),O=He(s).map(k=>`if (kp == ${k}u) {
    ${b.flatMap(v=>E.map(y=>{let j=`${v*c}u + lr + ${y*r}u`;return k===0?`X[${j}] = a${v}_${y};`:`X[${j}] += a${v}_${y};`})).join(`
    `)}
    if (lr == 0u) {
      ${b.map(v=>k===0?`Ls[${v}u] = l${v};`:`Ls[${v}u] += l${v};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),$=He(Math.ceil(i*c/a)).map(k=>{let v=(k+1)*a>i*c;return`{
    let e = lid + ${k*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${v?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Tr(h.o,`X[e] * ${Ee("total")}`)};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${wo(t)}
${w?"enable f16;":""}
${$o(t).wgsl}
${ye}
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

  ${R}
  ${q}

  // This split's keys (of those from the first visible one), cut at the last
  // one any row of the block sees and after the padding (uniform per workgroup).
  ${t.padding?"let padB = PD[b];":""}
  let kSplit = P.first + split * P.keysPerSplit;
  let kBegin = ${t.padding?"max(kSplit, padB)":"kSplit"};
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kSplit + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${f}u) {
      ${D}
    workgroupBarrier();
      ${F}
    workgroupBarrier();
      ${K}
  }

  if (lr == 0u) {
    ${b.map(k=>`Mk[kp * ${i}u + ${k}u] = m${k};`).join(" ")}
  }
  workgroupBarrier();
  ${Q}
  ${O}
  ${$}
}
`}function Fr(t,e){let o=t/4;return`// ${ko(t,e)}
${e==="f16"?"enable f16;":""}
${bo(e).wgsl}
${ye}
@compute @workgroup_size(${pt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${pt}u + lid;
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Tr(e,`acc * ${Ee("total")}`)};
}
`}function ge(t,e,o,r=4){let s=Math.max(16,o.minStorageBufferOffsetAlignment),n=Math.floor(t*r/s)*s,i=Math.max(4,Math.ceil((e*r-n)/4)*4);return{offset:n,size:i,base:n/r}}function ce(t,e){return t.size<=e.maxStorageBufferBindingSize}function ve(t,e,o,r){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!o(n,1))throw r(n);let a=1,c=i;if(o(n,c))a=c;else for(;c-a>1;){let l=Math.floor((a+c)/2);o(n,l)?a=l:c=l}s.push([n,a]),n+=a}return s}function me(t,e){let o=e.maxComputeWorkgroupsPerDimension;if(t<=o)return[Math.max(1,t),1];let r=Math.ceil(t/o);if(r>o)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${o} x ${o}, the device's 2-D grid limit`);return[Math.ceil(t/r),r]}function ze(t,e){let o=e.maxComputeWorkgroupsPerDimension;return o*o*t}var Qe=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function yo(t){let e=[t.q,t.k,t.v,t.o];return e.every(o=>o==="f32")?"":`:${e.join("")}`}var $n={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32",window:"u32",cap2:"f32",bB:"u32",bH:"u32",bS:"u32"};function Eo(t){let e=t.elements??Qe;return ue({name:"flash",uniforms:$n,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<vec4<${e.k}>>`),v:G("V",`array<vec4<${e.v}>>`),o:ee("O",`array<vec4<${e.o}>>`),table:t.rope?G("T","array<vec2<f32>>"):null,slopes:t.alibi?G("SL","array<f32>"):null,sinks:t.sinks?G("SK","array<f32>"):null,padding:t.padding?G("PD","array<u32>"):null,bias:t.bias?G("BI","array<f32>"):null}})}function Io(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${o}:alibi=${t.alibi}`+yo(t.elements??Qe)+jt(t)}function Ge(t){return Array.from({length:t},(e,o)=>o)}function Lr(t){let e=t.tiles,o=e.headDim/4,r=e.workgroup,s=e.br,n=e.bc,i=o+(e.pad?1:0),a=e.sharedKV?i:o,c=n+1,l=n/e.tn,u=o/e.od4,f=e.sharedKV?"Ks":"Vs",h=t.elements??Qe,A=le("Q",h.q),d=le("K",h.k),m=le("V",h.v),w=[h.q,h.k,h.v,h.o].includes("f16"),b=(g,x)=>`for (var e = lid; e < ${g*o}u; e += ${r}u) {
    let r = e / ${o}u;
    let c = e % ${o}u;
    ${x("r","c")}
  }`,E=t.rope?Ie(t.rope,A,"base","c","P.qTab + b * P.qTabB + pos"):"",I=t.rope?Ie(t.rope,d,"base","c","P.kTab + b * P.kTabB + key"):"",B=b(s,(g,x)=>`let flat = row0 + ${g};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${A(`base + ${x}`)};
      ${E}
    }
    Qs[${g} * ${i}u + ${x}] = x * P.scale2;`),R=b(n,(g,x)=>`let key = k0 + ${g};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${d(`base + ${x}`)};
      ${I}
    }
    Ks[${g} * ${i}u + ${x}] = x;`),q=(g,x)=>`b * P.vB + kvh * P.vH + ${g} * P.vS - P.vOff + ${x}`,D=b(n,(g,x)=>`let key = k0 + ${g};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${m(q("key",x))};
    }
    let bad = isNan4(x);
    if (any(bad)) {
      atomicMax(&NanTile, kt + 1u);
    }
    ${f}[${g} * ${a}u + ${x}] = select(x, vec4<f32>(0.0), bad);`),_=Ge(e.tm),M=Ge(e.tn),P=Ge(e.om),S=Ge(e.od4),T=_.flatMap(g=>M.map(x=>`var s${g}_${x} = 0.0;`)).join(" "),L=Ge(o).map(g=>{let x=_.map(z=>`let q${z} = Qs[qr${z} + ${g}u];`).join(" "),H=M.map(z=>`let k${z} = Ks[kr${z} + ${g}u];`).join(" "),J=_.flatMap(z=>M.map(V=>`s${z}_${V} += dot(q${z}, k${V});`)).join(" ");return`{ ${x} ${H} ${J} }`}).join(`
      `),F=_.flatMap(g=>M.map(x=>{let H=`s${g}_${x}`,J=t.softcap?`${H} = capped(${H}, P.cap2);
      `:"",z=t.alibi?` - sl${g} * f32(abs(qp${g} - i32(key${x})))`:"",V=t.bias?`let b${g}_${x} = BI[br${g} + min(key${x}, P.sk - 1u)];
      `:"",re=t.bias?` + b${g}_${x} * ${Math.LOG2E}`:"",$e=t.padding?` && key${x} >= padB`:"",we=t.bias?` && !biasHides(b${g}_${x})`:"";return`${J}${V}${H} = select(${-1e30}, ${H}${z}${re}, ok${g} && key${x} < P.sk && (P.causal == 0u || i32(key${x}) <= qp${g}) && i32(key${x}) > qp${g} - i32(P.window)${$e}${we});`})).join(`
      `),W=_.map(g=>`Mx[(tr * ${e.tm}u + ${g}u) * ${l}u + tc] = max(${M.map(x=>`s${g}_${x}`).reduce((x,H)=>`max(${x}, ${H})`)}, ${-1e30});`).join(`
      `),K=(g,x)=>`let ${x} = ${Ge(l).map(H=>`Mx[${g} * ${l}u + ${H}u]`).reduce((H,J)=>`max(${H}, ${J})`)};`,Q=_.map(g=>{let x=`(tr * ${e.tm}u + ${g}u)`,H=M.map(J=>`let p${J} = ${je(`s${g}_${J}`,"tmax")};
        Ps[${x} * ${c}u + tc + ${J*l}u] = p${J};`).join(`
        `);return`{
        ${K(x,"tmax")}
        ${H}
        Sm[${x} * ${l}u + tc] = ${M.map(J=>`p${J}`).join(" + ")};
      }`}).join(`
      `),O=P.flatMap(g=>S.map(x=>`var o${g}_${x} = vec4<f32>(0.0);`)).join(" "),$=P.map(g=>t.sinks?`var m${g} = SK[kvh * P.group + (row0 + orow${g}) % P.group]; var l${g} = 1.0;`:`var m${g} = ${-1e30}; var l${g} = 0.0;`).join(" "),k=P.map(g=>{let x=`orow${g}`;return`{
        ${K(x,"tmax")}
        let tsum = ${Ge(l).map(H=>`Sm[${x} * ${l}u + ${H}u]`).join(" + ")};
        let mnew = max(m${g}, tmax);
        let alpha = exp2(m${g} - mnew);
        beta${g} = exp2(tmax - mnew);
        l${g} = l${g} * alpha + tsum * beta${g};
        m${g} = mnew;
        ${S.map(H=>`o${g}_${H} *= alpha;`).join(" ")}
      }`}).join(`
      `),v=`if (atomicLoad(&NanTile) == kt + 1u) {
        for (var kk = 0u; kk < ${n}u; kk++) {
          let key = k0 + kk;
          if (key < P.sk) {
            ${S.map(g=>`let v${g} = ${m(q("key",`oc + ${g*u}u`))};`).join(" ")}
            ${P.map(g=>`{
              let seen = vec4<bool>(Ps[orow${g} * ${c}u + kk] > 0.0);
              ${S.map(x=>`o${g}_${x} = select(o${g}_${x}, v${x}, isNan4(v${x}) & seen);`).join(" ")}
            }`).join(`
            `)}
          }
        }
      }`,y=Ge(n).map(g=>{let x=P.map(z=>`let p${z} = Ps[orow${z} * ${c}u + ${g}u] * beta${z};`).join(" "),H=S.map(z=>`let v${z} = ${f}[${g*a}u + oc + ${z*u}u];`).join(" "),J=P.flatMap(z=>S.map(V=>`o${z}_${V} += p${z} * v${V};`)).join(" ");return`{ ${x} ${H} ${J} }`}).join(`
      `),j=P.map(g=>`{
    let flat = row0 + orow${g};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = ${Ee(`l${g}`)};
      ${S.map(x=>h.o==="f32"?`O[base + ${x*u}u] = o${g}_${x} * inv;`:`O[base + ${x*u}u] = vec4<f16>(o${g}_${x} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),N=_.map(g=>`let flat${g} = row0 + tr * ${e.tm}u + ${g}u;
  let pos${g} = flat${g} / P.group;
  let ok${g} = pos${g} < P.sq;
  let qp${g} = i32(pos${g}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${g} = SL[kvh * P.group + flat${g} % P.group];`:""}${t.bias?`
  let br${g} = b * P.bB + (kvh * P.group + flat${g} % P.group) * P.bH + min(pos${g}, P.sq - 1u) * P.bS;`:""}`).join(`
  `);return`// ${Io(t)}
${w?"enable f16;":""}
${Eo(t).wgsl}
${ye}
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

  ${B}

  let tr = lid / ${l}u;
  let tc = lid % ${l}u;
  ${_.map(g=>`let qr${g} = (tr * ${e.tm}u + ${g}u) * ${i}u;`).join(" ")}
  ${M.map(g=>`let kr${g} = (tc + ${g*l}u) * ${i}u;`).join(" ")}
  ${N}
  let orr = lid / ${u}u;
  let oc = lid % ${u}u;
  ${P.map(g=>`let orow${g} = orr * ${e.om}u + ${g}u;`).join(" ")}
  ${O}
  ${$}
  ${P.map(g=>`var beta${g} = 0.0;`).join(" ")}

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
    ${R}
    ${e.sharedKV?"":D}
    workgroupBarrier();
    {
      ${T}
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
      ${k}
      ${y}
      ${v}
    }
    workgroupBarrier();
  }

  ${j}
}
`}var bn=32*1024*1024,wn=1024;function kn(t,e){return Ot(`rope-table|${e}`,t)}function jr(t,e,o){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${o} bytes; rotate in smaller batches`)}function Be(t,e,o,r){let s=ke(e)*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize),i=ne(e)?null:e;if(i!==null&&r.every(A=>A.positions.kind==="range")){let A=r.map(I=>I.positions.start),d=Math.min(...A),m=Math.max(...r.map((I,B)=>A[B]+I.seq)),w=wn;for(;w<m;)w*=2;if(w*s<=Math.min(bn,n)){let I=kn(i,o),B=t.cached(I,()=>null);if(!B||B.rows<m){let R=Qt(i,{start:0,count:w},o);B={rows:w,buffer:t.upload(R,"rope table")},t.setCached(I,B)}return{buffer:B.buffer,temp:!1,sides:A.map(R=>({tab:R,tabB:0}))}}let b=Math.max(1,m-d);if(b*s>n)throw jr(b,b*s,n);let E=Qt(i,{start:d,count:b},o);return{buffer:t.upload(E,"rope table"),temp:!0,sides:A.map(I=>({tab:I-d,tabB:0}))}}let a=[],c=[],l=0;for(let A of r){let d=A.positions,m=d.kind==="list"?d.list:Float64Array.from({length:A.seq},(w,b)=>d.start+b);c.push({tab:l,tabB:d.kind==="list"&&d.perBatch?A.seq:0}),a.push(m),l+=m.length}let u=new Float64Array(Math.max(1,l)),f=0;for(let A of a)u.set(A,f),f+=A.length;if(u.length*s>n)throw jr(u.length,u.length*s,n);let h=i===null?sr(e,u.subarray(0,l)):Qt(i,u,o);return{buffer:t.upload(h,"rope table"),temp:!0,sides:c}}function zr(t,e,o=Qe){let r=br(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!r)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:fo}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function vo(t,e,o){let r=null,s=null,n=null;if(e.sinks&&(r=t.upload(Float32Array.from(e.sinks,i=>i*Math.LOG2E),"sinks"),o.push(r)),e.leftPadding&&(s=t.upload(e.leftPadding,"left padding"),o.push(s)),e.bias){let i=e.bias.data.byteLength,a=t.limits.maxStorageBufferBindingSize;if(i>a)throw new RangeError(`Invalid bias: its ${i} bytes exceed the device's storage binding limit of ${a} bytes (maxStorageBufferBindingSize); broadcast it over batch or heads, or split the call`);n=t.upload(e.bias.data,"bias"),o.push(n)}return{sinks:r,padding:s,bias:n}}function Bo(t){return{...t.sinks?{sinks:{buffer:t.sinks}}:{},...t.padding?{padding:{buffer:t.padding}}:{},...t.bias?{bias:{buffer:t.bias}}:{}}}function Gr(t,e){return t.pipeline(Io(e),()=>Lr(e))}function Hr(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function Nr(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:l,headDim:u}=e,f={dispatches:[],temps:[]};if(n===0||c===0||l===0)return f;let h=t.limits,A=e.qStrides,d=e.kStrides,m=n*i,w=o.elements??Qe,b=Q=>Q==="f16"?2:4,E=(Q,O,$=b(w.q))=>{let[k,v]=[Math.floor(Q/i),Q%i],y=Q+O-1,[j,N]=[Math.floor(y/i),y%i],g=k*A.batch+v*a*A.heads,x=j*A.batch+(N*a+a-1)*A.heads+(c-1)*A.seq+u;return ge(g,x,h,$)},I=(Q,O)=>E(Q,O,b(w.o)),B=(Q,O,$=b(w.k))=>{let k=Q+O-1,v=Math.floor(Q/i)*d.batch+Q%i*d.heads,y=Math.floor(k/i)*d.batch+k%i*d.heads+(l-1)*d.seq+u;return ge(v,y,h,$)},R=(Q,O)=>B(Q,O,b(w.v)),q=(Q,O)=>(b(w.q)>=b(w.o)?E:I)(Q,O),D=(Q,O)=>(b(w.k)>=b(w.v)?B:R)(Q,O),_=ve(m,h.maxComputeWorkgroupsPerDimension,(Q,O)=>ce(q(Q,O),h)&&ce(D(Q,O),h),Q=>{let O=q(Q,1);return ce(O,h)?Hr("k and v",D(Q,1).size,h.maxStorageBufferBindingSize):Hr("q and the output",O.size,h.maxStorageBufferBindingSize)}),M=null;e.rope&&(M=Be(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:l}]),M.temp&&f.temps.push(M.buffer));let P=null;e.alibi&&(P=t.upload(e.alibi.map(Q=>Q*Math.LOG2E),"alibi slopes"),f.temps.push(P));let S=vo(t,e,f.temps),T=e.bias,L=o.tiles,F=Math.ceil(c*a/L.br),W=h.maxComputeWorkgroupsPerDimension,K=Eo(o);for(let[Q,O]of _){let $=E(Q,O),k=B(Q,O),v=R(Q,O),y=I(Q,O);for(let j=0;j<F;j+=W){let N={sq:c,sk:l,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:F,tileBase:j,unitBase:Q,qB:A.batch/4,qH:A.heads/4,qS:A.seq/4,qOff:$.base/4,kB:d.batch/4,kH:d.heads/4,kS:d.seq/4,kOff:k.base/4,vB:d.batch/4,vH:d.heads/4,vS:d.seq/4,vOff:v.base/4,oB:A.batch/4,oH:A.heads/4,oS:A.seq/4,oOff:y.base/4,qTab:M?.sides[0]?.tab??0,qTabB:M?.sides[0]?.tabB??0,kTab:M?.sides[1]?.tab??0,kTabB:M?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E,window:e.window===null?1073741824:Math.min(e.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:T?.batchStride??0,bH:T?.headStride??0,bS:T?.rowStride??0},g=t.bind(r,K,N,{q:{buffer:s.q,offset:$.offset,size:$.size},k:{buffer:s.k,offset:k.offset,size:k.size},v:{buffer:s.v,offset:v.offset,size:v.size},o:{buffer:s.o,offset:y.offset,size:y.size},...M?{table:{buffer:M.buffer}}:{},...P?{slopes:{buffer:P}}:{},...Bo(S)},f.temps),[x]=me(Math.min(W,F-j),h);f.dispatches.push({pipeline:r,bindGroup:g,grid:[x,O,1]})}}return f}function Kr(t,e,o){let r=e.group*e.qSeq,s=Mr(e.headDim,r,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o,softcap:e.softcap!==null,sinks:e.sinks!==null,padding:e.leftPadding!==null,bias:e.bias!==null}}function Wr(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(wo(e),()=>_r(e)),t.pipeline(ko(o,r),()=>Fr(o,r))])}function Yr(t,e,o,r,s,n=!1){let i=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,i);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (${n?`the ${r} keys of the window`:`the cache length ${r}`}${i<r?` and maxComputeWorkgroupsPerDimension ${i}`:""}), got ${e.splits}`);return dt(r,e.splits)}let a=Math.ceil(e.group*e.qSeq/o.tiles.rb);return Rr(r,e.batch*e.kvHeads*a,s,i)}function mt(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function Ur(t,e,o,r,s,n,i,a){let c={dispatches:[],temps:[]},[l,u]=r,f=t.limits,{kvHeads:h,group:A,qSeq:d,headDim:m}=e,w=m/4,b=A*d,E=o.tiles,I=Math.ceil(b/E.rb),{splits:B,keysPerSplit:R}=n,q=B===1,D=e.qStrides,_=o.elements.q==="f16"?2:4,M=o.elements.o==="f16"?2:4,P=($,k,v)=>{let y=(x,H)=>Math.floor(x/h)*D.batch+H*D.heads,j=$+k-1,N=y($,$%h*A),g=y(j,j%h*A+A-1)+(d-1)*D.seq+m;return ge(N,g,f,v)},S=$=>$*b*B*(w+1)*16,T=null;e.rope&&(T=Be(t,e.rope.frequencies,e.rope.angles,[{positions:mt(e,s.length),seq:d}]),T.temp&&c.temps.push(T.buffer));let L=null;e.alibi&&(L=t.upload(e.alibi.map($=>$*Math.LOG2E),"alibi slopes"),c.temps.push(L));let F=vo(t,{...e,bias:a.bias},c.temps),W=f.maxComputeWorkgroupsPerDimension,K=$o(o),Q=bo(o.elements.o),O=Math.max(1,Math.floor(ze(pt,f)/(b*w)));for(let $ of s.chunks){let k=ve($.n,Math.min(W,O),(v,y)=>ce(P($.u0+v,y,_),f)&&ce(P($.u0+v,y,M),f)&&(q||S(y)<=f.maxStorageBufferBindingSize),v=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${P($.u0+v,1,Math.max(_,M)).size} bytes or their ${B} partial outputs ${S(1)} bytes, more than maxStorageBufferBindingSize (${f.maxStorageBufferBindingSize} bytes)`));for(let[v,y]of k){let j=$.u0+v,N=P(j,y,_),g=P(j,y,M),x=y*b*B*w,H=q?t.dummy():t.scratch(S(y)),J={sq:d,group:A,rows:b,kvHeads:h,len:s.length,first:a.first,slots:s.slots,nsplit:B,keysPerSplit:R,unitBase:j,chunkBase:$.u0,direct:q?1:0,statsOff:x,qB:D.batch/4,qH:D.heads/4,qS:D.seq/4,qOff:N.base/4,oB:D.batch/4,oH:D.heads/4,oS:D.seq/4,oOff:g.base/4,tab:T?.sides[0]?.tab??0,tabB:T?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E,window:a.window===null?1073741824:Math.min(a.window,1073741824),cap2:(e.softcap??1)*Math.LOG2E,bB:a.bias?.batchStride??0,bH:a.bias?.headStride??0,bS:a.bias?.rowStride??0};if(c.dispatches.push({pipeline:l,bindGroup:t.bind(l,K,J,{q:{buffer:i.q,offset:N.offset,size:N.size},k:{buffer:$.k},v:{buffer:$.v},o:{buffer:i.o,offset:g.offset,size:g.size},w:{buffer:H},...T?{table:{buffer:T.buffer}}:{},...L?{slopes:{buffer:L}}:{},...Bo(F)},c.temps),grid:[B,y,I]}),q)continue;let z=y*b*w,[V,re]=me(Math.ceil(z/pt),f),$e={items:z,nsplit:B,rows:b,group:A,kvHeads:h,unitBase:j,statsOff:x,gridX:V,oB:D.batch/4,oH:D.heads/4,oS:D.seq/4,oOff:g.base/4};c.dispatches.push({pipeline:u,bindGroup:t.bind(u,Q,$e,{w:{buffer:H},o:{buffer:i.o,offset:g.offset,size:g.size}},c.temps),grid:[V,re,1]})}}return c}function yn(t){if(t.window!==null)return null;let{relaxed:e,plain:o}=uo(),r=e?new Ye(e,"relaxed-simd"):o?new Ye(o,"simd"):new ut,s=t.headDim+7&-8,n=(t.slots+7&-8)*s,i=t.batch*t.kvHeads*n,a=lt,c=a+i,l=c+i;if(l*4>2**31)return null;try{r.reserve(l)}catch{return null}return{kernel:r,dp:s,kAt:a,vAt:c,headFloats:n,end:l}}var $t=class extends ot{precision="f32";#e;#o;#t;constructor(e,o,r){super(e,o,r);let s=r.batch*r.kvHeads*r.slots*r.headDim;this.#e=new Float32Array(s),this.#o=new Float32Array(s),this.#t=yn(r)}append(e,o,r={}){try{this.live();let s=U("k",e,this.owner),n=U("v",o,this.owner);return this.write(tt(this,s,n,r),s,n),Promise.resolve()}catch(s){return Promise.reject(s)}}write(e,o,r){let{slot:s,skip:n,commit:i}=this.reserve(e),a=Vr(o);e.rope&&(a=de(a,e.rope.frequencies,{layout:e.layout,pairing:e.rope.pairing,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:s}}));let c=Vr(r),l=this.headDim,u=e.strides;for(let f=0;f<this.batch;f++)for(let h=0;h<this.kvHeads;h++)for(let A=n;A<e.n;A++){let d=f*u.batch+h*u.heads+A*u.seq,m=((f*this.kvHeads+h)*this.slots+(s+A)%this.slots)*l;this.#e.set(a.data.subarray(d,d+l),m),this.#o.set(c.data.subarray(d,d+l),m)}this.#r(s,e.n),i()}#r(e,o){let r=this.#t;if(r===null)return;let{dp:s,headFloats:n}=r,i=this.headDim,a=r.kernel.reserve(r.end);for(let c=0;c<this.batch*this.kvHeads;c++){let l=r.kAt+c*n,u=r.vAt+c*n;for(let f=e;f<e+o;f++){let h=(c*this.slots+f)*i,A=l+(f>>3)*s*8+(f&7);for(let d=0;d<i;d++)a[A+8*d]=this.#e[h+d];for(let d=i;d<s;d++)a[A+8*d]=0;a.set(this.#o.subarray(h,h+i),u+f*s),a.fill(0,u+f*s+i,u+(f+1)*s)}}}tensors(e,o=!1,r=this.held().count){let{batch:s,kvHeads:n,headDim:i,slots:a}=this,c=r,l=this.length-c,u=Object.freeze(e==="bhsd"?[s,n,c,i]:[s,c,n,i]),f,h;if(!o&&e==="bhsd"&&c===a&&this.window===null)f=this.#e,h=this.#o;else{f=new Float32Array(s*n*c*i),h=new Float32Array(f.length);for(let d=0;d<s;d++)for(let m=0;m<n;m++){let w=(d*n+m)*a*i;if(e==="bhsd"&&this.window===null){let b=(d*n+m)*c*i;f.set(this.#e.subarray(w,w+c*i),b),h.set(this.#o.subarray(w,w+c*i),b);continue}for(let b=0;b<c;b++){let E=w+(l+b)%a*i,I=e==="bhsd"?((d*n+m)*c+b)*i:((d*c+b)*n+m)*i;f.set(this.#e.subarray(E,E+i),I),h.set(this.#o.subarray(E,E+i),I)}}}let A=this.#t;if(!o&&A!==null){let d={kernel:A.kernel,batch:s,kvHeads:n,headDim:i,length:c,kAt:A.kAt,vAt:A.vAt,headFloats:A.headFloats,end:A.end};gr(f,d)}return{k:{shape:u,data:f},v:{shape:u,data:h}}}download(){try{this.live();let e=Math.min(this.length,this.window??1/0);return Promise.resolve(this.tensors("bhsd",!0,e))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.clear()}destroy(){this.markDestroyed()}};function Vr(t){return t instanceof Z?t.host:t}var En=1<<22,In=8;function Po(){return new Promise(t=>setTimeout(t,0))}function Xr(t){return t.batch*t.heads*t.qSeq*t.kSeq*t.headDim>=En}async function zt(t,e,o,r,s=()=>{}){let n={...t,rope:null},[i,a,c]=e,l=performance.now();for(let{batch:u,kv0:f,kv1:h}of o)for(let A=f;A<h;A++){let d={ranges:[{batch:u,kv0:A,kv1:A+1}],into:r};Oe(n,i,a,c,void 0,d),performance.now()-l>=In&&(await Po(),s(),l=performance.now())}}function Jr(t){return Array.from({length:t.batch},(e,o)=>({batch:o,kv0:0,kv1:t.kvHeads}))}var vn=1<<23;function Bn(t,e){let o=t.batch*t.kvHeads,r=Math.min(e,o),s=[];for(let n=0;n<r;n++){let i=Math.floor(n*o/r),a=Math.floor((n+1)*o/r),c=[];for(let l=i;l<a;){let u=Math.floor(l/t.kvHeads),f=l%t.kvHeads,h=Math.min(t.kvHeads,f+(a-l));c.push({batch:u,kv0:f,kv1:h}),l+=h-f}s.push(c)}return s}function Zr(t,e){let o=t.batch*t.heads*t.qSeq*t.kSeq*t.headDim;return t.bias===null&&e>1&&t.batch*t.kvHeads>1&&o>=vn}function xo(t,e,o,r,s,n,i){let a=new Float32Array((s-r)*n*i),c=0;for(let l=r;l<s;l++){let u=o*e.batch+l*e.heads;if(e.seq===i){a.set(t.subarray(u,u+n*i),c),c+=n*i;continue}for(let f=0;f<n;f++,c+=i){let h=u+f*e.seq;a.set(t.subarray(h,h+i),c)}}return a}function Co(t,e,o){if(!t.rope)return[e,o];let{frequencies:r,pairing:s,angles:n,layout:i}={...t.rope,layout:t.layout};return[de(e,r,{layout:i,pairing:s,angles:n,positions:t.rope.query}),de(o,r,{layout:i,pairing:s,angles:n,positions:t.rope.key})]}function Pn(t,e,o,r,s){let{group:n,qSeq:i,kSeq:a,headDim:c}=t,{batch:l,kv0:u,kv1:f}=e;return{q:xo(o.data,t.qStrides,l,u*n,f*n,i,c),k:xo(r.data,t.kStrides,l,u,f,a,c),v:xo(s.data,t.kStrides,l,u,f,a,c),alibi:t.alibi?t.alibi.slice(u*n,f*n):null,sinks:t.sinks?t.sinks.slice(u*n,f*n):null,pad:t.leftPadding?t.leftPadding[l]:null}}function xn(t,e,o,r){let{group:s,qSeq:n,headDim:i,qStrides:a}=t,c=0;for(let l=e.kv0*s;l<e.kv1*s;l++){let u=e.batch*a.batch+l*a.heads;if(a.seq===i){r.set(o.subarray(c,c+n*i),u),c+=n*i;continue}for(let f=0;f<n;f++,c+=i)r.set(o.subarray(c,c+i),u+f*a.seq)}}function Sn(t){let e=[];for(let o of t)e.push(o.q.buffer,o.k.buffer,o.v.buffer),o.alibi&&e.push(o.alibi.buffer),o.sinks&&e.push(o.sinks.buffer);return e}var So=class{#e;#o=new Map;#t=null;constructor(){this.#e=new Worker(new URL("./_cpu_worker.ts",import.meta.url),{type:"module"}),this.#e.onmessage=e=>{let o=e.data,r=this.#o.get(o.id);r&&(this.#o.delete(o.id),"error"in o?r.reject(new Error(`A CPU attention worker failed: ${o.error}`)):r.resolve(o.outputs))},this.#e.onerror=e=>{e.preventDefault(),this.fail(`A CPU attention worker failed: ${e.message||"an uncaught error"}`)}}get failure(){return this.#t}run(e){return this.#t?Promise.reject(new Error(this.#t)):new Promise((o,r)=>{this.#o.set(e.id,{resolve:o,reject:r}),this.#e.postMessage(e,Sn(e.pieces))})}fail(e){if(!this.#t){this.#t=e,this.#e.terminate();for(let o of this.#o.values())o.reject(new Error(e));this.#o.clear()}}},Gt=class{#e;#o=0;constructor(e){this.#e=new Array(e).fill(void 0)}async attention(e,o,r,s){let[n,i]=Co(e,o,r),a=new Float32Array(o.data.length),c=Object.freeze([...o.shape]),[l,...u]=Bn(e,this.#e.length+1),f={group:e.group,qSeq:e.qSeq,kSeq:e.kSeq,headDim:e.headDim,causal:e.causal,scale:e.scale,window:e.window,softcap:e.softcap},h=u.map((A,d)=>{let m=this.#e[d];(!m||m.failure)&&(m=this.#e[d]=new So);let w={id:this.#o++,...f,pieces:A.map(b=>Pn(e,b,n,i,s))};return m.run(w).then(b=>{A.forEach((E,I)=>xn(e,E,b[I],a))})});return await zt(e,[n,i,s],l,a),await Promise.all(h),{shape:c,data:a}}destroy(e){for(let o of this.#e)o?.fail(e);this.#e.fill(void 0)}};function Cn(t,e){if(e===0)return t;let[o,r,s,n]=t.shape,i=n-e,a=new Float32Array(o*r*s*i);for(let c=0;c<o*r*s;c++)a.set(t.data.subarray(c*n+e,(c+1)*n),c*i);return{shape:[o,r,s,i],data:a}}var Nt=class extends rt{info;cacheClass=$t;#e=!1;#o;#t=null;constructor(e,o=1){super(),this.#o=o,this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e,threads:o})}failure(){return this.#e?At:null}#r(e){return e instanceof Z?e.host:e}#s(e,o){return e instanceof Z?new Z(this,o.shape,o.data,this.alive):o}elementsOf(){return Qe}async runAttention(e){let{plan:o}=e,[r,s,n]=[this.#r(e.q),this.#r(e.k),this.#r(e.v)];if(!Xr(o))return this.#s(e.q,Oe(o,r,s,n));if(await Po(),this.live(),Zr(o,this.#o))return this.#t??=new Gt(this.#o-1),this.#s(e.q,await this.#t.attention(o,r,s,n));let i=new Float32Array(r.data.length);return await zt(o,[...Co(o,r,s),n],Jr(o),i,()=>this.live()),this.#s(e.q,{shape:Object.freeze([...r.shape]),data:i})}async timeAttention(e,o,r,s){let[n,i,a]=e.args,{iterations:c,warmup:l,...u}=s;r&&await this.attention(n,i,a,u);let f=performance.now();for(let h=0;h<o;h++)await this.attention(n,i,a,u);return{seconds:(performance.now()-f)/1e3/o,iterations:o,source:"wall-clock"}}runRope(e){let{x:o,call:r,inPlace:s}=e,n=this.#r(o),i=de(n,r.frequencies,{layout:r.layout,pairing:r.pairing,angles:r.angles,positions:r.positions});return s?(n.data.set(i.data),Promise.resolve(o)):Promise.resolve(this.#s(o,i))}store(e){return new Z(this,e.shape,new Float32Array(e.data),this.alive)}read(e){return Promise.resolve({shape:e.shape,data:new Float32Array(e.host.data)})}idle(){return Promise.resolve()}makeCache(e){return Promise.resolve(new $t(this,this.alive,e))}prepareDecode(e){return e}runDecode(e){return Promise.resolve(this.#s(e.q,this.#n(e)))}#n(e){let{plan:o,cache:r}=e,s=Ft(o,r.length,r.ropeState,r.window),n=this.#r(e.q);o.rope&&(n=de(n,o.rope.frequencies,{layout:o.layout,pairing:o.rope.pairing,angles:o.rope.angles,positions:mt(o,r.length)}));let{k:i,v:a}=r.tensors(o.layout),c=r.held().first,l=Fe(n,i,a,{layout:o.layout,causal:!0,scale:o.scale,...o.alibi?{alibiSlopes:o.alibi}:{},...s.window!==null?{slidingWindow:s.window}:{},...o.sinks?{sinks:o.sinks}:{},...o.softcap!==null?{softcap:o.softcap}:{},...o.leftPadding?{leftPadding:Array.from(o.leftPadding,u=>Math.min(Math.max(0,u-c),r.length-c))}:{},...o.bias?{bias:Cn(o.bias,c)}:{}});return Oe(l,n,i,a)}async timeDecode(e,o,r,s){let n=e.arg,{iterations:i,warmup:a,...c}=s;r&&await this.decode(n,e.cache,c);let l=performance.now();for(let u=0;u<o;u++)await this.decode(n,e.cache,c);return{seconds:(performance.now()-l)/1e3/o,iterations:o,source:"wall-clock",splits:1}}recordedOutput(e,o,r){let s=e.reduce((n,i)=>n*i,1);return new Z(this,e,new Float32Array(s),this.alive).awaitRecording(r)}decodeElement(){return"f32"}runRecording(e,o){let r=[];try{this.live();for(let s of e)this.#a(s,o);for(let s of e)if(s.kind==="attention"){let{plan:n}=s.call,[i,a,c]=[this.#r(s.call.q),this.#r(s.call.k),this.#r(s.call.v)];s.output.host.data.set(Oe(n,i,a,c).data)}else if(s.kind==="rope"){let{x:n,call:i,inPlace:a}=s.request,c=a?n.host.data:s.output.host.data;if(a){let l=c.slice();r.push(()=>c.set(l))}c.set(de(this.#r(n),i.frequencies,{layout:i.layout,pairing:i.pairing,angles:i.angles,positions:i.positions}).data)}else s.kind==="append"?(r.push(s.call.cache.snapshot()),s.call.cache.write(s.call.plan,s.call.k,s.call.v)):s.output.host.data.set(this.#n(s.call).data);return Promise.resolve()}catch(s){for(let n of r.reverse())n();return Promise.reject(s)}}#a(e,o){e.kind==="attention"?this.checkOperands(e.call.args,o):e.kind==="rope"?U("x",e.request.arg,this,o):e.kind==="append"?(e.call.cache.live(),U("k",e.call.args[0],this,o),U("v",e.call.args[1],this,o)):(e.call.cache.live(),U("q",e.call.arg,this,o))}destroy(){this.#e=!0,this.#t?.destroy(`This GpuAttention cannot be used: ${At}`),this.#t=null}};var es="a multiple of 4 from 16 to 256";function qn(t){let e=(t.headDim/4+(t.pad?1:0))*16,o=t.br*e,r=t.kv==="shared"?t.bc*e:t.bc*e*(t.doubleV?3:2),s=t.bc*(t.br+Math.min(t.tm,4))*4,n=t.br*(t.bc/t.tn)*4,i=t.doubleV?8:4;return o+r+s+n+i}function ts(t){return Math.ceil(t.bc*t.headDim/4/t.workgroup)}function Qn(t){let e=t.tm*t.tn+4*t.tm*t.od4,o=4*(t.tm+t.tn),r=ts(t),s=t.prefetch?t.kv==="shared"?4*r:8*r:0;return e+o+s+3*t.tm+24}function Dn(t){let e=t.headDim/4,o=t.bc/t.tn,r=Math.min(t.tm,4),s=2*t.tm*t.tn*t.headDim,n=(t.tm+t.tn)*e+t.bc*(t.tm/r+t.od4),i=t.tm*t.tn*8+t.tm*(o+8)+4*t.tm*t.od4,a=ts(t)*2*4,c=t.kv==="split"&&t.doubleV?3:4,u=(t.prefetch?0:t.kv==="shared"?2:1)*400/Math.max(1,t.workgroup/32),f=c*(20+t.workgroup/8);return s/(s+n+i+a+u+f)}function qo(t,e){return t%e===0}function Mn(t,e,o=256){if(!Number.isInteger(t)||t%4!==0||t<16||t>256)return[];let r=t/4,s=Te[e],n=[];for(let i of[64,128,256])if(!(i>o))for(let a of[1,2,4,8,16,32]){if(!qo(r,a)||!qo(i,a))continue;let c=r/a;for(let l of[1,2,4,8]){let u=i/a*l;if(!(u<8||u>128))for(let f of[1,2,4,8]){let h=a*f;if(!(h<8||h>64))for(let A of["shared","split"])for(let d of A==="split"?[!0,!1]:[!1])for(let m of[!0,!1])for(let w of[!0,!1]){let b={headDim:t,workgroup:i,br:u,bc:h,tm:l,tn:f,od4:c,kv:A,doubleV:d,prefetch:m,pad:w,dChunk:Rn(r),kChunk:Math.min(h,32)},E=qn(b),I=Qn(b);if(E>s||I>160)continue;let B={tier:e,...b,bytes:E},R=[I<=128?1:0,Math.round(Dn(b)*100),h>=32?1:0,i>=128?1:0,w?1:0,-I];n.push({tiles:B,score:R})}}}}return n.sort((i,a)=>On(a.score,i.score)),n.map(i=>i.tiles)}function Rn(t){if(t<=16)return t;for(let e of[8,4,2])if(qo(t,e))return e;return 1}function os(t,e,o=256){return Mn(t,e,o)[0]}function rs(t){let e=`${t.kv}${t.doubleV?"2v":""}${t.prefetch?"+pf":""}`;return`wg${t.workgroup} ${t.br}x${t.bc} t${t.tm}x${t.tn} o${t.od4} ${e}${t.pad?" pad":""} c${t.dChunk}/${t.kChunk}`}function On(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]-e[o];return 0}var Tn={sq:"u32",sk:"u32",group:"u32",kvHeads:"u32",causal:"u32",numTiles:"u32",tileBase:"u32",unitBase:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",qTab:"u32",qTabB:"u32",kTab:"u32",kTabB:"u32",scale2:"f32"};function Kt(t){let e=t.elements;return ue({name:"flash2",uniforms:Tn,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<vec4<${e.k}>>`),v:G("V",`array<vec4<${e.v}>>`),o:ee("O",`array<vec4<${e.o}>>`),table:t.rope?G("T","array<vec2<f32>>"):null,slopes:t.alibi?G("SL","array<f32>"):null}})}function Wt(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash2:d${t.tiles.headDim}:${rs(t.tiles).replaceAll(" ",":")}:rope=${e}:alibi=${t.alibi}${yo(t.elements??Qe)}`}function Ae(t){return Array.from({length:t},(e,o)=>o)}var ss=["x","y","z","w"];function ns(t){let e=t.tiles,o=t.elements,r=e.headDim/4,s=e.workgroup,n=e.br,i=e.bc,a=e.tm,c=e.tn,l=e.od4,u=i/c,f=e.dChunk,h=r/f,A=e.kChunk,d=i/A,m=Math.min(a,4),w=a/m,b=m===1?"f32":`vec${m}<f32>`,E=Math.ceil(i*r/s),I=p=>(p+1)*s>i*r,B=(p,C)=>I(p)?`if (lid + ${p*s}u < ${i*r}u) {
      ${C}
    }`:C,R=n*r/s,q=e.kv==="shared",D=e.doubleV?2:1,_=le("Q",o.q),M=le("K",o.k),P=le("V",o.v),S=[o.q,o.k,o.v,o.o].includes("f16"),T=Ae(a),L=Ae(c),F=Ae(l),W="vec4<f32>(0.0)",K=p=>h===1?"0u":p,Q=p=>d===1?"0u":p,O=Ae(E).map(p=>`let ldr${p} = (lid + ${p*s}u) / ${r}u; let ldc${p} = (lid + ${p*s}u) % ${r}u;
  let ldrg${p} = ${Q(`ldr${p} / ${A}u`)}; let ldrj${p} = ldr${p} % ${A}u;
  let ldcg${p} = ${K(`ldc${p} / ${f}u`)}; let ldcj${p} = ldc${p} % ${f}u;`).join(`
  `),$=(p,C,Y,oe)=>oe.map(be=>{let Ce=`${C}k${be}`,fe=p==="K"?`b * P.kB + kvh * P.kH + min(${Ce}, P.sk - 1u) * P.kS - P.kOff`:`b * P.vB + kvh * P.vH + min(${Ce}, P.sk - 1u) * P.vS - P.vOff`;return`let ${Ce} = ${Y} + ldr${be}; let ${C}x${be} = ${(p==="K"?M:P)(`${fe} + ldc${be}`)};`}).join(`
    `),k=t.rope?Ie(t.rope,M,"base","c","P.kTab + b * P.kTabB + key"):"",v=(p,C,Y,oe,be,Ce="0u")=>{if(p==="V"){let fe=Y.map(qe=>B(qe,`${oe(qe)} = ${C}x${qe};`)).join(`
      `),_e=Y.map(qe=>B(qe,`${oe(qe)} = select(${W}, ${C}x${qe}, ${C}k${qe} < P.sk);`)).join(`
      `),Ks=Y.map(qe=>`${C}x${qe}`).join(" + ");return`if (${be} + ${i}u <= P.sk) {
      ${fe}
    } else {
      ${_e}
    }
    if (!finite4(${Ks})) {
      atomicMax(&Bad[${Ce}], (${be}) / ${i}u + 1u);
    }`}return Y.map(fe=>t.rope?B(fe,`{
      var x = ${C}x${fe};
      let key = ${C}k${fe};
      let c = ldc${fe};
      if (key < P.sk) {
        let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
        ${k}
      }
      ${oe(fe)} = x;
    }`):B(fe,`${oe(fe)} = ${C}x${fe};`)).join(`
    `)},y=p=>`Ks[ldrg${p}][ldrj${p}].g[ldcg${p}][ldcj${p}]`,j=p=>C=>q?y(C):`Vs[${D===1?`ldrg${C}`:d===1?p:`${p} * ${d}u + ldrg${C}`}][ldrj${C}].g[ldcg${C}][ldcj${C}]`,N=p=>D===2?p:"0u",g=(p,C,Y)=>{let oe=[],be=8/p.length;for(let Ce=0;Ce<E;Ce+=be){let fe=Ae(Math.min(be,E-Ce)).map(_e=>Ce+_e);oe.push(`{
    ${p.map(_e=>$(_e,_e==="K"?"ka":"va",C,fe)).join(`
    `)}
    ${p.map(_e=>_e==="K"?v("K","ka",fe,y,C):v("V","va",fe,j(Y),C,N(Y))).join(`
    `)}
  }`)}return oe.join(`
  `)},x=t.rope?Ie(t.rope,_,"base","c","P.qTab + b * P.qTabB + pos"):"",H=Ae(R).map(p=>`{
    let e = lid + ${p*s}u;
    let r = e / ${r}u;
    let c = e % ${r}u;
    let flat = row0 + r;
    let pos = flat / P.group;
    let h = kvh * P.group + flat % P.group;
    let base = b * P.qB + h * P.qH + min(pos, P.sq - 1u) * P.qS - P.qOff;
    var x = ${_("base + c")};
    ${t.rope?`if (pos < P.sq) {
      ${x}
    }`:""}
    Qs[r].g[${K(`c / ${f}u`)}][c % ${f}u] = select(${W}, x, pos < P.sq) * P.scale2;
  }`).join(`
  `),J=(p,C,Y)=>ss.reduce((oe,be)=>`fma(${p}.${be}, ${C}.${be}, ${oe})`,Y),z=(p,C)=>`{ ${T.map(Y=>`let qv${Y} = Qs[qr${Y}].g[${p}][${C}u];`).join(" ")}
        ${L.map(Y=>`let kv${Y} = Ks[kg${Y}][kj${Y}].g[${p}][${C}u];`).join(" ")}
        ${T.flatMap(Y=>L.map(oe=>`s${Y}_${oe} = ${J(`qv${Y}`,`kv${oe}`,`s${Y}_${oe}`)};`)).join(`
        `)} }`,V=p=>Ae(f).map(C=>z(p,C)).join(`
      `),re=h===1?V("0u"):`for (var gd = 0u; gd < ${h}u; gd++) {
      ${V("gd")}
    }`,$e=t.alibi?T.flatMap(p=>L.map(C=>`s${p}_${C} -= sl${p} * f32(abs(qp${p} - i32(ky${C})));`)).join(`
    `):"",we=T.flatMap(p=>L.map(C=>`s${p}_${C} = select(${-1e30}, s${p}_${C}, ky${C} < P.sk && (P.causal == 0u || i32(ky${C}) <= qp${p}));`)).join(`
      `),Ds=T.map(p=>`Mx[qr${p}][tc] = ${L.map(C=>`s${p}_${C}`).reduce((C,Y)=>`max(${C}, ${Y})`)};`).join(`
    `),Ms=p=>Ae(u).map(C=>`Mx[qr${p}][${C}u]`).reduce((C,Y)=>`max(${C}, ${Y})`),Rs=T.map(p=>`{
      let mnew = max(mx${p}, ${Ms(p)});
      let alpha = exp2(mx${p} - mnew);
      mx${p} = mnew;
      ${L.map(C=>`s${p}_${C} = ${je(`s${p}_${C}`,"mnew")};`).join(`
      `)}
      sm${p} = sm${p} * alpha + ${L.map(C=>`s${p}_${C}`).join(" + ")};
      ${F.map(C=>`o${p}_${C} *= alpha;`).join(" ")}
    }`).join(`
    `),Os=(p,C)=>{let Y=Ae(m).map(oe=>`s${p*m+oe}_${C}`);return m===1?Y[0]:`${b}(${Y.join(", ")})`},Ts=L.flatMap(p=>Ae(w).map(C=>`Pt[kg${p}][kj${p}][pr${C}] = ${Os(C,p)};`)).join(`
    `),_s=(p,C)=>q?`Ks[${p}][${C}u]`:`Vs[${D===1?p:d===1?"vb":`vb * ${d}u + ${p}`}][${C}u]`,eo=p=>m===1?`pw${p}`:`pw${Math.floor(p/m)}.${ss[p%m]}`,Fs=(p,C)=>`{ ${Ae(w).map(Y=>`let pw${Y} = Pt[${p}][${C}u][pr${Y}];`).join(" ")}
        ${F.map(Y=>`let vv${Y} = ${_s(p,C)}.g[vg${Y}][vj${Y}];`).join(" ")}
        ${T.flatMap(Y=>F.map(oe=>`o${Y}_${oe} = fma(vec4<f32>(${eo(Y)}), vv${oe}, o${Y}_${oe});`)).join(`
        `)} }`,_o=p=>Ae(A).map(C=>Fs(p,C)).join(`
      `),Ls=d===1?_o("0u"):`for (var gp = 0u; gp < ${d}u; gp++) {
      ${_o("gp")}
    }`,js=q?"Ks[cg][cj]":`Vs[${D===1?"cg":d===1?"vb":`vb * ${d}u + cg`}][cj]`,Hs=`for (var kc = 0u; kc < ${i}u; kc++) {
        let cg = kc / ${A}u;
        let cj = kc % ${A}u;
        ${Ae(w).map(p=>`let pw${p} = Pt[cg][cj][pr${p}];`).join(" ")}
        ${F.map(p=>`let vv${p} = ${js}.g[vg${p}][vj${p}];`).join(" ")}
        ${T.flatMap(p=>F.map(C=>`o${p}_${C} = select(fma(vec4<f32>(${eo(p)}), vv${C}, o${p}_${C}), o${p}_${C}, ${eo(p)} == 0.0);`)).join(`
        `)}
      }`,zs=`if (atomicLoad(&Bad[${N("vb")}]) == kt + 1u) {
      ${Hs}
    } else {
      ${Ls}
    }`,pe=Ae(E),It="",to="",oo="",ro="",vt="",Gs=!(e.kv==="split"&&e.doubleV);q&&!e.prefetch?(It=g(["K"],"0u","0u"),oo=g(["V"],"key0","0u"),vt=g(["K"],`key0 + ${i}u`,"0u")):q?(It=`{
    ${$("K","ka","0u",pe)}
    ${v("K","ka",pe,y,"0u")}
  }`,to=$("V","va","key0",pe),oo=v("V","va",pe,j(""),"key0","0u"),ro=$("K","kn",`key0 + ${i}u`,pe),vt=v("K","kn",pe,y,`key0 + ${i}u`)):e.prefetch?(It=`{
    ${$("K","ka","0u",pe)}
    ${$("V","va","0u",pe)}
    ${v("K","ka",pe,y,"0u")}
    ${v("V","va",pe,j("0u"),"0u",N("0u"))}
  }`,ro=`${$("K","kn",`key0 + ${i}u`,pe)}
    ${$("V","vn",`key0 + ${i}u`,pe)}`,vt=`${v("K","kn",pe,y,`key0 + ${i}u`)}
    ${v("V","vn",pe,j("(vb ^ 1u)"),`key0 + ${i}u`,N("(vb ^ 1u)"))}`):to=g(["K","V"],"key0","vb");let Ns=T.map(p=>`{
    let l = ${Ae(u).map(C=>`Mx[qr${p}][${C}u]`).join(" + ")};
    let flat = row0 + qr${p};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff;
      let inv = ${Ee("l")};
      ${F.map(C=>o.o==="f32"?`O[base + vc${C}] = o${p}_${C} * inv;`:`O[base + vc${C}] = vec4<f16>(o${p}_${C} * inv);`).join(`
      `)}
    }
  }`).join(`
  `);return`// ${Wt(t)}
${S?"enable f16;":""}
${Kt(t).wgsl}
struct TileRow {
  g: array<array<vec4<f32>, ${f}>, ${h}>,${e.pad?`
  pad: vec4<f32>,`:""}
}
var<workgroup> Qs: array<TileRow, ${n}>;
var<workgroup> Ks: array<array<TileRow, ${A}>, ${d}>;
${q?"":`var<workgroup> Vs: array<array<TileRow, ${A}>, ${D*d}>;`}
var<workgroup> Pt: array<array<array<${b}, ${n/m+1}>, ${A}>, ${d}>;
var<workgroup> Mx: array<array<f32, ${u}>, ${n}>;
// Per V buffer: 1 + the last tile whose V held a NaN or an infinity (0: none).
var<workgroup> Bad: array<atomic<u32>, ${D}>;

${ye}
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

  ${H}

  let tr = lid / ${u}u;
  let tc = lid % ${u}u;
  ${T.map(p=>`let qr${p} = tr * ${a}u + ${p}u;
  let qp${p} = i32((row0 + qr${p}) / P.group) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${p} = SL[kvh * P.group + (row0 + qr${p}) % P.group];`:""}`).join(`
  `)}
  ${L.map(p=>`let kl${p} = tc + ${p*u}u; let kg${p} = ${Q(`kl${p} / ${A}u`)}; let kj${p} = kl${p} % ${A}u;`).join(`
  `)}
  ${F.map(p=>`let vc${p} = tc + ${p*u}u; let vg${p} = ${K(`vc${p} / ${f}u`)}; let vj${p} = vc${p} % ${f}u;`).join(`
  `)}
  ${Ae(w).map(p=>`let pr${p} = tr * ${w}u + ${p}u;`).join(" ")}
  ${O}
  ${T.map(p=>`var mx${p} = ${-1e30}; var sm${p} = 0.0;`).join(" ")}
  ${T.flatMap(p=>F.map(C=>`var o${p}_${C} = ${W};`)).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${n}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${i-1}u) / ${i}u;
  // The first row's last visible key: tiles past it need the causal mask.
  let minQp = i32(row0 / P.group) + i32(P.sk) - i32(P.sq);
  ${It}
  for (var kt = 0u; kt < tiles; kt++) {
    let key0 = kt * ${i}u;
    let vb = ${D===2?"kt & 1u":"0u"};
    ${to}
    workgroupBarrier();
    ${T.flatMap(p=>L.map(C=>`var s${p}_${C} = 0.0;`)).join(" ")}
    ${re}
    ${L.map(p=>`let ky${p} = key0 + kl${p};`).join(" ")}
    ${$e}
    if (key0 + ${i}u > P.sk || (P.causal != 0u && i32(key0) + ${i-1} > minQp)) {
      ${we}
    }
    ${Ds}
    workgroupBarrier();
    ${oo}
    ${Rs}
    ${Ts}
    workgroupBarrier();
    ${ro}
    ${zs}
    ${Gs?"workgroupBarrier();":""}
    ${vt}
  }

  ${T.map(p=>`Mx[qr${p}][tc] = sm${p};`).join(" ")}
  workgroupBarrier();
  ${Ns}
}
`}var _n=new Set(["layout","batch","heads","kvHeads","group","qSeq","kSeq","headDim","qShape","qStrides","kStrides","causal","scale","rope","alibi"]);function Fn(t){return t==null||t===!1||t===0}function Ln(t,e,o,r){for(let[n,i]of Object.entries(e))if(!_n.has(n)&&!Fn(i))return`the option behind plan field ${n} is not implemented by flash2`;let s=r??os(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);return s?{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}:`head dim ${e.headDim} has no flash2 tiles on tier ${t.tier} (${es}, within the tier's workgroup storage)`}function jn(t,e){return t.pipeline(Wt(e),()=>ns(e))}function is(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function Hn(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:l,headDim:u}=e,f={dispatches:[],temps:[]};if(n===0||c===0||l===0)return f;let h=t.limits,A=e.qStrides,d=e.kStrides,m=o.elements,w=P=>P==="f16"?2:4,b=(P,S,T)=>{let L=T==="q"?A:d,F=T==="q"?a:1,W=T==="q"?c:l,K=P+S-1,Q=(O,$)=>Math.floor(O/i)*L.batch+(O%i*F+$)*L.heads;return[Q(P,0),Q(K,F-1)+(W-1)*L.seq+u]},E=(P,S,T,L)=>{let[F,W]=b(P,S,T);return ge(F,W,h,w(L))},I=(P,S)=>w(P)>=w(S)?P:S,B=ve(n*i,h.maxComputeWorkgroupsPerDimension,(P,S)=>ce(E(P,S,"q",I(m.q,m.o)),h)&&ce(E(P,S,"k",I(m.k,m.v)),h),P=>{let S=E(P,1,"q",I(m.q,m.o));return ce(S,h)?is("k and v",E(P,1,"k",I(m.k,m.v)).size,h.maxStorageBufferBindingSize):is("q and the output",S.size,h.maxStorageBufferBindingSize)}),R=null;e.rope&&(R=Be(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:l}]),R.temp&&f.temps.push(R.buffer));let q=null;e.alibi&&(q=t.upload(e.alibi.map(P=>P*Math.LOG2E),"alibi slopes"),f.temps.push(q));let D=Math.ceil(c*a/o.tiles.br),_=h.maxComputeWorkgroupsPerDimension,M=Kt(o);for(let[P,S]of B){let T=E(P,S,"q",m.q),L=E(P,S,"q",m.o),F=E(P,S,"k",m.k),W=E(P,S,"k",m.v);for(let K=0;K<D;K+=_){let Q={sq:c,sk:l,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:D,tileBase:K,unitBase:P,qB:A.batch/4,qH:A.heads/4,qS:A.seq/4,qOff:T.base/4,kB:d.batch/4,kH:d.heads/4,kS:d.seq/4,kOff:F.base/4,vB:d.batch/4,vH:d.heads/4,vS:d.seq/4,vOff:W.base/4,oB:A.batch/4,oH:A.heads/4,oS:A.seq/4,oOff:L.base/4,qTab:R?.sides[0]?.tab??0,qTabB:R?.sides[0]?.tabB??0,kTab:R?.sides[1]?.tab??0,kTabB:R?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},O=t.bind(r,M,Q,{q:{buffer:s.q,offset:T.offset,size:T.size},k:{buffer:s.k,offset:F.offset,size:F.size},v:{buffer:s.v,offset:W.offset,size:W.size},o:{buffer:s.o,offset:L.offset,size:L.size},...R?{table:{buffer:R.buffer}}:{},...q?{slopes:{buffer:q}}:{}},f.temps),[$]=me(Math.min(_,D-K),h);f.dispatches.push({pipeline:r,bindGroup:O,grid:[$,S,1]})}}return f}async function as(t,e,o){let r=Ln(t,e,o);if(typeof r=="string")return null;let s=await jn(t,r);return n=>Hn(t,e,r,s,n)}var zn=128,Gn=16,Nn=8;function Kn(t){let e=t.tk*(t.de+1)*16,o=t.rb*(t.headDim/4)*16,r=t.tk*t.rb*4,s=t.rb*4;return e+o+r+s}function cs(t,e,o,r,s=256){let n=o==="f16"?8:4;if(!Number.isInteger(t)||t%n!==0||t<n||t>512)return`the keys kernel reads ${o} rows in 16-byte units of ${n} dims, so it needs a head dim that is a multiple of ${n} up to 512, got ${t}`;let i=t/n,a=Math.min(zn,s);if(i>a)return`a row of ${i} load units needs more than the ${a} invocations per workgroup`;let c=Math.floor(a/i),l=c*i,u=Math.max(1,Math.min(e,Nn)),f=Te[r];for(let h=u;h>=1;h--){let A;for(let d=Math.min(l,c*Gn);d>=c;d-=c){let m=Kn({headDim:t,de:i,tk:d,rb:h});if(m>f)continue;let w=Math.ceil(h/Math.max(1,Math.floor(l/d))),b=Math.ceil(h/w),E={headDim:t,kv:o,e:n,de:i,wg:l,kg:c,tk:d,vk:d/c,rb:h,sg:b,rh:w,bytes:m};if(d%32===0||d<32)return E;A??=E}if(A)return A}return`no tile of keys fits ${f} bytes of workgroup storage (tier ${r}) at head dim ${t}`}var Wn=256,Yn=1024,Un=4;function us(t,e,o,r,s){let n=Un*Math.max(1,o),i=Math.ceil(t*Math.max(1,e)/n),a=Math.min(Yn,Math.max(Wn,i)),c=Math.ceil(a/s)*s,l=Math.max(1,Math.ceil(t/c));return l>r&&(l=r,c=Math.ceil(t/l)),l===1?{splits:1,keysPerSplit:Math.max(1,t)}:{splits:Math.ceil(t/c),keysPerSplit:c}}var Vn={sq:"u32",group:"u32",rows:"u32",kvHeads:"u32",len:"u32",nsplit:"u32",keysPerSplit:"u32",unitBase:"u32",chunkBase:"u32",lmaxU:"u32",direct:"u32",statsOff:"u32",qB:"u32",qH:"u32",qS:"u32",qOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",scale2:"f32"},Xn={items:"u32",nsplit:"u32",rows:"u32",group:"u32",kvHeads:"u32",unitBase:"u32",statsOff:"u32",gridX:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32"};function ls(t){return t.kv==="f16"?"vec4<u32>":"vec4<f32>"}function Qo(t){let e=t.elements,o=ls(t.tiles);return ue({name:"decode keys",uniforms:Vn,bindings:{q:G("Q",`array<vec4<${e.q}>>`),k:G("K",`array<${o}>`),v:G("V",`array<${o}>`),o:ee("O",`array<vec4<${e.o}>>`),w:ee("W","array<vec4<f32>>"),table:t.rope?G("T","array<vec2<f32>>"):null,slopes:t.alibi?G("SL","array<f32>"):null}})}function Do(t){return ue({name:"decode keys merge",uniforms:Xn,bindings:{w:G("W","array<vec4<f32>>"),o:ee("O",`array<vec4<${t}>>`)}})}function Mo(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode-keys:d${e.headDim}:${e.kv}:wg${e.wg}:tk${e.tk}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function bt(t){let e=t/4,o=[8,4,2,1].find(s=>e%s===0),r=256/o;return{chunks:o,lanes:r,blocks:e/o,workgroup:256}}function Ro(t,e){return`decode-keys-merge:d${t}:${e}`}function Ue(t){return Array.from({length:t},(e,o)=>o)}function fs(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function Jn(t){return[4,2,1].find(e=>t%e===0)}function hs(t){let e=t.tiles,{wg:o,tk:r,rb:s,de:n,kg:i,vk:a,sg:c,rh:l}=e,u=e.headDim/4,f=e.e/4,h=n+1,A=t.elements,d=le("Q",A.q),m=[A.q,A.o].includes("f16"),w=Ue(s),b=Ue(f),E=e.kv==="f16",I=($,k)=>E?`vec4<f32>(unpack2x16float(${$}.${"xz"[k]}), unpack2x16float(${$}.${"yw"[k]}))`:$,B=t.rope?Ie(t.rope,d,"base","cc","P.tab + b * P.tabB + tq"):"",R=Ue(a).map($=>`let ki${$} = kvBase + min(k0 + g + ${$*i}u, kEnd - 1u) * ${n}u + c;
    Ks[(g + ${$*i}u) * ${h}u + c] = K[ki${$}];
    let v${$} = V[ki${$}];`).join(`
    `),q=Ue(l),D=c*l!==s,_=$=>c===1?`${$}u`:`(rg * ${l}u + ${$}u)`,M=$=>D?`min(${_($)}, ${s-1}u)`:_($),P=Jn(n),S=Ue(P).map($=>{let k=b.map(y=>`let x${$}_${y} = ${I(`Ks[kr + u + ${$}u]`,y)};`).join(" "),v=q.map(y=>`s${y} += ${b.map(j=>`dot(Qs[${M(y)} * ${u}u + (u + ${$}u) * ${f}u + ${j}u], x${$}_${j})`).join(" + ")};`).join(" ");return`${k}
        ${v}`}).join(`
        `),T=t.alibi?"s -= SL[kvh * P.group + min(f, P.rows - 1u) % P.group] * f32(i32(qp) - i32(key));":"",L=q.map($=>`{
        let row = ${_($)};
        let f = row0 + row;
        let qp = P.len - P.sq + f / P.group;
        var s = s${$};
        ${T}
        s${$} = select(${-1e30}, s, key < kEnd && f < P.rows && key <= qp);
        ${D?`if (row < ${s}u && `:"if ("}s${$} > unordered(atomicLoad(&Mx[row]))) {
          atomicMax(&Mx[row], ordered(s${$}));
        }
      }`).join(`
      `),F=w.map($=>`{
      let mn = unordered(atomicLoad(&Mx[${$}u]));
      let al = exp2(m${$} - mn);
      m${$} = mn;
      l${$} *= al;
      ${b.map(k=>`a${$}_${k} *= al;`).join(" ")}
    }`).join(`
    `),W=q.map($=>{let k=`Ps[kl * ${s}u + row] = ${je(`s${$}`,c===1?`m${$}`:"unordered(atomicLoad(&Mx[row]))")};`;return`{
        let row = ${_($)};
        ${D?`if (row < ${s}u) { ${k} }`:k}
      }`}).join(`
      `),K=Ue(a).map($=>`{
      let pb = (g + ${$*i}u) * ${s}u;
      ${b.map(k=>`let w${k} = ${I(`v${$}`,k)};`).join(" ")}
      ${w.map(k=>`{ let pr = Ps[pb + ${k}u]; l${k} += pr; ${b.map(v=>`a${k}_${v} += select(pr * w${v}, vec4<f32>(0.0), pr == 0.0);`).join(" ")} }`).join(`
      `)}
    }`).join(`
    `),Q=w.map($=>b.map(k=>{let v=`${$*u}u + c * ${f}u + ${k}u`;return`Qs[${v}] = a${$}_${k} + select(vec4<f32>(0.0), Qs[${v}], gi > 0u);`}).join(" ")).join(`
      `),O=w.map($=>`Ps[${$}u] = l${$} + select(0.0, Ps[${$}u], gi > 0u);`).join(" ");return`// ${Mo(t)}
${m?"enable f16;":""}
${Qo(t).wgsl}
${ye}
var<workgroup> Ks: array<${ls(e)}, ${r*h}>;
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
  ${w.map($=>`var m${$} = ${-1e30}; var l${$} = 0.0;`).join(`
  `)}
  ${q.map($=>`var s${$} = 0.0;`).join(" ")}
  let kl = lid % ${r}u; // the score invocation's key in the tile
  let rg = lid / ${r}u; // and its group of rows
  ${w.flatMap($=>b.map(k=>`var a${$}_${k} = vec4<f32>(0.0);`)).join(" ")}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${s}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  workgroupBarrier();
  for (var k0 = kBegin; k0 < kEnd; k0 += ${r}u) {
    ${R}
    workgroupBarrier();
    if (lid < ${r*c}u) {
      ${q.map($=>`s${$} = 0.0;`).join(" ")}
      let kr = kl * ${h}u;
      for (var u = 0u; u < ${n}u; u += ${P}u) {
        ${S}
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
  for (var gi = 0u; gi < ${i}u; gi++) {
    if (g == gi) {
      ${Q}
      if (c == 0u) {
        ${O}
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
        O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + cc] = ${fs(A.o,`Qs[i] * ${Ee("total")}`)};
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
`}function As(t,e){let o=t/4,{chunks:r,lanes:s,workgroup:n,blocks:i}=bt(t),a=Ue(4),c=`vec4<f32>(${-1e30}, 0.0, 0.0, 0.0)`,l=[];for(let u=s/2;u>=1;u/=2)l.push(`if (sl < ${u}u) {
    let other = lid + ${u*r}u;
    let x = Sm[lid];
    let y = Sm[other];
    let mx = max(x.x, y.x);
    let wx = exp2(x.x - mx);
    let wy = exp2(y.x - mx);
    Am[lid] = Am[lid] * wx + Am[other] * wy;
    Sm[lid] = vec2<f32>(mx, x.y * wx + y.y * wy);
  }
  workgroupBarrier();`);return`// ${Ro(t,e)}
${e==="f16"?"enable f16;":""}
${Do(e).wgsl}
${ye}
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
    O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + c] = ${fs(e,`Am[lid] * ${Ee("total")}`)};
  }
}
`}function ds(t,e,o){let r=cs(e.headDim,e.group*e.qSeq,o.kv,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(typeof r=="string")return r;let s=bt(e.headDim).workgroup;if(s>t.limits.maxComputeInvocationsPerWorkgroup)return`its merge kernel needs ${s} invocations per workgroup`;let n=e.group*e.qSeq,i=t.limits.maxComputeWorkgroupsPerDimension;return Math.ceil(n/r.rb)>i||n*bt(e.headDim).blocks>i*i?`${n} query rows per KV head exceed its grid (maxComputeWorkgroupsPerDimension ${i})`:{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function ps(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(Mo(e),()=>hs(e)),t.pipeline(Ro(o,r),()=>As(o,r))])}function gs(t,e,o,r,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let c=Math.min(r,n);if(e.splits>c)throw new RangeError(`Invalid splits: expected at most ${c} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return dt(r,e.splits)}let i=o.tiles,a=Math.ceil(e.group*e.qSeq/i.rb);return us(r,e.batch*e.kvHeads*a,s,n,i.tk)}function ms(t,e,o,r,s,n,i){let a={dispatches:[],temps:[]},[c,l]=r,u=t.limits,{kvHeads:f,group:h,qSeq:A,headDim:d}=e,m=d/4,w=h*A,b=o.tiles,E=Math.ceil(w/b.rb),{splits:I,keysPerSplit:B}=n,R=I===1,q=e.qStrides,D=o.elements.q==="f16"?2:4,_=o.elements.o==="f16"?2:4,M=(O,$,k)=>{let v=(g,x)=>Math.floor(g/f)*q.batch+x*q.heads,y=O+$-1,j=v(O,O%f*h),N=v(y,y%f*h+h-1)+(A-1)*q.seq+d;return ge(j,N,u,k)},P=O=>O*w*I*(m+1)*16,S=null;e.rope&&(S=Be(t,e.rope.frequencies,e.rope.angles,[{positions:mt(e,s.length),seq:A}]),S.temp&&a.temps.push(S.buffer));let T=null;e.alibi&&(T=t.upload(e.alibi.map(O=>O*Math.LOG2E),"alibi slopes"),a.temps.push(T));let L=u.maxComputeWorkgroupsPerDimension,F=Qo(o),W=Do(o.elements.o),K=bt(d).blocks,Q=Math.max(1,Math.floor(L*L/(w*K)));for(let O of s.chunks){let $=ve(O.n,Math.min(L,Q),(k,v)=>ce(M(O.u0+k,v,D),u)&&ce(M(O.u0+k,v,_),u)&&(R||P(v)<=u.maxStorageBufferBindingSize),k=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${M(O.u0+k,1,Math.max(D,_)).size} bytes or their ${I} partial outputs ${P(1)} bytes, more than maxStorageBufferBindingSize (${u.maxStorageBufferBindingSize} bytes)`));for(let[k,v]of $){let y=O.u0+k,j=M(y,v,D),N=M(y,v,_),g=v*w*I*m,x=t.dummy();R||(x=t.buffer(P(v),"decode partials"),a.temps.push(x));let H={sq:A,group:h,rows:w,kvHeads:f,len:s.length,nsplit:I,keysPerSplit:B,unitBase:y,chunkBase:O.u0,lmaxU:s.slots*b.de,direct:R?1:0,statsOff:g,qB:q.batch/4,qH:q.heads/4,qS:q.seq/4,qOff:j.base/4,oB:q.batch/4,oH:q.heads/4,oS:q.seq/4,oOff:N.base/4,tab:S?.sides[0]?.tab??0,tabB:S?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E};if(a.dispatches.push({pipeline:c,bindGroup:t.bind(c,F,H,{q:{buffer:i.q,offset:j.offset,size:j.size},k:{buffer:O.k},v:{buffer:O.v},o:{buffer:i.o,offset:N.offset,size:N.size},w:{buffer:x},...S?{table:{buffer:S.buffer}}:{},...T?{slopes:{buffer:T}}:{}},a.temps),grid:[I,v,E]}),R)continue;let J=v*w*K,[z,V]=me(J,u),re={items:J,nsplit:I,rows:w,group:h,kvHeads:f,unitBase:y,statsOff:g,gridX:z,oB:q.batch/4,oH:q.heads/4,oS:q.seq/4,oOff:N.base/4};a.dispatches.push({pipeline:l,bindGroup:t.bind(l,W,re,{w:{buffer:x},o:{buffer:i.o,offset:N.offset,size:N.size}},a.temps),grid:[z,V,1]})}}return a}function Zn(t,e){let o=t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null;return o?`it does not take ${o}`:e!==null?"it does not read a window cache's ring":null}function $s(t,e,o,r=null){let s=null;if(e.kernel==="keys"){let n=Zn(e,r)??ds(t,e,o);if(typeof n!="string")return{kernel:"keys",params:n};s=n}return{kernel:"split",params:Kr(t,e,o),fallback:s}}function wt(t,e){return e.kernel==="keys"?ps(t,e.params):Wr(t,e.params)}function bs(t,e,o,r,s,n,i,a){if(o.kernel==="keys"){let f=gs(t,e,o.params,s.length,n);return{job:ms(t,e,o.params,r,s,f,i),splits:f.splits}}let c=s.length-a.first,l=Yr(t,e,o.params,c,n,a.window!==null);return{job:Ur(t,e,o.params,r,s,l,i,a),splits:l.splits}}var ws=new Float32Array(1),ei=new Uint32Array(ws.buffer);function ti(t){ws[0]=t;let e=ei[0],o=e>>>16&32768,r=e>>>23&255,s=e&8388607;if(r===255)return o|31744|(s!==0?512:0);let n=r-112;if(n>=31)return o|31744;if(n<=0){if(n<-10)return o;s|=8388608;let c=14-n,l=s>>>c,u=s&(1<<c)-1,f=1<<c-1;return(u>f||u===f&&(l&1)===1)&&l++,o|l}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,o|i}function ks(t){let e=(t&32768)!==0?-1:1,o=t>>>10&31,r=t&1023;return o===0?e*r*2**-24:o===31?r!==0?NaN:e*(1/0):e*(1+r/1024)*2**(o-15)}function Oo(t){let e=new Uint16Array(t.length+t.length%2);for(let o=0;o<t.length;o++)e[o]=ti(t[o]);return e}function Yt(t,e=t.length){let o=new Float32Array(e);for(let r=0;r<e;r++)o[r]=ks(t[r]);return o}var Se=64;function ys(){return Float32Array.from({length:Se},(t,e)=>(e-31)*.125)}var oi=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${Se/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function ri(t,e){let o=ys();for(let r=0;r<Se;r++){let s=o[r]*3+.25,n=t[r],i=e[r]===void 0?void 0:ks(e[r]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${r} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${Se} values was exact`}}async function Es(t){let n=[],i=(a,c)=>{let l=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(l),l};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:oi,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),l=i(Se*2,136),u=i(Se*4,132),f=i(Se*2,132),h=i(Se*4,9),A=i(Se*2,9),d=Oo(ys());t.queue.writeBuffer(l,0,d.buffer,d.byteOffset,d.byteLength);let m=t.createCommandEncoder(),w=m.beginComputePass();w.setPipeline(c),w.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[l,u,f].map((B,R)=>({binding:R,resource:{buffer:B}}))})),w.dispatchWorkgroups(1),w.end(),m.copyBufferToBuffer(u,0,h,0,Se*4),m.copyBufferToBuffer(f,0,A,0,Se*2),t.queue.submit([m.finish()]),await Promise.all([h.mapAsync(1),A.mapAsync(1)]);let b=new Float32Array(h.getMappedRange().slice(0)),E=new Uint16Array(A.getMappedRange().slice(0)),I=await t.popErrorScope();return I?{available:!1,detail:`the shader-f16 self-test was rejected: ${I.message}`}:ri(b,E)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var Ut=256,si={items:"u32",kvHeads:"u32",unitBase:"u32",chunkBase:"u32",slot:"u32",slots:"u32",lmax4:"u32",gridX:"u32",kB:"u32",kH:"u32",kS:"u32",kOff:"u32",vB:"u32",vH:"u32",vS:"u32",vOff:"u32",tab:"u32",tabB:"u32",tokBase:"u32",tokCount:"u32"};function Is(t){return ue({name:"kv append",uniforms:si,bindings:{k:G("K",`array<vec4<${t.k}>>`),v:G("V",`array<vec4<${t.v}>>`),kc:ee("KC",`array<vec4<${t.cache}>>`),vc:ee("VC",`array<vec4<${t.cache}>>`),table:t.rope?G("T","array<vec2<f32>>"):null}})}function vs(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function ni(t){let e=t.headDim/4,o=le("K",t.k),r=le("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=a=>t.cache==="f32"?a:`vec4<f16>(${a})`,i=t.rope?Ie(t.rope,o,"base","c","P.tab + b * P.tabB + s"):"";return`// ${vs(t)}
${s?"enable f16;":""}
${Is(t).wgsl}
@compute @workgroup_size(${Ut})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ut}u + lid;
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
`}function Vt(t,e){return t.pipeline(vs(e),()=>ni(e))}function Bs(t,e,o,r,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,l=o.headDim,u=l/4;if(a===0)return i;let f=t.limits,h=o.k==="f16"?2:4,A=o.v==="f16"?2:4,d=(B,R,q)=>{let D=B+R-1,_=M=>Math.floor(M/e.kvHeads)*c.batch+M%e.kvHeads*c.heads;return ge(_(B)+e.skip*c.seq,_(D)+(a-1)*c.seq+l,f,q)},m=null;e.rope&&(m=Be(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),m.temp&&i.temps.push(m.buffer));let w=ze(Ut,f),b=Math.min(a-e.skip,Math.max(1,Math.floor(w/u))),E=Math.max(1,Math.floor(w/(b*u))),I=Is(o);for(let B of n){let R=ve(B.n,E,(q,D)=>ce(d(B.u0+q,D,h),f)&&ce(d(B.u0+q,D,A),f),q=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${d(B.u0+q,1,Math.max(h,A)).size} bytes, more than maxStorageBufferBindingSize (${f.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[q,D]of R)for(let _=e.skip;_<a;_+=b){let M=Math.min(b,a-_),P=B.u0+q,S=d(P,D,h),T=d(P,D,A),L=D*M*u,[F,W]=me(Math.ceil(L/Ut),f),K={items:L,kvHeads:e.kvHeads,unitBase:P,chunkBase:B.u0,slot:e.slot,slots:e.slots,lmax4:e.slots*u,gridX:F,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:S.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:T.base/4,tab:m?.sides[0]?.tab??0,tabB:m?.sides[0]?.tabB??0,tokBase:_,tokCount:M},Q=t.bind(r,I,K,{k:{buffer:s.k,offset:S.offset,size:S.size},v:{buffer:s.v,offset:T.offset,size:T.size},kc:{buffer:B.k},vc:{buffer:B.v},...m?{table:{buffer:m.buffer}}:{}},i.temps);i.dispatches.push({pipeline:r,bindGroup:Q,grid:[F,W,1]})}}return i}var Xt=class{#e=Promise.resolve();hold(){let e=this.#e,o,r=new Promise(s=>o=s);return this.#e=e.then(()=>r),{ready:e,release:o}}run(e,o){let r=this.#e,s,n=new Promise(i=>s=i);return this.#e=r.then(()=>n),(async()=>{try{let i=await e();return await r,await o(i)}finally{s()}})()}};function st(t){return t instanceof Z&&t.dtype==="float16"?"f16":"f32"}var ii="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",kt=class t extends ot{precision;chunks;#e;#o=new Xt;#t=0;constructor(e,o,r,s,n,i){super(o,r,s),this.#e=e,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,o,r,s,n){let i=n==="f16"?2:4,a=s.slots*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c){let A=s.window===null?`maxLength ${s.maxLength}`:`${s.slots} slots (window ${s.window} + ${s.slots-s.window})`;throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of ${A} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller ${s.window===null?"maxLength":"window"}, precision "f16", or several caches`)}let l=s.batch*s.kvHeads,u=Math.floor(c/a),f=2*l*a,h=[];return await e.guarded(`allocating the KV cache (${f} bytes)`,()=>{for(let A=0;A<l;A+=u){let d=Math.min(u,l-A);h.push({u0:A,n:d,k:e.buffer(d*a,"kv cache keys"),v:e.buffer(d*a,"kv cache values")})}}).catch(A=>{for(let d of h)d.k.destroy(),d.v.destroy();throw A}),new t(e,o,r,s,n,h)}view(){return{batch:this.batch,kvHeads:this.kvHeads,slots:this.slots,length:this.length,chunks:this.chunks}}schedule(e,o,r){let s=this.#t;return this.#o.run(o,n=>(this.#r(e,s),r(n)))}hold(e){let o=this.#t;return{...this.#o.hold(),check:()=>this.#r(e,o)}}#r(e,o){if(this.live(),o!==this.#t)throw new Error(`This ${e} ${ii}`)}appendParams(e,o,r){return{headDim:this.headDim,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,k:st(o),v:st(r),cache:this.precision}}appendJobNow(e,o,r,s,n){let i=this.#e,{slot:a,skip:c,commit:l}=this.reserve(e);if(e.n===0)return{job:null,commit:()=>{}};let u=[],f=(h,A)=>{if(h instanceof Z)return h.buffer;let d=i.upload(h.data,A);return u.push(d),d};try{let h={k:f(s,"k"),v:f(n,"v")},A={kvHeads:this.kvHeads,slots:this.slots,n:e.n,skip:c,slot:a,strides:e.strides,rope:e.rope?{frequencies:e.rope.frequencies,angles:e.rope.angles,positions:e.rope.positions??{kind:"range",start:a}}:null},d=Bs(i,A,o,r,h,this.chunks);return d.temps.push(...u),{job:d,commit:l}}catch(h){for(let A of u)i.recycle(A);throw h}}append(e,o,r={}){try{this.live();let s=this.#e,n=U("k",e,this.owner),i=U("v",o,this.owner),a=tt(this,n,i,r),c=this.appendParams(a,n,i);return this.schedule("append",()=>Vt(s,c),async l=>{U("k",e,this.owner),U("v",o,this.owner);let u=()=>{};await s.submitting("the KV-cache append",()=>{let f=this.appendJobNow(a,c,l,n,i);u=f.commit,f.job&&s.submit(f.job)}),u()})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,o=this.headDim,r=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let u=Math.min(this.length,this.window??1/0),f=this.length-u,h=u*o*r;if(u===0)return{length:u,target:null,bytes:0};let A=o*r,d=f%this.slots,m=Math.min(u,this.slots-d),w=[];for(let E of["k","v"])for(let I of this.chunks)for(let B=0;B<I.n;B++){let R=B*this.slots*A;w.push({buffer:I[E],offset:R+d*A,size:m*A}),m<u&&w.push({buffer:I[E],offset:R,size:(u-m)*A})}let b=await e.guarded("the KV-cache download",()=>e.gather(w));return{length:u,target:b,bytes:2*s*h}}),i=Object.freeze([this.batch,this.kvHeads,n.length,o]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,l=u=>this.precision==="f16"?Yt(new Uint16Array(u)):new Float32Array(u);return{k:{shape:i,data:l(a.slice(0,c))},v:{shape:i,data:l(a.slice(c))}}}reset(){this.live(),this.#t++,this.clear()}destroy(){if(this.markDestroyed()){this.#t++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var Xe=256,Ve=64,To={rowBase:"u32",rows:"u32",sq:"u32",sk:"u32",heads:"u32",group:"u32",causal:"u32",alibi:"u32",qB:"u32",qH:"u32",qS:"u32",dim:"u32",kB:"u32",kH:"u32",kS:"u32",gridX:"u32",scale:"f32"},Ne="array<f32>",nt={scores:ue({name:"naive scores",uniforms:To,bindings:{q:G("Q",Ne),k:G("K",Ne),slopes:G("SL",Ne),scores:ee("S",Ne)}}),softmax:ue({name:"naive softmax",uniforms:To,bindings:{scores:ee("S",Ne)}}),pv:ue({name:"naive pv",uniforms:To,bindings:{scores:G("S",Ne),v:G("V",Ne),o:ee("O",Ne)}})},Ps=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function ai(t){return t==="scores"?`// naive:scores
${nt.scores.wgsl}${Ps}
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
${nt.softmax.wgsl}${ye}
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
  let inv = ${Ee("total")};
  for (var j = lid; j < P.sk; j += ${Ve}u) {
    let s = S[base + j];
    S[base + j] = select(select(0.0, exp(s - m) * inv, s > ${-1e30/2}), s, isNan(s));
  }
}
`:`// naive:pv
${nt.pv.wgsl}${Ps}
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
`}function xs(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>ai(e))))}function Ss(t,e,o,r){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:l}=e,u=n*i*a;if(u===0||c===0)return s;let f=t.limits,h=f.maxStorageBufferBindingSize;for(let[D,_]of[["q",r.q],["k",r.k],["v",r.v]])if(_.size>h)throw new RangeError(`Cannot run the naive kernel: ${D} (${_.size} bytes) exceeds maxStorageBufferBindingSize (${h} bytes); it is a small-size baseline, use the flash kernel`);let A=c*4;if(A>h)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${h} bytes)`);let d=ze(Xe,f),m=Math.max(1,Math.min(u,Math.floor(h/A),Math.floor(d/c),Math.floor(d/l),f.maxComputeWorkgroupsPerDimension**2)),w=t.buffer(m*A,"naive scores");s.temps.push(w);let b=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(b);let[E,I,B]=o,R=e.qStrides,q=e.kStrides;for(let D=0;D<u;D+=m){let _=Math.min(m,u-D),M={rowBase:D,rows:_,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:R.batch,qH:R.heads,qS:R.seq,dim:l,kB:q.batch,kH:q.heads,kS:q.seq,scale:e.scale},[P,S,T]=[_*c/Xe,_,_*l/Xe].map(F=>me(Math.ceil(F),f)),L=(F,W,[K,Q],O)=>s.dispatches.push({pipeline:F,bindGroup:t.bind(F,W,{...M,gridX:K},O,s.temps),grid:[K,Q,1]});L(E,nt.scores,P,{q:{buffer:r.q},k:{buffer:r.k},slopes:{buffer:b},scores:{buffer:w}}),L(I,nt.softmax,S,{scores:{buffer:w}}),L(B,nt.pv,T,{scores:{buffer:w},v:{buffer:r.v},o:{buffer:r.o}})}return s}var Jt=256,ci={items:"u32",perRow:"u32",rh:"u32",interleaved:"u32",heads:"u32",seq:"u32",bshd:"u32",rowBase:"u32",xB:"u32",xH:"u32",xS:"u32",xOff:"u32",oB:"u32",oH:"u32",oS:"u32",oOff:"u32",tab:"u32",tabB:"u32",gridX:"u32"};function Cs(t){return ue({name:"rope",uniforms:ci,bindings:{x:t?ee("X","array<f32>"):G("X","array<f32>"),table:G("T","array<vec2<f32>>"),y:t?null:ee("Y","array<f32>")}})}function ui(t){let e=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
${Cs(t).wgsl}
@compute @workgroup_size(${Jt})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Jt}u + lid;
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
`}function yt(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>ui(e))}function Je(t,e,o,r,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:l}=e,u=i*a*c;if(u===0||l===0)return n;let f=ke(e.frequencies),h=f+(s?l-2*f:0),A=t.limits,d=Be(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);d.temp&&n.temps.push(d.buffer);let m=d.sides[0],w=e.layout==="bhsd"?{b:a*c*l,h:c*l,s:l}:{b:c*a*l,h:l,s:a*l},b=Math.max(1,Math.floor(ze(Jt,A)/Math.max(1,h))),E=ve(u,b,(B,R)=>ce(ge(B*l,(B+R)*l,A),A),()=>new RangeError(`Cannot rotate: one row of ${l} elements exceeds the device's maxStorageBufferBindingSize`)),I=Cs(s===null);for(let[B,R]of E){let q=ge(B*l,(B+R)*l,A),D=R*h,[_,M]=me(Math.ceil(D/Jt),A),P={items:D,perRow:h,rh:f,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:B,xB:w.b,xH:w.h,xS:w.s,xOff:q.base,oB:w.b,oH:w.h,oS:w.s,oOff:q.base,tab:m.tab,tabB:m.tabB,gridX:_},S=t.bind(o,I,P,{x:{buffer:r,offset:q.offset,size:q.size},table:{buffer:d.buffer},...s?{y:{buffer:s,offset:q.offset,size:q.size}}:{}},n.temps);n.dispatches.push({pipeline:o,bindGroup:S,grid:[_,M,1]})}return n}async function qs(t,e,o){let{ctx:r,owner:s}=t;switch(e.kind){case"attention":{let{call:n,output:i}=e,a=await t.prepareAttention(n);return{recheck:()=>{for(let[c,l]of["q","k","v"].entries())U(l,n.args[c],s,o)},build:()=>a(n.q,n.k,n.v,i.buffer)}}case"rope":{let{request:n,output:i}=e,a=n.x,c=await yt(r,n.inPlace);return{recheck:()=>void U("x",n.arg,s,o),build:()=>{let l=n.inPlace?null:i.buffer;if(a instanceof Z)return Je(r,n.call,c,a.buffer,l);let u=r.upload(a.data,"x");try{let f=Je(r,n.call,c,u,l);return f.temps.push(u),f}catch(f){throw r.recycle(u),f}}}}case"append":{let{cache:n,plan:i,k:a,v:c,args:l}=e.call,u=n.appendParams(i,a,c),f=await Vt(r,u);return{recheck:()=>{U("k",l[0],s,o),U("v",l[1],s,o)},build:()=>{let{job:h,commit:A}=n.appendJobNow(i,u,f,a,c);return A(),h}}}case"decode":{let{call:n,output:i}=e,a=await wt(r,n.choice);return{recheck:()=>void U("q",n.arg,s,o),build:()=>t.decodeJob(n,a,i.buffer)}}}}function Qs(t,e,o,r){let s=e.map(i=>i.hold("recording")),n=Promise.all(o);return n.catch(()=>{}),(async()=>{try{let[i]=await Promise.all([n,...s.map(c=>c.ready)]);r();for(let c of s)c.check();for(let c of i)c.recheck();let a=e.map(c=>c.snapshot());try{await t.submitting("the recorded calls",()=>{let c=[];try{for(let l of i){let u=l.build();u&&c.push(u)}}catch(l){for(let u of c)t.release(u);throw l}t.submit(c)})}catch(c){for(let l of a)l();throw c}}finally{for(let i of s)i.release()}})()}var Et=t=>t==="f16"?2:4;function li(t){return t.window!==null?"slidingWindow":t.sinks?"sinks":t.softcap!==null?"softcap":t.leftPadding?"leftPadding":t.bias?"bias":null}var Zt=class extends rt{info;#e;cacheClass=kt;constructor(e,o){super(),this.#e=e,this.info=Object.freeze(o)}failure(){return this.#e.failure}#o(e,o,r="f32"){return new Z(this,e,o,this.alive,r==="f16"?"float16":"float32",this.#t)}#t=e=>this.#e.recycle(e);#r(e,o){return o==="f16"?Oo(e):e}#s(e,o,r){return o==="f16"?Yt(new Uint16Array(e),r):new Float32Array(e)}#n(e,o,r,s="f32"){if(e instanceof Z)return e.buffer;let n=this.#e.upload(this.#r(e.data,s),r);return o.push(n),n}elementsOf(e,o,r,s){let n=ht("precision",s.precision,this.info.f16),i=a=>a instanceof Z?st(a):n;return{q:i(e),k:i(o),v:i(r),o:i(e)}}async runAttention(e){let o=this.#e,{plan:r,elements:s}=e,n=await this.#a(e);this.live(),this.checkOperands(e.args);let i=Le(r.qShape),a=i*Et(s.o),c=o.output(a,"attention output"),l=e.q instanceof Z,u=await o.submitting("the attention dispatch",()=>{let h=n(e.q,e.k,e.v,c),A=l?void 0:{source:c,bytes:a};return o.submit(h,A)}).finally(()=>{l||o.recycle(c)}).catch(h=>{throw l&&o.recycle(c),h});if(l)return this.#o(r.qShape,c,s.o);let f=this.#s(await o.read(u,a),s.o,i);return{shape:Object.freeze([...r.qShape]),data:f}}async timeAttention(e,o,r,s){let n=this.#e,i=await this.#a(e);this.live();let a=n.buffer(Le(e.plan.qShape)*Et(e.elements.o),"attention output"),c=await n.guarded("the attention dispatch",()=>i(e.q,e.k,e.v,a));try{let l=await n.profile(c,o,r);return{seconds:l.seconds,iterations:o,source:l.source}}finally{n.release(c),a.destroy()}}#a(e){return e.kernel==="naive"?this.#c(e.plan,e.elements):this.#i(e.plan,e.elements,e.kernel==="flash2")}async#i(e,o,r){let s=this.#e,n=r?await as(s,e,o):null;if(!n){let i=zr(s,e,o),a=await Gr(s,i);n=c=>Nr(s,e,i,a,c)}return(i,a,c,l)=>{let u=[],f={q:this.#n(i,u,"q",o.q),k:this.#n(a,u,"k",o.k),v:this.#n(c,u,"v",o.v),o:l},h=n(f);return{dispatches:h.dispatches,temps:[...u,...h.temps]}}}async#c(e,o){let r=this.#e,s=li(e);if(s)throw new TypeError(`Invalid kernel: the naive kernel does not take ${s}; use the flash kernel (the default)`);let n=Object.entries(o).find(([,c])=>c==="f16");if(n)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${n[0]==="o"?"output":n[0]}; use the flash kernel`);let[i,a]=await Promise.all([xs(r),e.rope?yt(r,!1):Promise.resolve(null)]);return(c,l,u,f)=>{let h=[],A=[],d=this.#n(c,h,"q"),m=this.#n(l,h,"k"),w=this.#n(u,h,"v");if(e.rope&&a){let E=e.rope,I=(B,R,q,D)=>{let _={layout:e.layout,batch:e.batch,heads:R,seq:q,headDim:e.headDim,frequencies:E.frequencies,pairing:E.pairing,angles:E.angles,positions:B},M=r.buffer(e.batch*R*q*e.headDim*4,"rotated");h.push(M);let P=Je(r,_,a,D,M);return A.push(...P.dispatches),h.push(...P.temps),M};d=I(E.query,e.heads,e.qSeq,d),m=I(E.key,e.kvHeads,e.kSeq,m)}let b=Ss(r,e,i,{q:d,k:m,v:w,o:f});return{dispatches:[...A,...b.dispatches],temps:[...h,...b.temps]}}}async runRope(e){let o=this.#e,{x:r,call:s,inPlace:n}=e,i=r instanceof Z,a=await yt(o,n||!i);this.live(),U("x",e.arg,this);let c=Le(r.shape)*4;if(i){let h=r.buffer,A=n?null:o.output(c,"rotated");return await o.submitting("the RoPE dispatch",()=>{o.submit(Je(o,s,a,h,A))}).catch(d=>{throw A&&o.recycle(A),d}),A?this.#o(r.shape,A):r}let l=r,u=await o.submitting("the RoPE dispatch",()=>{let h=o.upload(l.data,"x"),A=Je(o,s,a,h,null);return A.temps.push(h),o.submit(A,{source:h,bytes:c})}),f=new Float32Array(await o.read(u,c));return n?(l.data.set(f),l):{shape:Object.freeze([...l.shape]),data:f}}store(e,o){let r=this.#e.upload(this.#r(e.data,o),"tensor");return this.#o(e.shape,r,o)}async read(e){let o=this.#e,r=Le(e.shape),s=r*e.elementBytes,n=await o.guarded("the download",()=>o.submit({dispatches:[],temps:[]},{source:e.buffer,bytes:s})),i=this.#s(await o.read(n,s),st(e),r);return{shape:Object.freeze([...e.shape]),data:i}}idle(){return this.#e.idle()}async makeCache(e,o){return await kt.create(this.#e,this,this.alive,e,o)}prepareDecode(e){let o=st(e.q),r={q:o,kv:e.cache.precision,o},s=$s(this.#e,e.plan,r,e.cache.window);return{...e,elements:r,choice:s}}async runDecode(e){let o=this.#e,{plan:r,elements:s}=e,n=Le(r.qShape),i=n*Et(s.o),a=e.q instanceof Z,{output:c,target:l}=await e.cache.schedule("decode",()=>wt(o,e.choice),async f=>{this.live(),U("q",e.arg,this);let h=o.output(i,"decode output"),A=await o.submitting("the decode dispatch",()=>{let{job:d}=this.#u(e,f,h),m=a?void 0:{source:h,bytes:i};return o.submit(d,m)}).finally(()=>{a||o.recycle(h)}).catch(d=>{throw a&&o.recycle(h),d});return{output:h,target:A}});if(a)return this.#o(r.qShape,c,s.o);let u=this.#s(await o.read(l,i),s.o,n);return{shape:Object.freeze([...r.qShape]),data:u}}#u(e,o,r){let s=this.#e,{cache:n,plan:i,choice:a}=e,c=Ft(i,n.length,n.ropeState,n.window),l=[],u=this.#n(e.q,l,"q");try{let f=this.info.decodeWorkgroups??1,h={q:u,o:r},A=n.view(),d=bs(s,i,a,o,A,f,h,c);return d.job.temps.push(...l),d}catch(f){for(let h of l)s.recycle(h);throw f}}async timeDecode(e,o,r){let s=this.#e,n=Le(e.plan.qShape)*Et(e.elements.o),{job:i,splits:a,output:c}=await e.cache.schedule("profileDecode",()=>wt(s,e.choice),async l=>{this.live(),U("q",e.arg,this);let u=s.buffer(n,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#u(e,l,u)),output:u}}catch(f){throw u.destroy(),f}});try{let l=await s.profile(i,o,r);return{seconds:l.seconds,iterations:o,source:l.source,splits:a,kernel:e.choice.kernel}}finally{s.release(i),c.destroy()}}recordedOutput(e,o,r){let s=Le(e)*Et(o);return this.#o(e,this.#e.output(s,"recorded output"),o).awaitRecording(r)}decodeElement(e){return e.elements.o}runRecording(e,o){let r=new Set;for(let i of e)(i.kind==="append"||i.kind==="decode")&&r.add(i.call.cache);let s={ctx:this.#e,owner:this,prepareAttention:i=>this.#a(i),decodeJob:(i,a,c)=>this.#u(i,a,c).job},n=e.map(i=>qs(s,i,o));return Qs(this.#e,[...r],n,()=>this.live())}destroy(){this.#e.failure||(this.#e.fail(At),this.#e.ownsDevice?this.#e.device.destroy():this.#e.dispose())}};var fi="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",hi="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",Ai='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',di=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],pi='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function gi(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function mi(t,e){let o=t.limits,r=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(ie(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${X(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:r("maxStorageBufferBindingSize",o.maxStorageBufferBindingSize,256,4),maxBufferSize:o.maxBufferSize,maxComputeWorkgroupStorageSize:r("maxComputeWorkgroupStorageSize",o.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(o.maxComputeInvocationsPerWorkgroup,o.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:r("maxComputeWorkgroupsPerDimension",o.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:o.minStorageBufferOffsetAlignment}}var $i=8;function bi(t){if(t==="auto"){let e=globalThis.navigator?.hardwareConcurrency;return Number.isInteger(e)&&e>0?Math.min(e,$i):1}if(typeof t!="number")throw new TypeError(`Invalid threads: expected a positive integer or "auto", got ${X(t)}`);if(!Number.isInteger(t)||t<1)throw new RangeError(`Invalid threads: expected a positive integer or "auto", got ${X(t)}`);return t}async function xl(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${X(t)}`);he("options",t,{allowed:Vo});let e=se("fallback",t.fallback??"none",{allowed:["none","cpu"]}),o=t.limits??{};if(o===null||typeof o!="object")throw new TypeError(`Invalid limits: expected an object, got ${X(o)}`);he("limits",o,{allowed:Xo});let r=t.decodeWorkgroups===void 0?void 0:ie("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.threads===void 0?1:bi(t.threads),n=t.device,i=!1,a;if(!n){let d=t.adapter,m=hi;if(!d){let E=globalThis.navigator?.gpu;E?d=await E.requestAdapter():m=fi}if(!d){if(e==="cpu")return new Nt(m,s);throw new Error(`${m}. ${Ai}.`)}let w={};for(let E of di)w[E]=d.limits[E];let b=[];d.features.has("timestamp-query")&&b.push("timestamp-query"),d.features.has("shader-f16")&&b.push("shader-f16");try{n=await d.requestDevice({requiredLimits:w,requiredFeatures:b})}catch(E){throw new Error(`Requesting a WebGPU device failed: ${E instanceof Error?E.message:String(E)}`,{cause:E})}i=!0,a=d.info}a??=n.adapterInfo;let c=a.isFallbackAdapter??!1,l=r??gi(c),u;try{u=mi(n,o)}catch(d){throw i&&n.destroy(),d}let f=n.features.has("shader-f16")?await Es(n):{available:!1,detail:pi},h=new Rt(n,i,u,f.available),A=[];return h.timestamps&&A.push("timestamp-query"),f.available&&A.push("shader-f16"),new Zt(h,{backend:"webgpu",adapter:{vendor:a.vendor,architecture:a.architecture,device:a.device,description:a.description,isFallbackAdapter:c},features:A,f16:Object.freeze({...f}),decodeWorkgroups:l,tier:h.tier,limits:h.limits,fallbackReason:null,threads:null})}export{Zi as attentionCpu,ji as attentionReference,xl as createGpuAttention};
