import{d as D,g as K,h as se,i as G,j as V,l as Te,q as Ie,r as be}from"./chunk-6XZCXJ52.js";var ve=2**24;function ie(r,e,t){return Te(e,t,{name:r})}function we(r,e,t,o,i){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${r}: expected an array of non-negative integers, got ${D(e)}`);if(e.length!==t&&e.length!==o*t)throw new RangeError(`Invalid ${r}: expected ${t} positions (one per token) or ${o*t} (batch x tokens), got ${e.length}`);let s=i?ve:Number.MAX_SAFE_INTEGER,n=new Float64Array(e.length);for(let a=0;a<e.length;a++)n[a]=K(`${r}[${a}]`,e[a],{min:0,max:s});return{kind:"list",list:n,perBatch:e.length!==t}}function Ye(r,e,t,o,i){let s=e?i:1,n=new Float64Array(s*o);for(let a=0;a<s;a++)n.set(r.subarray(a*t+t-o,a*t+t),a*o);return{kind:"list",list:n,perBatch:e}}function ye(r,e){let t=e;if(t===null||typeof t!="object"||!(t.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${r}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${D(t)}`);let o=t.invFreq;if(o.length===0)throw new RangeError(`Invalid ${r}.invFreq: expected at least 1 value, got 0`);for(let i=0;i<o.length;i++)se(`${r}.invFreq[${i}]`,o[i],{min:0});return se(`${r}.attentionFactor`,t.attentionFactor,{min:0,exclusiveMin:!0}),t}function Ze(r,e,t,o,i){if(r===null||typeof r!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${D(r)}`);let s=ye("rope.frequencies",r.frequencies),n=s.invFreq,a=2*n.length;if(r.rotaryDim!==void 0&&r.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${n.length} frequencies), got ${D(r.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${n.length} frequencies) exceeds the head dim ${e}`);let c=G("rope.pairing",r.pairing??"half",{allowed:["half","interleaved"]}),u=G("rope.angles",r.angles??"float32",{allowed:["float32","float64"]}),m=u==="float32",f=m?ve:Number.MAX_SAFE_INTEGER;if(r.positions!==void 0&&r.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let d,p;if(r.queryPositions!==void 0&&(p=we("rope.queryPositions",r.queryPositions,o,t,m)),r.positions!==void 0){let h=we("rope.positions",r.positions,i,t,m);if(d=h,!p){if(o>i)throw new RangeError(`Invalid rope.positions: q has ${o} tokens, more than k's ${i}, so the queries cannot take the last key positions; pass rope.queryPositions`);p=Ye(h.list,h.perBatch,i,o,t)}}else{let h=K("rope.offset",r.offset??0,{min:0});if(h+Math.max(i,1)-1>f)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${h+i-1}, above ${f} (the largest position with angles "${u}")`);if(d={kind:"range",start:h},!p){let g=h+i-o;if(g<0)throw new RangeError(`Invalid rope.offset: q has ${o} tokens and k ${i}, so bottom-right aligned queries would start at position ${g}; pass rope.offset >= ${o-i} or rope.queryPositions`);p={kind:"range",start:g}}}return{frequencies:s,pairing:c,rotaryDim:a,angles:u,query:p,key:d}}function Y(r,e,t,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${D(o)}`);let i=G("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=ie("q",r,i),n=ie("k",e,i),a=ie("v",t,i);if(s.heads<1||s.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${D(r.shape)}`);if(n.batch!==s.batch)throw new RangeError(`Invalid k: expected batch ${s.batch} (as q), got ${n.batch}`);if(a.batch!==s.batch)throw new RangeError(`Invalid v: expected batch ${s.batch} (as q), got ${a.batch}`);if(n.headDim!==s.headDim)throw new RangeError(`Invalid k: expected head dim ${s.headDim} (as q), got ${n.headDim}`);if(a.headDim!==s.headDim)throw new RangeError(`Invalid v: expected head dim ${s.headDim} (as q), got ${a.headDim}`);if(a.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${a.seq}`);if(a.heads!==n.heads)throw new RangeError(`Invalid v: expected ${n.heads} heads (as k), got ${a.heads}`);if(n.heads<1||s.heads%n.heads!==0)throw new RangeError(`Invalid k: q has ${s.heads} heads, which is not a multiple of k's ${n.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let c=o.causal??!1;if(typeof c!="boolean")throw new TypeError(`Invalid causal: expected a boolean, got ${D(c)}`);let u=o.scale===void 0?1/Math.sqrt(s.headDim):se("scale",o.scale),m=null;if(o.alibiSlopes!==void 0){let d=o.alibiSlopes;if(d===null||typeof d!="object"||typeof d.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${s.heads} numbers (one per query head), got ${D(d)}`);if(d.length!==s.heads)throw new RangeError(`Invalid alibiSlopes: expected ${s.heads} slopes (one per query head), got ${d.length}`);m=new Float32Array(d.length);for(let p=0;p<d.length;p++)m[p]=se(`alibiSlopes[${p}]`,d[p])}let f=o.rope===void 0?null:Ze(o.rope,s.headDim,s.batch,s.seq,n.seq);return{layout:i,batch:s.batch,heads:s.heads,kvHeads:n.heads,group:s.heads/n.heads,qSeq:s.seq,kSeq:n.seq,headDim:s.headDim,qShape:[...r.shape],qStrides:s.strides,kStrides:n.strides,causal:c,scale:u,rope:f,alibi:m}}function Ae(r,e,t,o,i,s){let n=s==="float32";if(e!==void 0&&t!==void 0)throw new TypeError(`Invalid ${r}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return we(`${r}positions`,e,o,i,n);let a=K(`${r}offset`,t??0,{min:0}),c=n?ve:Number.MAX_SAFE_INTEGER;if(a+Math.max(o,1)-1>c)throw new RangeError(`Invalid ${r}offset: the last token would sit at position ${a+o-1}, above ${c} (the largest position with angles "${s}")`);return{kind:"range",start:a}}function ae(r,e,t){let o=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:i,sin:s}=Ie(r,o,{angles:t}),n=new Float32Array(i.data.length*2);for(let a=0;a<i.data.length;a++)n[2*a]=i.data[a],n[2*a+1]=s.data[a];return n}function ne(r,e,t){let{layout:o,pairing:i,angles:s,positions:n}=t;return n.kind==="range"?be(r,e,{layout:o,pairing:i,angles:s,offset:n.start}):be(r,e,{layout:o,pairing:i,angles:s,positions:n.list})}function ce(r,e,t,o){let{batch:i,heads:s,group:n,qSeq:a,kSeq:c,headDim:u,causal:m,scale:f,alibi:d}=r,p=e,h=t;if(r.rope){let{frequencies:k,pairing:x,angles:$}=r.rope;p=ne(e,k,{layout:r.layout,pairing:x,angles:$,positions:r.rope.query}),h=ne(t,k,{layout:r.layout,pairing:x,angles:$,positions:r.rope.key})}let g=r.qStrides,v=r.kStrides,y=new Float32Array(e.data.length),P=new Float64Array(c),w=new Float64Array(u),M=p.data,q=h.data,B=o.data;for(let k=0;k<i;k++)for(let x=0;x<s;x++){let $=Math.floor(x/n),E=d?d[x]:0;for(let S=0;S<a;S++){let T=S+c-a,I=m?Math.min(c,Math.max(0,T+1)):c,W=k*g.batch+x*g.heads+S*g.seq;if(I===0)continue;let O=-1/0;for(let j=0;j<I;j++){let L=k*v.batch+$*v.heads+j*v.seq,U=0;for(let l=0;l<u;l++)U+=M[W+l]*q[L+l];let F=f*U-E*Math.abs(T-j);P[j]=F,F>O&&(O=F)}w.fill(0);let C=0;for(let j=0;j<I;j++){let L=Math.exp(P[j]-O);C+=L;let U=k*v.batch+$*v.heads+j*v.seq;for(let F=0;F<u;F++)w[F]=w[F]+L*B[U+F]}for(let j=0;j<u;j++)y[W+j]=w[j]/C}}return{shape:Object.freeze([...e.shape]),data:y}}function St(r,e,t,o={}){V("q",r),V("k",e),V("v",t);let i=Y(r,e,t,o);return ce(i,r,e,t)}var xe=Object.freeze({T48:49152,T32:32768,T16:16384});function De(r){return r>=xe.T48?"T48":r>=xe.T32?"T32":"T16"}function et(r){let e=r.headDim/4,t=(e+(r.pad?1:0))*16,o=r.br*t,i=r.bc*t,s=r.sharedKV?0:r.bc*e*16,n=r.br*(r.bc+1)*4,a=2*r.br*(r.bc/r.tn)*4;return o+i+s+n+a}function ze(r){let e=[];for(let t=1;t<=r;t++)r%t===0&&e.push(t);return e}function tt(r,e,t){let o=r*e/t;if(!Number.isInteger(o)||o<1||o>16)return;let i,s=1/0;for(let n of ze(e)){let a=o/n;if(!Number.isInteger(a)||r%a!==0)continue;let c=(a+n)*10+Math.abs(n-4);c<s&&(s=c,i=[a,n])}return i}function rt(r,e,t){let o=r*e/t;if(!Number.isInteger(o)||o<1||o>16)return;let i,s=1/0;for(let n of ze(e)){let a=o/n;if(!Number.isInteger(a)||r%a!==0)continue;let c=(a+n)*10+Math.abs(n-4);c<s&&(s=c,i=[a,n])}return i}var ke=512;function Re(r,e,t=256){if(!Number.isInteger(r)||r%4!==0||r<4||r>ke)return;let o=xe[e],i=r/4,s,n;for(let a of[128,64,256,32])if(!(a>t))for(let c of[64,32,16,8,4])for(let u of[64,32,16,8,4]){let m=tt(c,u,a),f=rt(c,i,a);if(!(!m||!f))for(let d of[!1,!0])for(let p of[!0,!1]){let[h,g]=m,[v,y]=f,P=et({headDim:r,br:c,bc:u,tn:g,sharedKV:d,pad:p});if(P>o)continue;let w=4*h*g/(h+g),M=[c*u,c>=u?1:0,u>=32?1:0,w>=4?1:0,a===128?2:a===64?1:0,w,d?0:1,p?1:0];(!n||ot(M,n))&&(n=M,s={tier:e,headDim:r,workgroup:a,br:c,bc:u,tm:h,tn:g,om:v,od4:y,sharedKV:d,pad:p,bytes:P})}}return s}function ot(r,e){for(let t=0;t<r.length;t++)if(r[t]!==e[t])return r[t]>e[t];return!1}var st=140,it=72,Oe=9,Fe=1,ue=class{device;ownsDevice;limits;tier;timestamps;#t=new Map;#e=new Map;#o=null;constructor(e,t,o){this.device=e,this.ownsDevice=t,this.limits=o,this.tier=De(o.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),e.lost.then(i=>{this.#o??=`the WebGPU device was lost (${i.reason}: ${i.message||"no message"})`})}get failure(){return this.#o}fail(e){this.#o??=e}cached(e,t){let o=this.#e.get(e);return o===void 0&&(o=t(),this.#e.set(e,o)),o}setCached(e,t){this.#e.set(e,t)}pipeline(e,t){let o=this.#t.get(e);return o||(o=this.#r(e,t()),this.#t.set(e,o),o.catch(()=>this.#t.delete(e))),o}async#r(e,t){let o=this.device.createShaderModule({code:t,label:e}),s=(await o.getCompilationInfo()).messages.filter(n=>n.type==="error");if(s.length>0)throw new Error(`Internal error: the generated WGSL for ${e} does not compile: ${s.map(n=>`line ${n.lineNum}: ${n.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:o,entryPoint:"main"}})}catch(n){throw new Error(`Internal error: creating the pipeline ${e} failed: ${n instanceof Error?n.message:String(n)}`)}}buffer(e,t){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${t}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`);return this.device.createBuffer({size:Math.max(16,Math.ceil(e/16)*16),usage:st,label:t})}upload(e,t){let o=this.buffer(e.byteLength,t);return e.byteLength>0&&this.device.queue.writeBuffer(o,0,e.buffer,e.byteOffset,e.byteLength),o}uniform(e,t){let o=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:it,label:t});return this.device.queue.writeBuffer(o,0,e),o}encode(e,t){for(let o of t.dispatches)e.setPipeline(o.pipeline),e.setBindGroup(0,o.bindGroup),e.dispatchWorkgroups(o.grid[0],o.grid[1],o.grid[2])}submit(e,t){let o=this.#s(e,t);return this.release(e),o}release(e){for(let t of e.temps)t.destroy()}#s(e,t){let o=this.device.createCommandEncoder();if(e.dispatches.length>0){let s=o.beginComputePass();this.encode(s,e),s.end()}let i;return t&&(i=this.device.createBuffer({size:Math.max(16,Math.ceil(t.bytes/16)*16),usage:Oe,label:"readback"}),t.bytes>0&&o.copyBufferToBuffer(t.source,0,i,0,Math.ceil(t.bytes/4)*4)),this.device.queue.submit([o.finish()]),i}async guarded(e,t){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let o,i,s=!1;try{o=t()}catch(m){i=m,s=!0}let n=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,u]=await Promise.all([n,a]);if(s)throw i;if(u)throw new Error(`Out of GPU memory while ${e}: ${u.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return o}async profile(e,t,o){o&&(this.#s(e),await this.idle());let i=this.device.createCommandEncoder(),s,n,a;this.timestamps&&(s=this.device.createQuerySet({type:"timestamp",count:2}),n=this.device.createBuffer({size:16,usage:516}),a=this.device.createBuffer({size:16,usage:Oe}));let c=i.beginComputePass(s?{timestampWrites:{querySet:s,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let f=0;f<t;f++)this.encode(c,e);c.end(),s&&n&&a&&(i.resolveQuerySet(s,0,2,n,0),i.copyBufferToBuffer(n,0,a,0,16));let u=performance.now();this.device.queue.submit([i.finish()]),await this.idle();let m=(performance.now()-u)/1e3;try{if(a){await a.mapAsync(Fe);let[f,d]=new BigUint64Array(a.getMappedRange().slice(0));a.unmap();let p=Number(d-f);if(p>0)return{seconds:p/1e9/t,source:"timestamp-query"}}return{seconds:m/t,source:"wall-clock"}}finally{s?.destroy(),n?.destroy(),a?.destroy()}}async read(e,t){try{return await e.mapAsync(Fe),e.getMappedRange(0,Math.max(16,Math.ceil(t/16)*16)).slice(0,t)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};function Z(r,e,t=[]){let o=new ArrayBuffer(Math.ceil(r.length*4/16)*16),i=new DataView(o);return r.forEach((s,n)=>{let a=e[s]??0;if(t.includes(s))i.setFloat32(n*4,a,!0);else{if(!Number.isInteger(a)||a<0||a>4294967295)throw new RangeError(`Internal error: uniform ${s} = ${a} does not fit an unsigned 32-bit integer`);i.setUint32(n*4,a,!0)}}),o}function Pe(r,e,t,o,i){let s=r.rotaryDim,n=s/2;if(i=`(${i})`,t=`(${t})`,o=`(${o})`,r.pairing==="interleaved"&&s%4===0)return`if (${o} < ${s/4}u) {
      let tb = ${i} * ${n}u + ${o} * 2u;
      let a = T[tb];
      let e = T[tb + 1u];
      x = vec4<f32>(x.x * a.x - x.y * a.y, x.y * a.x + x.x * a.y,
                    x.z * e.x - x.w * e.y, x.w * e.x + x.z * e.y);
    }`;if(r.pairing==="half"&&n%4===0){let c=n/4;return`if (${o} < ${2*c}u) {
      let lo = ${o} < ${c}u;
      let pc = select(${o} - ${c}u, ${o} + ${c}u, lo);
      let p = ${e}[${t} + pc];
      let tb = ${i} * ${n}u + select(${o} - ${c}u, ${o}, lo) * 4u;
      let t0 = T[tb];
      let t1 = T[tb + 1u];
      let t2 = T[tb + 2u];
      let t3 = T[tb + 3u];
      let sg = select(1.0, -1.0, lo);
      x = x * vec4<f32>(t0.x, t1.x, t2.x, t3.x) + (sg * p) * vec4<f32>(t0.y, t1.y, t2.y, t3.y);
    }`}let a=[];for(let c=0;c<4;c++)if(r.pairing==="interleaved"){let u=c^1,m=c%2===0?"-":"+";a.push(`{
        let d = ${o} * 4u + ${c}u;
        if (d < ${s}u) {
          let t = T[${i} * ${n}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${m} x[${u}] * t.y;
        }
      }`)}else a.push(`{
        let d = ${o} * 4u + ${c}u;
        if (d < ${s}u) {
          let lo = d < ${n}u;
          let pd = select(d - ${n}u, d + ${n}u, lo);
          let t = T[${i} * ${n}u + select(d - ${n}u, d, lo)];
          let p = ${e}[${t} + pd / 4u][pd % 4u];
          y[${c}] = x[${c}] * t.x + select(1.0, -1.0, lo) * p * t.y;
        }
      }`);return`if (${o} * 4u < ${s}u) {
      var y = x;
      ${a.join(`
      `)}
      x = y;
    }`}var H=-1e30,qe=["sq","sk","group","kvHeads","causal","numTiles","tileBase","unitBase","qB","qH","qS","qOff","kB","kH","kS","kOff","vB","vH","vS","vOff","oB","oH","oS","oOff","qTab","qTabB","kTab","kTabB","scale2","pad0","pad1","pad2"];function Se(r){let e=["params","q","k","v","o"];return r.rope&&e.push("table"),r.alibi&&e.push("slopes"),e}function Be(r){let e=r.tiles,t=r.rope?`${r.rope.pairing}${r.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${t}:alibi=${r.alibi}`}function X(r){return Array.from({length:r},(e,t)=>t)}function _e(r){let e=r.tiles,t=e.headDim/4,o=e.workgroup,i=e.br,s=e.bc,n=t+(e.pad?1:0),a=e.sharedKV?n:t,c=s+1,u=s/e.tn,m=t/e.od4,f=Se(r),d=l=>f.indexOf(l),p=e.sharedKV?"Ks":"Vs",h=qe.map(l=>`  ${l}: ${l==="scale2"?"f32":"u32"},`).join(`
`),g=(l,b)=>`for (var e = lid; e < ${l*t}u; e += ${o}u) {
    let r = e / ${t}u;
    let c = e % ${t}u;
    ${b("r","c")}
  }`,v=r.rope?Pe(r.rope,"Q","base","c","P.qTab + b * P.qTabB + pos"):"",y=r.rope?Pe(r.rope,"K","base","c","P.kTab + b * P.kTabB + key"):"",P=g(i,(l,b)=>`let flat = row0 + ${l};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = Q[base + ${b}];
      ${v}
    }
    Qs[${l} * ${n}u + ${b}] = x * P.scale2;`),w=g(s,(l,b)=>`let key = k0 + ${l};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = K[base + ${b}];
      ${y}
    }
    Ks[${l} * ${n}u + ${b}] = x;`),M=g(s,(l,b)=>`let key = k0 + ${l};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = V[b * P.vB + kvh * P.vH + key * P.vS - P.vOff + ${b}];
    }
    ${p}[${l} * ${a}u + ${b}] = x;`),q=X(e.tm),B=X(e.tn),k=X(e.om),x=X(e.od4),$=q.flatMap(l=>B.map(b=>`var s${l}_${b} = 0.0;`)).join(" "),E=X(t).map(l=>{let b=q.map(A=>`let q${A} = Qs[qr${A} + ${l}u];`).join(" "),z=B.map(A=>`let k${A} = Ks[kr${A} + ${l}u];`).join(" "),_=q.flatMap(A=>B.map(oe=>`s${A}_${oe} += dot(q${A}, k${oe});`)).join(" ");return`{ ${b} ${z} ${_} }`}).join(`
      `),S=q.flatMap(l=>B.map(b=>{let z=r.alibi?` - sl${l} * f32(abs(qp${l} - i32(key${b})))`:"";return`s${l}_${b} = select(${H}, s${l}_${b}${z}, ok${l} && key${b} < P.sk && (P.causal == 0u || i32(key${b}) <= qp${l}));`})).join(`
      `),T=q.map(l=>`Mx[(tr * ${e.tm}u + ${l}u) * ${u}u + tc] = max(${B.map(b=>`s${l}_${b}`).reduce((b,z)=>`max(${b}, ${z})`)}, ${H});`).join(`
      `),I=(l,b)=>`let ${b} = ${X(u).map(z=>`Mx[${l} * ${u}u + ${z}u]`).reduce((z,_)=>`max(${z}, ${_})`)};`,W=q.map(l=>{let b=`(tr * ${e.tm}u + ${l}u)`,z=B.map(_=>`let p${_} = select(0.0, exp2(s${l}_${_} - tmax), s${l}_${_} > ${H/2});
        Ps[${b} * ${c}u + tc + ${_*u}u] = p${_};`).join(`
        `);return`{
        ${I(b,"tmax")}
        ${z}
        Sm[${b} * ${u}u + tc] = ${B.map(_=>`p${_}`).join(" + ")};
      }`}).join(`
      `),O=k.flatMap(l=>x.map(b=>`var o${l}_${b} = vec4<f32>(0.0);`)).join(" "),C=k.map(l=>`var m${l} = ${H}; var l${l} = 0.0;`).join(" "),j=k.map(l=>{let b=`orow${l}`;return`{
        ${I(b,"tmax")}
        let tsum = ${X(u).map(z=>`Sm[${b} * ${u}u + ${z}u]`).join(" + ")};
        let mnew = max(m${l}, tmax);
        let alpha = exp2(m${l} - mnew);
        beta${l} = exp2(tmax - mnew);
        l${l} = l${l} * alpha + tsum * beta${l};
        m${l} = mnew;
        ${x.map(z=>`o${l}_${z} *= alpha;`).join(" ")}
      }`}).join(`
      `),L=X(s).map(l=>{let b=k.map(A=>`let p${A} = Ps[orow${A} * ${c}u + ${l}u] * beta${A};`).join(" "),z=x.map(A=>`let v${A} = ${p}[${l*a}u + oc + ${A*m}u];`).join(" "),_=k.flatMap(A=>x.map(oe=>`o${A}_${oe} += p${A} * v${oe};`)).join(" ");return`{ ${b} ${z} ${_} }`}).join(`
      `),U=k.map(l=>`{
    let flat = row0 + orow${l};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = select(0.0, 1.0 / l${l}, l${l} > 0.0);
      ${x.map(b=>`O[base + ${b*m}u] = o${l}_${b} * inv;`).join(`
      `)}
    }
  }`).join(`
  `),F=q.map(l=>`let flat${l} = row0 + tr * ${e.tm}u + ${l}u;
  let pos${l} = flat${l} / P.group;
  let ok${l} = pos${l} < P.sq;
  let qp${l} = i32(pos${l}) + i32(P.sk) - i32(P.sq);${r.alibi?`
  let sl${l} = SL[kvh * P.group + flat${l} % P.group];`:""}`).join(`
  `);return`// ${Be(r)}
