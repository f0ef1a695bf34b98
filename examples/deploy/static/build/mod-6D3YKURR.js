import{d as H,g as Y,h as pe,i as N,j as V,l as It,q as vt,r as Je}from"./chunk-6XZCXJ52.js";var fe=2**24;function ce(t,e,o){return It(e,o,{name:t})}function $e(t,e,o,r,s){if(e===null||typeof e!="object"||typeof e.length!="number")throw new TypeError(`Invalid ${t}: expected an array of non-negative integers, got ${H(e)}`);if(e.length!==o&&e.length!==r*o)throw new RangeError(`Invalid ${t}: expected ${o} positions (one per token) or ${r*o} (batch x tokens), got ${e.length}`);let n=s?fe:Number.MAX_SAFE_INTEGER,i=new Float64Array(e.length);for(let a=0;a<e.length;a++)i[a]=Y(`${t}[${a}]`,e[a],{min:0,max:n});return{kind:"list",list:i,perBatch:e.length!==o}}function go(t,e,o,r,s){let n=e?s:1,i=new Float64Array(n*r);for(let a=0;a<n;a++)i.set(t.subarray(a*o+o-r,a*o+o),a*r);return{kind:"list",list:i,perBatch:e}}function Be(t,e){let o=e;if(o===null||typeof o!="object"||!(o.invFreq instanceof Float32Array))throw new TypeError(`Invalid ${t}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${H(o)}`);let r=o.invFreq;if(r.length===0)throw new RangeError(`Invalid ${t}.invFreq: expected at least 1 value, got 0`);for(let s=0;s<r.length;s++)pe(`${t}.invFreq[${s}]`,r[s],{min:0});return pe(`${t}.attentionFactor`,o.attentionFactor,{min:0,exclusiveMin:!0}),o}function mo(t,e,o,r,s){if(t===null||typeof t!="object")throw new TypeError(`Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${H(t)}`);let n=Be("rope.frequencies",t.frequencies),i=n.invFreq,a=2*i.length;if(t.rotaryDim!==void 0&&t.rotaryDim!==a)throw new RangeError(`Invalid rope.rotaryDim: expected ${a} (2 x the ${i.length} frequencies), got ${H(t.rotaryDim)}`);if(a>e)throw new RangeError(`Invalid rope.frequencies: rotary dim ${a} (2 x ${i.length} frequencies) exceeds the head dim ${e}`);let c=N("rope.pairing",t.pairing??"half",{allowed:["half","interleaved"]}),f=N("rope.angles",t.angles??"float32",{allowed:["float32","float64"]}),A=f==="float32",d=A?fe:Number.MAX_SAFE_INTEGER;if(t.positions!==void 0&&t.offset!==void 0)throw new TypeError("Invalid rope: expected positions or offset, got both (offset is the start of default positions)");let u,h;if(t.queryPositions!==void 0&&(h=$e("rope.queryPositions",t.queryPositions,r,o,A)),t.positions!==void 0){let l=$e("rope.positions",t.positions,s,o,A);if(u=l,!h){if(r>s)throw new RangeError(`Invalid rope.positions: q has ${r} tokens, more than k's ${s}, so the queries cannot take the last key positions; pass rope.queryPositions`);h=go(l.list,l.perBatch,s,r,o)}}else{let l=Y("rope.offset",t.offset??0,{min:0});if(l+Math.max(s,1)-1>d)throw new RangeError(`Invalid rope.offset: the last key would sit at position ${l+s-1}, above ${d} (the largest position with angles "${f}")`);if(u={kind:"range",start:l},!h){let p=l+s-r;if(p<0)throw new RangeError(`Invalid rope.offset: q has ${r} tokens and k ${s}, so bottom-right aligned queries would start at position ${p}; pass rope.offset >= ${r-s} or rope.queryPositions`);h={kind:"range",start:p}}}return{frequencies:n,pairing:c,rotaryDim:a,angles:f,query:h,key:u}}function Xe(t,e){if(t===void 0)return null;if(t===null||typeof t!="object"||typeof t.length!="number")throw new TypeError(`Invalid alibiSlopes: expected an array of ${e} numbers (one per query head), got ${H(t)}`);if(t.length!==e)throw new RangeError(`Invalid alibiSlopes: expected ${e} slopes (one per query head), got ${t.length}`);let o=new Float32Array(t.length);for(let r=0;r<t.length;r++)o[r]=pe(`alibiSlopes[${r}]`,t[r]);return o}function ie(t,e,o,r){if(r===null||typeof r!="object")throw new TypeError(`Invalid options: expected an object, got ${H(r)}`);let s=N("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=ce("q",t,s),i=ce("k",e,s),a=ce("v",o,s);if(n.heads<1||n.headDim<1)throw new RangeError(`Invalid q: expected at least 1 head and a head dim >= 1, got shape ${H(t.shape)}`);if(i.batch!==n.batch)throw new RangeError(`Invalid k: expected batch ${n.batch} (as q), got ${i.batch}`);if(a.batch!==n.batch)throw new RangeError(`Invalid v: expected batch ${n.batch} (as q), got ${a.batch}`);if(i.headDim!==n.headDim)throw new RangeError(`Invalid k: expected head dim ${n.headDim} (as q), got ${i.headDim}`);if(a.headDim!==n.headDim)throw new RangeError(`Invalid v: expected head dim ${n.headDim} (as q), got ${a.headDim}`);if(a.seq!==i.seq)throw new RangeError(`Invalid v: expected ${i.seq} tokens (as k), got ${a.seq}`);if(a.heads!==i.heads)throw new RangeError(`Invalid v: expected ${i.heads} heads (as k), got ${a.heads}`);if(i.heads<1||n.heads%i.heads!==0)throw new RangeError(`Invalid k: q has ${n.heads} heads, which is not a multiple of k's ${i.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`);let c=r.causal??!1;if(typeof c!="boolean")throw new TypeError(`Invalid causal: expected a boolean, got ${H(c)}`);let f=r.scale===void 0?1/Math.sqrt(n.headDim):pe("scale",r.scale),A=Xe(r.alibiSlopes,n.heads),d=r.rope===void 0?null:mo(r.rope,n.headDim,n.batch,n.seq,i.seq);return{layout:s,batch:n.batch,heads:n.heads,kvHeads:i.heads,group:n.heads/i.heads,qSeq:n.seq,kSeq:i.seq,headDim:n.headDim,qShape:[...t.shape],qStrides:n.strides,kStrides:i.strides,causal:c,scale:f,rope:d,alibi:A}}function kt(t,e,o,r,s,n){let i=n==="float32";if(e!==void 0&&o!==void 0)throw new TypeError(`Invalid ${t}: expected positions or offset, got both (offset is the start of default positions)`);if(e!==void 0)return $e(`${t}positions`,e,r,s,i);let a=Y(`${t}offset`,o??0,{min:0}),c=i?fe:Number.MAX_SAFE_INTEGER;if(a+Math.max(r,1)-1>c)throw new RangeError(`Invalid ${t}offset: the last token would sit at position ${a+r-1}, above ${c} (the largest position with angles "${n}")`);return{kind:"range",start:a}}function qe(t,e,o){let r=e instanceof Float64Array?e:e.start===0?e.count:Float64Array.from({length:e.count},(a,c)=>e.start+c),{cos:s,sin:n}=vt(t,r,{angles:o}),i=new Float32Array(s.data.length*2);for(let a=0;a<s.data.length;a++)i[2*a]=s.data[a],i[2*a+1]=n.data[a];return i}function ee(t,e,o){let{layout:r,pairing:s,angles:n,positions:i}=o;return i.kind==="range"?Je(t,e,{layout:r,pairing:s,angles:n,offset:i.start}):Je(t,e,{layout:r,pairing:s,angles:n,positions:i.list})}function Bt(t,e,o,r){let{batch:s,heads:n,group:i,qSeq:a,kSeq:c,headDim:f,causal:A,scale:d,alibi:u}=t,h=e,l=o;if(t.rope){let{frequencies:Q,pairing:B,angles:E}=t.rope;h=ee(e,Q,{layout:t.layout,pairing:B,angles:E,positions:t.rope.query}),l=ee(o,Q,{layout:t.layout,pairing:B,angles:E,positions:t.rope.key})}let p=t.qStrides,g=t.kStrides,w=new Float32Array(e.data.length),C=new Float64Array(c),y=new Float64Array(f),P=h.data,I=l.data,x=r.data;for(let Q=0;Q<s;Q++)for(let B=0;B<n;B++){let E=Math.floor(B/i),R=u?u[B]:0;for(let M=0;M<a;M++){let O=M+c-a,j=A?Math.min(c,Math.max(0,O+1)):c,U=Q*p.batch+B*p.heads+M*p.seq;if(j===0)continue;let D=-1/0;for(let m=0;m<j;m++){let v=Q*g.batch+E*g.heads+m*g.seq,$=0;for(let F=0;F<f;F++)$+=P[U+F]*I[v+F];let q=d*$-R*Math.abs(O-m);C[m]=q,q>D&&(D=q)}y.fill(0);let k=0;for(let m=0;m<j;m++){let v=Math.exp(C[m]-D);k+=v;let $=Q*g.batch+E*g.heads+m*g.seq;for(let q=0;q<f;q++)y[q]=y[q]+v*x[$+q]}for(let m=0;m<f;m++)w[U+m]=y[m]/k}}return{shape:Object.freeze([...e.shape]),data:w}}function nr(t,e,o,r={}){V("q",t),V("k",e),V("v",o);let s=ie(t,e,o,r);return Bt(s,t,e,o)}var Et=["AGFzbQEAAAABSQdgA39/fQF9YAR/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AK","f39/f39/f39/fQADCAcAAQIDBAUGBQMBAAEHIQMGbWVtb3J5AgAHZXhwMlJvdwAACmF0dGVuZEhlYWQABgr1EgesAwEHeyAC","/RMhCQNAIAD9AAQAIAn95QEhAyAD/QwAAPzCAAD8wgAA/MIAAPzC/UYhBP0MAAD8wgAA/MIAAPzCAAD8wiAD/esBIQMgA/0M","AABASwAAQEsAAEBLAABAS/3kASEFIAMgBf0MAABASwAAQEsAAEBLAABAS/3lAf3lASEG/Qz+5X83/uV/N/7lfzf+5X83IAb9","DImEITmJhCE5iYQhOYmEITn9hQIhByAHIAb9DP/Drjr/w646/8OuOv/Drjr9hQIhByAHIAb9DFuVHTxblR08W5UdPFuVHTz9","hQIhByAHIAb9DEdYYz1HWGM9R1hjPUdYYz39hQIhByAHIAb9DPD9dT7w/XU+8P11PvD9dT79hQIhByAHIAb9DBhyMT8YcjE/","GHIxPxhyMT/9hQIhByAHIAb9DAAAgD8AAIA/AACAPwAAgD/9hQIhByAEIAcgBf0MfwDAtH8AwLR/AMC0fwDAtP2uAUEX/asB","/eYB/U4hAyAAIAP9CwQAIAggA/3kASEIIABBEGohACAAIAFJDQALIAj9HwAgCP0fAZIgCP0fAiAI/R8DkpIL/wICAX8LeyAA","IANBBHRqIQQDQCAB/QAEACENIAH9AAQQIQ4gAP0JAgAhDyAPIA0gBf2FAiEFIA8gDiAG/YUCIQYgAP0JAgQhDyAPIA0gB/2F","AiEHIA8gDiAI/YUCIQggAP0JAgghDyAPIA0gCf2FAiEJIA8gDiAK/YUCIQogAP0JAgwhDyAPIA0gC/2FAiELIA8gDiAM/YUC","IQwgAf0ABCAhDSAB/QAEMCEOIAD9CQIQIQ8gDyANIAX9hQIhBSAPIA4gBv2FAiEGIAD9CQIUIQ8gDyANIAf9hQIhByAPIA4g","CP2FAiEIIAD9CQIYIQ8gDyANIAn9hQIhCSAPIA4gCv2FAiEKIAD9CQIcIQ8gDyANIAv9hQIhCyAPIA4gDP2FAiEMIABBIGoh","ACABQcAAaiEBIAAgBEkNAAsgAiAF/QsEACACIAb9CwQQIAIgB/0LBIACIAIgCP0LBJACIAIgCf0LBIAEIAIgCv0LBJAEIAIg","C/0LBIAGIAIgDP0LBJAGC7UDAwJ/A3sFfSAAIAJBAnRqIQkgBkMAAAAAXARAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9","rgEhCwNAIAggBoz9EyAF/RMgC/36Af3lAf3gASAI/QAEAP2FAv0LBAAgC/0MBAAAAAQAAAAEAAAABAAAAP2uASELIAhBEGoh","CCAIIAlJDQALCyADIAJqIARKBEAgACEIIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASELA0AgCP0MAACA/wAAgP8AAID/AACA","/yAI/QAEACALIAT9Ef0//VL9CwQAIAv9DAQAAAAEAAAABAAAAAQAAAD9rgEhCyAIQRBqIQggCCAJSQ0ACwsgACEI/QwAAID/","AACA/wAAgP8AAID/IQwDQCAMIAj9AAQA/esBIQwgCEEQaiEIIAggCUkNAAsgASoCECEPIA8gDP0fACAM/R8BlyAM/R8CIAz9","HwOXl5chEEMAAAAAIBAgEEMAAID/WxshDiAHIA/9E/0LBAAgByAHQRBqIA4QABogByoCACERIAAgCSAOEAAhDSABIBE4AgAg","ASAQOAIQIAEgASoCICARlCANkjgCIAvGAwIIfw97IANBAnQhBiAF/QkCACEZIAX9CQIEIRogBf0JAgghGyAF/QkCDCEcIAAg","BEECdGohCUEAIQcDQCACIAdqIAZqIQsgCyAGaiEMIAwgBmohDSAZIAIgB2r9AAQA/eYBIQ4gGSACIAdq/QAEEP3mASEPIBog","C/0ABAD95gEhECAaIAv9AAQQ/eYBIREgGyAM/QAEAP3mASESIBsgDP0ABBD95gEhEyAcIA39AAQA/eYBIRQgHCAN/QAEEP3m","ASEVIAAhCCABIAdqIQoDQCAK/QAEACEWIAr9AAQQIRcgCP0JAgAhGCAYIBYgDv2FAiEOIBggFyAP/YUCIQ8gCP0JAoACIRgg","GCAWIBD9hQIhECAYIBcgEf2FAiERIAj9CQKABCEYIBggFiAS/YUCIRIgGCAXIBP9hQIhEyAI/QkCgAYhGCAYIBYgFP2FAiEU","IBggFyAV/YUCIRUgCiAGaiEKIAhBBGohCCAIIAlJDQALIAIgB2ogDv0LBAAgAiAHaiAP/QsEECALIBD9CwQAIAsgEf0LBBAg","DCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAHQSBqIQcgByAGSQ0ACwuzAQEEfyAGQQJ0IQ5BACEPA0AgACABIAgg","D2ogDmxqIAQgD0ECdGogBhABIA9BCGohDyAPIAdJDQALQQAhEANAIAshESAMBEAgCSAQakEBaiALIApraiERIBEgC0oEQCAL","IRELCyAEIBBBCHRqIAUgEEECdGogByAIIBEgCSAQaiALIAprarIgDSAEQYAIahACIBBBAWohECAQQQRJDQALIAQgAiAIIA5s","aiADIAYgByAFEAMLJAEBfyADRQRAIAIPCyAAQQRqIAIgAWtqIQQgAiAEIAQgAkobC+oDBAt/AX0BewJ/IAVBAnQhCiAKQQJ0","IQsgBEHACGohFEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQSwRAQRAhDQsgAyAMIApsakEAIA0gC2z8CwBBACEO","A0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0MAAAAAAAAAAAAAAAAAAAAAP0LBCAgDkEBaiEOIA4g","DUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFBACEOA0AgDCAOQQJ0aiEPIA8gBiAHIAgQBSERIBIg","EUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIApsaiABIAIgAyAPIApsaiAEIBQgDkEwbGogBSATIBIg","DyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAhDgNAIBQgDkECdkEwbCAOQQNxQQJ0amoqAiAhFUMA","AIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApqIRgDQCAXIBf9AAQAIBb95gH9CwQAIBdBEGohFyAX","IBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join(""),Pt=["AGFzbQEAAAABSQdgA39/fQF9YAR/f39/AGAIf39/f399fX8AYAZ/f39/f38AYA5/f39/f39/f39/f39/fQBgBH9/f38Bf2AK","f39/f39/f39/fQADCAcAAQIDBAUGBQMBAAEHIQMGbWVtb3J5AgAHZXhwMlJvdwAACmF0dGVuZEhlYWQABgrVEwfBAwEHeyAC","/RMhCQNAIAD9AAQAIAn95QEhAyAD/QwAAPzCAAD8wgAA/MIAAPzC/UYhBP0MAAD8wgAA/MIAAPzCAAD8wiAD/esBIQMgA/0M","AABASwAAQEsAAEBLAABAS/3kASEFIAMgBf0MAABASwAAQEsAAEBLAABAS/3lAf3lASEG/Qz+5X83/uV/N/7lfzf+5X83IAb9","5gH9DImEITmJhCE5iYQhOYmEITn95AEhByAHIAb95gH9DP/Drjr/w646/8OuOv/Drjr95AEhByAHIAb95gH9DFuVHTxblR08","W5UdPFuVHTz95AEhByAHIAb95gH9DEdYYz1HWGM9R1hjPUdYYz395AEhByAHIAb95gH9DPD9dT7w/XU+8P11PvD9dT795AEh","ByAHIAb95gH9DBhyMT8YcjE/GHIxPxhyMT/95AEhByAHIAb95gH9DAAAgD8AAIA/AACAPwAAgD/95AEhByAEIAcgBf0MfwDA","tH8AwLR/AMC0fwDAtP2uAUEX/asB/eYB/U4hAyAAIAP9CwQAIAggA/3kASEIIABBEGohACAAIAFJDQALIAj9HwAgCP0fAZIg","CP0fAiAI/R8DkpILrwMCAX8LeyAAIANBBHRqIQQDQCAB/QAEACENIAH9AAQQIQ4gAP0JAgAhDyAPIA395gEgBf3kASEFIA8g","Dv3mASAG/eQBIQYgAP0JAgQhDyAPIA395gEgB/3kASEHIA8gDv3mASAI/eQBIQggAP0JAgghDyAPIA395gEgCf3kASEJIA8g","Dv3mASAK/eQBIQogAP0JAgwhDyAPIA395gEgC/3kASELIA8gDv3mASAM/eQBIQwgAf0ABCAhDSAB/QAEMCEOIAD9CQIQIQ8g","DyAN/eYBIAX95AEhBSAPIA795gEgBv3kASEGIAD9CQIUIQ8gDyAN/eYBIAf95AEhByAPIA795gEgCP3kASEIIAD9CQIYIQ8g","DyAN/eYBIAn95AEhCSAPIA795gEgCv3kASEKIAD9CQIcIQ8gDyAN/eYBIAv95AEhCyAPIA795gEgDP3kASEMIABBIGohACAB","QcAAaiEBIAAgBEkNAAsgAiAF/QsEACACIAb9CwQQIAIgB/0LBIACIAIgCP0LBJACIAIgCf0LBIAEIAIgCv0LBJAEIAIgC/0L","BIAGIAIgDP0LBJAGC7gDAwJ/A3sFfSAAIAJBAnRqIQkgBkMAAAAAXARAIAAhCCAD/RH9DAAAAAABAAAAAgAAAAMAAAD9rgEh","CwNAIAggBoz9EyAF/RMgC/36Af3lAf3gAf3mASAI/QAEAP3kAf0LBAAgC/0MBAAAAAQAAAAEAAAABAAAAP2uASELIAhBEGoh","CCAIIAlJDQALCyADIAJqIARKBEAgACEIIAP9Ef0MAAAAAAEAAAACAAAAAwAAAP2uASELA0AgCP0MAACA/wAAgP8AAID/AACA","/yAI/QAEACALIAT9Ef0//VL9CwQAIAv9DAQAAAAEAAAABAAAAAQAAAD9rgEhCyAIQRBqIQggCCAJSQ0ACwsgACEI/QwAAID/","AACA/wAAgP8AAID/IQwDQCAMIAj9AAQA/esBIQwgCEEQaiEIIAggCUkNAAsgASoCECEPIA8gDP0fACAM/R8BlyAM/R8CIAz9","HwOXl5chEEMAAAAAIBAgEEMAAID/WxshDiAHIA/9E/0LBAAgByAHQRBqIA4QABogByoCACERIAAgCSAOEAAhDSABIBE4AgAg","ASAQOAIQIAEgASoCICARlCANkjgCIAveAwIIfw97IANBAnQhBiAF/QkCACEZIAX9CQIEIRogBf0JAgghGyAF/QkCDCEcIAAg","BEECdGohCUEAIQcDQCACIAdqIAZqIQsgCyAGaiEMIAwgBmohDSAZIAIgB2r9AAQA/eYBIQ4gGSACIAdq/QAEEP3mASEPIBog","C/0ABAD95gEhECAaIAv9AAQQ/eYBIREgGyAM/QAEAP3mASESIBsgDP0ABBD95gEhEyAcIA39AAQA/eYBIRQgHCAN/QAEEP3m","ASEVIAAhCCABIAdqIQoDQCAK/QAEACEWIAr9AAQQIRcgCP0JAgAhGCAYIBb95gEgDv3kASEOIBggF/3mASAP/eQBIQ8gCP0J","AoACIRggGCAW/eYBIBD95AEhECAYIBf95gEgEf3kASERIAj9CQKABCEYIBggFv3mASAS/eQBIRIgGCAX/eYBIBP95AEhEyAI","/QkCgAYhGCAYIBb95gEgFP3kASEUIBggF/3mASAV/eQBIRUgCiAGaiEKIAhBBGohCCAIIAlJDQALIAIgB2ogDv0LBAAgAiAH","aiAP/QsEECALIBD9CwQAIAsgEf0LBBAgDCAS/QsEACAMIBP9CwQQIA0gFP0LBAAgDSAV/QsEECAHQSBqIQcgByAGSQ0ACwuz","AQEEfyAGQQJ0IQ5BACEPA0AgACABIAggD2ogDmxqIAQgD0ECdGogBhABIA9BCGohDyAPIAdJDQALQQAhEANAIAshESAMBEAg","CSAQakEBaiALIApraiERIBEgC0oEQCALIRELCyAEIBBBCHRqIAUgEEECdGogByAIIBEgCSAQaiALIAprarIgDSAEQYAIahAC","IBBBAWohECAQQQRJDQALIAQgAiAIIA5saiADIAYgByAFEAMLJAEBfyADRQRAIAIPCyAAQQRqIAIgAWtqIQQgAiAEIAQgAkob","C+oDBAt/AX0BewJ/IAVBAnQhCiAKQQJ0IQsgBEHACGohFEEAIQwCQANAIAwgBk4NASAGIAxrQQNqQQJ2IQ0gDUEQSwRAQRAh","DQsgAyAMIApsakEAIA0gC2z8CwBBACEOA0AgFCAOQTBsav0MAACA/wAAgP8AAID/AACA//0LBBAgFCAOQTBsav0MAAAAAAAA","AAAAAAAAAAAAAP0LBCAgDkEBaiEOIA4gDUkNAAsgDCANQQFrQQJ0aiAGIAcgCBAFIRBBACESAkADQCASIBBODQFBACEOA0Ag","DCAOQQJ0aiEPIA8gBiAHIAgQBSERIBIgEUgEQCARIBJrIRMgE0HAAEoEQEHAACETCyATQQdqQXhxIRMgACAPIApsaiABIAIg","AyAPIApsaiAEIBQgDkEwbGogBSATIBIgDyAGIAcgCCAJEAQLIA5BAWohDiAOIA1JDQALIBJBwABqIRIMAAsLQQAhDgNAIBQg","DkECdkEwbCAOQQNxQQJ0amoqAiAhFUMAAIA/IBWVQwAAAAAgFUMAAAAAXhv9EyEWIAMgDCAOaiAKbGohFyAXIApqIRgDQCAX","IBf9AAQAIBb95gH9CwQAIBdBEGohFyAXIBhJDQALIA5BAWohDiAOIA1BAnRJDQALIAxBwABqIQwMAAsLCw=="].join("");var et=512,Me=class{name;#e;#t;#r;constructor(e,o){let r=new WebAssembly.Instance(e);this.name=o,this.#e=r.exports.memory,this.#t=r.exports.attendHead,this.#r=new Float32Array(this.#e.buffer)}reserve(e){let o=e*4,r=this.#e.buffer.byteLength;if(o>r){let s=Math.ceil((o-r)/65536);try{this.#e.grow(s)}catch{throw new RangeError(`Invalid q, k, v: one head's packed operands need ${o} bytes, more than the CPU kernel's WebAssembly memory can hold`)}}return this.#r.buffer!==this.#e.buffer&&(this.#r=new Float32Array(this.#e.buffer)),this.#r}attendHead(e,o,r,s,n,i,a,c,f){this.#t(4*e,4*o,4*r,4*s,0,n,i,a,c?1:0,f)}},Ze=class{name="js";#e=new Float32Array(et);#t=new Float64Array(0);#r=new Float64Array(0);reserve(e){return this.#e.length<e&&(this.#e=new Float32Array(e)),this.#e}attendHead(e,o,r,s,n,i,a,c,f){let A=this.#e;this.#t.length<a&&(this.#t=new Float64Array(a)),this.#r.length<n&&(this.#r=new Float64Array(n));let d=this.#t,u=this.#r,h=Math.fround;for(let l=0;l<i;l++){let p=l+a-i,g=c?Math.min(a,p+1):a,w=s+l*n;if(g<=0){A.fill(0,w,w+n);continue}let C=e+(l>>2)*n*4+(l&3),y=-1/0;for(let I=0;I<g;I++){let x=o+(I>>3)*n*8+(I&7),Q=0;for(let E=0;E<n;E++)Q+=A[C+4*E]*A[x+8*E];let B=f===0?Q:Q-h(f)*Math.abs(p-I);d[I]=B,B>y&&(y=B)}u.fill(0);let P=0;for(let I=0;I<g;I++){let x=Math.exp((d[I]-y)*Math.LN2);P+=x;let Q=r+I*n;for(let B=0;B<n;B++)u[B]=u[B]+x*A[Q+B]}for(let I=0;I<n;I++)A[w+I]=u[I]/P}}};function bo(t){let e=atob(t),o=new Uint8Array(e.length);for(let r=0;r<e.length;r++)o[r]=e.charCodeAt(r);return o}var xt;function Ct(t){if(typeof WebAssembly!="object")return null;let e=bo(t);try{return WebAssembly.validate(e)?new WebAssembly.Module(e):null}catch{return null}}function wo(){return xt??={relaxed:Ct(Et),plain:Ct(Pt)},xt}var Ve;function Dt(){if(!Ve){let{relaxed:t,plain:e}=wo();Ve=t?new Me(t,"relaxed-simd"):e?new Me(e,"simd"):new Ze}return Ve}function Ee(t,e,o,r,s=Dt()){let{batch:n,group:i,kvHeads:a,qSeq:c,kSeq:f,headDim:A,causal:d,scale:u,alibi:h}=t,l=e,p=o;if(t.rope){let{frequencies:k,pairing:m,angles:v}=t.rope,$=t.layout;l=ee(e,k,{layout:$,pairing:m,angles:v,positions:t.rope.query}),p=ee(o,k,{layout:$,pairing:m,angles:v,positions:t.rope.key})}let g=new Float32Array(e.data.length);if(c===0||f===0)return{shape:Object.freeze([...e.shape]),data:g};let w=A+7&-8,C=f+7&-8,y=c+3&-4,P=et,I=P+C*w,x=I+C*w,Q=x+y*w,B=s.reserve(Q+y*w),E=t.qStrides,R=t.kStrides,M=l.data,O=p.data,j=r.data,U=Math.fround,D=U(u*Math.LOG2E);for(let k=0;k<n;k++)for(let m=0;m<a;m++){let v=k*R.batch+m*R.heads;B.fill(0,P,x);for(let $=0;$<f;$++){let q=v+$*R.seq,F=P+($>>3)*w*8+($&7);for(let G=0;G<A;G++)B[F+8*G]=O[q+G];B.set(j.subarray(q,q+A),I+$*w)}for(let $=m*i;$<(m+1)*i;$++){let q=k*E.batch+$*E.heads;B.fill(0,x,Q);for(let F=0;F<c;F++){let G=q+F*E.seq,X=x+(F>>2)*w*4+(F&3);for(let W=0;W<A;W++)B[X+4*W]=U(M[G+W]*D)}s.attendHead(x,P,I,Q,w,c,f,d,h?h[$]*Math.LOG2E:0);for(let F=0;F<c;F++)g.set(B.subarray(Q+F*w,Q+F*w+A),q+F*E.seq)}}return{shape:Object.freeze([...e.shape]),data:g}}function gr(t,e,o,r={}){V("q",t),V("k",e),V("v",o);let s=ie(t,e,o,r);return Ee(s,t,e,o)}var Pe=Object.freeze({T48:49152,T32:32768,T16:16384});function St(t){return t>=Pe.T48?"T48":t>=Pe.T32?"T32":"T16"}function $o(t){let e=t.headDim/4,o=(e+(t.pad?1:0))*16,r=t.br*o,s=t.bc*o,n=t.sharedKV?0:t.bc*e*16,i=t.br*(t.bc+1)*4,a=2*t.br*(t.bc/t.tn)*4;return r+s+n+i+a}function Qt(t){let e=[];for(let o=1;o<=t;o++)t%o===0&&e.push(o);return e}function yo(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Qt(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}function Io(t,e,o){let r=t*e/o;if(!Number.isInteger(r)||r<1||r>16)return;let s,n=1/0;for(let i of Qt(e)){let a=r/i;if(!Number.isInteger(a)||t%a!==0)continue;let c=(a+i)*10+Math.abs(i-4);c<n&&(n=c,s=[a,i])}return s}var tt=512;function qt(t,e,o=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>tt)return;let r=Pe[e],s=t/4,n,i;for(let a of[128,64,256,32])if(!(a>o))for(let c of[64,32,16,8,4])for(let f of[64,32,16,8,4]){let A=yo(c,f,a),d=Io(c,s,a);if(!(!A||!d))for(let u of[!1,!0])for(let h of[!0,!1]){let[l,p]=A,[g,w]=d,C=$o({headDim:t,br:c,bc:f,tn:p,sharedKV:u,pad:h});if(C>r)continue;let y=4*l*p/(l+p),P=[c*f,c>=f?1:0,f>=32?1:0,y>=4?1:0,a===128?2:a===64?1:0,y,u?0:1,h?1:0];(!i||vo(P,i))&&(i=P,n={tier:e,headDim:t,workgroup:a,br:c,bc:f,tm:l,tn:p,om:g,od4:w,sharedKV:u,pad:h,bytes:C})}}return n}function vo(t,e){for(let o=0;o<t.length;o++)if(t[o]!==e[o])return t[o]>e[o];return!1}var ko=140,Bo=72,ot=9,Mt=1,Re=class{device;ownsDevice;limits;tier;timestamps;f16;#e=new Map;#t=new Map;#r=null;constructor(e,o,r,s=!1){this.device=e,this.f16=s,this.ownsDevice=o,this.limits=r,this.tier=St(r.maxComputeWorkgroupStorageSize),this.timestamps=e.features.has("timestamp-query"),e.lost.then(n=>{this.#r??=`the WebGPU device was lost (${n.reason}: ${n.message||"no message"})`})}get failure(){return this.#r}fail(e){this.#r??=e}cached(e,o){let r=this.#t.get(e);return r===void 0&&(r=o(),this.#t.set(e,r)),r}setCached(e,o){this.#t.set(e,o)}pipeline(e,o){let r=this.#e.get(e);return r||(r=this.#o(e,o()),this.#e.set(e,r),r.catch(()=>this.#e.delete(e))),r}async#o(e,o){let r=this.device.createShaderModule({code:o,label:e}),n=(await r.getCompilationInfo()).messages.filter(i=>i.type==="error");if(n.length>0)throw new Error(`Internal error: the generated WGSL for ${e} does not compile: ${n.map(i=>`line ${i.lineNum}: ${i.message}`).join("; ")}`);try{return await this.device.createComputePipelineAsync({label:e,layout:"auto",compute:{module:r,entryPoint:"main"}})}catch(i){throw new Error(`Internal error: creating the pipeline ${e} failed: ${i instanceof Error?i.message:String(i)}`)}}buffer(e,o){if(e>this.limits.maxBufferSize)throw new RangeError(`Cannot allocate ${o}: ${e} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`);return this.device.createBuffer({size:Math.max(16,Math.ceil(e/16)*16),usage:ko,label:o})}upload(e,o){let r=this.buffer(e.byteLength,o);return e.byteLength>0&&this.device.queue.writeBuffer(r,0,e.buffer,e.byteOffset,e.byteLength),r}dummy(){return this.cached("dummy buffer",()=>this.buffer(16,"unused binding"))}uniform(e,o){let r=this.device.createBuffer({size:Math.max(16,Math.ceil(e.byteLength/16)*16),usage:Bo,label:o});return this.device.queue.writeBuffer(r,0,e),r}encode(e,o){for(let r of o.dispatches)e.setPipeline(r.pipeline),e.setBindGroup(0,r.bindGroup),e.dispatchWorkgroups(r.grid[0],r.grid[1],r.grid[2])}submit(e,o){let r=this.#s(e,o);return this.release(e),r}release(e){for(let o of e.temps)o.destroy()}#s(e,o){let r=this.device.createCommandEncoder();if(e.dispatches.length>0){let n=r.beginComputePass();this.encode(n,e),n.end()}let s;return o&&(s=this.device.createBuffer({size:Math.max(16,Math.ceil(o.bytes/16)*16),usage:ot,label:"readback"}),o.bytes>0&&r.copyBufferToBuffer(o.source,0,s,0,Math.ceil(o.bytes/4)*4)),this.device.queue.submit([r.finish()]),s}async guarded(e,o){this.device.pushErrorScope("out-of-memory"),this.device.pushErrorScope("validation");let r,s,n=!1;try{r=o()}catch(A){s=A,n=!0}let i=this.device.popErrorScope(),a=this.device.popErrorScope(),[c,f]=await Promise.all([i,a]);if(n)throw s;if(f)throw new Error(`Out of GPU memory while ${e}: ${f.message}`);if(c)throw new Error(`Internal error: WebGPU rejected ${e}: ${c.message}`);return r}async profile(e,o,r){r&&(this.#s(e),await this.idle());let s=this.device.createCommandEncoder(),n,i,a;this.timestamps&&(n=this.device.createQuerySet({type:"timestamp",count:2}),i=this.device.createBuffer({size:16,usage:516}),a=this.device.createBuffer({size:16,usage:ot}));let c=s.beginComputePass(n?{timestampWrites:{querySet:n,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1}}:{});for(let d=0;d<o;d++)this.encode(c,e);c.end(),n&&i&&a&&(s.resolveQuerySet(n,0,2,i,0),s.copyBufferToBuffer(i,0,a,0,16));let f=performance.now();this.device.queue.submit([s.finish()]),await this.idle();let A=(performance.now()-f)/1e3;try{if(a){await a.mapAsync(Mt);let[d,u]=new BigUint64Array(a.getMappedRange().slice(0));a.unmap();let h=Number(u-d);if(h>0)return{seconds:h/1e9/o,source:"timestamp-query"}}return{seconds:A/o,source:"wall-clock"}}finally{n?.destroy(),i?.destroy(),a?.destroy()}}gather(e){let o=e.reduce((i,a)=>i+a.size,0),r=this.device.createBuffer({size:Math.max(16,Math.ceil(o/16)*16),usage:ot,label:"readback"}),s=this.device.createCommandEncoder(),n=0;for(let i of e)i.size>0&&s.copyBufferToBuffer(i.buffer,i.offset,r,n,i.size),n+=i.size;return this.device.queue.submit([s.finish()]),r}async read(e,o){try{return await e.mapAsync(Mt),e.getMappedRange(0,Math.max(16,Math.ceil(o/16)*16)).slice(0,o)}finally{e.destroy()}}async idle(){await this.device.queue.onSubmittedWorkDone()}};function te(t,e,o=[]){let r=new ArrayBuffer(Math.ceil(t.length*4/16)*16),s=new DataView(r);return t.forEach((n,i)=>{let a=e[n]??0;if(o.includes(n))s.setFloat32(i*4,a,!0);else{if(!Number.isInteger(a)||a<0||a>4294967295)throw new RangeError(`Internal error: uniform ${n} = ${a} does not fit an unsigned 32-bit integer`);s.setUint32(i*4,a,!0)}}),r}function oe(t,e){return e==="f32"?o=>`${t}[${o}]`:o=>`vec4<f32>(${t}[${o}])`}function ge(t,e,o,r,s){let n=t.rotaryDim,i=n/2;if(s=`(${s})`,o=`(${o})`,r=`(${r})`,t.pairing==="interleaved"&&n%4===0)return`if (${r} < ${n/4}u) {
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
    }`}let a=[];for(let c=0;c<4;c++)if(t.pairing==="interleaved"){let f=c^1,A=c%2===0?"-":"+";a.push(`{
        let d = ${r} * 4u + ${c}u;
        if (d < ${n}u) {
          let t = T[${s} * ${i}u + d / 2u];
          y[${c}] = x[${c}] * t.x ${A} x[${f}] * t.y;
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
    }`}var xe=Object.freeze({q:"f32",k:"f32",v:"f32",o:"f32"});function Eo(t){let e=[t.q,t.k,t.v,t.o];return e.every(o=>o==="f32")?"":`:${e.join("")}`}var J=-1e30,rt=["sq","sk","group","kvHeads","causal","numTiles","tileBase","unitBase","qB","qH","qS","qOff","kB","kH","kS","kOff","vB","vH","vS","vOff","oB","oH","oS","oOff","qTab","qTabB","kTab","kTabB","scale2","pad0","pad1","pad2"];function st(t){let e=["params","q","k","v","o"];return t.rope&&e.push("table"),t.alibi&&e.push("slopes"),e}function nt(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`flash:d${e.headDim}:wg${e.workgroup}:${e.br}x${e.bc}:s${e.tm}x${e.tn}:o${e.om}x${e.od4}:${e.sharedKV?"kv":"k+v"}:${e.pad?"pad":"nopad"}:rope=${o}:alibi=${t.alibi}`+Eo(t.elements??xe)}function ue(t){return Array.from({length:t},(e,o)=>o)}function Rt(t){let e=t.tiles,o=e.headDim/4,r=e.workgroup,s=e.br,n=e.bc,i=o+(e.pad?1:0),a=e.sharedKV?i:o,c=n+1,f=n/e.tn,A=o/e.od4,d=st(t),u=b=>d.indexOf(b),h=e.sharedKV?"Ks":"Vs",l=t.elements??xe,p=oe("Q",l.q),g=oe("K",l.k),w=oe("V",l.v),C=[l.q,l.k,l.v,l.o].includes("f16"),y=rt.map(b=>`  ${b}: ${b==="scale2"?"f32":"u32"},`).join(`
`),P=(b,S)=>`for (var e = lid; e < ${b*o}u; e += ${r}u) {
    let r = e / ${o}u;
    let c = e % ${o}u;
    ${S("r","c")}
  }`,I=t.rope?ge(t.rope,p,"base","c","P.qTab + b * P.qTabB + pos"):"",x=t.rope?ge(t.rope,g,"base","c","P.kTab + b * P.kTabB + key"):"",Q=P(s,(b,S)=>`let flat = row0 + ${b};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${p(`base + ${S}`)};
      ${I}
    }
    Qs[${b} * ${i}u + ${S}] = x * P.scale2;`),B=P(n,(b,S)=>`let key = k0 + ${b};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${g(`base + ${S}`)};
      ${x}
    }
    Ks[${b} * ${i}u + ${S}] = x;`),E=P(n,(b,S)=>`let key = k0 + ${b};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${w(`b * P.vB + kvh * P.vH + key * P.vS - P.vOff + ${S}`)};
    }
    ${h}[${b} * ${a}u + ${S}] = x;`),R=ue(e.tm),M=ue(e.tn),O=ue(e.om),j=ue(e.od4),U=R.flatMap(b=>M.map(S=>`var s${b}_${S} = 0.0;`)).join(" "),D=ue(o).map(b=>{let S=R.map(z=>`let q${z} = Qs[qr${z} + ${b}u];`).join(" "),L=M.map(z=>`let k${z} = Ks[kr${z} + ${b}u];`).join(" "),K=R.flatMap(z=>M.map(ae=>`s${z}_${ae} += dot(q${z}, k${ae});`)).join(" ");return`{ ${S} ${L} ${K} }`}).join(`
      `),k=R.flatMap(b=>M.map(S=>{let L=t.alibi?` - sl${b} * f32(abs(qp${b} - i32(key${S})))`:"";return`s${b}_${S} = select(${J}, s${b}_${S}${L}, ok${b} && key${S} < P.sk && (P.causal == 0u || i32(key${S}) <= qp${b}));`})).join(`
      `),m=R.map(b=>`Mx[(tr * ${e.tm}u + ${b}u) * ${f}u + tc] = max(${M.map(S=>`s${b}_${S}`).reduce((S,L)=>`max(${S}, ${L})`)}, ${J});`).join(`
      `),v=(b,S)=>`let ${S} = ${ue(f).map(L=>`Mx[${b} * ${f}u + ${L}u]`).reduce((L,K)=>`max(${L}, ${K})`)};`,$=R.map(b=>{let S=`(tr * ${e.tm}u + ${b}u)`,L=M.map(K=>`let p${K} = select(0.0, exp2(s${b}_${K} - tmax), s${b}_${K} > ${J/2});
        Ps[${S} * ${c}u + tc + ${K*f}u] = p${K};`).join(`
        `);return`{
        ${v(S,"tmax")}
        ${L}
        Sm[${S} * ${f}u + tc] = ${M.map(K=>`p${K}`).join(" + ")};
      }`}).join(`
      `),q=O.flatMap(b=>j.map(S=>`var o${b}_${S} = vec4<f32>(0.0);`)).join(" "),F=O.map(b=>`var m${b} = ${J}; var l${b} = 0.0;`).join(" "),G=O.map(b=>{let S=`orow${b}`;return`{
        ${v(S,"tmax")}
        let tsum = ${ue(f).map(L=>`Sm[${S} * ${f}u + ${L}u]`).join(" + ")};
        let mnew = max(m${b}, tmax);
        let alpha = exp2(m${b} - mnew);
        beta${b} = exp2(tmax - mnew);
        l${b} = l${b} * alpha + tsum * beta${b};
        m${b} = mnew;
        ${j.map(L=>`o${b}_${L} *= alpha;`).join(" ")}
      }`}).join(`
      `),X=ue(n).map(b=>{let S=O.map(z=>`let p${z} = Ps[orow${z} * ${c}u + ${b}u] * beta${z};`).join(" "),L=j.map(z=>`let v${z} = ${h}[${b*a}u + oc + ${z*A}u];`).join(" "),K=O.flatMap(z=>j.map(ae=>`o${z}_${ae} += p${z} * v${ae};`)).join(" ");return`{ ${S} ${L} ${K} }`}).join(`
      `),W=O.map(b=>`{
    let flat = row0 + orow${b};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = select(0.0, 1.0 / l${b}, l${b} > 0.0);
      ${j.map(S=>l.o==="f32"?`O[base + ${S*A}u] = o${b}_${S} * inv;`:`O[base + ${S*A}u] = vec4<f16>(o${b}_${S} * inv);`).join(`
      `)}
    }
  }`).join(`
  `),ke=R.map(b=>`let flat${b} = row0 + tr * ${e.tm}u + ${b}u;
  let pos${b} = flat${b} / P.group;
  let ok${b} = pos${b} < P.sq;
  let qp${b} = i32(pos${b}) + i32(P.sk) - i32(P.sq);${t.alibi?`
  let sl${b} = SL[kvh * P.group + flat${b} % P.group];`:""}`).join(`
  `);return`// ${nt(t)}
