import{d as z,g as N,h as pe,i as W,j as se,l as bt,q as wt,r as Xe}from"./chunk-6XZCXJ52.js";var ae=2**24;function ie(t,e,r){return bt(e,r,{name:t})}function ve(t,e,r,o,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${z(e)}`);if(e.length!==r&&e.length!==o*r)throw new RangeError(`Invalid ${t}: expected ${r} positions (one per token) or ${o*r} (batch x tokens), got ${e.length}`);let i=s?ae:Number.MAX_SAFE_INTEGER,n=new Float64Array(e.length);for(let a=0;a<e.length;a++)n[a]=N(`${t}[${a}]`,e[a],{min:0,max:i});return{kind:"list",list:n,perBatch:e.length!==r}}function nr(t,e,r,o,s){let i=e?s:1,n=new Float64Array(i*o);for(let a=0;a<i;a++)n.set(t.subarray(a*r+r-o,a*r+r),a*o);return{kind:"list",list:n,perBatch:e}}function qe(t,e){let r=e;if(r===null||typeof r!="object"||!(r.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${z(r)}`);let o=r.invFreq;if(o.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<o.length;s++)pe(`${t}.invFreq[${s}]`,o[s],{min:0});return pe(`${t}.attentionFactor`,r.attentionFactor,{min:0,exclusiveMin:!0}),r}function ir(t,e,r,o,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${z(t)}`);let i=qe("rope.frequencies",t.frequencies),n=i.invFreq,a=2*n.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${n.length} frequencies), got ${z(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${n.length} frequencies) exceeds the head dim ${e}`);let c=W("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),u=W("rope.angles",t.angles??"float32",{allowed:["float32","float64"]}),h=u==="float32",p=h?ae:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let f,l;if(t.queryPositions!==void 0&&(l=ve("rope.queryPositions",t.queryPositions,o,r,h)),t.positions!==void 0){let d=ve("rope.positions",t.positions,s,r,h);if(f=d,!l){if(o>s)throw new RangeError(`Invalid rope.positions: q has ${o} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);l=nr(d.list,d.perBatch,s,o,r)}}else{let d=N("rope.offset",t.offset??0,{min:0});if(d+Math.max(s,1)-1>p)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${d+s-1}, above ${p} (the largest position with angles "${u}")`);if(f={kind:"range",start:d},!l){let m=d+s-o;if(m<0)throw new RangeError(`Invalid rope.offset: q has ${o} tokens and k ${s}, so bottom-right aligned queries would start at position ${m}; pass rope.offset >= ${o-s} or rope.queryPositions`);l={kind:"range",start:m}}}return{frequencies:i,pairing:c,rotaryDim:a,angles:u,query:l,key:f}}function Ye(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${z(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let r=new Float32Array(t.length);for(let o=0;o<t.length;o++)r[o]=pe(`alibiSlopes[${o}]`,t[o]);return r}function me(t,e,r,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${z(o)}`);let s=W("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),i=ie("q",t,s),n=ie("k",e,s),a=ie("v",r,s);if(i.heads<1||i.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${z(t.shape)}`);if(n.batch!==i.batch)throw new RangeError(`Invalid k: expected batch ${i.batch} (as q), got ${n.batch}`);if(a.batch!==i.batch)throw new RangeError(`Invalid v: expected batch ${i.batch} (as q), got ${a.batch}`);if(n.headDim!==i.headDim)throw new RangeError(`Invalid k: expected head dim ${i.headDim} (as q), got ${n.headDim}`);if(a.headDim!==i.headDim)throw new RangeError(`Invalid v: expected head dim ${i.headDim} (as q), got ${a.headDim}`);if(a.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${a.seq}`);if(a.heads!==n.heads)throw new RangeError(`Invalid v: expected ${n.heads} heads (as k), got ${a.heads}`);if(n.heads<1||i.heads%n.heads!==0)throw new RangeError(`Invalid k: q has ${i.heads} heads, which is not a multiple of k's ${n.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let c=o.causal??!1;if(typeof c!="boolean")throw new TypeError(`Invalid causal: expected a boolean, got ${z(c)}`);let u=o.scale===void 0?1/Math.sqrt(i.headDim):pe("scale",o.scale),h=Ye(o.alibiSlopes,i.heads),p=o.rope===void 0?null:ir(o.rope,i.headDim,i.batch,i.seq,n.seq);return{layout:s,batch:i.batch,heads:i.heads,kvHeads:n.heads,group:i.heads/n.heads,qSeq:i.seq,kSeq:n.seq,headDim:i.headDim,qShape:[...t.shape],qStrides:i.strides,kStrides:n.strides,causal:c,scale:u,rope:p,alibi:h}}function vt(t,e,r,o,s,i){let n=i==="float32";if(e!==void 0&&r!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return ve(`${t}positions`,e,o,s,n);let a=N(`${t}offset`,r??0,{min:0}),c=n?ae:Number.MAX_SAFE_INTEGER;if(a+Math.max(o,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+o-1}, above ${c} (the largest position with angles "${i}")`);return{kind:"range",start:a}}function _e(t,e,r){let o=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:i}=wt(t,o,{angles:r}),n=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)n[2*a]=s.data[a],n[2*a+1]=i.data[a];return n}function ce(t,e,r){let{layout:o,pairing:s,angles:i,positions:n}=r;return n.kind==="range"?Xe(t,e,{layout:o,pairing:s,angles:i,offset:n.start}):Xe(t,e,{layout:o,pairing:s,angles:i,positions:n.list})}function Se(t,e,r,o){let{batch:s,heads:i,group:n,qSeq:a,kSeq:c,headDim:u,causal:h,scale:p,alibi:f}=t,l=e,d=r;if(t.rope){let{frequencies:j,pairing:_,angles:B}=t.rope;l=ce(e,j,{layout:t.layout,pairing:_,angles:B,positions:t.rope.query}),d=ce(r,j,{layout:t.layout,pairing:_,angles:B,positions:t.rope.key})}let m=t.qStrides,g=t.kStrides,w=new Float32Array(e.data.length),E=new Float64Array(c),v=new Float64Array(u),S=l.data,M=d.data,D=o.data;for(let j=0;j<s;j++)for(let _=0;_<i;_++){let B=Math.floor(_/n),T=f?f[_]:0;for(let R=0;R<a;R++){let A=R+c-a,H=h?Math.min(c,Math.max(0,A+1)):c,V=j*m.batch+_*m.heads+R*m.seq;if(H===0)continue;let q=-1/0;for(let b=0;b<H;b++){let y=j*g.batch+B*g.heads+b*g.seq,k=0;for(let L=0;L<u;L++)k+=S[V+L]*M[y+L];let O=p*k-T*Math.abs(A-b);E[b]=O,O>q&&(q=O)}v.fill(0);let x=0;for(let b=0;b<H;b++){let y=Math.exp(E[b]-q);x+=y;let k=j*g.batch+B*g.heads+b*g.seq;for(let O=0;O<u;O++)v[O]=v[O]+y*D[k+O]}for(let b=0;b<u;b++)w[V+b]=v[b]/x}}return{shape:Object.freeze([...e.shape]),data:w}}function Nr(t,e,r,o={}){se("q",t),se("k",e),se("v",r);let s=me(t,e,r,o);return Se(s,t,e,r)}var Be=Object.freeze({T48:49152,T32:32768,T16:16384});function kt(t){return t>=Be.T48?"T48":t>=Be.T32?"T32":"T16"}function ar(t){let e=t.headDim/4,r=(e+(t.pad?1:0))*16,o=t.br*r,s=t.bc*r,i=t.sharedKV?0:t.bc*e*16,n=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return o+s+i+n+a}function yt(t){let e=[];for(let r=1;r<=t;r++)t%r===0&&e.push(r);return e}function cr(t,e,r){let o=t*e/r;if(!Number.isInteger(o)||o<1||o>16)return;let s,i=1/0;for(let n of yt(e)){let a=o/n;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+n)*10+Math.abs(n-4);c<i&&(i=c,s=[a,n])}return s}function ur(t,e,r){let o=t*e/r;if(!Number.isInteger(o)||o<1||o>16)return;let s,i=1/0;for(let n of yt(e)){let a=o/n;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+n)*10+Math.abs(n-4);c<i&&(i=c,s=[a,n])}return s}var Qe=512;function xt(t,e,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>Qe)return;let o=Be[e],s=t/4,i,n;for(let a of[128,64,256,32])if(!(a>r))for(let c of[64,32,16,8,4])for(let u of[64,32,16,8,4]){let h=cr(c,u,a),p=ur(c,s,a);if(!(!h||!p))for(let f of[!1,!0])for(let l of[!0,!1]){let[d,m]=h,[g,w]=p,E=ar({headDim:t,br:c,bc:u,tn:m,sharedKV:f,pad:l});if(E>o)continue;let v=4*d*m/(d+m),S=[c*u,c>=u?1:0,u>=32?1:0,v>=4?1:0,a===128?2:a===64?1:0,v,f?0:1,l?1:0];(!n||fr(S,n))&&(n=S,i={tier:e,headDim:t,workgroup:a,br:c,bc:u,tm:d,tn:m,om:g,od4:w,sharedKV:f,pad:l,bytes:E})}}return i}function fr(t,e){for(let r=0;r<t.length;r++)if(t[r]!==e[r])return t[r]>e[r];return!1}var lr=140,dr=72,Je=9,Pt=1,Te=class{device;ownsDevice;limits;tier;timestamps;f16;#t=new Map;#e=new Map;#o=null;constructor(e,r,o,s=!1){this.device=e,this.f16=s,this.ownsDevice=r,this.limits=o,this.tier=kt(o.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),e.lost.then(i=>{this.#o??=`the WebGPU device was lost (${i.reason}: ${i.message||"no message"})`})}get failure(){return this.#o}fail(e){this.#o??=e}cached(e,r){let o=this.#e.get(e);return o===void 0&&(o=r(),this.#e.set(e,o)),o}setCached(e,r){this.#e.set(e,r)}pipeline(e,r){let o=this.#t.get(e);return o||(o=this.#r(e,r()),this.#t.set(e,o),o.catch(()=>this.#t.delete(e))),o}async#r(e,r){let o=this.device.createShaderModule({code:r,label:e}),i=(await o.getCompilationInfo()).messages.filter(n=>n.type==="error");if(i.length>0)throw new Error(`Internal error: the generated WGSL for ${e} does not compile: ${i.map(n=>`line ${n.lineNum}: ${n.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:o,entryPoint:"main"}})}catch(n){throw new Error(`Internal error: creating the pipeline ${e} failed: ${n instanceof Error?n.message:String(n)}`)}}buffer(e,r){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${r}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`);return this.device.createBuffer({size:Math.max(16,Math.ceil(e/16)*16),usage:lr,label:r})}upload(e,r){let o=this.buffer(e.byteLength,r);return e.byteLength>0&&this.device.queue.writeBuffer(o,0,e.buffer,e.byteOffset,e.byteLength),o}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}uniform(e,r){let o=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:dr,label:r});return this.device.queue.writeBuffer(o,0,e),o}encode(e,r){for(let o of r.dispatches)e.setPipeline(o.pipeline),e.setBindGroup(0,o.bindGroup),e.dispatchWorkgroups(o.grid[0],o.grid[1],o.grid[2])}submit(e,r){let o=this.#s(e,r);return this.release(e),o}release(e){for(let r of e.temps)r.destroy()}#s(e,r){let o=this.device.createCommandEncoder();if(e.dispatches.length>0){let i=o.beginComputePass();this.encode(i,e),i.end()}let s;return r&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(r.bytes/16)*16),usage:Je,label:"readback"}),r.bytes>0&&o.copyBufferToBuffer(r.source,0,s,0,Math.ceil(r.bytes/4)*4)),this.device.queue.submit([o.finish()]),s}async guarded(e,r){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let o,s,i=!1;try{o=r()}catch(h){s=h,i=!0}let n=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,u]=await Promise.all([n,a]);if(i)throw s;if(u)throw new Error(`Out of GPU memory while ${e}: ${u.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return o}async profile(e,r,o){o&&(this.#s(e),await this.idle());let s=this.device.createCommandEncoder(),i,n,a;this.timestamps&&(i=this.device.createQuerySet({type:"timestamp",count:2}),n=this.device.createBuffer({size:16,usage:516}),a=this.device.createBuffer({size:16,usage:Je}));let c=s.beginComputePass(i?{timestampWrites:{querySet:i,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let p=0;p<r;p++)this.encode(c,e);c.end(),i&&n&&a&&(s.resolveQuerySet(i,0,2,n,0),s.copyBufferToBuffer(n,0,a,0,16));let u=performance.now();this.device.queue.submit([s.finish()]),await this.idle();let h=(performance.now()-u)/1e3;try{if(a){await a.mapAsync(Pt);let[p,f]=new BigUint64Array(a.getMappedRange().slice(0));a.unmap();let l=Number(f-p);if(l>0)return{seconds:l/1e9/r,source:"timestamp-query"}}return{seconds:h/r,source:"wall-clock"}}finally{i?.destroy(),n?.destroy(),a?.destroy()}}gather(e){let r=e.reduce((n,a)=>n+a.size,0),o=this.device.createBuffer({size:Math.max(16,Math.ceil(r/16)*16),usage:Je,label:"readback"}),s=this.device.createCommandEncoder(),i=0;for(let n of e)n.size>0&&s.copyBufferToBuffer(n.buffer,n.offset,o,i,n.size),i+=n.size;return this.device.queue.submit([s.finish()]),o}async read(e,r){try{return await e.mapAsync(Pt),e.getMappedRange(0,Math.max(16,Math.ceil(r/16)*16)).slice(0,r)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};function Z(t,e,r=[]){let o=new ArrayBuffer(Math.ceil(t.length*4/16)*16),s=new DataView(o);return t.forEach((i,n)=>{let a=e[i]??0;if(r.includes(i))s.setFloat32(n*4,a,!0);else{if(!Number.isInteger(a)||a<0||a>4294967295)throw new RangeError(`Internal error: uniform ${i} = ${a} does not fit an unsigned 32-bit integer`);s.setUint32(n*4,a,!0)}}),o}function ee(t,e){return e==="f32"?r=>`${t}[${r}]`:r=>`vec4<f32>(${t}[${r}])`}function ge(t,e,r,o,s){let i=t.rotaryDim,n=i/2;if(s=`(${s})`,r=`(${r})`,o=`(${o})`,t.pairing==="interleaved"&&i%4===0)return`if (${o} < ${i/4}u) {
      let tb = ${s} * ${n}u + ${o} * 2u;
      let a = T[tb];
      let e = T[tb + 1u];
      x = vec4<f32>(x.x * a.x - x.y * a.y, x.y * a.x + x.x * a.y,
                    x.z * e.x - x.w * e.y, x.w * e.x + x.z * e.y);
    }`;if(t.pairing==="half"&&n%4===0){let c=n/4;return`if (${o} < ${2*c}u) {
      let lo = ${o} < ${c}u;
      let pc = select(${o} - ${c}u, ${o} + ${c}u, lo);
      let p = ${e(`${r} + pc`)};
      let tb = ${s} * ${n}u + select(${o} - ${c}u, ${o}, lo) * 4u;
      let t0 = T[tb];
      let t1 = T[tb + 1u];
      let t2 = T[tb + 2u];
      let t3 = T[tb + 3u];
      let sg = select(1.0, -1.0, lo);
      x = x * vec4<f32>(t0.x, t1.x, t2.x, t3.x) + (sg * p) * vec4<f32>(t0.y, t1.y, t2.y, t3.y);
    }`}let a=[];for(let c=0;c<4;c++)if(t.pairing==="interleaved"){let u=c^1,h=c%2===0?"-":"+";a.push(`{
        let d = ${o} * 4u + ${c}u;
        if (d < ${i}u) {
          let t = T[${s} * ${n}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${h} x[${u}] * t.y;
        }
      }`)}else a.push(`{
        let d = ${o} * 4u + ${c}u;
        if (d < ${i}u) {
          let lo = d < ${n}u;
          let pd = select(d - ${n}u, d + ${n}u, lo);
          let t = T[${s} * ${n}u + select(d - ${n}u, d, lo)];
          let p = ${e(`${r} + pd / 4u`)}[pd % 4u];
          y[${c}] = x[${c}] * t.x + select(1.0, -1.0, lo) * p * t.y;
        }
      }`);return`if (${o} * 4u < ${i}u) {
      var y = x;
      ${a.join(`
      `)}
      x = y;
    }`}var Ee=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function hr(t){let e=[t.q,t.k,t.v,t.o];return e.every(r=>r==="f32")?"":`:${e.join("")}`}var Y=-1e30,Ze=["sq","sk","group","kvHeads","causal","numTiles","tileBase","unitBase","qB","qH","qS","qOff","kB","kH","kS","kOff","vB","vH","vS","vOff","oB","oH","oS","oOff","qTab","qTabB","kTab","kTabB","scale2","pad0","pad1","pad2"];function et(t){let e=["params","q","k","v","o"];return t.rope&&e.push("table"),t.alibi&&e.push("slopes"),e}function tt(t){let e=t.tiles,r=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${r}:alibi=${t.alibi}`+hr(t.elements??Ee)}function ue(t){return Array.from({length:t},(e,r)=>r)}function qt(t){let e=t.tiles,r=e.headDim/4,o=e.workgroup,s=e.br,i=e.bc,n=r+(e.pad?1:0),a=e.sharedKV?n:r,c=i+1,u=i/e.tn,h=r/e.od4,p=et(t),f=$=>p.indexOf($),l=e.sharedKV?"Ks":"Vs",d=t.elements??Ee,m=ee("Q",d.q),g=ee("K",d.k),w=ee("V",d.v),E=[d.q,d.k,d.v,d.o].includes("f16"),v=Ze.map($=>`  ${$}: ${$==="scale2"?"f32":"u32"},`).join(`
`),S=($,P)=>`for (var e = lid; e < ${$*r}u; e += ${o}u) {
    let r = e / ${r}u;
    let c = e % ${r}u;
    ${P("r","c")}
  }`,M=t.rope?ge(t.rope,m,"base","c","P.qTab + b * P.qTabB + pos"):"",D=t.rope?ge(t.rope,g,"base","c","P.kTab + b * P.kTabB + key"):"",j=S(s,($,P)=>`let flat = row0 + ${$};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${m(`base + ${P}`)};
      ${M}
    }
    Qs[${$} * ${n}u + ${P}] = x * P.scale2;`),_=S(i,($,P)=>`let key = k0 + ${$};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${g(`base + ${P}`)};
      ${D}
    }
    Ks[${$} * ${n}u + ${P}] = x;`),B=S(i,($,P)=>`let key = k0 + ${$};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${w(`b * P.vB + kvh * P.vH + key * P.vS - P.vOff + ${P}`)};
    }
    ${l}[${$} * ${a}u + ${P}] = x;`),T=ue(e.tm),R=ue(e.tn),A=ue(e.om),H=ue(e.od4),V=T.flatMap($=>R.map(P=>`var s${$}_${P} = 0.0;`)).join(" "),q=ue(r).map($=>{let P=T.map(G=>`let q${G} = Qs[qr${G} + ${$}u];`).join(" "),C=R.map(G=>`let k${G} = Ks[kr${G} + ${$}u];`).join(" "),K=T.flatMap(G=>R.map(ne=>`s${G}_${ne} += dot(q${G}, k${ne});`)).join(" ");return`{ ${P} ${C} ${K} }`}).join(`
      `),x=T.flatMap($=>R.map(P=>{let C=t.alibi?` - sl${$} * f32(abs(qp${$} - i32(key${P})))`:"";return`s${$}_${P} = select(${Y}, s${$}_${P}${C}, ok${$} && key${P} < P.sk && (P.causal == 0u || i32(key${P}) <= qp${$}));`})).join(`
      `),b=T.map($=>`Mx[(tr * ${e.tm}u + ${$}u) * ${u}u + tc] = max(${R.map(P=>`s${$}_${P}`).reduce((P,C)=>`max(${P}, ${C})`)}, ${Y});`).join(`
      `),y=($,P)=>`let ${P} = ${ue(u).map(C=>`Mx[${$} * ${u}u + ${C}u]`).reduce((C,K)=>`max(${C}, ${K})`)};`,k=T.map($=>{let P=`(tr * ${e.tm}u + ${$}u)`,C=R.map(K=>`let p${K} = select(0.0, exp2(s${$}_${K} - tmax), s${$}_${K} > ${Y/2});
        Ps[${P} * ${c}u + tc + ${K*u}u] = p${K};`).join(`
        `);return`{
        ${y(P,"tmax")}
        ${C}
        Sm[${P} * ${u}u + tc] = ${R.map(K=>`p${K}`).join(" + ")};
      }`}).join(`
      `),O=A.flatMap($=>H.map(P=>`var o${$}_${P} = vec4<f32>(0.0);`)).join(" "),L=A.map($=>`var m${$} = ${Y}; var l${$} = 0.0;`).join(" "),U=A.map($=>{let P=`orow${$}`;return`{
        ${y(P,"tmax")}
        let tsum = ${ue(u).map(C=>`Sm[${P} * ${u}u + ${C}u]`).join(" + ")};
        let mnew = max(m${$}, tmax);
        let alpha = exp2(m${$} - mnew);
        beta${$} = exp2(tmax - mnew);
        l${$} = l${$} * alpha + tsum * beta${$};
        m${$} = mnew;
        ${H.map(C=>`o${$}_${C} *= alpha;`).join(" ")}
      }`}).join(`
      `),J=ue(i).map($=>{let P=A.map(G=>`let p${G} = Ps[orow${G} * ${c}u + ${$}u] * beta${G};`).join(" "),C=H.map(G=>`let v${G} = ${l}[${$*a}u + oc + ${G*h}u];`).join(" "),K=A.flatMap(G=>H.map(ne=>`o${G}_${ne} += p${G} * v${ne};`)).join(" ");return`{ ${P} ${C} ${K} }`}).join(`
      `),X=A.map($=>`{
    let flat = row0 + orow${$};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = select(0.0, 1.0 / l${$}, l${$} > 0.0);
      ${H.map(P=>d.o==="f32"?`O[base + ${P*h}u] = o${$}_${P} * inv;`:`O[base + ${P*h}u] = vec4<f16>(o${$}_${P} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),Pe=T.map($=>`let flat${$} = row0 + tr * ${e.tm}u + ${$}u;
  let pos${$} = flat${$} / P.group;
  let ok${$} = pos${$} < P.sq;
  let qp${$} = i32(pos${$}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${$} = SL[kvh * P.group + flat${$} % P.group];`:""}`).join(`
  `);return`// ${tt(t)}
${E?"enable f16;":""}
struct Params {
${v}
}
@group(0) @binding(${f("params")}) var<uniform> P: Params;
@group(0) @binding(${f("q")}) var<storage, read> Q: array<vec4<${d.q}>>;
@group(0) @binding(${f("k")}) var<storage, read> K: array<vec4<${d.k}>>;
@group(0) @binding(${f("v")}) var<storage, read> V: array<vec4<${d.v}>>;
@group(0) @binding(${f("o")}) var<storage, read_write> O: array<vec4<${d.o}>>;
${t.rope?`@group(0) @binding(${f("table")}) var<storage, read> T: array<vec2<f32>>;`:""}
${t.alibi?`@group(0) @binding(${f("slopes")}) var<storage, read> SL: array<f32>;`:""}

var<workgroup> Qs: array<vec4<f32>, ${s*n}>;
var<workgroup> Ks: array<vec4<f32>, ${i*n}>;
${e.sharedKV?"":`var<workgroup> Vs: array<vec4<f32>, ${i*r}>;`}
var<workgroup> Ps: array<f32, ${s*c}>;
var<workgroup> Mx: array<f32, ${s*u}>;
var<workgroup> Sm: array<f32, ${s*u}>;

@compute @workgroup_size(${o})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // Tiles run last-first: under a causal mask the longest ones start first.
  let tile = P.numTiles - 1u - (P.tileBase + wid.x);
  let unit = P.unitBase + wid.y;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let row0 = tile * ${s}u;

  ${j}

  let tr = lid / ${u}u;
  let tc = lid % ${u}u;
  ${T.map($=>`let qr${$} = (tr * ${e.tm}u + ${$}u) * ${n}u;`).join(" ")}
  ${R.map($=>`let kr${$} = (tc + ${$*u}u) * ${n}u;`).join(" ")}
  ${Pe}
  let orr = lid / ${h}u;
  let oc = lid % ${h}u;
  ${A.map($=>`let orow${$} = orr * ${e.om}u + ${$}u;`).join(" ")}
  ${O}
  ${L}
  ${A.map($=>`var beta${$} = 0.0;`).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${s}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${i-1}u) / ${i}u;
  for (var kt = 0u; kt < tiles; kt++) {
    let k0 = kt * ${i}u;
    ${_}
    ${e.sharedKV?"":B}
    workgroupBarrier();
    {
      ${V}
      ${q}
      ${R.map($=>`let key${$} = k0 + tc + ${$*u}u;`).join(" ")}
      ${x}
      ${b}
      workgroupBarrier();
      ${k}
    }
    ${e.sharedKV?B:""}
    workgroupBarrier();
    {
      ${U}
      ${J}
    }
    workgroupBarrier();
  }

  ${X}
}
`}function re(t,e,r,o=4){let s=Math.max(16,r.minStorageBufferOffsetAlignment),i=Math.floor(t*o/s)*s,n=Math.max(4,Math.ceil((e*o-i)/4)*4);return{offset:i,size:n,base:i/o}}function Q(t,e){return t.size<=e.maxStorageBufferBindingSize}function fe(t,e,r,o){let s=[],i=0;for(;i<t;){let n=Math.min(t-i,e);if(!r(i,1))throw o(i);let a=1,c=n;if(r(i,c))a=c;else for(;c-a>1;){let u=Math.floor((a+c)/2);r(i,u)?a=u:c=u}s.push([i,a]),i+=a}return s}function oe(t,e){let r=e.maxComputeWorkgroupsPerDimension;if(t<=r)return[Math.max(1,t),1];let o=Math.ceil(t/r);if(o>r)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${r} x ${r}, the device's 2-D grid limit`);return[Math.ceil(t/o),o]}function le(t,e){let r=e.maxComputeWorkgroupsPerDimension;return r*r*t}var pr=32*1024*1024,mr=1024;function gr(t,e){return`rope-table|${e}|${t.attentionFactor}|${Array.from(t.invFreq).join(",")}`}function St(t,e,r){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${r} bytes; rotate in smaller batches`)}function de(t,e,r,o){let s=e.invFreq.length*8,i=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize);if(o.every(p=>p.positions.kind==="range")){let p=o.map(w=>w.positions.start),f=Math.min(...p),l=Math.max(...o.map((w,E)=>p[E]+w.seq)),d=mr;for(;d<l;)d*=2;if(d*s<=Math.min(pr,i)){let w=gr(e,r),E=t.cached(w,()=>null);if(!E||E.rows<l){let v=_e(e,{start:0,count:d},r);E={rows:d,buffer:t.upload(v,"rope table")},t.setCached(w,E)}return{buffer:E.buffer,temp:!1,sides:p.map(v=>({tab:v,tabB:0}))}}let m=Math.max(1,l-f);if(m*s>i)throw St(m,m*s,i);let g=_e(e,{start:f,count:m},r);return{buffer:t.upload(g,"rope table"),temp:!0,sides:p.map(w=>({tab:w-f,tabB:0}))}}let n=[],a=[],c=0;for(let p of o){let f=p.positions,l=f.kind==="list"?f.list:Float64Array.from({length:p.seq},(d,m)=>f.start+m);a.push({tab:c,tabB:f.kind==="list"&&f.perBatch?p.seq:0}),n.push(l),c+=l.length}let u=new Float64Array(Math.max(1,c)),h=0;for(let p of n)u.set(p,h),h+=p.length;if(u.length*s>i)throw St(u.length,u.length*s,i);return{buffer:t.upload(_e(e,u,r),"rope table"),temp:!0,sides:a}}function Et(t,e,r=Ee){let o=xt(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!o)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:Qe}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:o,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:r}}function Mt(t,e){return t.pipeline(tt(e),()=>qt(e))}function Bt(t,e,r){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${r} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function Dt(t,e,r,o,s){let{batch:i,kvHeads:n,group:a,qSeq:c,kSeq:u,headDim:h}=e,p={dispatches:[],temps:[]};if(i===0||c===0||u===0)return p;let f=t.limits,l=e.qStrides,d=e.kStrides,m=i*n,g=r.elements??Ee,w=q=>q==="f16"?2:4,E=(q,x,b=w(g.q))=>{let[y,k]=[Math.floor(q/n),q%n],O=q+x-1,[L,U]=[Math.floor(O/n),O%n],J=y*l.batch+k*a*l.heads,X=L*l.batch+(U*a+a-1)*l.heads+(c-1)*l.seq+h;return re(J,X,f,b)},v=(q,x)=>E(q,x,w(g.o)),S=(q,x,b=w(g.k))=>{let y=q+x-1,k=Math.floor(q/n)*d.batch+q%n*d.heads,O=Math.floor(y/n)*d.batch+y%n*d.heads+(u-1)*d.seq+h;return re(k,O,f,b)},M=(q,x)=>S(q,x,w(g.v)),D=(q,x)=>(w(g.q)>=w(g.o)?E:v)(q,x),j=(q,x)=>(w(g.k)>=w(g.v)?S:M)(q,x),_=fe(m,f.maxComputeWorkgroupsPerDimension,(q,x)=>Q(D(q,x),f)&&Q(j(q,x),f),q=>{let x=D(q,1);return Q(x,f)?Bt("k and v",j(q,1).size,f.maxStorageBufferBindingSize):Bt("q and the output",x.size,f.maxStorageBufferBindingSize)}),B=null;e.rope&&(B=de(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:u}]),B.temp&&p.temps.push(B.buffer));let T=null;e.alibi&&(T=t.upload(e.alibi.map(q=>q*Math.LOG2E),"alibi slopes"),p.temps.push(T));let R=r.tiles,A=Math.ceil(c*a/R.br),H=f.maxComputeWorkgroupsPerDimension,V=et(r);for(let[q,x]of _){let b=E(q,x),y=S(q,x),k=M(q,x),O=v(q,x);for(let L=0;L<A;L+=H){let U={sq:c,sk:u,group:a,kvHeads:n,causal:e.causal?1:0,numTiles:A,tileBase:L,unitBase:q,qB:l.batch/4,qH:l.heads/4,qS:l.seq/4,qOff:b.base/4,kB:d.batch/4,kH:d.heads/4,kS:d.seq/4,kOff:y.base/4,vB:d.batch/4,vH:d.heads/4,vS:d.seq/4,vOff:k.base/4,oB:l.batch/4,oH:l.heads/4,oS:l.seq/4,oOff:O.base/4,qTab:B?.sides[0]?.tab??0,qTabB:B?.sides[0]?.tabB??0,kTab:B?.sides[1]?.tab??0,kTabB:B?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},J=t.uniform(Z(Ze,U,["scale2"]),"flash params");p.temps.push(J);let X={params:{buffer:J},q:{buffer:s.q,offset:b.offset,size:b.size},k:{buffer:s.k,offset:y.offset,size:y.size},v:{buffer:s.v,offset:k.offset,size:k.size},o:{buffer:s.o,offset:O.offset,size:O.size}};B&&(X.table={buffer:B.buffer}),T&&(X.slopes={buffer:T});let Pe=t.device.createBindGroup({layout:o.getBindGroupLayout(0),entries:V.map((P,C)=>({binding:C,resource:X[P]}))}),[$]=oe(Math.min(H,A-L),f);p.dispatches.push({pipeline:o,bindGroup:Pe,grid:[$,x,1]})}}return p}var $r=256,br=8;function wr(t){let e=t.kp*t.ku*t.rb,r=t.lr*(e+1),o=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(r+e+o+s)}function Rt(t,e,r,o=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,i=1;for(let f of[1,2,3,4])if(s%f===0&&s/f<=32){i=f;break}let n=s/i,a=Math.min(r==="T16"?64:128,o);if(n>o)return;let c=Math.max(1,Math.floor(a/n)),u=c*n,h=Be[r],p=Math.max(1,Math.min(e,Math.floor(br/i)));for(let f=p;f>=1;f--)for(let l=Math.max(1,Math.floor(n/f));l>=1;l--){let d={headDim:t,c:i,lr:n,kp:c,ku:l,rb:f},m=wr(d);if(m<=h)return{...d,workgroup:u,bytes:m}}}function Ot(t,e,r,o){let s=Math.ceil(r/Math.max(1,e)),i=Math.ceil(t/$r);return rt(t,Math.max(1,Math.min(s,i,o)))}function rt(t,e){let r=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/r)),keysPerSplit:r}}var ot=["sq","group","rows","kvHeads","len","nsplit","keysPerSplit","unitBase","chunkBase","lmax4","direct","statsOff","qB","qH","qS","qOff","oB","oH","oS","oOff","tab","tabB","pad0","scale2"],st=["items","nsplit","rows","group","kvHeads","unitBase","statsOff","gridX","oB","oH","oS","oOff"],Me=64;function nt(t){let e=["params","q","k","v","o","w"];return t.rope&&e.push("table"),t.alibi&&e.push("slopes"),e}function it(t){let e=t.tiles,r=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",o=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${r}:alibi=${t.alibi}:${o.q}${o.kv}${o.o}`}function at(t,e){return`decode-merge:d${t}:${e}`}function he(t){return Array.from({length:t},(e,r)=>r)}function je(t){return t.length===0?"0.0":t.join(" + ")}function _t(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function Tt(t){let e=t.tiles,{c:r,lr:o,kp:s,ku:i,rb:n,workgroup:a}=e,c=e.headDim/4,u=s*i*n,h=u+1,p=s*i,f=t.elements,l=nt(t),d=b=>l.indexOf(b),m=ee("Q",f.q),g=ee("K",f.kv),w=ee("V",f.kv),E=[f.q,f.kv,f.o].includes("f16"),v=he(n),S=he(r),M=he(i),D=ot.map(b=>`  ${b}: ${b==="scale2"?"f32":"u32"},`).join(`
`),j=t.rope?ge(t.rope,m,"base","cc","P.tab + b * P.tabB + t"):"",_=v.map(b=>`${S.map(y=>`var q${b}_${y} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${b}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${S.map(y=>`{
        let cc = lr + ${y*o}u;
        var x = ${m("base + cc")};
        ${j}
        q${b}_${y} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),B=v.map(b=>`var m${b} = ${Y}; var l${b} = 0.0; ${S.map(y=>`var a${b}_${y} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),T=M.map(b=>{let y=v.map(k=>`Red[lr * ${h}u + kp * ${n}u + ${b*s*n+k}u] = ${je(S.map(O=>`dot(q${k}_${O}, k${b}_${O})`))};`).join(`
      `);return`let kr${b} = kvBase + min(k0 + ${b*s}u + kp, kEnd - 1u) * ${c}u;
      ${S.map(k=>`let k${b}_${k} = ${g(`kr${b} + ${k*o}u`)};`).join(" ")}
      ${S.map(k=>`let v${b}_${k} = ${w(`kr${b} + ${k*o}u`)};`).join(" ")}
      ${y}`}).join(`
      `),R=t.alibi?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          s -= SL[h] * f32(i32(qp) - i32(key));`:"",A=he(Math.ceil(u/a)).map(b=>{let y=(b+1)*a>u;return`{
        let i = lid + ${b*a}u;
        ${y?`if (i < ${u}u) {`:"{"}
          var s = ${je(he(o).map(k=>`Red[${k*h}u + i]`))};
          let key = k0 + i / ${n}u;
          let f = row0 + i % ${n}u;
          let qp = P.len - P.sq + f / P.group;
          ${R}
          Sc[i] = select(${Y}, s, key < kEnd && f < P.rows && key <= qp);
        }
      }`}).join(`
      `),H=v.map(b=>{let y=M.map(k=>`s${k}`);return`{
        ${M.map(k=>`let s${k} = Sc[kp * ${n}u + ${k*s*n+b}u];`).join(" ")}
        let mx = max(m${b}, ${y.reduce((k,O)=>`max(${k}, ${O})`)});
        let alpha = exp2(m${b} - mx);
        ${M.map(k=>`let p${k} = select(0.0, exp2(s${k} - mx), s${k} > ${Y/2});`).join(" ")}
        l${b} = l${b} * alpha + ${je(M.map(k=>`p${k}`))};
        m${b} = mx;
        ${S.map(k=>`a${b}_${k} = a${b}_${k} * alpha + ${je(M.map(O=>`p${O} * v${O}_${k}`))};`).join(`
        `)}
      }`}).join(`
      `),V=v.map(b=>`{
    let mr = ${he(s).map(y=>`Mk[${y*n+b}u]`).reduce((y,k)=>`max(${y}, ${k})`)};
    let g = exp2(m${b} - mr);
    l${b} *= g;
    ${S.map(y=>`a${b}_${y} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${b}u] = mr;
    }
  }`).join(`
  `),q=he(s).map(b=>`if (kp == ${b}u) {
    ${v.flatMap(y=>S.map(k=>{let O=`${y*c}u + lr + ${k*o}u`;return b===0?`X[${O}] = a${y}_${k};`:`X[${O}] += a${y}_${k};`})).join(`
    `)}
    if (lr == 0u) {
      ${v.map(y=>b===0?`Ls[${y}u] = l${y};`:`Ls[${y}u] += l${y};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),x=he(Math.ceil(n*c/a)).map(b=>{let y=(b+1)*a>n*c;return`{
    let e = lid + ${b*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${y?`e < ${n*c}u && `:""}f < P.rows) {
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
  `);return`// ${it(t)}
${E?"enable f16;":""}
struct Params {
${D}
}
@group(0) @binding(${d("params")}) var<uniform> P: Params;
@group(0) @binding(${d("q")}) var<storage, read> Q: array<vec4<${f.q}>>;
@group(0) @binding(${d("k")}) var<storage, read> K: array<vec4<${f.kv}>>;
@group(0) @binding(${d("v")}) var<storage, read> V: array<vec4<${f.kv}>>;
@group(0) @binding(${d("o")}) var<storage, read_write> O: array<vec4<${f.o}>>;
@group(0) @binding(${d("w")}) var<storage, read_write> W: array<vec4<f32>>;
${t.rope?`@group(0) @binding(${d("table")}) var<storage, read> T: array<vec2<f32>>;`:""}
${t.alibi?`@group(0) @binding(${d("slopes")}) var<storage, read> SL: array<f32>;`:""}

var<workgroup> Red: array<f32, ${o*h}>;
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
  let kp = lid / ${o}u;
  let lr = lid % ${o}u;
  let kvBase = (unit - P.chunkBase) * P.lmax4 + lr;

  ${_}
  ${B}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${n}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${p}u) {
      ${T}
    workgroupBarrier();
      ${A}
    workgroupBarrier();
      ${H}
  }

  if (lr == 0u) {
    ${v.map(b=>`Mk[kp * ${n}u + ${b}u] = m${b};`).join(" ")}
  }
  workgroupBarrier();
  ${V}
  ${q}
  ${x}
}
`}function jt(t,e){let r=t/4,o=st.map(s=>`  ${s}: u32,`).join(`
`);return`// ${at(t,e)}
${e==="f16"?"enable f16;":""}
struct Params {
${o}
}
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> W: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> O: array<vec4<${e}>>;

@compute @workgroup_size(${Me})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Me}u + lid;
  if (idx >= P.items) {
    return;
  }
  let row = idx / ${r}u;
  let cc = idx % ${r}u;
  let stats = P.statsOff + row * P.nsplit;
  var mx = ${Y};
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
`}function At(t,e,r){let o=e.group*e.qSeq,s=Rt(e.headDim,o,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:r}}function ct(t,e){let r=e.tiles.headDim,o=e.elements.o;return Promise.all([t.pipeline(it(e),()=>Tt(e)),t.pipeline(at(r,o),()=>jt(r,o))])}function It(t,e,r,o,s){let i=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let a=Math.min(o,i);if(e.splits>a)throw new RangeError(`Invalid splits: expected at most ${a} (the cache length ${o}${i<o?` and maxComputeWorkgroupsPerDimension ${i}`:""}), got ${e.splits}`);return rt(o,e.splits)}let n=Math.ceil(e.group*e.qSeq/r.tiles.rb);return Ot(o,e.batch*e.kvHeads*n,s,i)}function ut(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function zt(t,e,r,o,s,i,n){let a={dispatches:[],temps:[]},[c,u]=o,h=t.limits,{kvHeads:p,group:f,qSeq:l,headDim:d}=e,m=d/4,g=f*l,w=r.tiles,E=Math.ceil(g/w.rb),{splits:v,keysPerSplit:S}=i,M=v===1,D=e.qStrides,j=r.elements.q==="f16"?2:4,_=r.elements.o==="f16"?2:4,B=(x,b,y)=>{let k=(J,X)=>Math.floor(J/p)*D.batch+X*D.heads,O=x+b-1,L=k(x,x%p*f),U=k(O,O%p*f+f-1)+(l-1)*D.seq+d;return re(L,U,h,y)},T=x=>x*g*v*(m+1)*16,R=null;e.rope&&(R=de(t,e.rope.frequencies,e.rope.angles,[{positions:ut(e,s.length),seq:l}]),R.temp&&a.temps.push(R.buffer));let A=null;e.alibi&&(A=t.upload(e.alibi.map(x=>x*Math.LOG2E),"alibi slopes"),a.temps.push(A));let H=h.maxComputeWorkgroupsPerDimension,V=nt(r),q=Math.max(1,Math.floor(le(Me,h)/(g*m)));for(let x of s.chunks){let b=fe(x.n,Math.min(H,q),(y,k)=>Q(B(x.u0+y,k,j),h)&&Q(B(x.u0+y,k,_),h)&&(M||T(k)<=h.maxStorageBufferBindingSize),y=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${B(x.u0+y,1,Math.max(j,_)).size} bytes or their ${v} partial outputs ${T(1)} bytes, more than maxStorageBufferBindingSize (${h.maxStorageBufferBindingSize} bytes)`));for(let[y,k]of b){let O=x.u0+y,L=B(O,k,j),U=B(O,k,_),J=k*g*v*m,X=t.dummy();M||(X=t.buffer(T(k),"decode partials"),a.temps.push(X));let Pe={sq:l,group:f,rows:g,kvHeads:p,len:s.length,nsplit:v,keysPerSplit:S,unitBase:O,chunkBase:x.u0,lmax4:s.maxLength*m,direct:M?1:0,statsOff:J,qB:D.batch/4,qH:D.heads/4,qS:D.seq/4,qOff:L.base/4,oB:D.batch/4,oH:D.heads/4,oS:D.seq/4,oOff:U.base/4,tab:R?.sides[0]?.tab??0,tabB:R?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E},$=t.uniform(Z(ot,Pe,["scale2"]),"decode params");a.temps.push($);let P={params:{buffer:$},q:{buffer:n.q,offset:L.offset,size:L.size},k:{buffer:x.k},v:{buffer:x.v},o:{buffer:n.o,offset:U.offset,size:U.size},w:{buffer:X}};if(R&&(P.table={buffer:R.buffer}),A&&(P.slopes={buffer:A}),a.dispatches.push({pipeline:c,bindGroup:t.device.createBindGroup({layout:c.getBindGroupLayout(0),entries:V.map((or,sr)=>({binding:sr,resource:P[or]}))}),grid:[v,k,E]}),M)continue;let C=k*g*m,[K,G]=oe(Math.ceil(C/Me),h),ne=t.uniform(Z(st,{items:C,nsplit:v,rows:g,group:f,kvHeads:p,unitBase:O,statsOff:J,gridX:K,oB:D.batch/4,oH:D.heads/4,oS:D.seq/4,oOff:U.base/4}),"decode merge params");a.temps.push(ne),a.dispatches.push({pipeline:u,bindGroup:t.device.createBindGroup({layout:u.getBindGroupLayout(0),entries:[{binding:0,resource:{buffer:ne}},{binding:1,resource:{buffer:X}},{binding:2,resource:{buffer:n.o,offset:U.offset,size:U.size}}]}),grid:[K,G,1]})}}return a}var Ct=new Float32Array(1),vr=new Uint32Array(Ct.buffer);function kr(t){Ct[0]=t;let e=vr[0],r=e>>>16&32768,o=e>>>23&255,s=e&8388607;if(o===255)return r|31744|(s!==0?512:0);let i=o-112;if(i>=31)return r|31744;if(i<=0){if(i<-10)return r;s|=8388608;let c=14-i,u=s>>>c,h=s&(1<<c)-1,p=1<<c-1;return(h>p||h===p&&(u&1)===1)&&u++,r|u}let n=i<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(n&1)===1)&&n++,r|n}function Ft(t){let e=(t&32768)!==0?-1:1,r=t>>>10&31,o=t&1023;return r===0?e*o*2**-24:r===31?o!==0?NaN:e*(1/0):e*(1+o/1024)*2**(r-15)}function ft(t){let e=new Uint16Array(t.length+t.length%2);for(let r=0;r<t.length;r++)e[r]=kr(t[r]);return e}function Ae(t,e=t.length){let r=new Float32Array(e);for(let o=0;o<e;o++)r[o]=Ft(t[o]);return r}var te=64;function Ht(){return Float32Array.from({length:te},(t,e)=>(e-31)*.125)}var yr=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${te/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function xr(t,e){let r=Ht();for(let o=0;o<te;o++){let s=r[o]*3+.25,i=t[o],n=e[o]===void 0?void 0:Ft(e[o]);if(i!==s||n!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${o} should be ${s}, read back ${i} (f32) and ${n} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${te} values was exact`}}async function Gt(t){let i=[],n=(a,c)=>{let u=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return i.push(u),u};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:yr,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),u=n(te*2,136),h=n(te*4,132),p=n(te*2,132),f=n(te*4,9),l=n(te*2,9),d=ft(Ht());t.queue.writeBuffer(u,0,d.buffer,d.byteOffset,d.byteLength);let m=t.createCommandEncoder(),g=m.beginComputePass();g.setPipeline(c),g.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[u,h,p].map((S,M)=>({binding:M,resource:{buffer:S}}))})),g.dispatchWorkgroups(1),g.end(),m.copyBufferToBuffer(h,0,f,0,te*4),m.copyBufferToBuffer(p,0,l,0,te*2),t.queue.submit([m.finish()]),await Promise.all([f.mapAsync(1),l.mapAsync(1)]);let w=new Float32Array(f.getMappedRange().slice(0)),E=new Uint16Array(l.getMappedRange().slice(0)),v=await t.popErrorScope();return v?{available:!1,detail:`the shader-f16 self-test was rejected: ${v.message}`}:xr(w,E)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of i)a.destroy()}}var Ie=256,Lt=["items","pad0","kvHeads","unitBase","chunkBase","slot","lmax4","gridX","kB","kH","kS","kOff","vB","vH","vS","vOff","tab","tabB","tokBase","tokCount"];function Wt(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function Pr(t){let e=t.headDim/4,r=ee("K",t.k),o=ee("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),i=c=>t.cache==="f32"?c:`vec4<f16>(${c})`,n=Lt.map(c=>`  ${c}: u32,`).join(`
`),a=t.rope?ge(t.rope,r,"base","c","P.tab + b * P.tabB + s"):"";return`// ${Wt(t)}
${s?"enable f16;":""}
struct Params {
${n}
}
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> K: array<vec4<${t.k}>>;
@group(0) @binding(2) var<storage, read> V: array<vec4<${t.v}>>;
@group(0) @binding(3) var<storage, read_write> KC: array<vec4<${t.cache}>>;
@group(0) @binding(4) var<storage, read_write> VC: array<vec4<${t.cache}>>;
${t.rope?"@group(0) @binding(5) var<storage, read> T: array<vec2<f32>>;":""}

@compute @workgroup_size(${Ie})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ie}u + lid;
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
  KC[dst] = ${i("x")};
  VC[dst] = ${i(o("b * P.vB + h * P.vH + s * P.vS - P.vOff + c"))};
}
`}function Kt(t,e){return t.pipeline(Wt(e),()=>Pr(e))}function Nt(t,e,r,o,s,i){let n={dispatches:[],temps:[]},{n:a,strides:c}=e,u=r.headDim,h=u/4;if(a===0)return n;let p=t.limits,f=r.k==="f16"?2:4,l=r.v==="f16"?2:4,d=(v,S,M)=>{let D=v+S-1,j=_=>Math.floor(_/e.kvHeads)*c.batch+_%e.kvHeads*c.heads;return re(j(v),j(D)+(a-1)*c.seq+u,p,M)},m=null;e.rope&&(m=de(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),m.temp&&n.temps.push(m.buffer));let g=le(Ie,p),w=Math.min(a,Math.max(1,Math.floor(g/h))),E=Math.max(1,Math.floor(g/(w*h)));for(let v of i){let S=fe(v.n,E,(M,D)=>Q(d(v.u0+M,D,f),p)&&Q(d(v.u0+M,D,l),p),M=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${d(v.u0+M,1,Math.max(f,l)).size} bytes, more than maxStorageBufferBindingSize (${p.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[M,D]of S)for(let j=0;j<a;j+=w){let _=Math.min(w,a-j),B=v.u0+M,T=d(B,D,f),R=d(B,D,l),A=D*_*h,[H,V]=oe(Math.ceil(A/Ie),p),q={items:A,n:a,kvHeads:e.kvHeads,unitBase:B,chunkBase:v.u0,slot:e.slot,lmax4:e.maxLength*h,gridX:H,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:T.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:R.base/4,tab:m?.sides[0]?.tab??0,tabB:m?.sides[0]?.tabB??0,tokBase:j,tokCount:_},x=t.uniform(Z(Lt,q),"kv append params");n.temps.push(x);let b=[{binding:0,resource:{buffer:x}},{binding:1,resource:{buffer:s.k,offset:T.offset,size:T.size}},{binding:2,resource:{buffer:s.v,offset:R.offset,size:R.size}},{binding:3,resource:{buffer:v.k}},{binding:4,resource:{buffer:v.v}}];m&&b.push({binding:5,resource:{buffer:m.buffer}});let y=t.device.createBindGroup({layout:o.getBindGroupLayout(0),entries:b});n.dispatches.push({pipeline:o,bindGroup:y,grid:[H,V,1]})}}return n}var ze="This KvCache cannot be used: it was destroyed",Ce="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",qr=512,Vt=4;function lt(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${z(e)}`)}function ke(t,e,r){let o=W(t,e??"f32",{allowed:["f32","f16","auto"]});if(o==="auto")return r.available?"f16":"f32";if(o==="f16"&&!r.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${r.detail}); use "f32", or "auto" to fall back to float32`);return o}function dt(t){lt("options",t);let e=N("batch",t.batch,{min:1}),r=N("kvHeads",t.kvHeads,{min:1}),o=N("headDim",t.headDim,{min:4,max:qr});if(o%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${o}`);let s=N("maxLength",t.maxLength,{min:1});return{batch:e,kvHeads:r,headDim:o,maxLength:s}}function Xt(t,e,r){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${z(e)}`);let o=qe(`${t}.frequencies`,e.frequencies),s=2*o.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==s)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${s} (2 x the ${o.invFreq.length} frequencies), got ${z(e.rotaryDim)}`);if(s>r)throw new RangeError(`Invalid ${t}.frequencies: rotary dim ${s} (2 x ${o.invFreq.length} frequencies) exceeds the head dim ${r}`);let i=W(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),n=W(`${t}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),a=`${i}|${n}|${o.attentionFactor}|${Array.from(o.invFreq).join(",")}`;return{frequencies:o,pairing:i,rotaryDim:s,angles:n,fingerprint:a}}function Ut(t,e,r,o){let s=ie(t,e,r);if(s.batch!==o.batch)throw new RangeError(`Invalid ${t}: expected batch ${o.batch} (as the cache), got ${s.batch}`);if(s.heads!==o.kvHeads)throw new RangeError(`Invalid ${t}: expected ${o.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==o.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${o.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function Fe(t,e,r,o){lt("options",o);let s=W("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),i=Ut("k",e,s,t),n=Ut("v",r,s,t);if(n.seq!==i.seq)throw new RangeError(`Invalid v: expected ${i.seq} tokens (as k), got ${n.seq}`);let a=null;if(o.rope!==void 0){let c=Xt("rope",o.rope,t.headDim),u=o.rope.positions===void 0?null:ve("rope.positions",o.rope.positions,i.seq,t.batch,c.angles==="float32");a={...c,positions:u}}return{layout:s,n:i.seq,strides:i.strides,rope:a}}function He(t,e,r){if(e+r.n>t.maxLength)throw new RangeError(`Cannot append ${r.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(r.rope&&!r.rope.positions&&r.rope.angles==="float32"){let o=e+r.n-1;if(o>ae)throw new RangeError(`Invalid rope: the last key would sit at position ${o}, above ${ae} (the largest position with angles "float32")`)}}function ht(t,e,r){lt("options",r);let o=W("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=ie("q",e,o);if(s.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${s.batch}`);if(s.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${s.headDim}`);if(s.heads<1||s.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${s.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(s.seq<1||s.seq>Vt)throw new RangeError(`Invalid q: expected 1 to ${Vt} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${s.seq}`);let i=r.scale===void 0?1/Math.sqrt(s.headDim):pe("scale",r.scale),n=Ye(r.alibiSlopes,s.heads),a=null;if(r.rope!==void 0){let u=Xt("rope",r.rope,t.headDim),h=r.queryPositions===void 0?null:ve("queryPositions",r.queryPositions,s.seq,s.batch,u.angles==="float32");a={...u,queryPositions:h}}else if(r.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let c=r.splits===void 0?void 0:N("splits",r.splits,{min:1});return{layout:o,batch:s.batch,heads:s.heads,kvHeads:t.kvHeads,group:s.heads/t.kvHeads,qSeq:s.seq,headDim:s.headDim,qShape:[...e.shape],qStrides:s.strides,scale:i,rope:a,alibi:n,splits:c}}function pt(t,e,r){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(r.keyRope&&r.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(r.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(t.rope.angles==="float32"&&e-1>ae)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${ae} (the largest position with angles "float32")`)}}}function Ge(t,e){let r=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==r)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:r,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var ye=Object.freeze({keyRope:void 0,explicitPositions:!1});var I=class{shape;dtype;owner;#t;#e;#o;#r=!1;constructor(e,r,o,s,i="float32"){this.owner=e,this.dtype=i,this.#o=s,this.shape=Object.freeze([...r]),this.#t=o instanceof Float32Array?null:o,this.#e=o instanceof Float32Array?o:null}get buffer(){return this.#t}get destroyed(){return this.#r||!this.#o()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#e}}destroy(){this.#r||(this.#r=!0,this.#t?.destroy())}};function F(t,e,r){if(e instanceof I){if(e.owner!==r)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let o=e;if(o===null||typeof o!="object"||!("data"in o))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${z(e)}`);return se(t,e)}var Le=class{#t=Promise.resolve();run(e,r){let o=this.#t,s,i=new Promise(n=>s=n);return this.#t=o.then(()=>i),(async()=>{try{let n=await e();return await o,await r(n)}finally{s()}})()}};function $e(t){return t instanceof I&&t.dtype==="float16"?"f16":"f32"}function mt(t,e,r){if(!(t instanceof r))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var Sr="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",De=class t{owner;batch;kvHeads;headDim;maxLength;precision;chunks;#t;#e;#o=new Le;#r=0;#s=0;#n=ye;#i=!1;constructor(e,r,o,s,i,n){this.#t=e,this.owner=r,this.#e=o,this.batch=s.batch,this.kvHeads=s.kvHeads,this.headDim=s.headDim,this.maxLength=s.maxLength,this.precision=i,this.chunks=Object.freeze(n)}static async create(e,r,o,s,i){let n=i==="f16"?2:4,a=s.maxLength*s.headDim*n,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c)throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of maxLength ${s.maxLength} x headDim ${s.headDim} ${i} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller maxLength, precision "f16", or several caches`);let u=s.batch*s.kvHeads,h=Math.floor(c/a),p=2*u*a,f=[];return await e.guarded(`allocating the KV cache (${p} bytes)`,()=>{for(let l=0;l<u;l+=h){let d=Math.min(h,u-l);f.push({u0:l,n:d,k:e.buffer(d*a,"kv cache keys"),v:e.buffer(d*a,"kv cache values")})}}).catch(l=>{for(let d of f)d.k.destroy(),d.v.destroy();throw l}),new t(e,r,o,s,i,f)}get length(){return this.#r}get destroyed(){return this.#i||!this.#e()}get ropeState(){return this.#n}live(){if(this.#i)throw new Error(ze);if(!this.#e())throw new Error(Ce)}view(){return{batch:this.batch,kvHeads:this.kvHeads,maxLength:this.maxLength,length:this.#r,chunks:this.chunks}}schedule(e,r,o){let s=this.#s;return this.#o.run(r,i=>{if(this.live(),s!==this.#s)throw new Error(`This ${e} ${Sr}`);return o(i)})}append(e,r,o={}){try{this.live();let s=this.#t,i=F("k",e,this.owner),n=F("v",r,this.owner),a=Fe(this,i,n,o),c={headDim:this.headDim,rope:a.rope?{pairing:a.rope.pairing,rotaryDim:a.rope.rotaryDim}:null,k:$e(i),v:$e(n),cache:this.precision};return this.schedule("append",()=>Kt(s,c),async u=>{F("k",e,this.owner),F("v",r,this.owner),He(this,this.#r,a);let h=Ge(this.#n,a);if(a.n===0)return;let p=this.#r;await s.guarded("the KV-cache append",()=>{let f=[],l=(g,w)=>{if(g instanceof I)return g.buffer;let E=s.upload(g.data,w);return f.push(E),E},d={k:l(i,"k"),v:l(n,"v")},m={kvHeads:this.kvHeads,maxLength:this.maxLength,n:a.n,slot:p,strides:a.strides,rope:a.rope?{frequencies:a.rope.frequencies,angles:a.rope.angles,positions:a.rope.positions??{kind:"range",start:p}}:null};try{let g=Nt(s,m,c,u,d,this.chunks);g.temps.push(...f),s.submit(g)}catch(g){for(let w of f)w.destroy();throw g}}),this.#r=p+a.n,this.#n=h})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#t,r=this.headDim,o=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,i=await this.schedule("download",()=>Promise.resolve(null),async()=>{let h=this.#r,p=h*r*o;if(h===0)return{length:h,target:null,bytes:0};let f=[];for(let d of["k","v"])for(let m of this.chunks)for(let g=0;g<m.n;g++){let w=g*this.maxLength*r*o;f.push({buffer:m[d],offset:w,size:p})}let l=await e.guarded("the KV-cache download",()=>e.gather(f));return{length:h,target:l,bytes:2*s*p}}),n=Object.freeze([this.batch,this.kvHeads,i.length,r]);if(!i.target)return{k:{shape:n,data:new Float32Array(0)},v:{shape:n,data:new Float32Array(0)}};let a=await e.read(i.target,i.bytes),c=a.byteLength/2,u=h=>this.precision==="f16"?Ae(new Uint16Array(h)):new Float32Array(h);return{k:{shape:n,data:u(a.slice(0,c))},v:{shape:n,data:u(a.slice(c))}}}reset(){this.live(),this.#s++,this.#r=0,this.#n=ye}destroy(){if(!this.#i){this.#i=!0,this.#s++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var Re=class{owner;batch;kvHeads;headDim;maxLength;precision="f32";#t;#e;#o;#r=0;#s=ye;#n=!1;constructor(e,r,o){this.owner=e,this.#o=r,this.batch=o.batch,this.kvHeads=o.kvHeads,this.headDim=o.headDim,this.maxLength=o.maxLength;let s=o.batch*o.kvHeads*o.maxLength*o.headDim;this.#t=new Float32Array(s),this.#e=new Float32Array(s)}get length(){return this.#r}get destroyed(){return this.#n||!this.#o()}get ropeState(){return this.#s}live(){if(this.#n)throw new Error(ze);if(!this.#o())throw new Error(Ce)}append(e,r,o={}){try{this.live();let s=F("k",e,this.owner),i=F("v",r,this.owner),n=Fe(this,s,i,o);He(this,this.#r,n);let a=Ge(this.#s,n),c=this.#r,u=Yt(s);n.rope&&(u=ce(u,n.rope.frequencies,{layout:n.layout,pairing:n.rope.pairing,angles:n.rope.angles,positions:n.rope.positions??{kind:"range",start:c}}));let h=Yt(i),p=this.headDim,f=n.strides;for(let l=0;l<this.batch;l++)for(let d=0;d<this.kvHeads;d++)for(let m=0;m<n.n;m++){let g=l*f.batch+d*f.heads+m*f.seq,w=((l*this.kvHeads+d)*this.maxLength+c+m)*p;this.#t.set(u.data.subarray(g,g+p),w),this.#e.set(h.data.subarray(g,g+p),w)}return this.#r=c+n.n,this.#s=a,Promise.resolve()}catch(s){return Promise.reject(s)}}tensors(e){let{batch:r,kvHeads:o,headDim:s}=this,i=this.#r,n=Object.freeze(e==="bhsd"?[r,o,i,s]:[r,i,o,s]),a=new Float32Array(r*o*i*s),c=new Float32Array(a.length);for(let u=0;u<r;u++)for(let h=0;h<o;h++)for(let p=0;p<i;p++){let f=((u*o+h)*this.maxLength+p)*s,l=e==="bhsd"?((u*o+h)*i+p)*s:((u*i+p)*o+h)*s;a.set(this.#t.subarray(f,f+s),l),c.set(this.#e.subarray(f,f+s),l)}return{k:{shape:n,data:a},v:{shape:n,data:c}}}download(){try{return this.live(),Promise.resolve(this.tensors("bhsd"))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.#r=0,this.#s=ye}destroy(){this.#n=!0}};function Yt(t){return t instanceof I?t.host:t}var we=256,be=64,Jt=["rowBase","rows","sq","sk","heads","group","causal","alibi","qB","qH","qS","dim","kB","kH","kS","gridX","scale","pad0","pad1","pad2"];function gt(){return`struct Params {
${Jt.map(e=>`  ${e}: ${e==="scale"?"f32":"u32"},`).join(`
`)}
}
@group(0) @binding(0) var<uniform> P: Params;
`}var Qt=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function Br(t){return t==="scores"?`// naive:scores
${gt()}
@group(0) @binding(1) var<storage, read> Q: array<f32>;
@group(0) @binding(2) var<storage, read> K: array<f32>;
@group(0) @binding(3) var<storage, read> SL: array<f32>;
@group(0) @binding(4) var<storage, read_write> S: array<f32>;
${Qt}
@compute @workgroup_size(${we})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${we}u + lid;
  if (idx >= P.rows * P.sk) {
    return;
  }
  let c = rowCoords(P.rowBase + idx / P.sk);
  let j = idx % P.sk;
  let kvh = c.y / P.group;
  let aligned = i32(c.z) + i32(P.sk) - i32(P.sq);
  var value = ${Y};
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
${gt()}
@group(0) @binding(1) var<storage, read_write> S: array<f32>;
var<workgroup> red: array<f32, ${be}>;
@compute @workgroup_size(${be})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${Y};
  for (var j = lid; j < P.sk; j += ${be}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${be/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${be}u) {
    let s = S[base + j];
    sum += select(0.0, exp(s - m), s > ${Y/2});
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${be/2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = select(0.0, 1.0 / total, total > 0.0);
  for (var j = lid; j < P.sk; j += ${be}u) {
    let s = S[base + j];
    S[base + j] = select(0.0, exp(s - m) * inv, s > ${Y/2});
  }
}
`:`// naive:pv
${gt()}
@group(0) @binding(1) var<storage, read> S: array<f32>;
@group(0) @binding(2) var<storage, read> V: array<f32>;
@group(0) @binding(3) var<storage, read_write> O: array<f32>;
${Qt}
@compute @workgroup_size(${we})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${we}u + lid;
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
`}function Zt(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>Br(e))))}function er(t,e,r,o){let s={dispatches:[],temps:[]},{batch:i,heads:n,qSeq:a,kSeq:c,headDim:u}=e,h=i*n*a;if(h===0||c===0)return s;let p=t.limits,f=p.maxStorageBufferBindingSize;for(let[_,B]of[["q",o.q],["k",o.k],["v",o.v]])if(B.size>f)throw new RangeError(`Cannot run the naive kernel: ${_} (${B.size} bytes) exceeds maxStorageBufferBindingSize (${f} bytes); it is a small-size baseline, use the flash kernel`);let l=c*4;if(l>f)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${f} bytes)`);let d=le(we,p),m=Math.max(1,Math.min(h,Math.floor(f/l),Math.floor(d/c),Math.floor(d/u),p.maxComputeWorkgroupsPerDimension**2)),g=t.buffer(m*l,"naive scores");s.temps.push(g);let w=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(w);let[E,v,S]=r,M=e.qStrides,D=e.kStrides,j=(_,B,T)=>t.device.createBindGroup({layout:_.getBindGroupLayout(0),entries:[B,...T].map((R,A)=>({binding:A,resource:{buffer:R}}))});for(let _=0;_<h;_+=m){let B=Math.min(m,h-_),T={rowBase:_,rows:B,sq:a,sk:c,heads:n,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:M.batch,qH:M.heads,qS:M.seq,dim:u,kB:D.batch,kH:D.heads,kS:D.seq,scale:e.scale},R=[[E,Math.ceil(B*c/we),[o.q,o.k,w,g]],[v,B,[g]],[S,Math.ceil(B*u/we),[g,o.v,o.o]]];for(let[A,H,V]of R){let[q,x]=oe(H,p),b=t.uniform(Z(Jt,{...T,gridX:q},["scale"]),"naive params");s.temps.push(b),s.dispatches.push({pipeline:A,bindGroup:j(A,b,V),grid:[q,x,1]})}}return s}var We=256,tr=["items","perRow","rh","interleaved","heads","seq","bshd","rowBase","xB","xH","xS","xOff","oB","oH","oS","oOff","tab","tabB","gridX","pad0"];function Er(t){let e=tr.map(o=>`  ${o}: u32,`).join(`
`),r=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
struct Params {
${e}
}
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, ${t?"read_write":"read"}> X: array<f32>;
@group(0) @binding(2) var<storage, read> T: array<vec2<f32>>;
${t?"":"@group(0) @binding(3) var<storage, read_write> Y: array<f32>;"}

@compute @workgroup_size(${We})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${We}u + lid;
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
`}function $t(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>Er(e))}function Ke(t,e,r,o,s){let i={dispatches:[],temps:[]},{batch:n,heads:a,seq:c,headDim:u}=e,h=n*a*c;if(h===0||u===0)return i;let p=e.frequencies.invFreq.length,f=p+(s?u-2*p:0),l=t.limits,d=de(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);d.temp&&i.temps.push(d.buffer);let m=d.sides[0],g=e.layout==="bhsd"?{b:a*c*u,h:c*u,s:u}:{b:c*a*u,h:u,s:a*u},w=Math.max(1,Math.floor(le(We,l)/Math.max(1,f))),E=fe(h,w,(v,S)=>Q(re(v*u,(v+S)*u,l),l),()=>new RangeError(`Cannot rotate: one row of ${u} elements exceeds the device's maxStorageBufferBindingSize`));for(let[v,S]of E){let M=re(v*u,(v+S)*u,l),D=S*f,[j,_]=oe(Math.ceil(D/We),l),B={items:D,perRow:f,rh:p,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:v,xB:g.b,xH:g.h,xS:g.s,xOff:M.base,oB:g.b,oH:g.h,oS:g.s,oOff:M.base,tab:m.tab,tabB:m.tabB,gridX:j},T=t.uniform(Z(tr,B),"rope params");i.temps.push(T);let R=[{binding:0,resource:{buffer:T}},{binding:1,resource:{buffer:o,offset:M.offset,size:M.size}},{binding:2,resource:{buffer:d.buffer}}];s&&R.push({binding:3,resource:{buffer:s,offset:M.offset,size:M.size}});let A=t.device.createBindGroup({layout:r.getBindGroupLayout(0),entries:R});i.dispatches.push({pipeline:r,bindGroup:A,grid:[j,_,1]})}return i}function Oe(t,e){if(typeof e!="boolean")throw new TypeError(`Invalid ${t}: expected a boolean, got ${z(e)}`);return e}function Ne(t){return N("iterations",t,{min:1})}function rr(t,e,r){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${z(r)}`);let o=W("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=ie("x",t,o),i=qe("frequencies",e),n=2*i.invFreq.length;if(r.rotaryDim!==void 0&&r.rotaryDim!==n)throw new RangeError(`Invalid rotaryDim: expected ${n} (2 x the ${i.invFreq.length} frequencies), got ${z(r.rotaryDim)}`);if(n>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${n} (2 x ${i.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=W("pairing",r.pairing??"half",{allowed:["half","interleaved"]}),c=W("angles",r.angles??"float32",{allowed:["float32","float64"]}),u=vt("",r.positions,r.offset,s.seq,s.batch,c),h=Oe("inPlace",r.inPlace??!1);return{call:{layout:o,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:i,pairing:a,angles:c,positions:u},inPlace:h}}function xe(t){return t.reduce((e,r)=>e*r,1)}var Ve=class{info;#t;constructor(e,r){this.#t=e,this.info=Object.freeze(r)}#e(){let e=this.#t.failure;if(e)throw new Error(`This GpuAttention cannot be used: ${e}`);return this.#t}#o=()=>this.#t.failure===null;#r(e,r,o="f32"){return new I(this,e,r,this.#o,o==="f16"?"float16":"float32")}#s(e,r){return r==="f16"?ft(e):e}#n(e,r,o){return r==="f16"?Ae(new Uint16Array(e),o):new Float32Array(e)}#i(e,r,o,s="f32"){if(e instanceof I)return e.buffer;let i=this.#t.upload(this.#s(e.data,s),o);return r.push(i),i}#c(e,r,o,s){let i=ke("precision",s.precision,this.info.f16),n=a=>a instanceof I?$e(a):i;return{q:n(e),k:n(r),v:n(o),o:n(e)}}#a(e){return e.map(([r,o])=>F(r,o,this))}async attention(e,r,o,s={}){let i=this.#e(),[n,a,c]=this.#a([["q",e],["k",r],["v",o]]),u=me(n,a,c,s),h=this.#c(n,a,c,s),p=await this.#u(u,s,h);this.#e(),this.#a([["q",e],["k",r],["v",o]]);let f=xe(u.qShape),l=f*(h.o==="f16"?2:4),d=i.buffer(l,"attention output"),m=n instanceof I,g=await i.guarded("the attention dispatch",()=>{let E=p(n,a,c,d),v=m?void 0:{source:d,bytes:l},S=i.submit(E,v);return m||d.destroy(),S});if(m)return this.#r(u.qShape,d,h.o);let w=this.#n(await i.read(g,l),h.o,f);return{shape:Object.freeze([...u.qShape]),data:w}}async#u(e,r,o){let s=this.#t;if(W("kernel",r.kernel??"flash",{allowed:["flash","naive"]})==="flash"){let u=Et(s,e,o),h=await Mt(s,u);return(p,f,l,d)=>{let m=[],g={q:this.#i(p,m,"q",o.q),k:this.#i(f,m,"k",o.k),v:this.#i(l,m,"v",o.v),o:d},w=Dt(s,e,u,h,g);return{dispatches:w.dispatches,temps:[...m,...w.temps]}}}let n=Object.entries(o).find(([,u])=>u==="f16");if(n)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${n[0]==="o"?"output":n[0]}; use the flash kernel`);let[a,c]=await Promise.all([Zt(s),e.rope?$t(s,!1):Promise.resolve(null)]);return(u,h,p,f)=>{let l=[],d=[],m=this.#i(u,l,"q"),g=this.#i(h,l,"k"),w=this.#i(p,l,"v");if(e.rope&&c){let v=e.rope,S=(M,D,j,_)=>{let B={layout:e.layout,batch:e.batch,heads:D,seq:j,headDim:e.headDim,frequencies:v.frequencies,pairing:v.pairing,angles:v.angles,positions:M},T=s.buffer(e.batch*D*j*e.headDim*4,"rotated");l.push(T);let R=Ke(s,B,c,_,T);return d.push(...R.dispatches),l.push(...R.temps),T};m=S(v.query,e.heads,e.qSeq,m),g=S(v.key,e.kvHeads,e.kSeq,g)}let E=er(s,e,a,{q:m,k:g,v:w,o:f});return{dispatches:[...d,...E.dispatches],temps:[...l,...E.temps]}}}async applyRope(e,r,o={}){let s=this.#e(),i=F("x",e,this),{call:n,inPlace:a}=rr(i,r,o);if($e(i)==="f16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)");let c=i instanceof I,u=await $t(s,a||!c);this.#e(),F("x",e,this);let h=xe(i.shape)*4;if(c){let d=i.buffer,m=a?null:s.buffer(h,"rotated");return await s.guarded("the RoPE dispatch",()=>{s.submit(Ke(s,n,u,d,m))}),m?this.#r(i.shape,m):i}let p=i,f=await s.guarded("the RoPE dispatch",()=>{let d=s.upload(p.data,"x"),m=Ke(s,n,u,d,null);return m.temps.push(d),s.submit(m,{source:d,bytes:h})}),l=new Float32Array(await s.read(f,h));return a?(p.data.set(l),p):{shape:Object.freeze([...p.shape]),data:l}}upload(e,r={}){let o=this.#e(),s=se("t",e);if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${z(r)}`);let i=ke("precision",r.precision,this.info.f16),n=o.upload(this.#s(s.data,i),"tensor");return this.#r(s.shape,n,i)}async download(e){let r=this.#e(),o=F("t",e,this);if(!(o instanceof I))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");let s=xe(o.shape),i=s*o.elementBytes,n=await r.guarded("the download",()=>r.submit({dispatches:[],temps:[]},{source:o.buffer,bytes:i})),a=this.#n(await r.read(n,i),$e(o),s);return{shape:Object.freeze([...o.shape]),data:a}}async synchronize(){await this.#e().idle()}async profileAttention(e,r,o,s={}){let i=this.#e(),[n,a,c]=this.#a([["q",e],["k",r],["v",o]]),u=me(n,a,c,s),h=Ne(s.iterations??10),p=Oe("warmup",s.warmup??!0),f=this.#c(n,a,c,s),l=await this.#u(u,s,f);this.#e();let d=i.buffer(xe(u.qShape)*(f.o==="f16"?2:4),"attention output"),m=await i.guarded("the attention dispatch",()=>l(n,a,c,d));try{let g=await i.profile(m,h,p);return{seconds:g.seconds,iterations:h,source:g.source}}finally{i.release(m),d.destroy()}}async createKvCache(e){let r=this.#e(),o=dt(e),s=ke("precision",e.precision,this.info.f16);return await De.create(r,this,this.#o,o,s)}async decode(e,r,o={}){let s=this.#e(),i=this.#f(e,r,o),{plan:n,qo:a,elements:c}=i,u=xe(n.qShape),h=u*(c.o==="f16"?2:4),p=a instanceof I,{output:f,target:l}=await i.cache.schedule("decode",()=>ct(s,i.params),async m=>{this.#e(),F("q",e,this);let g=s.buffer(h,"decode output"),w=await s.guarded("the decode dispatch",()=>{let{job:E}=this.#l(i,m,g),v=p?void 0:{source:g,bytes:h},S=s.submit(E,v);return p||g.destroy(),S}).catch(E=>{throw g.destroy(),E});return{output:g,target:w}});if(p)return this.#r(n.qShape,f,c.o);let d=this.#n(await s.read(l,h),c.o,u);return{shape:Object.freeze([...n.qShape]),data:d}}#f(e,r,o){let s=F("q",e,this),i=mt(r,this,De),n=ht(i,s,o),a=$e(s),c={q:a,kv:i.precision,o:a},u=At(this.#t,n,c);return{qo:s,cache:i,plan:n,elements:c,params:u}}#l(e,r,o){let s=this.#t,{cache:i,plan:n,params:a,qo:c}=e;pt(n,i.length,i.ropeState);let u=It(s,n,a,i.length,this.info.decodeWorkgroups??1),h=[],p=this.#i(c,h,"q");try{let f=zt(s,n,a,r,i.view(),u,{q:p,o});return f.temps.push(...h),{job:f,splits:u.splits}}catch(f){for(let l of h)l.destroy();throw f}}async profileDecode(e,r,o={}){let s=this.#e(),i=this.#f(e,r,o),n=Ne(o.iterations??10),a=Oe("warmup",o.warmup??!0),c=xe(i.plan.qShape)*(i.elements.o==="f16"?2:4),{job:u,splits:h,output:p}=await i.cache.schedule("profileDecode",()=>ct(s,i.params),async f=>{this.#e(),F("q",e,this);let l=s.buffer(c,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#l(i,f,l)),output:l}}catch(d){throw l.destroy(),d}});try{let f=await s.profile(u,n,a);return{seconds:f.seconds,iterations:n,source:f.source,splits:h}}finally{s.release(u),p.destroy()}}destroy(){this.#t.failure||(this.#t.fail("it was destroyed; create a new one with createGpuAttention()"),this.#t.ownsDevice&&this.#t.device.destroy())}},Ue=class{info;#t=!1;constructor(e){this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e})}#e(){if(this.#t)throw new Error("This GpuAttention cannot be used: it was destroyed; create a new one with createGpuAttention()")}#o=()=>!this.#t;#r(e){return e instanceof I?e.host:e}attention(e,r,o,s={}){try{this.#e();let i=F("q",e,this),n=F("k",r,this),a=F("v",o,this),c=me(i,n,a,s);W("kernel",s.kernel??"flash",{allowed:["flash","naive"]});let u=Se(c,this.#r(i),this.#r(n),this.#r(a));return Promise.resolve(i instanceof I?new I(this,u.shape,u.data,this.#o):u)}catch(i){return Promise.reject(i)}}applyRope(e,r,o={}){try{this.#e();let s=F("x",e,this),{call:i,inPlace:n}=rr(s,r,o),a=this.#r(s),c=ce(a,i.frequencies,{layout:i.layout,pairing:i.pairing,angles:i.angles,positions:i.positions});return n?(a.data.set(c.data),Promise.resolve(s)):Promise.resolve(s instanceof I?new I(this,c.shape,c.data,this.#o):c)}catch(s){return Promise.reject(s)}}upload(e,r={}){this.#e();let o=se("t",e);if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${z(r)}`);return ke("precision",r.precision,this.info.f16),new I(this,o.shape,new Float32Array(o.data),this.#o)}createKvCache(e){try{this.#e();let r=dt(e);return ke("precision",e.precision,this.info.f16),Promise.resolve(new Re(this,this.#o,r))}catch(r){return Promise.reject(r)}}decode(e,r,o={}){try{this.#e();let s=F("q",e,this),i=mt(r,this,Re),n=ht(i,s,o);pt(n,i.length,i.ropeState);let a=this.#r(s);n.rope&&(a=ce(a,n.rope.frequencies,{layout:n.layout,pairing:n.rope.pairing,angles:n.rope.angles,positions:ut(n,i.length)}));let{k:c,v:u}=i.tensors(n.layout),h=me(a,c,u,{layout:n.layout,causal:!0,scale:n.scale,...n.alibi?{alibiSlopes:n.alibi}:{}}),p=Se(h,a,c,u);return Promise.resolve(s instanceof I?new I(this,p.shape,p.data,this.#o):p)}catch(s){return Promise.reject(s)}}async profileDecode(e,r,o={}){this.#e();let s=Ne(o.iterations??10);Oe("warmup",o.warmup??!0)&&await this.decode(e,r,o);let i=performance.now();for(let n=0;n<s;n++)await this.decode(e,r,o);return{seconds:(performance.now()-i)/1e3/s,iterations:s,source:"wall-clock",splits:1}}download(e){try{this.#e();let r=F("t",e,this);if(!(r instanceof I))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return Promise.resolve({shape:r.shape,data:new Float32Array(r.host.data)})}catch(r){return Promise.reject(r)}}synchronize(){try{return this.#e(),Promise.resolve()}catch(e){return Promise.reject(e)}}async profileAttention(e,r,o,s={}){this.#e();let i=Ne(s.iterations??10);Oe("warmup",s.warmup??!0)&&await this.attention(e,r,o,s);let n=performance.now();for(let a=0;a<i;a++)await this.attention(e,r,o,s);return{seconds:(performance.now()-n)/1e3/i,iterations:i,source:"wall-clock"}}destroy(){this.#t=!0}};var Mr="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",Dr="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",Rr='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attentionReference on the CPU',Or=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],_r='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function Tr(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function jr(t,e){let r=t.limits,o=(s,i,n,a=1)=>{let c=e[s];if(c===void 0)return i;if(N(`limits.${s}`,c,{min:n}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${z(c)}`);return Math.min(i,c)};return{maxStorageBufferBindingSize:o("maxStorageBufferBindingSize",r.maxStorageBufferBindingSize,256,4),maxBufferSize:r.maxBufferSize,maxComputeWorkgroupStorageSize:o("maxComputeWorkgroupStorageSize",r.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(r.maxComputeInvocationsPerWorkgroup,r.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:o("maxComputeWorkgroupsPerDimension",r.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:r.minStorageBufferOffsetAlignment}}async function vs(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${z(t)}`);let e=W("fallback",t.fallback??"none",{allowed:["none","cpu"]}),r=t.limits??{};if(r===null||typeof r!="object")throw new TypeError(`Invalid limits: expected an object, got ${z(r)}`);let o=t.decodeWorkgroups===void 0?void 0:N("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.device,i=!1,n;if(!s){let l=t.adapter,d=Dr;if(!l){let w=globalThis.navigator?.gpu;w?l=await w.requestAdapter():d=Mr}if(!l){if(e==="cpu")return new Ue(d);throw new Error(`${d}. ${Rr}.`)}let m={};for(let w of Or)m[w]=l.limits[w];let g=[];l.features.has("timestamp-query")&&g.push("timestamp-query"),l.features.has("shader-f16")&&g.push("shader-f16");try{s=await l.requestDevice({requiredLimits:m,requiredFeatures:g})}catch(w){throw new Error(`Requesting a WebGPU device failed: ${w instanceof Error?w.message:String(w)}`,{cause:w})}i=!0,n=l.info}n??=s.adapterInfo;let a=n.isFallbackAdapter??!1,c=o??Tr(a),u;try{u=jr(s,r)}catch(l){throw i&&s.destroy(),l}let h=s.features.has("shader-f16")?await Gt(s):{available:!1,detail:_r},p=new Te(s,i,u,h.available),f=[];return p.timestamps&&f.push("timestamp-query"),h.available&&f.push("shader-f16"),new Ve(p,{backend:"webgpu",adapter:{vendor:n.vendor,architecture:n.architecture,device:n.device,description:n.description,isFallbackAdapter:a},features:f,f16:Object.freeze({...h}),decodeWorkgroups:c,tier:p.tier,limits:p.limits,fallbackReason:null})}export{Nr as attentionReference,vs as createGpuAttention};