struct Params {
${h}
}
@group(0) @binding(${d("params")}) var<uniform> P: Params;
@group(0) @binding(${d("q")}) var<storage, read> Q: array<vec4<f32>>;
@group(0) @binding(${d("k")}) var<storage, read> K: array<vec4<f32>>;
@group(0) @binding(${d("v")}) var<storage, read> V: array<vec4<f32>>;
@group(0) @binding(${d("o")}) var<storage, read_write> O: array<vec4<f32>>;
${r.rope?`@group(0) @binding(${d("table")}) var<storage, read> T: array<vec2<f32>>;`:""}
${r.alibi?`@group(0) @binding(${d("slopes")}) var<storage, read> SL: array<f32>;`:""}

var<workgroup> Qs: array<vec4<f32>, ${i*n}>;
var<workgroup> Ks: array<vec4<f32>, ${s*n}>;
${e.sharedKV?"":`var<workgroup> Vs: array<vec4<f32>, ${s*t}>;`}
var<workgroup> Ps: array<f32, ${i*c}>;
var<workgroup> Mx: array<f32, ${i*u}>;
var<workgroup> Sm: array<f32, ${i*u}>;

@compute @workgroup_size(${o})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // Tiles run last-first: under a causal mask the longest ones start first.
  let tile = P.numTiles - 1u - (P.tileBase + wid.x);
  let unit = P.unitBase + wid.y;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let row0 = tile * ${i}u;

  ${P}

  let tr = lid / ${u}u;
  let tc = lid % ${u}u;
  ${q.map(l=>`let qr${l} = (tr * ${e.tm}u + ${l}u) * ${n}u;`).join(" ")}
  ${B.map(l=>`let kr${l} = (tc + ${l*u}u) * ${n}u;`).join(" ")}
  ${F}
  let orr = lid / ${m}u;
  let oc = lid % ${m}u;
  ${k.map(l=>`let orow${l} = orr * ${e.om}u + ${l}u;`).join(" ")}
  ${O}
  ${C}
  ${k.map(l=>`var beta${l} = 0.0;`).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${i}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${s-1}u) / ${s}u;
  for (var kt = 0u; kt < tiles; kt++) {
    let k0 = kt * ${s}u;
    ${w}
    ${e.sharedKV?"":M}
    workgroupBarrier();
    {
      ${$}
      ${E}
      ${B.map(l=>`let key${l} = k0 + tc + ${l*u}u;`).join(" ")}
      ${S}
      ${T}
      workgroupBarrier();
      ${W}
    }
    ${e.sharedKV?M:""}
    workgroupBarrier();
    {
      ${j}
      ${L}
    }
    workgroupBarrier();
  }

  ${U}
}
`}function ee(r,e,t){let o=Math.max(16,t.minStorageBufferOffsetAlignment),i=Math.floor(r*4/o)*o,s=Math.max(4,e*4-i);return{offset:i,size:s,base:i/4}}function te(r,e){return r.size<=e.maxStorageBufferBindingSize}function le(r,e,t,o){let i=[],s=0;for(;s<r;){let n=Math.min(r-s,e);if(!t(s,1))throw o(s);let a=1,c=n;if(t(s,c))a=c;else for(;c-a>1;){let u=Math.floor((a+c)/2);t(s,u)?a=u:c=u}i.push([s,a]),s+=a}return i}function re(r,e){let t=e.maxComputeWorkgroupsPerDimension;if(r<=t)return[Math.max(1,r),1];let o=Math.ceil(r/t);if(o>t)throw new RangeError(`Cannot dispatch ${r} workgroups: more than ${t} x ${t}, the device's 2-D grid limit`);return[Math.ceil(r/o),o]}function fe(r,e){let t=e.maxComputeWorkgroupsPerDimension;return t*t*r}var nt=32*1024*1024,at=1024;function ct(r,e){return`rope-table|${e}|${r.attentionFactor}|${Array.from(r.invFreq).join(",")}`}function Ce(r,e,t){return new RangeError(`Cannot bind the RoPE table: ${r} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${t} bytes; rotate in smaller batches`)}function de(r,e,t,o){let i=e.invFreq.length*8,s=Math.min(r.limits.maxStorageBufferBindingSize,r.limits.maxBufferSize);if(o.every(f=>f.positions.kind==="range")){let f=o.map(y=>y.positions.start),d=Math.min(...f),p=Math.max(...o.map((y,P)=>f[P]+y.seq)),h=at;for(;h<p;)h*=2;if(h*i<=Math.min(nt,s)){let y=ct(e,t),P=r.cached(y,()=>null);if(!P||P.rows<p){let w=ae(e,{start:0,count:h},t);P={rows:h,buffer:r.upload(w,"rope table")},r.setCached(y,P)}return{buffer:P.buffer,temp:!1,sides:f.map(w=>({tab:w,tabB:0}))}}let g=Math.max(1,p-d);if(g*i>s)throw Ce(g,g*i,s);let v=ae(e,{start:d,count:g},t);return{buffer:r.upload(v,"rope table"),temp:!0,sides:f.map(y=>({tab:y-d,tabB:0}))}}let n=[],a=[],c=0;for(let f of o){let d=f.positions,p=d.kind==="list"?d.list:Float64Array.from({length:f.seq},(h,g)=>d.start+g);a.push({tab:c,tabB:d.kind==="list"&&d.perBatch?f.seq:0}),n.push(p),c+=p.length}let u=new Float64Array(Math.max(1,c)),m=0;for(let f of n)u.set(f,m),m+=f.length;if(u.length*i>s)throw Ce(u.length,u.length*i,s);return{buffer:r.upload(ae(e,u,t),"rope table"),temp:!0,sides:a}}function We(r,e){let t=Re(e.headDim,r.tier,r.limits.maxComputeInvocationsPerWorkgroup);if(!t)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${r.tier}, ${r.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${r.tier==="T16"?256:ke}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:t,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null}}function He(r,e){return r.pipeline(Be(e),()=>_e(e))}function Ge(r,e,t){return new RangeError(`Cannot split ${r} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${t} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function Ne(r,e,t,o,i){let{batch:s,kvHeads:n,group:a,qSeq:c,kSeq:u,headDim:m}=e,f={dispatches:[],temps:[]};if(s===0||c===0||u===0)return f;let d=r.limits,p=e.qStrides,h=e.kStrides,g=s*n,v=($,E)=>{let[S,T]=[Math.floor($/n),$%n],I=$+E-1,[W,O]=[Math.floor(I/n),I%n],C=S*p.batch+T*a*p.heads,j=W*p.batch+(O*a+a-1)*p.heads+(c-1)*p.seq+m;return ee(C,j,d)},y=($,E)=>{let S=$+E-1,T=Math.floor($/n)*h.batch+$%n*h.heads,I=Math.floor(S/n)*h.batch+S%n*h.heads+(u-1)*h.seq+m;return ee(T,I,d)},P=le(g,d.maxComputeWorkgroupsPerDimension,($,E)=>te(v($,E),d)&&te(y($,E),d),$=>{let E=v($,1);return te(E,d)?Ge("k and v",y($,1).size,d.maxStorageBufferBindingSize):Ge("q and the output",E.size,d.maxStorageBufferBindingSize)}),w=null;e.rope&&(w=de(r,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:u}]),w.temp&&f.temps.push(w.buffer));let M=null;e.alibi&&(M=r.upload(e.alibi.map($=>$*Math.LOG2E),"alibi slopes"),f.temps.push(M));let q=t.tiles,B=Math.ceil(c*a/q.br),k=d.maxComputeWorkgroupsPerDimension,x=Se(t);for(let[$,E]of P){let S=v($,E),T=y($,E);for(let I=0;I<B;I+=k){let W={sq:c,sk:u,group:a,kvHeads:n,causal:e.causal?1:0,numTiles:B,tileBase:I,unitBase:$,qB:p.batch/4,qH:p.heads/4,qS:p.seq/4,qOff:S.base/4,kB:h.batch/4,kH:h.heads/4,kS:h.seq/4,kOff:T.base/4,vB:h.batch/4,vH:h.heads/4,vS:h.seq/4,vOff:T.base/4,oB:p.batch/4,oH:p.heads/4,oS:p.seq/4,oOff:S.base/4,qTab:w?.sides[0]?.tab??0,qTabB:w?.sides[0]?.tabB??0,kTab:w?.sides[1]?.tab??0,kTabB:w?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},O=r.uniform(Z(qe,W,["scale2"]),"flash params");f.temps.push(O);let C={params:{buffer:O},q:{buffer:i.q,offset:S.offset,size:S.size},k:{buffer:i.k,offset:T.offset,size:T.size},v:{buffer:i.v,offset:T.offset,size:T.size},o:{buffer:i.o,offset:S.offset,size:S.size}};w&&(C.table={buffer:w.buffer}),M&&(C.slopes={buffer:M});let j=r.device.createBindGroup({layout:o.getBindGroupLayout(0),entries:x.map((U,F)=>({binding:F,resource:C[U]}))}),[L]=re(Math.min(k,B-I),d);f.dispatches.push({pipeline:o,bindGroup:j,grid:[L,E,1]})}}return f}var J=256,Q=64,Ue=["rowBase","rows","sq","sk","heads","group","causal","alibi","qB","qH","qS","dim","kB","kH","kS","gridX","scale","pad0","pad1","pad2"];function Ee(){return`struct Params {
${Ue.map(e=>`  ${e}: ${e==="scale"?"f32":"u32"},`).join(`
`)}
}
@group(0) @binding(0) var<uniform> P: Params;
`}var Le=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function ut(r){return r==="scores"?`// naive:scores
${Ee()}
@group(0) @binding(1) var<storage, read> Q: array<f32>;
@group(0) @binding(2) var<storage, read> K: array<f32>;
@group(0) @binding(3) var<storage, read> SL: array<f32>;
@group(0) @binding(4) var<storage, read_write> S: array<f32>;
${Le}
@compute @workgroup_size(${J})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${J}u + lid;
  if (idx >= P.rows * P.sk) {
    return;
  }
  let c = rowCoords(P.rowBase + idx / P.sk);
  let j = idx % P.sk;
  let kvh = c.y / P.group;
  let aligned = i32(c.z) + i32(P.sk) - i32(P.sq);
  var value = ${H};
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
`:r==="softmax"?`// naive:softmax
${Ee()}
@group(0) @binding(1) var<storage, read_write> S: array<f32>;
var<workgroup> red: array<f32, ${Q}>;
@compute @workgroup_size(${Q})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${H};
  for (var j = lid; j < P.sk; j += ${Q}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${Q/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${Q}u) {
    let s = S[base + j];
    sum += select(0.0, exp(s - m), s > ${H/2});
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${Q/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = select(0.0, 1.0 / total, total > 0.0);
  for (var j = lid; j < P.sk; j += ${Q}u) {
    let s = S[base + j];
    S[base + j] = select(0.0, exp(s - m) * inv, s > ${H/2});
  }
}
`:`// naive:pv
${Ee()}
@group(0) @binding(1) var<storage, read> S: array<f32>;
@group(0) @binding(2) var<storage, read> V: array<f32>;
@group(0) @binding(3) var<storage, read_write> O: array<f32>;
${Le}
@compute @workgroup_size(${J})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${J}u + lid;
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
`}function Ke(r){return Promise.all(["scores","softmax","pv"].map(e=>r.pipeline(`naive:${e}`,()=>ut(e))))}function Ve(r,e,t,o){let i={dispatches:[],temps:[]},{batch:s,heads:n,qSeq:a,kSeq:c,headDim:u}=e,m=s*n*a;if(m===0||c===0)return i;let f=r.limits,d=f.maxStorageBufferBindingSize;for(let[x,$]of[["q",o.q],["k",o.k],["v",o.v]])if($.size>d)throw new RangeError(`Cannot run the naive kernel: ${x} (${$.size} bytes) exceeds maxStorageBufferBindingSize (${d} bytes); it is a small-size baseline, use the flash kernel`);let p=c*4;if(p>d)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${d} bytes)`);let h=fe(J,f),g=Math.max(1,Math.min(m,Math.floor(d/p),Math.floor(h/c),Math.floor(h/u),f.maxComputeWorkgroupsPerDimension**2)),v=r.buffer(g*p,"naive scores");i.temps.push(v);let y=r.upload(e.alibi??new Float32Array(1),"alibi slopes");i.temps.push(y);let[P,w,M]=t,q=e.qStrides,B=e.kStrides,k=(x,$,E)=>r.device.createBindGroup({layout:x.getBindGroupLayout(0),entries:[$,...E].map((S,T)=>({binding:T,resource:{buffer:S}}))});for(let x=0;x<m;x+=g){let $=Math.min(g,m-x),E={rowBase:x,rows:$,sq:a,sk:c,heads:n,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:q.batch,qH:q.heads,qS:q.seq,dim:u,kB:B.batch,kH:B.heads,kS:B.seq,scale:e.scale},S=[[P,Math.ceil($*c/J),[o.q,o.k,y,v]],[w,$,[v]],[M,Math.ceil($*u/J),[v,o.v,o.o]]];for(let[T,I,W]of S){let[O,C]=re(I,f),j=r.uniform(Z(Ue,{...E,gridX:O},["scale"]),"naive params");i.temps.push(j),i.dispatches.push({pipeline:T,bindGroup:k(T,j,W),grid:[O,C,1]})}}return i}var R=class{shape;dtype="float32";owner;#t;#e;#o;#r=!1;constructor(e,t,o,i){this.owner=e,this.#o=i,this.shape=Object.freeze([...t]),this.#t=o instanceof Float32Array?null:o,this.#e=o instanceof Float32Array?o:null}get buffer(){return this.#t}get destroyed(){return this.#r||!this.#o()}get host(){return{shape:this.shape,data:this.#e}}destroy(){this.#r||(this.#r=!0,this.#t?.destroy())}};var pe=256,Xe=["items","perRow","rh","interleaved","heads","seq","bshd","rowBase","xB","xH","xS","xOff","oB","oH","oS","oOff","tab","tabB","gridX","pad0"];function lt(r){let e=Xe.map(o=>`  ${o}: u32,`).join(`
`),t=r?"X":"Y";return`// rope:${r?"inplace":"copy"}
struct Params {
${e}
}
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, ${r?"read_write":"read"}> X: array<f32>;
@group(0) @binding(2) var<storage, read> T: array<vec2<f32>>;
${r?"":"@group(0) @binding(3) var<storage, read_write> Y: array<f32>;"}

@compute @workgroup_size(${pe})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${pe}u + lid;
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
    ${t}[oi + d0] = a * t.x - c * t.y;
    ${t}[oi + d1] = c * t.x + a * t.y;
  } else {
    let d = 2u * P.rh + (j - P.rh);
    ${t}[oi + d] = X[xi + d];
  }
}
`}function je(r,e){return r.pipeline(`rope:${e?"inplace":"copy"}`,()=>lt(e))}function he(r,e,t,o,i){let s={dispatches:[],temps:[]},{batch:n,heads:a,seq:c,headDim:u}=e,m=n*a*c;if(m===0||u===0)return s;let f=e.frequencies.invFreq.length,d=f+(i?u-2*f:0),p=r.limits,h=de(r,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);h.temp&&s.temps.push(h.buffer);let g=h.sides[0],v=e.layout==="bhsd"?{b:a*c*u,h:c*u,s:u}:{b:c*a*u,h:u,s:a*u},y=Math.max(1,Math.floor(fe(pe,p)/Math.max(1,d))),P=le(m,y,(w,M)=>te(ee(w*u,(w+M)*u,p),p),()=>new RangeError(`Cannot rotate: one row of ${u} elements exceeds the device's maxStorageBufferBindingSize`));for(let[w,M]of P){let q=ee(w*u,(w+M)*u,p),B=M*d,[k,x]=re(Math.ceil(B/pe),p),$={items:B,perRow:d,rh:f,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:w,xB:v.b,xH:v.h,xS:v.s,xOff:q.base,oB:v.b,oH:v.h,oS:v.s,oOff:q.base,tab:g.tab,tabB:g.tabB,gridX:k},E=r.uniform(Z(Xe,$),"rope params");s.temps.push(E);let S=[{binding:0,resource:{buffer:E}},{binding:1,resource:{buffer:o,offset:q.offset,size:q.size}},{binding:2,resource:{buffer:h.buffer}}];i&&S.push({binding:3,resource:{buffer:i,offset:q.offset,size:q.size}});let T=r.device.createBindGroup({layout:t.getBindGroupLayout(0),entries:S});s.dispatches.push({pipeline:t,bindGroup:T,grid:[k,x,1]})}return s}function N(r,e,t){if(e instanceof R){if(e.owner!==t)throw new Error(`Invalid ${r}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);if(e.destroyed)throw new Error(`Invalid ${r}: this GpuTensor was destroyed`);return e}let o=e;if(o===null||typeof o!="object"||!("data"in o))throw new TypeError(`Invalid ${r}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${D(e)}`);return V(r,e)}function Me(r,e){if(typeof e!="boolean")throw new TypeError(`Invalid ${r}: expected a boolean, got ${D(e)}`);return e}function Qe(r){return K("iterations",r,{min:1})}function Je(r,e,t){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${D(t)}`);let o=G("layout",t.layout??"bhsd",{allowed:["bhsd","bshd"]}),i=ie("x",r,o),s=ye("frequencies",e),n=2*s.invFreq.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==n)throw new RangeError(`Invalid rotaryDim: expected ${n} (2 x the ${s.invFreq.length} frequencies), got ${D(t.rotaryDim)}`);if(n>i.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${n} (2 x ${s.invFreq.length} frequencies) exceeds the head dim ${i.headDim}`);let a=G("pairing",t.pairing??"half",{allowed:["half","interleaved"]}),c=G("angles",t.angles??"float32",{allowed:["float32","float64"]}),u=Ae("",t.positions,t.offset,i.seq,i.batch,c),m=Me("inPlace",t.inPlace??!1);return{call:{layout:o,batch:i.batch,heads:i.heads,seq:i.seq,headDim:i.headDim,frequencies:s,pairing:a,angles:c,positions:u},inPlace:m}}function me(r){return r.reduce((e,t)=>e*t,1)}var ge=class{info;#t;constructor(e,t){this.#t=e,this.info=Object.freeze(t)}#e(){let e=this.#t.failure;if(e)throw new Error(`This GpuAttention cannot be used: ${e}`);return this.#t}#o=()=>this.#t.failure===null;#r(e,t){return new R(this,e,t,this.#o)}#s(e,t,o){if(e instanceof R)return e.buffer;let i=this.#t.upload(e.data,o);return t.push(i),i}#i(e){return e.map(([t,o])=>N(t,o,this))}async attention(e,t,o,i={}){let s=this.#e(),[n,a,c]=this.#i([["q",e],["k",t],["v",o]]),u=Y(n,a,c,i),m=await this.#n(u,i);this.#e(),this.#i([["q",e],["k",t],["v",o]]);let f=me(u.qShape)*4,d=s.buffer(f,"attention output"),p=n instanceof R,h=await s.guarded("the attention dispatch",()=>{let v=m(n,a,c,d),y=p?void 0:{source:d,bytes:f},P=s.submit(v,y);return p||d.destroy(),P});if(p)return this.#r(u.qShape,d);let g=new Float32Array(await s.read(h,f));return{shape:Object.freeze([...u.qShape]),data:g}}async#n(e,t){let o=this.#t;if(G("kernel",t.kernel??"flash",{allowed:["flash","naive"]})==="flash"){let a=We(o,e),c=await He(o,a);return(u,m,f,d)=>{let p=[],h={q:this.#s(u,p,"q"),k:this.#s(m,p,"k"),v:this.#s(f,p,"v"),o:d},g=Ne(o,e,a,c,h);return{dispatches:g.dispatches,temps:[...p,...g.temps]}}}let[s,n]=await Promise.all([Ke(o),e.rope?je(o,!1):Promise.resolve(null)]);return(a,c,u,m)=>{let f=[],d=[],p=this.#s(a,f,"q"),h=this.#s(c,f,"k"),g=this.#s(u,f,"v");if(e.rope&&n){let y=e.rope,P=(w,M,q,B)=>{let k={layout:e.layout,batch:e.batch,heads:M,seq:q,headDim:e.headDim,frequencies:y.frequencies,pairing:y.pairing,angles:y.angles,positions:w},x=o.buffer(e.batch*M*q*e.headDim*4,"rotated");f.push(x);let $=he(o,k,n,B,x);return d.push(...$.dispatches),f.push(...$.temps),x};p=P(y.query,e.heads,e.qSeq,p),h=P(y.key,e.kvHeads,e.kSeq,h)}let v=Ve(o,e,s,{q:p,k:h,v:g,o:m});return{dispatches:[...d,...v.dispatches],temps:[...f,...v.temps]}}}async applyRope(e,t,o={}){let i=this.#e(),s=N("x",e,this),{call:n,inPlace:a}=Je(s,t,o),c=s instanceof R,u=await je(i,a||!c);this.#e(),N("x",e,this);let m=me(s.shape)*4;if(c){let h=s.buffer,g=a?null:i.buffer(m,"rotated");return await i.guarded("the RoPE dispatch",()=>{i.submit(he(i,n,u,h,g))}),g?this.#r(s.shape,g):s}let f=s,d=await i.guarded("the RoPE dispatch",()=>{let h=i.upload(f.data,"x"),g=he(i,n,u,h,null);return g.temps.push(h),i.submit(g,{source:h,bytes:m})}),p=new Float32Array(await i.read(d,m));return a?(f.data.set(p),f):{shape:Object.freeze([...f.shape]),data:p}}upload(e){let t=this.#e(),o=V("t",e);return this.#r(o.shape,t.upload(o.data,"tensor"))}async download(e){let t=this.#e(),o=N("t",e,this);if(!(o instanceof R))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");let i=me(o.shape)*4,s=await t.guarded("the download",()=>t.submit({dispatches:[],temps:[]},{source:o.buffer,bytes:i})),n=new Float32Array(await t.read(s,i));return{shape:Object.freeze([...o.shape]),data:n}}async synchronize(){await this.#e().idle()}async profileAttention(e,t,o,i={}){let s=this.#e(),[n,a,c]=this.#i([["q",e],["k",t],["v",o]]),u=Y(n,a,c,i),m=Qe(i.iterations??10),f=Me("warmup",i.warmup??!0),d=await this.#n(u,i);this.#e();let p=s.buffer(me(u.qShape)*4,"attention output"),h=await s.guarded("the attention dispatch",()=>d(n,a,c,p));try{let g=await s.profile(h,m,f);return{seconds:g.seconds,iterations:m,source:g.source}}finally{s.release(h),p.destroy()}}destroy(){this.#t.failure||(this.#t.fail("it was destroyed; create a new one with createGpuAttention()"),this.#t.ownsDevice&&this.#t.device.destroy())}},$e=class{info;#t=!1;constructor(e){this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),tier:null,limits:null,fallbackReason:e})}#e(){if(this.#t)throw new Error("This GpuAttention cannot be used: it was destroyed; create a new one with createGpuAttention()")}#o=()=>!this.#t;#r(e){return e instanceof R?e.host:e}attention(e,t,o,i={}){try{this.#e();let s=N("q",e,this),n=N("k",t,this),a=N("v",o,this),c=Y(s,n,a,i);G("kernel",i.kernel??"flash",{allowed:["flash","naive"]});let u=ce(c,this.#r(s),this.#r(n),this.#r(a));return Promise.resolve(s instanceof R?new R(this,u.shape,u.data,this.#o):u)}catch(s){return Promise.reject(s)}}applyRope(e,t,o={}){try{this.#e();let i=N("x",e,this),{call:s,inPlace:n}=Je(i,t,o),a=this.#r(i),c=ne(a,s.frequencies,{layout:s.layout,pairing:s.pairing,angles:s.angles,positions:s.positions});return n?(a.data.set(c.data),Promise.resolve(i)):Promise.resolve(i instanceof R?new R(this,c.shape,c.data,this.#o):c)}catch(i){return Promise.reject(i)}}upload(e){this.#e();let t=V("t",e);return new R(this,t.shape,new Float32Array(t.data),this.#o)}download(e){try{this.#e();let t=N("t",e,this);if(!(t instanceof R))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return Promise.resolve({shape:t.shape,data:new Float32Array(t.host.data)})}catch(t){return Promise.reject(t)}}synchronize(){try{return this.#e(),Promise.resolve()}catch(e){return Promise.reject(e)}}async profileAttention(e,t,o,i={}){this.#e();let s=Qe(i.iterations??10);Me("warmup",i.warmup??!0)&&await this.attention(e,t,o,i);let n=performance.now();for(let a=0;a<s;a++)await this.attention(e,t,o,i);return{seconds:(performance.now()-n)/1e3/s,iterations:s,source:"wall-clock"}}destroy(){this.#t=!0}};var ft="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",dt="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",pt='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attentionReference on the CPU',ht=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"];function mt(r,e){let t=r.limits,o=(i,s,n,a=1)=>{let c=e[i];if(c===void 0)return s;if(K(`limits.${i}`,c,{min:n}),c%a!==0)throw new RangeError(`Invalid limits.${i}: expected a multiple of ${a}, got ${D(c)}`);return Math.min(s,c)};return{maxStorageBufferBindingSize:o("maxStorageBufferBindingSize",t.maxStorageBufferBindingSize,256,4),maxBufferSize:t.maxBufferSize,maxComputeWorkgroupStorageSize:o("maxComputeWorkgroupStorageSize",t.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(t.maxComputeInvocationsPerWorkgroup,t.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:o("maxComputeWorkgroupsPerDimension",t.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:t.minStorageBufferOffsetAlignment}}async function lr(r={}){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${D(r)}`);let e=G("fallback",r.fallback??"none",{allowed:["none","cpu"]}),t=r.limits??{};if(t===null||typeof t!="object")throw new TypeError(`Invalid limits: expected an object, got ${D(t)}`);let o=r.device,i=!1,s;if(!o){let a=r.adapter,c=dt;if(!a){let f=globalThis.navigator?.gpu;f?a=await f.requestAdapter():c=ft}if(!a){if(e==="cpu")return new $e(c);throw new Error(`${c}. ${pt}.`)}let u={};for(let f of ht)u[f]=a.limits[f];let m=[];a.features.has("timestamp-query")&&m.push("timestamp-query");try{o=await a.requestDevice({requiredLimits:u,requiredFeatures:m})}catch(f){throw new Error(`Requesting a WebGPU device failed: ${f instanceof Error?f.message:String(f)}`,{cause:f})}i=!0,s=a.info}s??=o.adapterInfo;let n=new ue(o,i,mt(o,t));return new ge(n,{backend:"webgpu",adapter:{vendor:s.vendor,architecture:s.architecture,device:s.device,description:s.description,isFallbackAdapter:s.isFallbackAdapter??!1},features:n.timestamps?["timestamp-query"]:[],tier:n.tier,limits:n.limits,fallbackReason:null})}export{St as attentionReference,lr as createGpuAttention};
