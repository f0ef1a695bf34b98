;; Flash attention on the CPU as WebAssembly SIMD (f32x4): the kernel behind
;; attentionCpu. Source of _cpu_kernel_wasm.ts; rebuild with
;; `deno run -A packages/attention-gpu/_build_cpu_kernel.ts` after editing.
;;
;; Written with f32x4.relaxed_madd (a * b + c, fused where the CPU has FMA).
;; The build script also emits a plain-SIMD module in which every
;; `(f32x4.relaxed_madd a b c)` becomes `(f32x4.add (f32x4.mul a b) c)`, for
;; runtimes without relaxed SIMD.
;;
;; One call of `attendHead` computes one query head against one k/v head:
;; tiles of 4 query rows walk the keys in blocks of 64 with an online
;; softmax, so no S x S matrix ever exists. The driver packs the operands
;; (all byte addresses, `dp` = head dim rounded up to 8, zeros in the pad):
;;   q: per tile of 4 rows, [dp][4] (the 4 rows' values of each dim side by
;;      side, so one splat load per row and dim), already times the scale
;;      and log2 e: logits are in base 2, softmax uses 2^x.
;;   k: per panel of 8 keys, [dp][8] (keys side by side).
;;   v: [kPad][dp] rows.  o: [qPad][dp] rows (written).
;;   s: scratch of 1088 + 16 * 48 bytes: the 4 x 64 logit/probability tile
;;      (row stride 256 bytes); at 1024 the 4 rows' shifts, at 1040 their
;;      sums, at 1056 a 0 (alpha's shift) and a spare float; from 1088 each
;;      tile's alpha[4], m[4], l[4] for a block of 16 tiles.
;;   bias (optional): per query row, the additive bias of its keys in base 2
;;      (times log2 e; -inf for a hidden key), rows `biasStride` bytes apart.
;; Query row i sits at key position i + shift (shift = kSeq - qSeq, or more
;; for a slice of the rows). Each logit is soft-capped (cap * tanh(x / cap)),
;; then gets ALiBi and the bias, then the masks: key j is visible to row i iff
;; lo_i <= j < limit_i, with limit_i = kSeq (causal: min(kSeq, i + shift + 1))
;; and lo_i = pad (sliding window w: max(pad, i + shift - w + 1)). A sink
;; starts each row's running max and sum as a key of logit `sink` and no value.

(module
  (memory (export "memory") 1)

  ;; For each of `rows` rows (256 bytes apart, from p), replaces the row's
  ;; first `bytes` bytes (a multiple of 16) of floats x by 2^(x - shift),
  ;; shift = f32 at shifts + 4 r, and stores their sum at sums + 4 r.
  ;; Within ~2 ulp for x - shift in [-126, 0], 0 below (so -inf gives 0),
  ;; NaN for NaN (a NaN score spoils its row, as in the reference):
  ;; x = n + r with n an integer
  ;; and |r| <= 1/2, e^(r ln 2) by its Taylor polynomial to degree 7
  ;; (truncation below 6e-9 relative), 2^n placed in the exponent bits.
  ;; Logits arrive in base 2 (q carries the scale times log2 e), so softmax
  ;; needs no multiply here. pmax, not max: one instruction on x86.
  (func $exp2Rows (export "exp2Rows")
    (param $p i32) (param $bytes i32) (param $rows i32) (param $shifts i32) (param $sums i32)
    (local $row i32) (local $end i32) (local $x v128) (local $under v128) (local $n v128) (local $r v128) (local $e v128)
    (local $sum v128) (local $by v128)
    ;; Constants in locals: V8 rebuilds a v128.const at each use, even in a loop.
    (local $lo v128) (local $magic v128) (local $bias v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128)
    (local.set $lo (v128.const f32x4 -126 -126 -126 -126))
    (local.set $magic (v128.const f32x4 12582912 12582912 12582912 12582912))
    (local.set $c0 (v128.const f32x4 1.5252733804059840e-5 1.5252733804059840e-5 1.5252733804059840e-5 1.5252733804059840e-5))
    (local.set $c1 (v128.const f32x4 1.5403530393381606e-4 1.5403530393381606e-4 1.5403530393381606e-4 1.5403530393381606e-4))
    (local.set $c2 (v128.const f32x4 1.3333558146428443e-3 1.3333558146428443e-3 1.3333558146428443e-3 1.3333558146428443e-3))
    (local.set $c3 (v128.const f32x4 9.6181291076284772e-3 9.6181291076284772e-3 9.6181291076284772e-3 9.6181291076284772e-3))
    (local.set $c4 (v128.const f32x4 5.5504108664821580e-2 5.5504108664821580e-2 5.5504108664821580e-2 5.5504108664821580e-2))
    (local.set $c5 (v128.const f32x4 2.4022650695910071e-1 2.4022650695910071e-1 2.4022650695910071e-1 2.4022650695910071e-1))
    (local.set $c6 (v128.const f32x4 6.9314718055994531e-1 6.9314718055994531e-1 6.9314718055994531e-1 6.9314718055994531e-1))
    (local.set $c7 (v128.const f32x4 1 1 1 1))
    (local.set $bias (v128.const i32x4 -1262485377 -1262485377 -1262485377 -1262485377))
    (loop $eachRow
    (local.set $row (local.get $p))
    (local.set $end (i32.add (local.get $p) (local.get $bytes)))
    (local.set $by (v128.load32_splat (local.get $shifts)))
    (local.set $sum (v128.const f32x4 0 0 0 0))
    (loop $exps
      (local.set $x (f32x4.sub (v128.load (local.get $p)) (local.get $by)))
      (local.set $under (f32x4.lt (local.get $x) (local.get $lo)))
      ;; pmax(x, lo) = x < lo ? lo : x keeps a NaN
      (local.set $x (f32x4.pmax (local.get $x) (local.get $lo)))
      ;; Adding 1.5 * 2^23 rounds to an integer n and leaves n in the low bits.
      (local.set $n (f32x4.add (local.get $x) (local.get $magic)))
      (local.set $r (f32x4.sub (local.get $x) (f32x4.sub (local.get $n) (local.get $magic))))
      (local.set $e (f32x4.relaxed_madd (local.get $c0) (local.get $r) (local.get $c1)))
      (local.set $e (f32x4.relaxed_madd (local.get $e) (local.get $r) (local.get $c2)))
      (local.set $e (f32x4.relaxed_madd (local.get $e) (local.get $r) (local.get $c3)))
      (local.set $e (f32x4.relaxed_madd (local.get $e) (local.get $r) (local.get $c4)))
      (local.set $e (f32x4.relaxed_madd (local.get $e) (local.get $r) (local.get $c5)))
      (local.set $e (f32x4.relaxed_madd (local.get $e) (local.get $r) (local.get $c6)))
      (local.set $e (f32x4.relaxed_madd (local.get $e) (local.get $r) (local.get $c7)))
      ;; 2^n: the bits of n + 1.5 * 2^23, less 0x4b400000, plus the exponent bias 127.
      (local.set $x
        (v128.andnot
          (f32x4.mul
            (local.get $e)
            (i32x4.shl
              (i32x4.add (local.get $n) (local.get $bias))
              (i32.const 23)))
          (local.get $under)))
      (v128.store (local.get $p) (local.get $x))
      (local.set $sum (f32x4.add (local.get $sum) (local.get $x)))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $exps (i32.lt_u (local.get $p) (local.get $end))))
    (f32.store (local.get $sums)
      (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $sum)) (f32x4.extract_lane 1 (local.get $sum)))
        (f32.add (f32x4.extract_lane 2 (local.get $sum)) (f32x4.extract_lane 3 (local.get $sum)))))
    (local.set $p (i32.add (local.get $row) (i32.const 256)))
    (local.set $shifts (i32.add (local.get $shifts) (i32.const 4)))
    (local.set $sums (i32.add (local.get $sums) (i32.const 4)))
    (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
    (br_if $eachRow (local.get $rows))))

  ;; 2^x for one vector, as exp2Rows computes it (x <= 0; 0 below -126, NaN
  ;; for NaN). Used by the soft-cap only, so its constants stay inline.
  (func $exp2v (param $x v128) (result v128)
    (local $under v128) (local $n v128) (local $r v128) (local $e v128)
    (local.set $under (f32x4.lt (local.get $x) (v128.const f32x4 -126 -126 -126 -126)))
    (local.set $x (f32x4.pmax (local.get $x) (v128.const f32x4 -126 -126 -126 -126)))
    (local.set $n (f32x4.add (local.get $x) (v128.const f32x4 12582912 12582912 12582912 12582912)))
    (local.set $r
      (f32x4.sub
        (local.get $x)
        (f32x4.sub (local.get $n) (v128.const f32x4 12582912 12582912 12582912 12582912))))
    (local.set $e
      (f32x4.relaxed_madd
        (v128.const f32x4 1.5252733804059840e-5 1.5252733804059840e-5 1.5252733804059840e-5 1.5252733804059840e-5)
        (local.get $r)
        (v128.const f32x4 1.5403530393381606e-4 1.5403530393381606e-4 1.5403530393381606e-4 1.5403530393381606e-4)))
    (local.set $e (f32x4.relaxed_madd (local.get $e) (local.get $r)
      (v128.const f32x4 1.3333558146428443e-3 1.3333558146428443e-3 1.3333558146428443e-3 1.3333558146428443e-3)))
    (local.set $e (f32x4.relaxed_madd (local.get $e) (local.get $r)
      (v128.const f32x4 9.6181291076284772e-3 9.6181291076284772e-3 9.6181291076284772e-3 9.6181291076284772e-3)))
    (local.set $e (f32x4.relaxed_madd (local.get $e) (local.get $r)
      (v128.const f32x4 5.5504108664821580e-2 5.5504108664821580e-2 5.5504108664821580e-2 5.5504108664821580e-2)))
    (local.set $e (f32x4.relaxed_madd (local.get $e) (local.get $r)
      (v128.const f32x4 2.4022650695910071e-1 2.4022650695910071e-1 2.4022650695910071e-1 2.4022650695910071e-1)))
    (local.set $e (f32x4.relaxed_madd (local.get $e) (local.get $r)
      (v128.const f32x4 6.9314718055994531e-1 6.9314718055994531e-1 6.9314718055994531e-1 6.9314718055994531e-1)))
    (local.set $e (f32x4.relaxed_madd (local.get $e) (local.get $r) (v128.const f32x4 1 1 1 1)))
    (v128.andnot
      (f32x4.mul
        (local.get $e)
        (i32x4.shl
          (i32x4.add (local.get $n) (v128.const i32x4 -1262485377 -1262485377 -1262485377 -1262485377))
          (i32.const 23)))
      (local.get $under)))

  ;; tanh(y), within a few ulp: below |y| = 0.4 its odd Taylor series to
  ;; y^13 (the next term is under 5e-9 relative there), above it
  ;; (1 - t) / (1 + t) with t = e^(-2|y|) = 2^(-2 log2(e) |y|); the sign of y
  ;; put back; NaN for NaN.
  (func $tanhv (param $y v128) (result v128)
    (local $a v128) (local $z v128) (local $p v128) (local $t v128)
    (local.set $a (f32x4.abs (local.get $y)))
    (local.set $z (f32x4.mul (local.get $a) (local.get $a)))
    (local.set $p
      (f32x4.relaxed_madd
        (v128.const f32x4 3.5921280365724811e-3 3.5921280365724811e-3 3.5921280365724811e-3 3.5921280365724811e-3)
        (local.get $z)
        (v128.const f32x4 -8.8632355299021973e-3 -8.8632355299021973e-3 -8.8632355299021973e-3 -8.8632355299021973e-3)))
    (local.set $p (f32x4.relaxed_madd (local.get $p) (local.get $z)
      (v128.const f32x4 2.1869488536155203e-2 2.1869488536155203e-2 2.1869488536155203e-2 2.1869488536155203e-2)))
    (local.set $p (f32x4.relaxed_madd (local.get $p) (local.get $z)
      (v128.const f32x4 -5.3968253968253971e-2 -5.3968253968253971e-2 -5.3968253968253971e-2 -5.3968253968253971e-2)))
    (local.set $p (f32x4.relaxed_madd (local.get $p) (local.get $z)
      (v128.const f32x4 1.3333333333333333e-1 1.3333333333333333e-1 1.3333333333333333e-1 1.3333333333333333e-1)))
    (local.set $p (f32x4.relaxed_madd (local.get $p) (local.get $z)
      (v128.const f32x4 -3.3333333333333331e-1 -3.3333333333333331e-1 -3.3333333333333331e-1 -3.3333333333333331e-1)))
    ;; a + a z p
    (local.set $p (f32x4.relaxed_madd (f32x4.mul (local.get $a) (local.get $z)) (local.get $p) (local.get $a)))
    (local.set $t
      (call $exp2v
        (f32x4.mul
          (local.get $a)
          (v128.const f32x4 -2.8853900817779268 -2.8853900817779268 -2.8853900817779268 -2.8853900817779268))))
    (local.set $t
      (f32x4.div
        (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $t))
        (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $t))))
    (v128.or
      (v128.bitselect
        (local.get $p)
        (local.get $t)
        (f32x4.lt (local.get $a) (v128.const f32x4 0.4 0.4 0.4 0.4)))
      (v128.and (local.get $y) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))))

  ;; The 4 x nb logits of a query tile and a block of key panels: per panel
  ;; of 8 keys, for each dim the 4 rows' values times the 8 keys' values
  ;; (an outer product), 8 accumulators, stored into the tile at `s` (row
  ;; stride 256 bytes). Panels lie back to back, so k runs on through the
  ;; block. dp is a multiple of 8, so the loop takes two dims per turn.
  ;; The 4 rows' values of a dim arrive in one vector load and are splatted
  ;; by shuffles: Deno runs WebAssembly without a trap handler, so every
  ;; memory access carries an explicit bounds check (lea, cmp, branch), and
  ;; one load where there were four made this loop ~1.4x faster.
  (func $qkBlock (param $q i32) (param $k i32) (param $s i32) (param $dp i32) (param $nb i32)
    (local $end i32) (local $qd i32) (local $sEnd i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $k0 v128) (local $k1 v128) (local $x v128) (local $q4 v128)
    (local.set $end (i32.add (local.get $q) (i32.shl (local.get $dp) (i32.const 4))))
    (local.set $sEnd (i32.add (local.get $s) (i32.shl (local.get $nb) (i32.const 2))))
    (loop $panels
      (local.set $a0 (v128.const i32x4 0 0 0 0))
      (local.set $a1 (v128.const i32x4 0 0 0 0))
      (local.set $a2 (v128.const i32x4 0 0 0 0))
      (local.set $a3 (v128.const i32x4 0 0 0 0))
      (local.set $a4 (v128.const i32x4 0 0 0 0))
      (local.set $a5 (v128.const i32x4 0 0 0 0))
      (local.set $a6 (v128.const i32x4 0 0 0 0))
      (local.set $a7 (v128.const i32x4 0 0 0 0))
      (local.set $qd (local.get $q))
      (loop $dims
        (local.set $k0 (v128.load offset=0 (local.get $k)))
        (local.set $k1 (v128.load offset=16 (local.get $k)))
        (local.set $q4 (v128.load offset=0 (local.get $qd)))
        (local.set $x (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $q4) (local.get $q4)))
        (local.set $a0 (f32x4.relaxed_madd (local.get $x) (local.get $k0) (local.get $a0)))
        (local.set $a1 (f32x4.relaxed_madd (local.get $x) (local.get $k1) (local.get $a1)))
        (local.set $x (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $q4) (local.get $q4)))
        (local.set $a2 (f32x4.relaxed_madd (local.get $x) (local.get $k0) (local.get $a2)))
        (local.set $a3 (f32x4.relaxed_madd (local.get $x) (local.get $k1) (local.get $a3)))
        (local.set $x (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $q4) (local.get $q4)))
        (local.set $a4 (f32x4.relaxed_madd (local.get $x) (local.get $k0) (local.get $a4)))
        (local.set $a5 (f32x4.relaxed_madd (local.get $x) (local.get $k1) (local.get $a5)))
        (local.set $x (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $q4) (local.get $q4)))
        (local.set $a6 (f32x4.relaxed_madd (local.get $x) (local.get $k0) (local.get $a6)))
        (local.set $a7 (f32x4.relaxed_madd (local.get $x) (local.get $k1) (local.get $a7)))
        (local.set $k0 (v128.load offset=32 (local.get $k)))
        (local.set $k1 (v128.load offset=48 (local.get $k)))
        (local.set $q4 (v128.load offset=16 (local.get $qd)))
        (local.set $x (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $q4) (local.get $q4)))
        (local.set $a0 (f32x4.relaxed_madd (local.get $x) (local.get $k0) (local.get $a0)))
        (local.set $a1 (f32x4.relaxed_madd (local.get $x) (local.get $k1) (local.get $a1)))
        (local.set $x (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $q4) (local.get $q4)))
        (local.set $a2 (f32x4.relaxed_madd (local.get $x) (local.get $k0) (local.get $a2)))
        (local.set $a3 (f32x4.relaxed_madd (local.get $x) (local.get $k1) (local.get $a3)))
        (local.set $x (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $q4) (local.get $q4)))
        (local.set $a4 (f32x4.relaxed_madd (local.get $x) (local.get $k0) (local.get $a4)))
        (local.set $a5 (f32x4.relaxed_madd (local.get $x) (local.get $k1) (local.get $a5)))
        (local.set $x (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $q4) (local.get $q4)))
        (local.set $a6 (f32x4.relaxed_madd (local.get $x) (local.get $k0) (local.get $a6)))
        (local.set $a7 (f32x4.relaxed_madd (local.get $x) (local.get $k1) (local.get $a7)))
        (local.set $qd (i32.add (local.get $qd) (i32.const 32)))
        (local.set $k (i32.add (local.get $k) (i32.const 64)))
        (br_if $dims (i32.lt_u (local.get $qd) (local.get $end))))
      (v128.store (local.get $s) (local.get $a0))
      (v128.store offset=16 (local.get $s) (local.get $a1))
      (v128.store offset=256 (local.get $s) (local.get $a2))
      (v128.store offset=272 (local.get $s) (local.get $a3))
      (v128.store offset=512 (local.get $s) (local.get $a4))
      (v128.store offset=528 (local.get $s) (local.get $a5))
      (v128.store offset=768 (local.get $s) (local.get $a6))
      (v128.store offset=784 (local.get $s) (local.get $a7))
      (local.set $s (i32.add (local.get $s) (i32.const 32)))
      (br_if $panels (i32.lt_u (local.get $s) (local.get $sEnd)))))

  ;; First half of the online softmax of one tile row over a block of `nb`
  ;; keys starting at key `j0`: soft-caps the logits (cap in base 2 too; 0
  ;; for none), adds the ALiBi bias (slope in base 2 too) and the bias row
  ;; (at `biasRow`, key j0 first; 0 for none), masks keys before `lo` or at
  ;; or past `limit`, updates the row's running max m, and
  ;; leaves the shift for 2^(logit - shift) at `shiftOut` and the exponent of
  ;; alpha = 2^(m_old - shift), the factor its sum and output take, in the
  ;; alpha slot. tileBlock then raises the 4 rows together.
  (func $softmaxRow
    (param $row i32) (param $stats i32) (param $nb i32) (param $j0 i32) (param $limit i32)
    (param $aligned f32) (param $slope f32) (param $shiftOut i32)
    (param $lo i32) (param $cap f32) (param $biasRow i32)
    (local $p i32) (local $end i32) (local $j v128) (local $max v128)
    (local $four v128) (local $negSlope v128) (local $at v128) (local $minusInf v128)
    (local $shift f32) (local $mOld f32) (local $mNew f32)
    (local $capv v128) (local $invCap v128) (local $b i32) (local $loV v128)
    (local.set $end (i32.add (local.get $row) (i32.shl (local.get $nb) (i32.const 2))))
    (if (f32.ne (local.get $cap) (f32.const 0))
      (then
        ;; logit = cap * tanh(logit / cap), before ALiBi, bias and masks
        (local.set $p (local.get $row))
        (local.set $capv (f32x4.splat (local.get $cap)))
        (local.set $invCap (f32x4.splat (f32.div (f32.const 1) (local.get $cap))))
        (loop $soft
          (v128.store (local.get $p)
            (f32x4.mul
              (local.get $capv)
              (call $tanhv (f32x4.mul (v128.load (local.get $p)) (local.get $invCap)))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $soft (i32.lt_u (local.get $p) (local.get $end))))))
    (if (f32.ne (local.get $slope) (f32.const 0))
      (then
        ;; logit -= slope * |aligned - j|
        (local.set $p (local.get $row))
        (local.set $j (i32x4.add (i32x4.splat (local.get $j0)) (v128.const i32x4 0 1 2 3)))
        (local.set $four (v128.const i32x4 4 4 4 4))
        (local.set $negSlope (f32x4.splat (f32.neg (local.get $slope))))
        (local.set $at (f32x4.splat (local.get $aligned)))
        (loop $bias
          (v128.store (local.get $p)
            (f32x4.relaxed_madd
              (local.get $negSlope)
              (f32x4.abs (f32x4.sub (local.get $at) (f32x4.convert_i32x4_s (local.get $j))))
              (v128.load (local.get $p))))
          (local.set $j (i32x4.add (local.get $j) (local.get $four)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $bias (i32.lt_u (local.get $p) (local.get $end))))))
    (if (local.get $biasRow)
      (then
        ;; logit += bias (base 2; -inf hides the key)
        (local.set $p (local.get $row))
        (local.set $b (local.get $biasRow))
        (loop $addBias
          (v128.store (local.get $p) (f32x4.add (v128.load (local.get $p)) (v128.load (local.get $b))))
          (local.set $b (i32.add (local.get $b) (i32.const 16)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $addBias (i32.lt_u (local.get $p) (local.get $end))))))
    (if (i32.or
          (i32.gt_s (i32.add (local.get $j0) (local.get $nb)) (local.get $limit))
          (i32.lt_s (local.get $j0) (local.get $lo)))
      (then
        ;; keys before lo (window, padding) or at or past the limit (causal
        ;; mask, the pad of the last panel) get -inf
        (local.set $p (local.get $row))
        (local.set $j (i32x4.add (i32x4.splat (local.get $j0)) (v128.const i32x4 0 1 2 3)))
        (local.set $four (v128.const i32x4 4 4 4 4))
        (local.set $minusInf (v128.const f32x4 -inf -inf -inf -inf))
        (local.set $at (i32x4.splat (local.get $limit)))
        (local.set $loV (i32x4.splat (local.get $lo)))
        (loop $mask
          (v128.store (local.get $p)
            (v128.bitselect
              (local.get $minusInf)
              (v128.load (local.get $p))
              (v128.or
                (i32x4.ge_s (local.get $j) (local.get $at))
                (i32x4.lt_s (local.get $j) (local.get $loV)))))
          (local.set $j (i32x4.add (local.get $j) (local.get $four)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $mask (i32.lt_u (local.get $p) (local.get $end))))))
    (local.set $p (local.get $row))
    (local.set $max (v128.const f32x4 -inf -inf -inf -inf))
    (loop $findMax
      (local.set $max (f32x4.pmax (local.get $max) (v128.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $findMax (i32.lt_u (local.get $p) (local.get $end))))
    (local.set $mOld (f32.load offset=16 (local.get $stats)))
    (local.set $mNew
      (f32.max
        (local.get $mOld)
        (f32.max
          (f32.max (f32x4.extract_lane 0 (local.get $max)) (f32x4.extract_lane 1 (local.get $max)))
          (f32.max (f32x4.extract_lane 2 (local.get $max)) (f32x4.extract_lane 3 (local.get $max))))))
    ;; Nothing visible yet: shift by 0 so masked logits give 2^-inf = 0, not NaN.
    (local.set $shift (select (f32.const 0) (local.get $mNew) (f32.eq (local.get $mNew) (f32.const -inf))))
    (f32.store (local.get $shiftOut) (local.get $shift))
    ;; alpha's exponent; tileBlock raises the 4 rows' at once
    (f32.store (local.get $stats) (f32.sub (local.get $mOld) (local.get $shift)))
    (f32.store offset=16 (local.get $stats) (local.get $mNew)))

  ;; o (4 rows, stride dp * 4 bytes) = alpha * o + P V over a block of nb
  ;; keys: per 8-dim chunk, 8 accumulators, each key adding its value row
  ;; times the 4 rows' probabilities (row stride 256 in the tile). Four keys
  ;; per turn: each row's 4 probabilities come in one vector load and are
  ;; splatted by shuffles (one bounds-checked access instead of four, as in
  ;; qkBlock); nb is a multiple of 8.
  (func $pvBlock (param $p i32) (param $v i32) (param $o i32) (param $dp i32) (param $nb i32)
    (param $stats i32)
    (local $rowBytes i32) (local $chunk i32) (local $pj i32) (local $pEnd i32) (local $vj i32)
    (local $o1 i32) (local $o2 i32) (local $o3 i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $v0 v128) (local $v1 v128) (local $x v128)
    (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128)
    (local $alpha0 v128) (local $alpha1 v128) (local $alpha2 v128) (local $alpha3 v128)
    (local.set $rowBytes (i32.shl (local.get $dp) (i32.const 2)))
    (local.set $alpha0 (v128.load32_splat (local.get $stats)))
    (local.set $alpha1 (v128.load32_splat offset=4 (local.get $stats)))
    (local.set $alpha2 (v128.load32_splat offset=8 (local.get $stats)))
    (local.set $alpha3 (v128.load32_splat offset=12 (local.get $stats)))
    (local.set $pEnd (i32.add (local.get $p) (i32.shl (local.get $nb) (i32.const 2))))
    (local.set $chunk (i32.const 0))
    (loop $chunks
      (local.set $o1 (i32.add (i32.add (local.get $o) (local.get $chunk)) (local.get $rowBytes)))
      (local.set $o2 (i32.add (local.get $o1) (local.get $rowBytes)))
      (local.set $o3 (i32.add (local.get $o2) (local.get $rowBytes)))
      (local.set $a0 (f32x4.mul (local.get $alpha0) (v128.load (i32.add (local.get $o) (local.get $chunk)))))
      (local.set $a1 (f32x4.mul (local.get $alpha0) (v128.load offset=16 (i32.add (local.get $o) (local.get $chunk)))))
      (local.set $a2 (f32x4.mul (local.get $alpha1) (v128.load (local.get $o1))))
      (local.set $a3 (f32x4.mul (local.get $alpha1) (v128.load offset=16 (local.get $o1))))
      (local.set $a4 (f32x4.mul (local.get $alpha2) (v128.load (local.get $o2))))
      (local.set $a5 (f32x4.mul (local.get $alpha2) (v128.load offset=16 (local.get $o2))))
      (local.set $a6 (f32x4.mul (local.get $alpha3) (v128.load (local.get $o3))))
      (local.set $a7 (f32x4.mul (local.get $alpha3) (v128.load offset=16 (local.get $o3))))
      (local.set $pj (local.get $p))
      (local.set $vj (i32.add (local.get $v) (local.get $chunk)))
      (loop $keys
        (local.set $p0 (v128.load (local.get $pj)))
        (local.set $p1 (v128.load offset=256 (local.get $pj)))
        (local.set $p2 (v128.load offset=512 (local.get $pj)))
        (local.set $p3 (v128.load offset=768 (local.get $pj)))
        (local.set $v0 (v128.load (local.get $vj)))
        (local.set $v1 (v128.load offset=16 (local.get $vj)))
        (local.set $x (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $p0) (local.get $p0)))
        (local.set $a0 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a0)))
        (local.set $a1 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a1)))
        (local.set $x (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $p1) (local.get $p1)))
        (local.set $a2 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a2)))
        (local.set $a3 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a3)))
        (local.set $x (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $p2) (local.get $p2)))
        (local.set $a4 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a4)))
        (local.set $a5 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a5)))
        (local.set $x (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $p3) (local.get $p3)))
        (local.set $a6 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a6)))
        (local.set $a7 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a7)))
        (local.set $vj (i32.add (local.get $vj) (local.get $rowBytes)))
        (local.set $v0 (v128.load (local.get $vj)))
        (local.set $v1 (v128.load offset=16 (local.get $vj)))
        (local.set $x (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $p0) (local.get $p0)))
        (local.set $a0 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a0)))
        (local.set $a1 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a1)))
        (local.set $x (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $p1) (local.get $p1)))
        (local.set $a2 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a2)))
        (local.set $a3 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a3)))
        (local.set $x (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $p2) (local.get $p2)))
        (local.set $a4 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a4)))
        (local.set $a5 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a5)))
        (local.set $x (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $p3) (local.get $p3)))
        (local.set $a6 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a6)))
        (local.set $a7 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a7)))
        (local.set $vj (i32.add (local.get $vj) (local.get $rowBytes)))
        (local.set $v0 (v128.load (local.get $vj)))
        (local.set $v1 (v128.load offset=16 (local.get $vj)))
        (local.set $x (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $p0) (local.get $p0)))
        (local.set $a0 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a0)))
        (local.set $a1 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a1)))
        (local.set $x (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $p1) (local.get $p1)))
        (local.set $a2 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a2)))
        (local.set $a3 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a3)))
        (local.set $x (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $p2) (local.get $p2)))
        (local.set $a4 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a4)))
        (local.set $a5 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a5)))
        (local.set $x (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $p3) (local.get $p3)))
        (local.set $a6 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a6)))
        (local.set $a7 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a7)))
        (local.set $vj (i32.add (local.get $vj) (local.get $rowBytes)))
        (local.set $v0 (v128.load (local.get $vj)))
        (local.set $v1 (v128.load offset=16 (local.get $vj)))
        (local.set $x (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $p0) (local.get $p0)))
        (local.set $a0 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a0)))
        (local.set $a1 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a1)))
        (local.set $x (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $p1) (local.get $p1)))
        (local.set $a2 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a2)))
        (local.set $a3 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a3)))
        (local.set $x (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $p2) (local.get $p2)))
        (local.set $a4 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a4)))
        (local.set $a5 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a5)))
        (local.set $x (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $p3) (local.get $p3)))
        (local.set $a6 (f32x4.relaxed_madd (local.get $x) (local.get $v0) (local.get $a6)))
        (local.set $a7 (f32x4.relaxed_madd (local.get $x) (local.get $v1) (local.get $a7)))
        (local.set $vj (i32.add (local.get $vj) (local.get $rowBytes)))
        (local.set $pj (i32.add (local.get $pj) (i32.const 16)))
        (br_if $keys (i32.lt_u (local.get $pj) (local.get $pEnd))))
      (v128.store (i32.add (local.get $o) (local.get $chunk)) (local.get $a0))
      (v128.store offset=16 (i32.add (local.get $o) (local.get $chunk)) (local.get $a1))
      (v128.store (local.get $o1) (local.get $a2))
      (v128.store offset=16 (local.get $o1) (local.get $a3))
      (v128.store (local.get $o2) (local.get $a4))
      (v128.store offset=16 (local.get $o2) (local.get $a5))
      (v128.store (local.get $o3) (local.get $a6))
      (v128.store offset=16 (local.get $o3) (local.get $a7))
      (local.set $chunk (i32.add (local.get $chunk) (i32.const 32)))
      (br_if $chunks (i32.lt_u (local.get $chunk) (local.get $rowBytes)))))

  ;; One tile of 4 query rows (first row i0) against one block of nb keys
  ;; (first key j0): logits, online softmax, o += P V. `stats` holds the
  ;; tile's alpha[4], m[4], l[4].
  (func $tileBlock
    (param $qt i32) (param $k i32) (param $v i32) (param $ot i32) (param $s i32) (param $stats i32)
    (param $dp i32) (param $nb i32) (param $j0 i32) (param $i0 i32) (param $qSeq i32)
    (param $kSeq i32) (param $causal i32) (param $slope f32)
    (param $shift i32) (param $window i32) (param $pad i32) (param $cap f32)
    (param $bias i32) (param $biasStride i32)
    (local $rowBytes i32) (local $r i32) (local $limit i32) (local $aligned i32) (local $lo i32)
    (local $biasRow i32)
    (local.set $rowBytes (i32.shl (local.get $dp) (i32.const 2)))
    (call $qkBlock
      (local.get $qt)
      ;; panels of 8 keys are 8 rows' bytes apart: key j0's panel
      (i32.add (local.get $k) (i32.mul (local.get $j0) (local.get $rowBytes)))
      (local.get $s)
      (local.get $dp)
      (local.get $nb))
    (local.set $r (i32.const 0))
    (loop $rows
      (local.set $aligned (i32.add (i32.add (local.get $i0) (local.get $r)) (local.get $shift)))
      (local.set $limit (local.get $kSeq))
      (if (local.get $causal)
        (then
          (local.set $limit (i32.add (local.get $aligned) (i32.const 1)))
          (if (i32.gt_s (local.get $limit) (local.get $kSeq))
            (then (local.set $limit (local.get $kSeq))))))
      (local.set $lo (local.get $pad))
      (if (local.get $window)
        (then
          (local.set $lo
            (select
              (local.get $lo)
              (i32.add (i32.sub (local.get $aligned) (local.get $window)) (i32.const 1))
              (i32.gt_s
                (local.get $lo)
                (i32.add (i32.sub (local.get $aligned) (local.get $window)) (i32.const 1)))))))
      ;; the bias of a real row (pad rows past qSeq read none), from key j0
      (local.set $biasRow (i32.const 0))
      (if (i32.and
            (i32.ne (local.get $bias) (i32.const 0))
            (i32.lt_s (i32.add (local.get $i0) (local.get $r)) (local.get $qSeq)))
        (then
          (local.set $biasRow
            (i32.add
              (i32.add
                (local.get $bias)
                (i32.mul (i32.add (local.get $i0) (local.get $r)) (local.get $biasStride)))
              (i32.shl (local.get $j0) (i32.const 2))))))
      (call $softmaxRow
        (i32.add (local.get $s) (i32.shl (local.get $r) (i32.const 8)))
        (i32.add (local.get $stats) (i32.shl (local.get $r) (i32.const 2)))
        (local.get $nb)
        (local.get $j0)
        (local.get $limit)
        (f32.convert_i32_s (local.get $aligned))
        (local.get $slope)
        (i32.add (i32.add (local.get $s) (i32.const 1024)) (i32.shl (local.get $r) (i32.const 2)))
        (local.get $lo)
        (local.get $cap)
        (local.get $biasRow))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $r) (i32.const 4))))
    ;; p = 2^(logit - shift) for the 4 rows (sums at s + 1040), then alpha
    ;; (shift 0, read at s + 1056), then l = alpha l + sum.
    (call $exp2Rows
      (local.get $s) (i32.shl (local.get $nb) (i32.const 2)) (i32.const 4)
      (i32.add (local.get $s) (i32.const 1024)) (i32.add (local.get $s) (i32.const 1040)))
    (call $exp2Rows
      (local.get $stats) (i32.const 16) (i32.const 1)
      (i32.add (local.get $s) (i32.const 1056)) (i32.add (local.get $s) (i32.const 1060)))
    (v128.store offset=32 (local.get $stats)
      (f32x4.add
        (f32x4.mul (v128.load offset=32 (local.get $stats)) (v128.load (local.get $stats)))
        (v128.load offset=1040 (local.get $s))))
    (call $pvBlock
      (local.get $s)
      (i32.add (local.get $v) (i32.mul (local.get $j0) (local.get $rowBytes)))
      (local.get $ot)
      (local.get $dp)
      (local.get $nb)
      (local.get $stats)))

  ;; Keys a tile sees: all, or (causal) up to its last row's limit.
  (func $tileEnd (param $i0 i32) (param $shift i32) (param $kSeq i32) (param $causal i32) (result i32)
    (local $end i32)
    (if (i32.eqz (local.get $causal)) (then (return (local.get $kSeq))))
    (local.set $end (i32.add (i32.add (local.get $i0) (i32.const 4)) (local.get $shift)))
    (select (local.get $kSeq) (local.get $end) (i32.gt_s (local.get $end) (local.get $kSeq))))

  ;; The first key a tile (first row i0) may see, down to a whole panel of 8:
  ;; its first row's window start, or the padding.
  (func $tileBegin (param $i0 i32) (param $shift i32) (param $window i32) (param $pad i32) (result i32)
    (local $lo i32)
    (local.set $lo (local.get $pad))
    (if (local.get $window)
      (then
        (local.set $lo
          (select
            (local.get $lo)
            (i32.add (i32.sub (i32.add (local.get $i0) (local.get $shift)) (local.get $window)) (i32.const 1))
            (i32.gt_s
              (local.get $lo)
              (i32.add (i32.sub (i32.add (local.get $i0) (local.get $shift)) (local.get $window)) (i32.const 1)))))))
    (i32.and (local.get $lo) (i32.const -8)))

  ;; One query head against its k/v head (layout and masks in the header).
  ;; Blocks of 64 query rows (16 tiles) walk the keys in blocks of 64, so
  ;; each 64-key block of k and v is read from memory once per 16 tiles and
  ;; stays in L1 meanwhile; a tile skips the keys its masks hide from it
  ;; (after the causal limit, before the window or the padding). Rows that
  ;; see no key come out 0. `sink` is -inf for none; `bias` 0 for none.
  (func (export "attendHead")
    (param $q i32) (param $k i32) (param $v i32) (param $o i32) (param $s i32)
    (param $dp i32) (param $qSeq i32) (param $kSeq i32) (param $causal i32) (param $slope f32)
    (param $shift i32) (param $window i32) (param $pad i32) (param $cap f32) (param $sink f32)
    (param $bias i32) (param $biasStride i32)
    (local $rowBytes i32) (local $tileBytes i32) (local $qb i32) (local $tiles i32) (local $t i32)
    (local $i0 i32) (local $blockEnd i32) (local $end i32) (local $j0 i32) (local $nb i32)
    (local $stats i32) (local $l f32) (local $inv v128) (local $p i32) (local $rowEnd i32)
    (local $begin i32) (local $jStart i32) (local $hi i32) (local $l0 v128)
    (local.set $rowBytes (i32.shl (local.get $dp) (i32.const 2)))
    (local.set $tileBytes (i32.shl (local.get $rowBytes) (i32.const 2)))
    ;; 16 tiles' stats (48 bytes each) after the logit tile and the spare vector
    (local.set $stats (i32.add (local.get $s) (i32.const 1088)))
    (f32.store offset=1056 (local.get $s) (f32.const 0))
    ;; a row starts from its sink: m = sink, l = 2^(sink - m) = 1 (or -inf, 0)
    (local.set $l0
      (f32x4.splat (select (f32.const 1) (f32.const 0) (f32.ne (local.get $sink) (f32.const -inf)))))
    (local.set $qb (i32.const 0))
    (block $queryBlocksDone
      (loop $queryBlocks
        (br_if $queryBlocksDone (i32.ge_s (local.get $qb) (local.get $qSeq)))
        (local.set $tiles (i32.shr_u (i32.add (i32.sub (local.get $qSeq) (local.get $qb)) (i32.const 3)) (i32.const 2)))
        (if (i32.gt_u (local.get $tiles) (i32.const 16)) (then (local.set $tiles (i32.const 16))))
        (memory.fill
          (i32.add (local.get $o) (i32.mul (local.get $qb) (local.get $rowBytes)))
          (i32.const 0)
          (i32.mul (local.get $tiles) (local.get $tileBytes)))
        (local.set $t (i32.const 0))
        (loop $init
          (v128.store offset=16 (i32.add (local.get $stats) (i32.mul (local.get $t) (i32.const 48))) (f32x4.splat (local.get $sink)))
          (v128.store offset=32 (i32.add (local.get $stats) (i32.mul (local.get $t) (i32.const 48))) (local.get $l0))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $init (i32.lt_u (local.get $t) (local.get $tiles))))
        (local.set $blockEnd
          (call $tileEnd
            (i32.add (local.get $qb) (i32.shl (i32.sub (local.get $tiles) (i32.const 1)) (i32.const 2)))
            (local.get $shift) (local.get $kSeq) (local.get $causal)))
        ;; the block's first tile sees the earliest keys
        (local.set $j0
          (call $tileBegin (local.get $qb) (local.get $shift) (local.get $window) (local.get $pad)))
        (block $keyBlocksDone
          (loop $keyBlocks
            (br_if $keyBlocksDone (i32.ge_s (local.get $j0) (local.get $blockEnd)))
            (local.set $t (i32.const 0))
            (loop $tilesInBlock
              (local.set $i0 (i32.add (local.get $qb) (i32.shl (local.get $t) (i32.const 2))))
              (local.set $end (call $tileEnd (local.get $i0) (local.get $shift) (local.get $kSeq) (local.get $causal)))
              (local.set $begin
                (call $tileBegin (local.get $i0) (local.get $shift) (local.get $window) (local.get $pad)))
              ;; this tile's keys of the block: [max(j0, begin), min(j0 + 64, end))
              (local.set $jStart (select (local.get $j0) (local.get $begin) (i32.gt_s (local.get $j0) (local.get $begin))))
              (local.set $hi (i32.add (local.get $j0) (i32.const 64)))
              (if (i32.lt_s (local.get $end) (local.get $hi)) (then (local.set $hi (local.get $end))))
              (if (i32.lt_s (local.get $jStart) (local.get $hi))
                (then
                  ;; whole panels of 8 (the pad is masked)
                  (local.set $nb
                    (i32.and (i32.add (i32.sub (local.get $hi) (local.get $jStart)) (i32.const 7)) (i32.const -8)))
                  (call $tileBlock
                    (i32.add (local.get $q) (i32.mul (local.get $i0) (local.get $rowBytes)))
                    (local.get $k)
                    (local.get $v)
                    (i32.add (local.get $o) (i32.mul (local.get $i0) (local.get $rowBytes)))
                    (local.get $s)
                    (i32.add (local.get $stats) (i32.mul (local.get $t) (i32.const 48)))
                    (local.get $dp) (local.get $nb) (local.get $jStart) (local.get $i0)
                    (local.get $qSeq) (local.get $kSeq) (local.get $causal) (local.get $slope)
                    (local.get $shift) (local.get $window) (local.get $pad) (local.get $cap)
                    (local.get $bias) (local.get $biasStride))))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))
              (br_if $tilesInBlock (i32.lt_u (local.get $t) (local.get $tiles))))
            (local.set $j0 (i32.add (local.get $j0) (i32.const 64)))
            (br $keyBlocks)))
        ;; o /= l (0 where the row saw no key)
        (local.set $t (i32.const 0))
        (loop $normalize
          (local.set $l (f32.load offset=32 (i32.add (local.get $stats) (i32.add (i32.mul (i32.shr_u (local.get $t) (i32.const 2)) (i32.const 48)) (i32.shl (i32.and (local.get $t) (i32.const 3)) (i32.const 2))))))
          (local.set $inv
            (f32x4.splat
              (select
                (f32.div (f32.const 1) (local.get $l))
                (f32.const 0)
                (f32.gt (local.get $l) (f32.const 0)))))
          (local.set $p (i32.add (local.get $o) (i32.mul (i32.add (local.get $qb) (local.get $t)) (local.get $rowBytes))))
          (local.set $rowEnd (i32.add (local.get $p) (local.get $rowBytes)))
          (loop $scale
            (v128.store (local.get $p) (f32x4.mul (v128.load (local.get $p)) (local.get $inv)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br_if $scale (i32.lt_u (local.get $p) (local.get $rowEnd))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $normalize (i32.lt_u (local.get $t) (i32.shl (local.get $tiles) (i32.const 2)))))
        (local.set $qb (i32.add (local.get $qb) (i32.const 64)))
        (br $queryBlocks))))

  ;; Packs `rows` rows of `dp` floats (row-major at `from`; rows a multiple of
  ;; 8, dp of 4) into panels of 8 rows, [rows / 8][dp][8] at `to`: the k
  ;; layout qkBlock reads. Two 4 x 4 transposes per 8 rows and 4 dims.
  (func (export "packPanels") (param $from i32) (param $to i32) (param $rows i32) (param $dp i32)
    (local $rowBytes i32) (local $panel i32) (local $panelEnd i32) (local $at i32) (local $atEnd i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $r4 v128) (local $r5 v128) (local $r6 v128) (local $r7 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local.set $rowBytes (i32.shl (local.get $dp) (i32.const 2)))
    (local.set $panel (local.get $from))
    (local.set $panelEnd (i32.add (local.get $from) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (block $done
      (loop $panels
        (br_if $done (i32.ge_u (local.get $panel) (local.get $panelEnd)))
        (local.set $at (local.get $panel))
        (local.set $atEnd (i32.add (local.get $panel) (local.get $rowBytes)))
        (loop $dims
        (local.set $r0 (v128.load (i32.add (local.get $at) (i32.mul (local.get $rowBytes) (i32.const 0)))))
        (local.set $r1 (v128.load (i32.add (local.get $at) (i32.mul (local.get $rowBytes) (i32.const 1)))))
        (local.set $r2 (v128.load (i32.add (local.get $at) (i32.mul (local.get $rowBytes) (i32.const 2)))))
        (local.set $r3 (v128.load (i32.add (local.get $at) (i32.mul (local.get $rowBytes) (i32.const 3)))))
        (local.set $r4 (v128.load (i32.add (local.get $at) (i32.mul (local.get $rowBytes) (i32.const 4)))))
        (local.set $r5 (v128.load (i32.add (local.get $at) (i32.mul (local.get $rowBytes) (i32.const 5)))))
        (local.set $r6 (v128.load (i32.add (local.get $at) (i32.mul (local.get $rowBytes) (i32.const 6)))))
        (local.set $r7 (v128.load (i32.add (local.get $at) (i32.mul (local.get $rowBytes) (i32.const 7)))))
        (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
        (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
        (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
        (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
        (local.set $c0 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
        (local.set $c1 (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
        (local.set $c2 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
        (local.set $c3 (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
        (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r4) (local.get $r5)))
        (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r4) (local.get $r5)))
        (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r6) (local.get $r7)))
        (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r6) (local.get $r7)))
        (local.set $d0 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
        (local.set $d1 (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
        (local.set $d2 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
        (local.set $d3 (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
        (v128.store offset=0 (local.get $to) (local.get $c0))
        (v128.store offset=16 (local.get $to) (local.get $d0))
        (v128.store offset=32 (local.get $to) (local.get $c1))
        (v128.store offset=48 (local.get $to) (local.get $d1))
        (v128.store offset=64 (local.get $to) (local.get $c2))
        (v128.store offset=80 (local.get $to) (local.get $d2))
        (v128.store offset=96 (local.get $to) (local.get $c3))
        (v128.store offset=112 (local.get $to) (local.get $d3))
          (local.set $to (i32.add (local.get $to) (i32.const 128)))
          (local.set $at (i32.add (local.get $at) (i32.const 16)))
          (br_if $dims (i32.lt_u (local.get $at) (local.get $atEnd))))
        (local.set $panel (i32.add (local.get $panel) (i32.shl (local.get $rowBytes) (i32.const 3))))
        (br $panels))))

  ;; Packs `rows` rows of `dp` floats (row-major at `from`; rows a multiple of
  ;; 4, dp of 4), each value times `scale` (one float32 product, as
  ;; Math.fround(x * scale)), into tiles of 4 rows, [rows / 4][dp][4] at `to`:
  ;; the q layout qkBlock reads.
  (func (export "packTiles") (param $from i32) (param $to i32) (param $rows i32) (param $dp i32)
    (param $scale f32)
    (local $rowBytes i32) (local $tile i32) (local $tileEnd i32) (local $at i32) (local $atEnd i32)
    (local $scale4 v128)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local.set $scale4 (f32x4.splat (local.get $scale)))
    (local.set $rowBytes (i32.shl (local.get $dp) (i32.const 2)))
    (local.set $tile (local.get $from))
    (local.set $tileEnd (i32.add (local.get $from) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (block $done
      (loop $tiles
        (br_if $done (i32.ge_u (local.get $tile) (local.get $tileEnd)))
        (local.set $at (local.get $tile))
        (local.set $atEnd (i32.add (local.get $tile) (local.get $rowBytes)))
        (loop $dims
        (local.set $r0 (f32x4.mul (local.get $scale4) (v128.load (i32.add (local.get $at) (i32.mul (local.get $rowBytes) (i32.const 0))))))
        (local.set $r1 (f32x4.mul (local.get $scale4) (v128.load (i32.add (local.get $at) (i32.mul (local.get $rowBytes) (i32.const 1))))))
        (local.set $r2 (f32x4.mul (local.get $scale4) (v128.load (i32.add (local.get $at) (i32.mul (local.get $rowBytes) (i32.const 2))))))
        (local.set $r3 (f32x4.mul (local.get $scale4) (v128.load (i32.add (local.get $at) (i32.mul (local.get $rowBytes) (i32.const 3))))))
        (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
        (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
        (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
        (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
        (local.set $c0 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
        (local.set $c1 (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
        (local.set $c2 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
        (local.set $c3 (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
        (v128.store offset=0 (local.get $to) (local.get $c0))
        (v128.store offset=16 (local.get $to) (local.get $c1))
        (v128.store offset=32 (local.get $to) (local.get $c2))
        (v128.store offset=48 (local.get $to) (local.get $c3))
          (local.set $to (i32.add (local.get $to) (i32.const 64)))
          (local.set $at (i32.add (local.get $at) (i32.const 16)))
          (br_if $dims (i32.lt_u (local.get $at) (local.get $atEnd))))
        (local.set $tile (i32.add (local.get $tile) (i32.shl (local.get $rowBytes) (i32.const 2))))
        (br $tiles))))
)