${C?"enable f16;":""}
struct Params {
${y}
}
@group(0) @binding(${u("params")}) var<uniform> P: Params;
@group(0) @binding(${u("q")}) var<storage, read> Q: array<vec4<${l.q}>>;
@group(0) @binding(${u("k")}) var<storage, read> K: array<vec4<${l.k}>>;
@group(0) @binding(${u("v")}) var<storage, read> V: array<vec4<${l.v}>>;
@group(0) @binding(${u("o")}) var<storage, read_write> O: array<vec4<${l.o}>>;
${t.rope?`@group(0) @binding(${u("table")}) var<storage, read> T: array<vec2<f32>>;`:""}
${t.alibi?`@group(0) @binding(${u("slopes")}) var<storage, read> SL: array<f32>;`:""}

var<workgroup> Qs: array<vec4<f32>, ${s*i}>;
var<workgroup> Ks: array<vec4<f32>, ${n*i}>;
${e.sharedKV?"":`var<workgroup> Vs: array<vec4<f32>, ${n*o}>;`}
var<workgroup> Ps: array<f32, ${s*c}>;
var<workgroup> Mx: array<f32, ${s*f}>;
var<workgroup> Sm: array<f32, ${s*f}>;

@compute @workgroup_size(${r})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // Tiles run last-first: under a causal mask the longest ones start first.
  let tile = P.numTiles - 1u - (P.tileBase + wid.x);
  let unit = P.unitBase + wid.y;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let row0 = tile * ${s}u;

  ${Q}

  let tr = lid / ${f}u;
  let tc = lid % ${f}u;
  ${R.map(b=>`let qr${b} = (tr * ${e.tm}u + ${b}u) * ${i}u;`).join(" ")}
  ${M.map(b=>`let kr${b} = (tc + ${b*f}u) * ${i}u;`).join(" ")}
  ${ke}
  let orr = lid / ${A}u;
  let oc = lid % ${A}u;
  ${O.map(b=>`let orow${b} = orr * ${e.om}u + ${b}u;`).join(" ")}
  ${q}
  ${F}
  ${O.map(b=>`var beta${b} = 0.0;`).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${s}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${n-1}u) / ${n}u;
  for (var kt = 0u; kt < tiles; kt++) {
    let k0 = kt * ${n}u;
    ${B}
    ${e.sharedKV?"":E}
    workgroupBarrier();
    {
      ${U}
      ${D}
      ${M.map(b=>`let key${b} = k0 + tc + ${b*f}u;`).join(" ")}
      ${k}
      ${m}
      workgroupBarrier();
      ${$}
    }
    ${e.sharedKV?E:""}
    workgroupBarrier();
    {
      ${G}
      ${X}
    }
    workgroupBarrier();
  }

  ${W}
}
`}function se(t,e,o,r=4){let s=Math.max(16,o.minStorageBufferOffsetAlignment),n=Math.floor(t*r/s)*s,i=Math.max(4,Math.ceil((e*r-n)/4)*4);return{offset:n,size:i,base:n/r}}function Z(t,e){return t.size<=e.maxStorageBufferBindingSize}function le(t,e,o,r){let s=[],n=0;for(;n<t;){let i=Math.min(t-n,e);if(!o(n,1))throw r(n);let a=1,c=i;if(o(n,c))a=c;else for(;c-a>1;){let f=Math.floor((a+c)/2);o(n,f)?a=f:c=f}s.push([n,a]),n+=a}return s}function ne(t,e){let o=e.maxComputeWorkgroupsPerDimension;if(t<=o)return[Math.max(1,t),1];let r=Math.ceil(t/o);if(r>o)throw new RangeError(`Cannot dispatch ${t} workgroups: more than ${o} x ${o}, the device's 2-D grid limit`);return[Math.ceil(t/r),r]}function Ae(t,e){let o=e.maxComputeWorkgroupsPerDimension;return o*o*t}var Po=32*1024*1024,xo=1024;function Co(t,e){return`rope-table|${e}|${t.attentionFactor}|${Array.from(t.invFreq).join(",")}`}function Ot(t,e,o){return new RangeError(`Cannot bind the RoPE table: ${t} positions need ${e} bytes, more than the device's maxStorageBufferBindingSize of ${o} bytes; rotate in smaller batches`)}function he(t,e,o,r){let s=e.invFreq.length*8,n=Math.min(t.limits.maxStorageBufferBindingSize,t.limits.maxBufferSize);if(r.every(d=>d.positions.kind==="range")){let d=r.map(w=>w.positions.start),u=Math.min(...d),h=Math.max(...r.map((w,C)=>d[C]+w.seq)),l=xo;for(;l<h;)l*=2;if(l*s<=Math.min(Po,n)){let w=Co(e,o),C=t.cached(w,()=>null);if(!C||C.rows<h){let y=qe(e,{start:0,count:l},o);C={rows:l,buffer:t.upload(y,"rope table")},t.setCached(w,C)}return{buffer:C.buffer,temp:!1,sides:d.map(y=>({tab:y,tabB:0}))}}let p=Math.max(1,h-u);if(p*s>n)throw Ot(p,p*s,n);let g=qe(e,{start:u,count:p},o);return{buffer:t.upload(g,"rope table"),temp:!0,sides:d.map(w=>({tab:w-u,tabB:0}))}}let i=[],a=[],c=0;for(let d of r){let u=d.positions,h=u.kind==="list"?u.list:Float64Array.from({length:d.seq},(l,p)=>u.start+p);a.push({tab:c,tabB:u.kind==="list"&&u.perBatch?d.seq:0}),i.push(h),c+=h.length}let f=new Float64Array(Math.max(1,c)),A=0;for(let d of i)f.set(d,A),A+=d.length;if(f.length*s>n)throw Ot(f.length,f.length*s,n);return{buffer:t.upload(qe(e,f,o),"rope table"),temp:!0,sides:a}}function Tt(t,e,o=xe){let r=qt(e.headDim,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!r)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the flash kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${t.tier==="T16"?256:tt}; use kernel: "naive" or attentionReference for other head dims`);return{tiles:r,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function Ht(t,e){return t.pipeline(nt(e),()=>Rt(e))}function Ft(t,e,o){return new RangeError(`Cannot split ${t} to the device's binding limit: one (batch, KV head) slice spans ${e} bytes, more than maxStorageBufferBindingSize (${o} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`)}function jt(t,e,o,r,s){let{batch:n,kvHeads:i,group:a,qSeq:c,kSeq:f,headDim:A}=e,d={dispatches:[],temps:[]};if(n===0||c===0||f===0)return d;let u=t.limits,h=e.qStrides,l=e.kStrides,p=n*i,g=o.elements??xe,w=D=>D==="f16"?2:4,C=(D,k,m=w(g.q))=>{let[v,$]=[Math.floor(D/i),D%i],q=D+k-1,[F,G]=[Math.floor(q/i),q%i],X=v*h.batch+$*a*h.heads,W=F*h.batch+(G*a+a-1)*h.heads+(c-1)*h.seq+A;return se(X,W,u,m)},y=(D,k)=>C(D,k,w(g.o)),P=(D,k,m=w(g.k))=>{let v=D+k-1,$=Math.floor(D/i)*l.batch+D%i*l.heads,q=Math.floor(v/i)*l.batch+v%i*l.heads+(f-1)*l.seq+A;return se($,q,u,m)},I=(D,k)=>P(D,k,w(g.v)),x=(D,k)=>(w(g.q)>=w(g.o)?C:y)(D,k),Q=(D,k)=>(w(g.k)>=w(g.v)?P:I)(D,k),B=le(p,u.maxComputeWorkgroupsPerDimension,(D,k)=>Z(x(D,k),u)&&Z(Q(D,k),u),D=>{let k=x(D,1);return Z(k,u)?Ft("k and v",Q(D,1).size,u.maxStorageBufferBindingSize):Ft("q and the output",k.size,u.maxStorageBufferBindingSize)}),E=null;e.rope&&(E=he(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.query,seq:c},{positions:e.rope.key,seq:f}]),E.temp&&d.temps.push(E.buffer));let R=null;e.alibi&&(R=t.upload(e.alibi.map(D=>D*Math.LOG2E),"alibi slopes"),d.temps.push(R));let M=o.tiles,O=Math.ceil(c*a/M.br),j=u.maxComputeWorkgroupsPerDimension,U=st(o);for(let[D,k]of B){let m=C(D,k),v=P(D,k),$=I(D,k),q=y(D,k);for(let F=0;F<O;F+=j){let G={sq:c,sk:f,group:a,kvHeads:i,causal:e.causal?1:0,numTiles:O,tileBase:F,unitBase:D,qB:h.batch/4,qH:h.heads/4,qS:h.seq/4,qOff:m.base/4,kB:l.batch/4,kH:l.heads/4,kS:l.seq/4,kOff:v.base/4,vB:l.batch/4,vH:l.heads/4,vS:l.seq/4,vOff:$.base/4,oB:h.batch/4,oH:h.heads/4,oS:h.seq/4,oOff:q.base/4,qTab:E?.sides[0]?.tab??0,qTabB:E?.sides[0]?.tabB??0,kTab:E?.sides[1]?.tab??0,kTabB:E?.sides[1]?.tabB??0,scale2:e.scale*Math.LOG2E},X=t.uniform(te(rt,G,["scale2"]),"flash params");d.temps.push(X);let W={params:{buffer:X},q:{buffer:s.q,offset:m.offset,size:m.size},k:{buffer:s.k,offset:v.offset,size:v.size},v:{buffer:s.v,offset:$.offset,size:$.size},o:{buffer:s.o,offset:q.offset,size:q.size}};E&&(W.table={buffer:E.buffer}),R&&(W.slopes={buffer:R});let ke=t.device.createBindGroup({layout:r.getBindGroupLayout(0),entries:U.map((S,L)=>({binding:L,resource:W[S]}))}),[b]=ne(Math.min(j,O-F),u);d.dispatches.push({pipeline:r,bindGroup:ke,grid:[b,k,1]})}}return d}var Do=256,So=8;function Qo(t){let e=t.kp*t.ku*t.rb,o=t.lr*(e+1),r=t.kp*t.rb+2*t.rb,s=t.rb*(t.headDim/4)*4;return 4*(o+e+r+s)}function Lt(t,e,o,r=256){if(!Number.isInteger(t)||t%4!==0||t<4||t>512)return;let s=t/4,n=1;for(let u of[1,2,3,4])if(s%u===0&&s/u<=32){n=u;break}let i=s/n,a=Math.min(o==="T16"?64:128,r);if(i>r)return;let c=Math.max(1,Math.floor(a/i)),f=c*i,A=Pe[o],d=Math.max(1,Math.min(e,Math.floor(So/n)));for(let u=d;u>=1;u--)for(let h=Math.max(1,Math.floor(i/u));h>=1;h--){let l={headDim:t,c:n,lr:i,kp:c,ku:h,rb:u},p=Qo(l);if(p<=A)return{...l,workgroup:f,bytes:p}}}function _t(t,e,o,r){let s=Math.ceil(o/Math.max(1,e)),n=Math.ceil(t/Do);return it(t,Math.max(1,Math.min(s,n,r)))}function it(t,e){let o=Math.max(1,Math.ceil(t/e));return{splits:Math.max(1,Math.ceil(t/o)),keysPerSplit:o}}var at=["sq","group","rows","kvHeads","len","nsplit","keysPerSplit","unitBase","chunkBase","lmax4","direct","statsOff","qB","qH","qS","qOff","oB","oH","oS","oOff","tab","tabB","pad0","scale2"],ct=["items","nsplit","rows","group","kvHeads","unitBase","statsOff","gridX","oB","oH","oS","oOff"],Ce=64;function ft(t){let e=["params","q","k","v","o","w"];return t.rope&&e.push("table"),t.alibi&&e.push("slopes"),e}function ut(t){let e=t.tiles,o=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none",r=t.elements;return`decode:d${e.headDim}:c${e.c}:lr${e.lr}:kp${e.kp}:ku${e.ku}:rb${e.rb}:rope=${o}:alibi=${t.alibi}:${r.q}${r.kv}${r.o}`}function lt(t,e){return`decode-merge:d${t}:${e}`}function de(t){return Array.from({length:t},(e,o)=>o)}function Oe(t){return t.length===0?"0.0":t.join(" + ")}function Gt(t,e){return t==="f32"?e:`vec4<f16>(${e})`}function zt(t){let e=t.tiles,{c:o,lr:r,kp:s,ku:n,rb:i,workgroup:a}=e,c=e.headDim/4,f=s*n*i,A=f+1,d=s*n,u=t.elements,h=ft(t),l=m=>h.indexOf(m),p=oe("Q",u.q),g=oe("K",u.kv),w=oe("V",u.kv),C=[u.q,u.kv,u.o].includes("f16"),y=de(i),P=de(o),I=de(n),x=at.map(m=>`  ${m}: ${m==="scale2"?"f32":"u32"},`).join(`
`),Q=t.rope?ge(t.rope,p,"base","cc","P.tab + b * P.tabB + t"):"",B=y.map(m=>`${P.map(v=>`var q${m}_${v} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${m}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${P.map(v=>`{
        let cc = lr + ${v*r}u;
        var x = ${p("base + cc")};
        ${Q}
        q${m}_${v} = x * P.scale2;
      }`).join(`
      `)}
    }
  }`).join(`
  `),E=y.map(m=>`var m${m} = ${J}; var l${m} = 0.0; ${P.map(v=>`var a${m}_${v} = vec4<f32>(0.0);`).join(" ")}`).join(`
  `),R=I.map(m=>{let v=y.map($=>`Red[lr * ${A}u + kp * ${i}u + ${m*s*i+$}u] = ${Oe(P.map(q=>`dot(q${$}_${q}, k${m}_${q})`))};`).join(`
      `);return`let kr${m} = kvBase + min(k0 + ${m*s}u + kp, kEnd - 1u) * ${c}u;
      ${P.map($=>`let k${m}_${$} = ${g(`kr${m} + ${$*r}u`)};`).join(" ")}
      ${P.map($=>`let v${m}_${$} = ${w(`kr${m} + ${$*r}u`)};`).join(" ")}
      ${v}`}).join(`
      `),M=t.alibi?`let h = kvh * P.group + min(f, P.rows - 1u) % P.group;
          s -= SL[h] * f32(i32(qp) - i32(key));`:"",O=de(Math.ceil(f/a)).map(m=>{let v=(m+1)*a>f;return`{
        let i = lid + ${m*a}u;
        ${v?`if (i < ${f}u) {`:"{"}
          var s = ${Oe(de(r).map($=>`Red[${$*A}u + i]`))};
          let key = k0 + i / ${i}u;
          let f = row0 + i % ${i}u;
          let qp = P.len - P.sq + f / P.group;
          ${M}
          Sc[i] = select(${J}, s, key < kEnd && f < P.rows && key <= qp);
        }
      }`}).join(`
      `),j=y.map(m=>{let v=I.map($=>`s${$}`);return`{
        ${I.map($=>`let s${$} = Sc[kp * ${i}u + ${$*s*i+m}u];`).join(" ")}
        let mx = max(m${m}, ${v.reduce(($,q)=>`max(${$}, ${q})`)});
        let alpha = exp2(m${m} - mx);
        ${I.map($=>`let p${$} = select(0.0, exp2(s${$} - mx), s${$} > ${J/2});`).join(" ")}
        l${m} = l${m} * alpha + ${Oe(I.map($=>`p${$}`))};
        m${m} = mx;
        ${P.map($=>`a${m}_${$} = a${m}_${$} * alpha + ${Oe(I.map(q=>`p${q} * v${q}_${$}`))};`).join(`
        `)}
      }`}).join(`
      `),U=y.map(m=>`{
    let mr = ${de(s).map(v=>`Mk[${v*i+m}u]`).reduce((v,$)=>`max(${v}, ${$})`)};
    let g = exp2(m${m} - mr);
    l${m} *= g;
    ${P.map(v=>`a${m}_${v} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${m}u] = mr;
    }
  }`).join(`
  `),D=de(s).map(m=>`if (kp == ${m}u) {
    ${y.flatMap(v=>P.map($=>{let q=`${v*c}u + lr + ${$*r}u`;return m===0?`X[${q}] = a${v}_${$};`:`X[${q}] += a${v}_${$};`})).join(`
    `)}
    if (lr == 0u) {
      ${y.map(v=>m===0?`Ls[${v}u] = l${v};`:`Ls[${v}u] += l${v};`).join(" ")}
    }
  }
  workgroupBarrier();`).join(`
  `),k=de(Math.ceil(i*c/a)).map(m=>{let v=(m+1)*a>i*c;return`{
    let e = lid + ${m*a}u;
    let r = e / ${c}u;
    let cc = e % ${c}u;
    let f = row0 + r;
    if (${v?`e < ${i*c}u && `:""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Gt(u.o,"X[e] * select(0.0, 1.0 / total, total > 0.0)")};
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${c}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`}).join(`
  `);return`// ${ut(t)}
${C?"enable f16;":""}
struct Params {
${x}
}
@group(0) @binding(${l("params")}) var<uniform> P: Params;
@group(0) @binding(${l("q")}) var<storage, read> Q: array<vec4<${u.q}>>;
@group(0) @binding(${l("k")}) var<storage, read> K: array<vec4<${u.kv}>>;
@group(0) @binding(${l("v")}) var<storage, read> V: array<vec4<${u.kv}>>;
@group(0) @binding(${l("o")}) var<storage, read_write> O: array<vec4<${u.o}>>;
@group(0) @binding(${l("w")}) var<storage, read_write> W: array<vec4<f32>>;
${t.rope?`@group(0) @binding(${l("table")}) var<storage, read> T: array<vec2<f32>>;`:""}
${t.alibi?`@group(0) @binding(${l("slopes")}) var<storage, read> SL: array<f32>;`:""}

var<workgroup> Red: array<f32, ${r*A}>;
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
  let kvBase = (unit - P.chunkBase) * P.lmax4 + lr;

  ${B}
  ${E}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${i}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${d}u) {
      ${R}
    workgroupBarrier();
      ${O}
    workgroupBarrier();
      ${j}
  }

  if (lr == 0u) {
    ${y.map(m=>`Mk[kp * ${i}u + ${m}u] = m${m};`).join(" ")}
  }
  workgroupBarrier();
  ${U}
  ${D}
  ${k}
}
`}function Wt(t,e){let o=t/4,r=ct.map(s=>`  ${s}: u32,`).join(`
`);return`// ${lt(t,e)}
${e==="f16"?"enable f16;":""}
struct Params {
${r}
}
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> W: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> O: array<vec4<${e}>>;

@compute @workgroup_size(${Ce})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Ce}u + lid;
  if (idx >= P.items) {
    return;
  }
  let row = idx / ${o}u;
  let cc = idx % ${o}u;
  let stats = P.statsOff + row * P.nsplit;
  var mx = ${J};
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
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${Gt(e,"acc * select(0.0, 1.0 / total, total > 0.0)")};
}
`}function Nt(t,e,o){let r=e.group*e.qSeq,s=Lt(e.headDim,r,t.tier,t.limits.maxComputeInvocationsPerWorkgroup);if(!s)throw new RangeError(`Invalid q: head dim ${e.headDim} is not supported by the decode kernel on this device (tier ${t.tier}, ${t.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${t.limits.maxComputeInvocationsPerWorkgroup} invocations)`);return{tiles:s,rope:e.rope?{pairing:e.rope.pairing,rotaryDim:e.rope.rotaryDim}:null,alibi:e.alibi!==null,elements:o}}function At(t,e){let o=e.tiles.headDim,r=e.elements.o;return Promise.all([t.pipeline(ut(e),()=>zt(e)),t.pipeline(lt(o,r),()=>Wt(o,r))])}function Ut(t,e,o,r,s){let n=t.limits.maxComputeWorkgroupsPerDimension;if(e.splits!==void 0){let a=Math.min(r,n);if(e.splits>a)throw new RangeError(`Invalid splits: expected at most ${a} (the cache length ${r}${n<r?` and maxComputeWorkgroupsPerDimension ${n}`:""}), got ${e.splits}`);return it(r,e.splits)}let i=Math.ceil(e.group*e.qSeq/o.tiles.rb);return _t(r,e.batch*e.kvHeads*i,s,n)}function ht(t,e){return t.rope?.queryPositions??{kind:"range",start:e-t.qSeq}}function Kt(t,e,o,r,s,n,i){let a={dispatches:[],temps:[]},[c,f]=r,A=t.limits,{kvHeads:d,group:u,qSeq:h,headDim:l}=e,p=l/4,g=u*h,w=o.tiles,C=Math.ceil(g/w.rb),{splits:y,keysPerSplit:P}=n,I=y===1,x=e.qStrides,Q=o.elements.q==="f16"?2:4,B=o.elements.o==="f16"?2:4,E=(k,m,v)=>{let $=(X,W)=>Math.floor(X/d)*x.batch+W*x.heads,q=k+m-1,F=$(k,k%d*u),G=$(q,q%d*u+u-1)+(h-1)*x.seq+l;return se(F,G,A,v)},R=k=>k*g*y*(p+1)*16,M=null;e.rope&&(M=he(t,e.rope.frequencies,e.rope.angles,[{positions:ht(e,s.length),seq:h}]),M.temp&&a.temps.push(M.buffer));let O=null;e.alibi&&(O=t.upload(e.alibi.map(k=>k*Math.LOG2E),"alibi slopes"),a.temps.push(O));let j=A.maxComputeWorkgroupsPerDimension,U=ft(o),D=Math.max(1,Math.floor(Ae(Ce,A)/(g*p)));for(let k of s.chunks){let m=le(k.n,Math.min(j,D),(v,$)=>Z(E(k.u0+v,$,Q),A)&&Z(E(k.u0+v,$,B),A)&&(I||R($)<=A.maxStorageBufferBindingSize),v=>new RangeError(`Cannot decode: the queries of one (batch, KV head) span ${E(k.u0+v,1,Math.max(Q,B)).size} bytes or their ${y} partial outputs ${R(1)} bytes, more than maxStorageBufferBindingSize (${A.maxStorageBufferBindingSize} bytes)`));for(let[v,$]of m){let q=k.u0+v,F=E(q,$,Q),G=E(q,$,B),X=$*g*y*p,W=t.dummy();I||(W=t.buffer(R($),"decode partials"),a.temps.push(W));let ke={sq:h,group:u,rows:g,kvHeads:d,len:s.length,nsplit:y,keysPerSplit:P,unitBase:q,chunkBase:k.u0,lmax4:s.maxLength*p,direct:I?1:0,statsOff:X,qB:x.batch/4,qH:x.heads/4,qS:x.seq/4,qOff:F.base/4,oB:x.batch/4,oH:x.heads/4,oS:x.seq/4,oOff:G.base/4,tab:M?.sides[0]?.tab??0,tabB:M?.sides[0]?.tabB??0,scale2:e.scale*Math.LOG2E},b=t.uniform(te(at,ke,["scale2"]),"decode params");a.temps.push(b);let S={params:{buffer:b},q:{buffer:i.q,offset:F.offset,size:F.size},k:{buffer:k.k},v:{buffer:k.v},o:{buffer:i.o,offset:G.offset,size:G.size},w:{buffer:W}};if(M&&(S.table={buffer:M.buffer}),O&&(S.slopes={buffer:O}),a.dispatches.push({pipeline:c,bindGroup:t.device.createBindGroup({layout:c.getBindGroupLayout(0),entries:U.map((ho,po)=>({binding:po,resource:S[ho]}))}),grid:[y,$,C]}),I)continue;let L=$*g*p,[K,z]=ne(Math.ceil(L/Ce),A),ae=t.uniform(te(ct,{items:L,nsplit:y,rows:g,group:u,kvHeads:d,unitBase:q,statsOff:X,gridX:K,oB:x.batch/4,oH:x.heads/4,oS:x.seq/4,oOff:G.base/4}),"decode merge params");a.temps.push(ae),a.dispatches.push({pipeline:f,bindGroup:t.device.createBindGroup({layout:f.getBindGroupLayout(0),entries:[{binding:0,resource:{buffer:ae}},{binding:1,resource:{buffer:W}},{binding:2,resource:{buffer:i.o,offset:G.offset,size:G.size}}]}),grid:[K,z,1]})}}return a}var Yt=new Float32Array(1),qo=new Uint32Array(Yt.buffer);function Mo(t){Yt[0]=t;let e=qo[0],o=e>>>16&32768,r=e>>>23&255,s=e&8388607;if(r===255)return o|31744|(s!==0?512:0);let n=r-112;if(n>=31)return o|31744;if(n<=0){if(n<-10)return o;s|=8388608;let c=14-n,f=s>>>c,A=s&(1<<c)-1,d=1<<c-1;return(A>d||A===d&&(f&1)===1)&&f++,o|f}let i=n<<10|s>>>13,a=s&8191;return(a>4096||a===4096&&(i&1)===1)&&i++,o|i}function Jt(t){let e=(t&32768)!==0?-1:1,o=t>>>10&31,r=t&1023;return o===0?e*r*2**-24:o===31?r!==0?NaN:e*(1/0):e*(1+r/1024)*2**(o-15)}function dt(t){let e=new Uint16Array(t.length+t.length%2);for(let o=0;o<t.length;o++)e[o]=Mo(t[o]);return e}function Fe(t,e=t.length){let o=new Float32Array(e);for(let r=0;r<e;r++)o[r]=Jt(t[r]);return o}var re=64;function Xt(){return Float32Array.from({length:re},(t,e)=>(e-31)*.125)}var Ro=`enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${re/4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;function Oo(t,e){let o=Xt();for(let r=0;r<re;r++){let s=o[r]*3+.25,n=t[r],i=e[r]===void 0?void 0:Jt(e[r]);if(n!==s||i!==s){let a=t.every(c=>c===0);return{available:!1,detail:`the shader-f16 self-test failed: value ${r} should be ${s}, read back ${n} (f32) and ${i} (f16)${a?"; every value was 0, the symptom of denoland/deno#23125":""}`}}}return{available:!0,detail:`shader-f16 enabled; the self-test round trip of ${re} values was exact`}}async function Vt(t){let n=[],i=(a,c)=>{let f=t.createBuffer({size:a,usage:c,label:"f16 self-test"});return n.push(f),f};t.pushErrorScope("validation");try{let a=t.createShaderModule({code:Ro,label:"f16 self-test"}),c=await t.createComputePipelineAsync({layout:"auto",compute:{module:a,entryPoint:"main"}}),f=i(re*2,136),A=i(re*4,132),d=i(re*2,132),u=i(re*4,9),h=i(re*2,9),l=dt(Xt());t.queue.writeBuffer(f,0,l.buffer,l.byteOffset,l.byteLength);let p=t.createCommandEncoder(),g=p.beginComputePass();g.setPipeline(c),g.setBindGroup(0,t.createBindGroup({layout:c.getBindGroupLayout(0),entries:[f,A,d].map((P,I)=>({binding:I,resource:{buffer:P}}))})),g.dispatchWorkgroups(1),g.end(),p.copyBufferToBuffer(A,0,u,0,re*4),p.copyBufferToBuffer(d,0,h,0,re*2),t.queue.submit([p.finish()]),await Promise.all([u.mapAsync(1),h.mapAsync(1)]);let w=new Float32Array(u.getMappedRange().slice(0)),C=new Uint16Array(h.getMappedRange().slice(0)),y=await t.popErrorScope();return y?{available:!1,detail:`the shader-f16 self-test was rejected: ${y.message}`}:Oo(w,C)}catch(a){return await t.popErrorScope().catch(()=>null),{available:!1,detail:`the shader-f16 self-test failed to run: ${a instanceof Error?a.message:String(a)}`}}finally{for(let a of n)a.destroy()}}var Te=256,Zt=["items","pad0","kvHeads","unitBase","chunkBase","slot","lmax4","gridX","kB","kH","kS","kOff","vB","vH","vS","vOff","tab","tabB","tokBase","tokCount"];function eo(t){let e=t.rope?`${t.rope.pairing}${t.rope.rotaryDim}`:"none";return`kv-append:d${t.headDim}:rope=${e}:${t.k}${t.v}${t.cache}`}function Fo(t){let e=t.headDim/4,o=oe("K",t.k),r=oe("V",t.v),s=[t.k,t.v,t.cache].includes("f16"),n=c=>t.cache==="f32"?c:`vec4<f16>(${c})`,i=Zt.map(c=>`  ${c}: u32,`).join(`
`),a=t.rope?ge(t.rope,o,"base","c","P.tab + b * P.tabB + s"):"";return`// ${eo(t)}
${s?"enable f16;":""}
struct Params {
${i}
}
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> K: array<vec4<${t.k}>>;
@group(0) @binding(2) var<storage, read> V: array<vec4<${t.v}>>;
@group(0) @binding(3) var<storage, read_write> KC: array<vec4<${t.cache}>>;
@group(0) @binding(4) var<storage, read_write> VC: array<vec4<${t.cache}>>;
${t.rope?"@group(0) @binding(5) var<storage, read> T: array<vec2<f32>>;":""}

@compute @workgroup_size(${Te})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${Te}u + lid;
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
  ${a}
  let dst = (unit - P.chunkBase) * P.lmax4 + (P.slot + s) * ${e}u + c;
  KC[dst] = ${n("x")};
  VC[dst] = ${n(r("b * P.vB + h * P.vH + s * P.vS - P.vOff + c"))};
}
`}function to(t,e){return t.pipeline(eo(e),()=>Fo(e))}function oo(t,e,o,r,s,n){let i={dispatches:[],temps:[]},{n:a,strides:c}=e,f=o.headDim,A=f/4;if(a===0)return i;let d=t.limits,u=o.k==="f16"?2:4,h=o.v==="f16"?2:4,l=(y,P,I)=>{let x=y+P-1,Q=B=>Math.floor(B/e.kvHeads)*c.batch+B%e.kvHeads*c.heads;return se(Q(y),Q(x)+(a-1)*c.seq+f,d,I)},p=null;e.rope&&(p=he(t,e.rope.frequencies,e.rope.angles,[{positions:e.rope.positions,seq:a}]),p.temp&&i.temps.push(p.buffer));let g=Ae(Te,d),w=Math.min(a,Math.max(1,Math.floor(g/A))),C=Math.max(1,Math.floor(g/(w*A)));for(let y of n){let P=le(y.n,C,(I,x)=>Z(l(y.u0+I,x,u),d)&&Z(l(y.u0+I,x,h),d),I=>new RangeError(`Cannot append: the new keys of one (batch, KV head) span ${l(y.u0+I,1,Math.max(u,h)).size} bytes, more than maxStorageBufferBindingSize (${d.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`));for(let[I,x]of P)for(let Q=0;Q<a;Q+=w){let B=Math.min(w,a-Q),E=y.u0+I,R=l(E,x,u),M=l(E,x,h),O=x*B*A,[j,U]=ne(Math.ceil(O/Te),d),D={items:O,n:a,kvHeads:e.kvHeads,unitBase:E,chunkBase:y.u0,slot:e.slot,lmax4:e.maxLength*A,gridX:j,kB:c.batch/4,kH:c.heads/4,kS:c.seq/4,kOff:R.base/4,vB:c.batch/4,vH:c.heads/4,vS:c.seq/4,vOff:M.base/4,tab:p?.sides[0]?.tab??0,tabB:p?.sides[0]?.tabB??0,tokBase:Q,tokCount:B},k=t.uniform(te(Zt,D),"kv append params");i.temps.push(k);let m=[{binding:0,resource:{buffer:k}},{binding:1,resource:{buffer:s.k,offset:R.offset,size:R.size}},{binding:2,resource:{buffer:s.v,offset:M.offset,size:M.size}},{binding:3,resource:{buffer:y.k}},{binding:4,resource:{buffer:y.v}}];p&&m.push({binding:5,resource:{buffer:p.buffer}});let v=t.device.createBindGroup({layout:r.getBindGroupLayout(0),entries:m});i.dispatches.push({pipeline:r,bindGroup:v,grid:[j,U,1]})}}return i}var He="This KvCache cannot be used: it was destroyed",je="This KvCache cannot be used: its GpuAttention was destroyed or lost its device",To=512,ro=4;function pt(t,e){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object, got ${H(e)}`)}function ye(t,e,o){let r=N(t,e??"f32",{allowed:["f32","f16","auto"]});if(r==="auto")return o.available?"f16":"f32";if(r==="f16"&&!o.available)throw new Error(`Invalid ${t}: "f16" storage is not available here (${o.detail}); use "f32", or "auto" to fall back to float32`);return r}function gt(t){pt("options",t);let e=Y("batch",t.batch,{min:1}),o=Y("kvHeads",t.kvHeads,{min:1}),r=Y("headDim",t.headDim,{min:4,max:To});if(r%4!==0)throw new RangeError(`Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${r}`);let s=Y("maxLength",t.maxLength,{min:1});return{batch:e,kvHeads:o,headDim:r,maxLength:s}}function no(t,e,o){if(e===null||typeof e!="object")throw new TypeError(`Invalid ${t}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${H(e)}`);let r=Be(`${t}.frequencies`,e.frequencies),s=2*r.invFreq.length;if(e.rotaryDim!==void 0&&e.rotaryDim!==s)throw new RangeError(`Invalid ${t}.rotaryDim: expected ${s} (2 x the ${r.invFreq.length} frequencies), got ${H(e.rotaryDim)}`);if(s>o)throw new RangeError(`Invalid ${t}.frequencies: rotary dim ${s} (2 x ${r.invFreq.length} frequencies) exceeds the head dim ${o}`);let n=N(`${t}.pairing`,e.pairing??"half",{allowed:["half","interleaved"]}),i=N(`${t}.angles`,e.angles??"float32",{allowed:["float32","float64"]}),a=`${n}|${i}|${r.attentionFactor}|${Array.from(r.invFreq).join(",")}`;return{frequencies:r,pairing:n,rotaryDim:s,angles:i,fingerprint:a}}function so(t,e,o,r){let s=ce(t,e,o);if(s.batch!==r.batch)throw new RangeError(`Invalid ${t}: expected batch ${r.batch} (as the cache), got ${s.batch}`);if(s.heads!==r.kvHeads)throw new RangeError(`Invalid ${t}: expected ${r.kvHeads} KV heads (as the cache), got ${s.heads}`);if(s.headDim!==r.headDim)throw new RangeError(`Invalid ${t}: expected head dim ${r.headDim} (as the cache), got ${s.headDim}`);return{seq:s.seq,strides:s.strides}}function Le(t,e,o,r){pt("options",r);let s=N("layout",r.layout??"bhsd",{allowed:["bhsd","bshd"]}),n=so("k",e,s,t),i=so("v",o,s,t);if(i.seq!==n.seq)throw new RangeError(`Invalid v: expected ${n.seq} tokens (as k), got ${i.seq}`);let a=null;if(r.rope!==void 0){let c=no("rope",r.rope,t.headDim),f=r.rope.positions===void 0?null:$e("rope.positions",r.rope.positions,n.seq,t.batch,c.angles==="float32");a={...c,positions:f}}return{layout:s,n:n.seq,strides:n.strides,rope:a}}function _e(t,e,o){if(e+o.n>t.maxLength)throw new RangeError(`Cannot append ${o.n} tokens: the KV cache holds ${e} of its maxLength ${t.maxLength} tokens (${t.maxLength-e} free); create a larger cache or reset() it`);if(o.rope&&!o.rope.positions&&o.rope.angles==="float32"){let r=e+o.n-1;if(r>fe)throw new RangeError(`Invalid rope: the last key would sit at position ${r}, above ${fe} (the largest position with angles "float32")`)}}function mt(t,e,o){pt("options",o);let r=N("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=ce("q",e,r);if(s.batch!==t.batch)throw new RangeError(`Invalid q: expected batch ${t.batch} (as the cache), got ${s.batch}`);if(s.headDim!==t.headDim)throw new RangeError(`Invalid q: expected head dim ${t.headDim} (as the cache), got ${s.headDim}`);if(s.heads<1||s.heads%t.kvHeads!==0)throw new RangeError(`Invalid q: its ${s.heads} heads are not a multiple of the cache's ${t.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`);if(s.seq<1||s.seq>ro)throw new RangeError(`Invalid q: expected 1 to ${ro} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${s.seq}`);let n=o.scale===void 0?1/Math.sqrt(s.headDim):pe("scale",o.scale),i=Xe(o.alibiSlopes,s.heads),a=null;if(o.rope!==void 0){let f=no("rope",o.rope,t.headDim),A=o.queryPositions===void 0?null:$e("queryPositions",o.queryPositions,s.seq,s.batch,f.angles==="float32");a={...f,queryPositions:A}}else if(o.queryPositions!==void 0)throw new TypeError("Invalid queryPositions: they place the queries for RoPE, but no rope was given");let c=o.splits===void 0?void 0:Y("splits",o.splits,{min:1});return{layout:r,batch:s.batch,heads:s.heads,kvHeads:t.kvHeads,group:s.heads/t.kvHeads,qSeq:s.seq,headDim:s.headDim,qShape:[...e.shape],qStrides:s.strides,scale:n,rope:a,alibi:i,splits:c}}function bt(t,e,o){if(t.qSeq>e)throw new RangeError(`Invalid q: ${t.qSeq} query tokens, but the KV cache holds ${e}; append their keys and values first (the queries are the newest cached tokens)`);if(t.rope){if(o.keyRope&&o.keyRope!==t.rope.fingerprint)throw new RangeError("Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be");if(!t.rope.queryPositions){if(o.explicitPositions)throw new TypeError("Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too");if(t.rope.angles==="float32"&&e-1>fe)throw new RangeError(`Invalid rope: the last query would sit at position ${e-1}, above ${fe} (the largest position with angles "float32")`)}}}function Ge(t,e){let o=e.rope?e.rope.fingerprint:null;if(t.keyRope!==void 0&&e.n>0&&t.keyRope!==o)throw new RangeError(`Invalid rope: this cache's keys were ${t.keyRope===null?"appended without RoPE":"rotated with other frequencies, pairing or angles"}; one cache holds keys of one rotation (reset() it to start over)`);return e.n===0?t:{keyRope:o,explicitPositions:t.explicitPositions||!!e.rope?.positions}}var Ie=Object.freeze({keyRope:void 0,explicitPositions:!1});var T=class{shape;dtype;owner;#e;#t;#r;#o=!1;constructor(e,o,r,s,n="float32"){this.owner=e,this.dtype=n,this.#r=s,this.shape=Object.freeze([...o]),this.#e=r instanceof Float32Array?null:r,this.#t=r instanceof Float32Array?r:null}get buffer(){return this.#e}get destroyed(){return this.#o||!this.#r()}get elementBytes(){return this.dtype==="float16"?2:4}get host(){return{shape:this.shape,data:this.#t}}destroy(){this.#o||(this.#o=!0,this.#e?.destroy())}};function _(t,e,o){if(e instanceof T){if(e.owner!==o)throw new Error(`Invalid ${t}: this GpuTensor belongs to another GpuAttention; download it and upload it here`);if(e.destroyed)throw new Error(`Invalid ${t}: this GpuTensor was destroyed`);return e}let r=e;if(r===null||typeof r!="object"||!("data"in r))throw new TypeError(`Invalid ${t}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${H(e)}`);return V(t,e)}var ze=class{#e=Promise.resolve();run(e,o){let r=this.#e,s,n=new Promise(i=>s=i);return this.#e=r.then(()=>n),(async()=>{try{let i=await e();return await r,await o(i)}finally{s()}})()}};function me(t){return t instanceof T&&t.dtype==="float16"?"f16":"f32"}function wt(t,e,o){if(!(t instanceof o))throw new TypeError("Invalid cache: expected a KvCache from createKvCache() of this GpuAttention");if(t.owner!==e)throw new Error("Invalid cache: this KvCache belongs to another GpuAttention");if(t.destroyed)throw new Error("Invalid cache: this KvCache was destroyed");return t}var Ho="was called before a reset() of its KvCache, so it was not run (await operations before resetting)",De=class t{owner;batch;kvHeads;headDim;maxLength;precision;chunks;#e;#t;#r=new ze;#o=0;#s=0;#n=Ie;#i=!1;constructor(e,o,r,s,n,i){this.#e=e,this.owner=o,this.#t=r,this.batch=s.batch,this.kvHeads=s.kvHeads,this.headDim=s.headDim,this.maxLength=s.maxLength,this.precision=n,this.chunks=Object.freeze(i)}static async create(e,o,r,s,n){let i=n==="f16"?2:4,a=s.maxLength*s.headDim*i,c=Math.min(e.limits.maxStorageBufferBindingSize,e.limits.maxBufferSize);if(a>c)throw new RangeError(`Cannot allocate the KV cache: one (batch, KV head) slice of maxLength ${s.maxLength} x headDim ${s.headDim} ${n} values is ${a} bytes, more than the device's storage binding limit of ${c} bytes (maxStorageBufferBindingSize ${e.limits.maxStorageBufferBindingSize}, maxBufferSize ${e.limits.maxBufferSize}); use a smaller maxLength, precision "f16", or several caches`);let f=s.batch*s.kvHeads,A=Math.floor(c/a),d=2*f*a,u=[];return await e.guarded(`allocating the KV cache (${d} bytes)`,()=>{for(let h=0;h<f;h+=A){let l=Math.min(A,f-h);u.push({u0:h,n:l,k:e.buffer(l*a,"kv cache keys"),v:e.buffer(l*a,"kv cache values")})}}).catch(h=>{for(let l of u)l.k.destroy(),l.v.destroy();throw h}),new t(e,o,r,s,n,u)}get length(){return this.#o}get destroyed(){return this.#i||!this.#t()}get ropeState(){return this.#n}live(){if(this.#i)throw new Error(He);if(!this.#t())throw new Error(je)}view(){return{batch:this.batch,kvHeads:this.kvHeads,maxLength:this.maxLength,length:this.#o,chunks:this.chunks}}schedule(e,o,r){let s=this.#s;return this.#r.run(o,n=>{if(this.live(),s!==this.#s)throw new Error(`This ${e} ${Ho}`);return r(n)})}append(e,o,r={}){try{this.live();let s=this.#e,n=_("k",e,this.owner),i=_("v",o,this.owner),a=Le(this,n,i,r),c={headDim:this.headDim,rope:a.rope?{pairing:a.rope.pairing,rotaryDim:a.rope.rotaryDim}:null,k:me(n),v:me(i),cache:this.precision};return this.schedule("append",()=>to(s,c),async f=>{_("k",e,this.owner),_("v",o,this.owner),_e(this,this.#o,a);let A=Ge(this.#n,a);if(a.n===0)return;let d=this.#o;await s.guarded("the KV-cache append",()=>{let u=[],h=(g,w)=>{if(g instanceof T)return g.buffer;let C=s.upload(g.data,w);return u.push(C),C},l={k:h(n,"k"),v:h(i,"v")},p={kvHeads:this.kvHeads,maxLength:this.maxLength,n:a.n,slot:d,strides:a.strides,rope:a.rope?{frequencies:a.rope.frequencies,angles:a.rope.angles,positions:a.rope.positions??{kind:"range",start:d}}:null};try{let g=oo(s,p,c,f,l,this.chunks);g.temps.push(...u),s.submit(g)}catch(g){for(let w of u)w.destroy();throw g}}),this.#o=d+a.n,this.#n=A})}catch(s){return Promise.reject(s)}}async download(){this.live();let e=this.#e,o=this.headDim,r=this.precision==="f16"?2:4,s=this.batch*this.kvHeads,n=await this.schedule("download",()=>Promise.resolve(null),async()=>{let A=this.#o,d=A*o*r;if(A===0)return{length:A,target:null,bytes:0};let u=[];for(let l of["k","v"])for(let p of this.chunks)for(let g=0;g<p.n;g++){let w=g*this.maxLength*o*r;u.push({buffer:p[l],offset:w,size:d})}let h=await e.guarded("the KV-cache download",()=>e.gather(u));return{length:A,target:h,bytes:2*s*d}}),i=Object.freeze([this.batch,this.kvHeads,n.length,o]);if(!n.target)return{k:{shape:i,data:new Float32Array(0)},v:{shape:i,data:new Float32Array(0)}};let a=await e.read(n.target,n.bytes),c=a.byteLength/2,f=A=>this.precision==="f16"?Fe(new Uint16Array(A)):new Float32Array(A);return{k:{shape:i,data:f(a.slice(0,c))},v:{shape:i,data:f(a.slice(c))}}}reset(){this.live(),this.#s++,this.#o=0,this.#n=Ie}destroy(){if(!this.#i){this.#i=!0,this.#s++;for(let e of this.chunks)e.k.destroy(),e.v.destroy()}}};var Se=class{owner;batch;kvHeads;headDim;maxLength;precision="f32";#e;#t;#r;#o=0;#s=Ie;#n=!1;constructor(e,o,r){this.owner=e,this.#r=o,this.batch=r.batch,this.kvHeads=r.kvHeads,this.headDim=r.headDim,this.maxLength=r.maxLength;let s=r.batch*r.kvHeads*r.maxLength*r.headDim;this.#e=new Float32Array(s),this.#t=new Float32Array(s)}get length(){return this.#o}get destroyed(){return this.#n||!this.#r()}get ropeState(){return this.#s}live(){if(this.#n)throw new Error(He);if(!this.#r())throw new Error(je)}append(e,o,r={}){try{this.live();let s=_("k",e,this.owner),n=_("v",o,this.owner),i=Le(this,s,n,r);_e(this,this.#o,i);let a=Ge(this.#s,i),c=this.#o,f=io(s);i.rope&&(f=ee(f,i.rope.frequencies,{layout:i.layout,pairing:i.rope.pairing,angles:i.rope.angles,positions:i.rope.positions??{kind:"range",start:c}}));let A=io(n),d=this.headDim,u=i.strides;for(let h=0;h<this.batch;h++)for(let l=0;l<this.kvHeads;l++)for(let p=0;p<i.n;p++){let g=h*u.batch+l*u.heads+p*u.seq,w=((h*this.kvHeads+l)*this.maxLength+c+p)*d;this.#e.set(f.data.subarray(g,g+d),w),this.#t.set(A.data.subarray(g,g+d),w)}return this.#o=c+i.n,this.#s=a,Promise.resolve()}catch(s){return Promise.reject(s)}}tensors(e){let{batch:o,kvHeads:r,headDim:s}=this,n=this.#o,i=Object.freeze(e==="bhsd"?[o,r,n,s]:[o,n,r,s]),a=new Float32Array(o*r*n*s),c=new Float32Array(a.length);for(let f=0;f<o;f++)for(let A=0;A<r;A++)for(let d=0;d<n;d++){let u=((f*r+A)*this.maxLength+d)*s,h=e==="bhsd"?((f*r+A)*n+d)*s:((f*n+d)*r+A)*s;a.set(this.#e.subarray(u,u+s),h),c.set(this.#t.subarray(u,u+s),h)}return{k:{shape:i,data:a},v:{shape:i,data:c}}}download(){try{return this.live(),Promise.resolve(this.tensors("bhsd"))}catch(e){return Promise.reject(e)}}reset(){this.live(),this.#o=0,this.#s=Ie}destroy(){this.#n=!0}};function io(t){return t instanceof T?t.host:t}var we=256,be=64,co=["rowBase","rows","sq","sk","heads","group","causal","alibi","qB","qH","qS","dim","kB","kH","kS","gridX","scale","pad0","pad1","pad2"];function $t(){return`struct Params {
${co.map(e=>`  ${e}: ${e==="scale"?"f32":"u32"},`).join(`
`)}
}
@group(0) @binding(0) var<uniform> P: Params;
`}var ao=`
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;function jo(t){return t==="scores"?`// naive:scores
${$t()}
@group(0) @binding(1) var<storage, read> Q: array<f32>;
@group(0) @binding(2) var<storage, read> K: array<f32>;
@group(0) @binding(3) var<storage, read> SL: array<f32>;
@group(0) @binding(4) var<storage, read_write> S: array<f32>;
${ao}
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
  var value = ${J};
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
${$t()}
@group(0) @binding(1) var<storage, read_write> S: array<f32>;
var<workgroup> red: array<f32, ${be}>;
@compute @workgroup_size(${be})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${J};
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
    sum += select(0.0, exp(s - m), s > ${J/2});
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
    S[base + j] = select(0.0, exp(s - m) * inv, s > ${J/2});
  }
}
`:`// naive:pv
${$t()}
@group(0) @binding(1) var<storage, read> S: array<f32>;
@group(0) @binding(2) var<storage, read> V: array<f32>;
@group(0) @binding(3) var<storage, read_write> O: array<f32>;
${ao}
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
`}function fo(t){return Promise.all(["scores","softmax","pv"].map(e=>t.pipeline(`naive:${e}`,()=>jo(e))))}function uo(t,e,o,r){let s={dispatches:[],temps:[]},{batch:n,heads:i,qSeq:a,kSeq:c,headDim:f}=e,A=n*i*a;if(A===0||c===0)return s;let d=t.limits,u=d.maxStorageBufferBindingSize;for(let[B,E]of[["q",r.q],["k",r.k],["v",r.v]])if(E.size>u)throw new RangeError(`Cannot run the naive kernel: ${B} (${E.size} bytes) exceeds maxStorageBufferBindingSize (${u} bytes); it is a small-size baseline, use the flash kernel`);let h=c*4;if(h>u)throw new RangeError(`Cannot run the naive kernel: one row of ${c} scores exceeds maxStorageBufferBindingSize (${u} bytes)`);let l=Ae(we,d),p=Math.max(1,Math.min(A,Math.floor(u/h),Math.floor(l/c),Math.floor(l/f),d.maxComputeWorkgroupsPerDimension**2)),g=t.buffer(p*h,"naive scores");s.temps.push(g);let w=t.upload(e.alibi??new Float32Array(1),"alibi slopes");s.temps.push(w);let[C,y,P]=o,I=e.qStrides,x=e.kStrides,Q=(B,E,R)=>t.device.createBindGroup({layout:B.getBindGroupLayout(0),entries:[E,...R].map((M,O)=>({binding:O,resource:{buffer:M}}))});for(let B=0;B<A;B+=p){let E=Math.min(p,A-B),R={rowBase:B,rows:E,sq:a,sk:c,heads:i,group:e.group,causal:e.causal?1:0,alibi:e.alibi?1:0,qB:I.batch,qH:I.heads,qS:I.seq,dim:f,kB:x.batch,kH:x.heads,kS:x.seq,scale:e.scale},M=[[C,Math.ceil(E*c/we),[r.q,r.k,w,g]],[y,E,[g]],[P,Math.ceil(E*f/we),[g,r.v,r.o]]];for(let[O,j,U]of M){let[D,k]=ne(j,d),m=t.uniform(te(co,{...R,gridX:D},["scale"]),"naive params");s.temps.push(m),s.dispatches.push({pipeline:O,bindGroup:Q(O,m,U),grid:[D,k,1]})}}return s}var We=256,lo=["items","perRow","rh","interleaved","heads","seq","bshd","rowBase","xB","xH","xS","xOff","oB","oH","oS","oOff","tab","tabB","gridX","pad0"];function Lo(t){let e=lo.map(r=>`  ${r}: u32,`).join(`
`),o=t?"X":"Y";return`// rope:${t?"inplace":"copy"}
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
    ${o}[oi + d0] = a * t.x - c * t.y;
    ${o}[oi + d1] = c * t.x + a * t.y;
  } else {
    let d = 2u * P.rh + (j - P.rh);
    ${o}[oi + d] = X[xi + d];
  }
}
`}function yt(t,e){return t.pipeline(`rope:${e?"inplace":"copy"}`,()=>Lo(e))}function Ne(t,e,o,r,s){let n={dispatches:[],temps:[]},{batch:i,heads:a,seq:c,headDim:f}=e,A=i*a*c;if(A===0||f===0)return n;let d=e.frequencies.invFreq.length,u=d+(s?f-2*d:0),h=t.limits,l=he(t,e.frequencies,e.angles,[{positions:e.positions,seq:c}]);l.temp&&n.temps.push(l.buffer);let p=l.sides[0],g=e.layout==="bhsd"?{b:a*c*f,h:c*f,s:f}:{b:c*a*f,h:f,s:a*f},w=Math.max(1,Math.floor(Ae(We,h)/Math.max(1,u))),C=le(A,w,(y,P)=>Z(se(y*f,(y+P)*f,h),h),()=>new RangeError(`Cannot rotate: one row of ${f} elements exceeds the device's maxStorageBufferBindingSize`));for(let[y,P]of C){let I=se(y*f,(y+P)*f,h),x=P*u,[Q,B]=ne(Math.ceil(x/We),h),E={items:x,perRow:u,rh:d,interleaved:e.pairing==="interleaved"?1:0,heads:a,seq:c,bshd:e.layout==="bshd"?1:0,rowBase:y,xB:g.b,xH:g.h,xS:g.s,xOff:I.base,oB:g.b,oH:g.h,oS:g.s,oOff:I.base,tab:p.tab,tabB:p.tabB,gridX:Q},R=t.uniform(te(lo,E),"rope params");n.temps.push(R);let M=[{binding:0,resource:{buffer:R}},{binding:1,resource:{buffer:r,offset:I.offset,size:I.size}},{binding:2,resource:{buffer:l.buffer}}];s&&M.push({binding:3,resource:{buffer:s,offset:I.offset,size:I.size}});let O=t.device.createBindGroup({layout:o.getBindGroupLayout(0),entries:M});n.dispatches.push({pipeline:o,bindGroup:O,grid:[Q,B,1]})}return n}function Qe(t,e){if(typeof e!="boolean")throw new TypeError(`Invalid ${t}: expected a boolean, got ${H(e)}`);return e}function Ue(t){return Y("iterations",t,{min:1})}function Ao(t,e,o){if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${H(o)}`);let r=N("layout",o.layout??"bhsd",{allowed:["bhsd","bshd"]}),s=ce("x",t,r),n=Be("frequencies",e),i=2*n.invFreq.length;if(o.rotaryDim!==void 0&&o.rotaryDim!==i)throw new RangeError(`Invalid rotaryDim: expected ${i} (2 x the ${n.invFreq.length} frequencies), got ${H(o.rotaryDim)}`);if(i>s.headDim)throw new RangeError(`Invalid frequencies: rotary dim ${i} (2 x ${n.invFreq.length} frequencies) exceeds the head dim ${s.headDim}`);let a=N("pairing",o.pairing??"half",{allowed:["half","interleaved"]}),c=N("angles",o.angles??"float32",{allowed:["float32","float64"]}),f=kt("",o.positions,o.offset,s.seq,s.batch,c),A=Qe("inPlace",o.inPlace??!1);return{call:{layout:r,batch:s.batch,heads:s.heads,seq:s.seq,headDim:s.headDim,frequencies:n,pairing:a,angles:c,positions:f},inPlace:A}}function ve(t){return t.reduce((e,o)=>e*o,1)}var Ke=class{info;#e;constructor(e,o){this.#e=e,this.info=Object.freeze(o)}#t(){let e=this.#e.failure;if(e)throw new Error(`This GpuAttention cannot be used: ${e}`);return this.#e}#r=()=>this.#e.failure===null;#o(e,o,r="f32"){return new T(this,e,o,this.#r,r==="f16"?"float16":"float32")}#s(e,o){return o==="f16"?dt(e):e}#n(e,o,r){return o==="f16"?Fe(new Uint16Array(e),r):new Float32Array(e)}#i(e,o,r,s="f32"){if(e instanceof T)return e.buffer;let n=this.#e.upload(this.#s(e.data,s),r);return o.push(n),n}#c(e,o,r,s){let n=ye("precision",s.precision,this.info.f16),i=a=>a instanceof T?me(a):n;return{q:i(e),k:i(o),v:i(r),o:i(e)}}#a(e){return e.map(([o,r])=>_(o,r,this))}async attention(e,o,r,s={}){let n=this.#t(),[i,a,c]=this.#a([["q",e],["k",o],["v",r]]),f=ie(i,a,c,s),A=this.#c(i,a,c,s),d=await this.#f(f,s,A);this.#t(),this.#a([["q",e],["k",o],["v",r]]);let u=ve(f.qShape),h=u*(A.o==="f16"?2:4),l=n.buffer(h,"attention output"),p=i instanceof T,g=await n.guarded("the attention dispatch",()=>{let C=d(i,a,c,l),y=p?void 0:{source:l,bytes:h},P=n.submit(C,y);return p||l.destroy(),P});if(p)return this.#o(f.qShape,l,A.o);let w=this.#n(await n.read(g,h),A.o,u);return{shape:Object.freeze([...f.qShape]),data:w}}async#f(e,o,r){let s=this.#e;if(N("kernel",o.kernel??"flash",{allowed:["flash","naive"]})==="flash"){let f=Tt(s,e,r),A=await Ht(s,f);return(d,u,h,l)=>{let p=[],g={q:this.#i(d,p,"q",r.q),k:this.#i(u,p,"k",r.k),v:this.#i(h,p,"v",r.v),o:l},w=jt(s,e,f,A,g);return{dispatches:w.dispatches,temps:[...p,...w.temps]}}}let i=Object.entries(r).find(([,f])=>f==="f16");if(i)throw new TypeError(`Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${i[0]==="o"?"output":i[0]}; use the flash kernel`);let[a,c]=await Promise.all([fo(s),e.rope?yt(s,!1):Promise.resolve(null)]);return(f,A,d,u)=>{let h=[],l=[],p=this.#i(f,h,"q"),g=this.#i(A,h,"k"),w=this.#i(d,h,"v");if(e.rope&&c){let y=e.rope,P=(I,x,Q,B)=>{let E={layout:e.layout,batch:e.batch,heads:x,seq:Q,headDim:e.headDim,frequencies:y.frequencies,pairing:y.pairing,angles:y.angles,positions:I},R=s.buffer(e.batch*x*Q*e.headDim*4,"rotated");h.push(R);let M=Ne(s,E,c,B,R);return l.push(...M.dispatches),h.push(...M.temps),R};p=P(y.query,e.heads,e.qSeq,p),g=P(y.key,e.kvHeads,e.kSeq,g)}let C=uo(s,e,a,{q:p,k:g,v:w,o:u});return{dispatches:[...l,...C.dispatches],temps:[...h,...C.temps]}}}async applyRope(e,o,r={}){let s=this.#t(),n=_("x",e,this),{call:i,inPlace:a}=Ao(n,o,r);if(me(n)==="f16")throw new TypeError("Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)");let c=n instanceof T,f=await yt(s,a||!c);this.#t(),_("x",e,this);let A=ve(n.shape)*4;if(c){let l=n.buffer,p=a?null:s.buffer(A,"rotated");return await s.guarded("the RoPE dispatch",()=>{s.submit(Ne(s,i,f,l,p))}),p?this.#o(n.shape,p):n}let d=n,u=await s.guarded("the RoPE dispatch",()=>{let l=s.upload(d.data,"x"),p=Ne(s,i,f,l,null);return p.temps.push(l),s.submit(p,{source:l,bytes:A})}),h=new Float32Array(await s.read(u,A));return a?(d.data.set(h),d):{shape:Object.freeze([...d.shape]),data:h}}upload(e,o={}){let r=this.#t(),s=V("t",e);if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${H(o)}`);let n=ye("precision",o.precision,this.info.f16),i=r.upload(this.#s(s.data,n),"tensor");return this.#o(s.shape,i,n)}async download(e){let o=this.#t(),r=_("t",e,this);if(!(r instanceof T))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");let s=ve(r.shape),n=s*r.elementBytes,i=await o.guarded("the download",()=>o.submit({dispatches:[],temps:[]},{source:r.buffer,bytes:n})),a=this.#n(await o.read(i,n),me(r),s);return{shape:Object.freeze([...r.shape]),data:a}}async synchronize(){await this.#t().idle()}async profileAttention(e,o,r,s={}){let n=this.#t(),[i,a,c]=this.#a([["q",e],["k",o],["v",r]]),f=ie(i,a,c,s),A=Ue(s.iterations??10),d=Qe("warmup",s.warmup??!0),u=this.#c(i,a,c,s),h=await this.#f(f,s,u);this.#t();let l=n.buffer(ve(f.qShape)*(u.o==="f16"?2:4),"attention output"),p=await n.guarded("the attention dispatch",()=>h(i,a,c,l));try{let g=await n.profile(p,A,d);return{seconds:g.seconds,iterations:A,source:g.source}}finally{n.release(p),l.destroy()}}async createKvCache(e){let o=this.#t(),r=gt(e),s=ye("precision",e.precision,this.info.f16);return await De.create(o,this,this.#r,r,s)}async decode(e,o,r={}){let s=this.#t(),n=this.#u(e,o,r),{plan:i,qo:a,elements:c}=n,f=ve(i.qShape),A=f*(c.o==="f16"?2:4),d=a instanceof T,{output:u,target:h}=await n.cache.schedule("decode",()=>At(s,n.params),async p=>{this.#t(),_("q",e,this);let g=s.buffer(A,"decode output"),w=await s.guarded("the decode dispatch",()=>{let{job:C}=this.#l(n,p,g),y=d?void 0:{source:g,bytes:A},P=s.submit(C,y);return d||g.destroy(),P}).catch(C=>{throw g.destroy(),C});return{output:g,target:w}});if(d)return this.#o(i.qShape,u,c.o);let l=this.#n(await s.read(h,A),c.o,f);return{shape:Object.freeze([...i.qShape]),data:l}}#u(e,o,r){let s=_("q",e,this),n=wt(o,this,De),i=mt(n,s,r),a=me(s),c={q:a,kv:n.precision,o:a},f=Nt(this.#e,i,c);return{qo:s,cache:n,plan:i,elements:c,params:f}}#l(e,o,r){let s=this.#e,{cache:n,plan:i,params:a,qo:c}=e;bt(i,n.length,n.ropeState);let f=Ut(s,i,a,n.length,this.info.decodeWorkgroups??1),A=[],d=this.#i(c,A,"q");try{let u=Kt(s,i,a,o,n.view(),f,{q:d,o:r});return u.temps.push(...A),{job:u,splits:f.splits}}catch(u){for(let h of A)h.destroy();throw u}}async profileDecode(e,o,r={}){let s=this.#t(),n=this.#u(e,o,r),i=Ue(r.iterations??10),a=Qe("warmup",r.warmup??!0),c=ve(n.plan.qShape)*(n.elements.o==="f16"?2:4),{job:f,splits:A,output:d}=await n.cache.schedule("profileDecode",()=>At(s,n.params),async u=>{this.#t(),_("q",e,this);let h=s.buffer(c,"decode output");try{return{...await s.guarded("the decode dispatch",()=>this.#l(n,u,h)),output:h}}catch(l){throw h.destroy(),l}});try{let u=await s.profile(f,i,a);return{seconds:u.seconds,iterations:i,source:u.source,splits:A}}finally{s.release(f),d.destroy()}}destroy(){this.#e.failure||(this.#e.fail("it was destroyed; create a new one with createGpuAttention()"),this.#e.ownsDevice&&this.#e.device.destroy())}},Ye=class{info;#e=!1;constructor(e){this.info=Object.freeze({backend:"cpu",adapter:null,features:Object.freeze([]),f16:Object.freeze({available:!1,detail:"the CPU fallback stores float32 only"}),decodeWorkgroups:null,tier:null,limits:null,fallbackReason:e})}#t(){if(this.#e)throw new Error("This GpuAttention cannot be used: it was destroyed; create a new one with createGpuAttention()")}#r=()=>!this.#e;#o(e){return e instanceof T?e.host:e}attention(e,o,r,s={}){try{this.#t();let n=_("q",e,this),i=_("k",o,this),a=_("v",r,this),c=ie(n,i,a,s);N("kernel",s.kernel??"flash",{allowed:["flash","naive"]});let f=Ee(c,this.#o(n),this.#o(i),this.#o(a));return Promise.resolve(n instanceof T?new T(this,f.shape,f.data,this.#r):f)}catch(n){return Promise.reject(n)}}applyRope(e,o,r={}){try{this.#t();let s=_("x",e,this),{call:n,inPlace:i}=Ao(s,o,r),a=this.#o(s),c=ee(a,n.frequencies,{layout:n.layout,pairing:n.pairing,angles:n.angles,positions:n.positions});return i?(a.data.set(c.data),Promise.resolve(s)):Promise.resolve(s instanceof T?new T(this,c.shape,c.data,this.#r):c)}catch(s){return Promise.reject(s)}}upload(e,o={}){this.#t();let r=V("t",e);if(o===null||typeof o!="object")throw new TypeError(`Invalid options: expected an object, got ${H(o)}`);return ye("precision",o.precision,this.info.f16),new T(this,r.shape,new Float32Array(r.data),this.#r)}createKvCache(e){try{this.#t();let o=gt(e);return ye("precision",e.precision,this.info.f16),Promise.resolve(new Se(this,this.#r,o))}catch(o){return Promise.reject(o)}}decode(e,o,r={}){try{this.#t();let s=_("q",e,this),n=wt(o,this,Se),i=mt(n,s,r);bt(i,n.length,n.ropeState);let a=this.#o(s);i.rope&&(a=ee(a,i.rope.frequencies,{layout:i.layout,pairing:i.rope.pairing,angles:i.rope.angles,positions:ht(i,n.length)}));let{k:c,v:f}=n.tensors(i.layout),A=ie(a,c,f,{layout:i.layout,causal:!0,scale:i.scale,...i.alibi?{alibiSlopes:i.alibi}:{}}),d=Ee(A,a,c,f);return Promise.resolve(s instanceof T?new T(this,d.shape,d.data,this.#r):d)}catch(s){return Promise.reject(s)}}async profileDecode(e,o,r={}){this.#t();let s=Ue(r.iterations??10);Qe("warmup",r.warmup??!0)&&await this.decode(e,o,r);let n=performance.now();for(let i=0;i<s;i++)await this.decode(e,o,r);return{seconds:(performance.now()-n)/1e3/s,iterations:s,source:"wall-clock",splits:1}}download(e){try{this.#t();let o=_("t",e,this);if(!(o instanceof T))throw new TypeError("Invalid t: expected a GpuTensor, got a host tensor");return Promise.resolve({shape:o.shape,data:new Float32Array(o.host.data)})}catch(o){return Promise.reject(o)}}synchronize(){try{return this.#t(),Promise.resolve()}catch(e){return Promise.reject(e)}}async profileAttention(e,o,r,s={}){this.#t();let n=Ue(s.iterations??10);Qe("warmup",s.warmup??!0)&&await this.attention(e,o,r,s);let i=performance.now();for(let a=0;a<n;a++)await this.attention(e,o,r,s);return{seconds:(performance.now()-i)/1e3/n,iterations:n,source:"wall-clock"}}destroy(){this.#e=!0}};var _o="This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)",Go="No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)",zo='Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa\'s software adapter (lavapipe). Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)',Wo=["maxComputeWorkgroupStorageSize","maxComputeInvocationsPerWorkgroup","maxComputeWorkgroupSizeX","maxStorageBufferBindingSize","maxBufferSize","maxStorageBuffersPerShaderStage"],No='the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';function Uo(t){if(!t)return 256;let e=globalThis.navigator?.hardwareConcurrency;return 2*Math.max(1,Math.floor(e??1))}function Ko(t,e){let o=t.limits,r=(s,n,i,a=1)=>{let c=e[s];if(c===void 0)return n;if(Y(`limits.${s}`,c,{min:i}),c%a!==0)throw new RangeError(`Invalid limits.${s}: expected a multiple of ${a}, got ${H(c)}`);return Math.min(n,c)};return{maxStorageBufferBindingSize:r("maxStorageBufferBindingSize",o.maxStorageBufferBindingSize,256,4),maxBufferSize:o.maxBufferSize,maxComputeWorkgroupStorageSize:r("maxComputeWorkgroupStorageSize",o.maxComputeWorkgroupStorageSize,16384),maxComputeInvocationsPerWorkgroup:Math.min(o.maxComputeInvocationsPerWorkgroup,o.maxComputeWorkgroupSizeX),maxComputeWorkgroupsPerDimension:r("maxComputeWorkgroupsPerDimension",o.maxComputeWorkgroupsPerDimension,1),minStorageBufferOffsetAlignment:o.minStorageBufferOffsetAlignment}}async function Gs(t={}){if(t===null||typeof t!="object")throw new TypeError(`Invalid options: expected an object, got ${H(t)}`);let e=N("fallback",t.fallback??"none",{allowed:["none","cpu"]}),o=t.limits??{};if(o===null||typeof o!="object")throw new TypeError(`Invalid limits: expected an object, got ${H(o)}`);let r=t.decodeWorkgroups===void 0?void 0:Y("decodeWorkgroups",t.decodeWorkgroups,{min:1}),s=t.device,n=!1,i;if(!s){let h=t.adapter,l=Go;if(!h){let w=globalThis.navigator?.gpu;w?h=await w.requestAdapter():l=_o}if(!h){if(e==="cpu")return new Ye(l);throw new Error(`${l}. ${zo}.`)}let p={};for(let w of Wo)p[w]=h.limits[w];let g=[];h.features.has("timestamp-query")&&g.push("timestamp-query"),h.features.has("shader-f16")&&g.push("shader-f16");try{s=await h.requestDevice({requiredLimits:p,requiredFeatures:g})}catch(w){throw new Error(`Requesting a WebGPU device failed: ${w instanceof Error?w.message:String(w)}`,{cause:w})}n=!0,i=h.info}i??=s.adapterInfo;let a=i.isFallbackAdapter??!1,c=r??Uo(a),f;try{f=Ko(s,o)}catch(h){throw n&&s.destroy(),h}let A=s.features.has("shader-f16")?await Vt(s):{available:!1,detail:No},d=new Re(s,n,f,A.available),u=[];return d.timestamps&&u.push("timestamp-query"),A.available&&u.push("shader-f16"),new Ke(d,{backend:"webgpu",adapter:{vendor:i.vendor,architecture:i.architecture,device:i.device,description:i.description,isFallbackAdapter:a},features:u,f16:Object.freeze({...A}),decodeWorkgroups:c,tier:d.tier,limits:d.limits,fallbackReason:null})}export{gr as attentionCpu,nr as attentionReference,Gs as createGpuAttention};
