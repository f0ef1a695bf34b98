;; The RoPE rotation as WebAssembly SIMD (f32x4): the kernel behind
;; applyRope. Source of _kernel_wasm.ts; rebuild with
;; `deno run -A packages/rope/_build_kernel.ts` after editing.
;;
;; Both functions rotate a chunk of `reps` consecutive runs of `ntok`
;; tokens, each token holding `hpt` rows (heads) of `rowBytes` bytes, in
;; place. Every row of a token uses that token's row of the cos and sin
;; tables; each run starts again at the first table row (bhsd: one run per
;; head). Dims past the rotated prefix are
;; not touched. Each product and sum is rounded to float32, in the order
;; PyTorch evaluates `x * cos + rotate(x) * sin`, so the results equal
;; Hugging Face's float32 forward bit for bit given the same cos and sin.

(module
  (memory (export "memory") 1)

  ;; Tables hold h = rotaryDim / 2 float32 per token: cos and sin of each
  ;; pair's angle, already multiplied by the attention factor.

  ;; pairing "half" (rotate_half: NeoX, Llama): pair (j, j + h).
  (func (export "rotateHalf")
    (param $x i32) (param $cos i32) (param $sin i32)
    (param $ntok i32) (param $hpt i32) (param $reps i32) (param $rowBytes i32)
    (param $h i32)
    (local $t i32) (local $c0 i32) (local $s0 i32) (local $hb i32) (local $vecBytes i32) (local $row i32) (local $k i32)
    (local $p i32) (local $q i32) (local $c i32) (local $s i32)
    (local $vecEnd i32) (local $end i32)
    (local $a v128) (local $b v128) (local $cv v128) (local $sv v128)
    (local $fa f32) (local $fb f32) (local $fc f32) (local $fs f32)
    (local.set $hb (i32.shl (local.get $h) (i32.const 2)))
    (local.set $vecBytes (i32.and (local.get $hb) (i32.const -16)))
    (local.set $row (local.get $x))
    (block $repsDone
      (loop $repeat
        (br_if $repsDone (i32.eqz (local.get $reps)))
        (local.set $t (local.get $ntok))
        (local.set $c0 (local.get $cos))
        (local.set $s0 (local.get $sin))
        (block $tokensDone
          (loop $tokens
            (br_if $tokensDone (i32.eqz (local.get $t)))
            (local.set $k (local.get $hpt))
            (block $rowsDone
              (loop $rows
                (br_if $rowsDone (i32.eqz (local.get $k)))
                (local.set $p (local.get $row))
                (local.set $q (i32.add (local.get $row) (local.get $hb)))
                (local.set $c (local.get $c0))
                (local.set $s (local.get $s0))
                (local.set $vecEnd (i32.add (local.get $row) (local.get $vecBytes)))
                (local.set $end (i32.add (local.get $row) (local.get $hb)))
                (block $vecDone
                  (loop $vec
                    (br_if $vecDone (i32.ge_u (local.get $p) (local.get $vecEnd)))
                    (local.set $a (v128.load (local.get $p)))
                    (local.set $b (v128.load (local.get $q)))
                    (local.set $cv (v128.load (local.get $c)))
                    (local.set $sv (v128.load (local.get $s)))
                    (v128.store (local.get $p)
                      (f32x4.sub
                        (f32x4.mul (local.get $a) (local.get $cv))
                        (f32x4.mul (local.get $b) (local.get $sv))))
                    (v128.store (local.get $q)
                      (f32x4.add
                        (f32x4.mul (local.get $b) (local.get $cv))
                        (f32x4.mul (local.get $a) (local.get $sv))))
                    (local.set $p (i32.add (local.get $p) (i32.const 16)))
                    (local.set $q (i32.add (local.get $q) (i32.const 16)))
                    (local.set $c (i32.add (local.get $c) (i32.const 16)))
                    (local.set $s (i32.add (local.get $s) (i32.const 16)))
                    (br $vec)))
                ;; h not a multiple of 4: the last pairs one at a time.
                (block $tailDone
                  (loop $tail
                    (br_if $tailDone (i32.ge_u (local.get $p) (local.get $end)))
                    (local.set $fa (f32.load (local.get $p)))
                    (local.set $fb (f32.load (local.get $q)))
                    (local.set $fc (f32.load (local.get $c)))
                    (local.set $fs (f32.load (local.get $s)))
                    (f32.store (local.get $p)
                      (f32.sub
                        (f32.mul (local.get $fa) (local.get $fc))
                        (f32.mul (local.get $fb) (local.get $fs))))
                    (f32.store (local.get $q)
                      (f32.add
                        (f32.mul (local.get $fb) (local.get $fc))
                        (f32.mul (local.get $fa) (local.get $fs))))
                    (local.set $p (i32.add (local.get $p) (i32.const 4)))
                    (local.set $q (i32.add (local.get $q) (i32.const 4)))
                    (local.set $c (i32.add (local.get $c) (i32.const 4)))
                    (local.set $s (i32.add (local.get $s) (i32.const 4)))
                    (br $tail)))
                (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
                (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                (br $rows)))
            (local.set $c0 (i32.add (local.get $c0) (local.get $hb)))
            (local.set $s0 (i32.add (local.get $s0) (local.get $hb)))
            (local.set $t (i32.sub (local.get $t) (i32.const 1)))
            (br $tokens)))
        (local.set $reps (i32.sub (local.get $reps) (i32.const 1)))
        (br $repeat))))

  ;; pairing "interleaved" (GPT-J, Meta's complex form): pair (2i, 2i + 1).
  ;; Same tables as rotateHalf: 4 pairs (8 floats) at a time are split into
  ;; their first and second members, rotated as in rotateHalf and
  ;; interleaved back (4 shuffles per 8 floats).
  (func (export "rotateInterleaved")
    (param $x i32) (param $cos i32) (param $sin i32)
    (param $ntok i32) (param $hpt i32) (param $reps i32) (param $rowBytes i32)
    (param $h i32)
    (local $t i32) (local $c0 i32) (local $s0 i32) (local $hb i32) (local $vecBytes i32) (local $row i32) (local $k i32)
    (local $p i32) (local $c i32) (local $s i32) (local $vecEnd i32) (local $end i32)
    (local $lo v128) (local $hi v128) (local $a v128) (local $b v128)
    (local $ra v128) (local $rb v128) (local $cv v128) (local $sv v128)
    (local $fa f32) (local $fb f32) (local $fc f32) (local $fs f32)
    (local.set $hb (i32.shl (local.get $h) (i32.const 2)))
    ;; x bytes covered by the vector loop: 8 floats (32 bytes) per 4 pairs.
    (local.set $vecBytes (i32.shl (i32.and (local.get $hb) (i32.const -16)) (i32.const 1)))
    (local.set $row (local.get $x))
    (block $repsDone
      (loop $repeat
        (br_if $repsDone (i32.eqz (local.get $reps)))
        (local.set $t (local.get $ntok))
        (local.set $c0 (local.get $cos))
        (local.set $s0 (local.get $sin))
        (block $tokensDone
          (loop $tokens
            (br_if $tokensDone (i32.eqz (local.get $t)))
            (local.set $k (local.get $hpt))
            (block $rowsDone
              (loop $rows
                (br_if $rowsDone (i32.eqz (local.get $k)))
                (local.set $p (local.get $row))
                (local.set $c (local.get $c0))
                (local.set $s (local.get $s0))
                (local.set $vecEnd (i32.add (local.get $row) (local.get $vecBytes)))
                (local.set $end (i32.add (local.get $row) (i32.shl (local.get $hb) (i32.const 1))))
                (block $vecDone
                  (loop $vec
                    (br_if $vecDone (i32.ge_u (local.get $p) (local.get $vecEnd)))
                    (local.set $cv (v128.load (local.get $c)))
                    (local.set $sv (v128.load (local.get $s)))
                    (local.set $lo (v128.load (local.get $p)))
                    (local.set $hi (v128.load offset=16 (local.get $p)))
                    ;; Split 4 pairs into their first (a) and second (b) members.
                    (local.set $a (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27
                      (local.get $lo) (local.get $hi)))
                    (local.set $b (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31
                      (local.get $lo) (local.get $hi)))
                    (local.set $ra
                      (f32x4.sub
                        (f32x4.mul (local.get $a) (local.get $cv))
                        (f32x4.mul (local.get $b) (local.get $sv))))
                    (local.set $rb
                      (f32x4.add
                        (f32x4.mul (local.get $b) (local.get $cv))
                        (f32x4.mul (local.get $a) (local.get $sv))))
                    ;; Interleave them back.
                    (v128.store (local.get $p)
                      (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                        (local.get $ra) (local.get $rb)))
                    (v128.store offset=16 (local.get $p)
                      (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
                        (local.get $ra) (local.get $rb)))
                    (local.set $p (i32.add (local.get $p) (i32.const 32)))
                    (local.set $c (i32.add (local.get $c) (i32.const 16)))
                    (local.set $s (i32.add (local.get $s) (i32.const 16)))
                    (br $vec)))
                ;; h not a multiple of 4: the last pairs one at a time.
                (block $tailDone
                  (loop $tail
                    (br_if $tailDone (i32.ge_u (local.get $p) (local.get $end)))
                    (local.set $fa (f32.load (local.get $p)))
                    (local.set $fb (f32.load offset=4 (local.get $p)))
                    (local.set $fc (f32.load (local.get $c)))
                    (local.set $fs (f32.load (local.get $s)))
                    (f32.store (local.get $p)
                      (f32.sub
                        (f32.mul (local.get $fa) (local.get $fc))
                        (f32.mul (local.get $fb) (local.get $fs))))
                    (f32.store offset=4 (local.get $p)
                      (f32.add
                        (f32.mul (local.get $fb) (local.get $fc))
                        (f32.mul (local.get $fa) (local.get $fs))))
                    (local.set $p (i32.add (local.get $p) (i32.const 8)))
                    (local.set $c (i32.add (local.get $c) (i32.const 4)))
                    (local.set $s (i32.add (local.get $s) (i32.const 4)))
                    (br $tail)))
                (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
                (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                (br $rows)))
            (local.set $c0 (i32.add (local.get $c0) (local.get $hb)))
            (local.set $s0 (i32.add (local.get $s0) (local.get $hb)))
            (local.set $t (i32.sub (local.get $t) (i32.const 1)))
            (br $tokens)))
        (local.set $reps (i32.sub (local.get $reps) (i32.const 1)))
        (br $repeat))))

  ;; The cos/sin table rows of `count` consecutive positions from `first`,
  ;; as AngleRows' fast path computes them in JS (same operations, same
  ;; order, so the same bits), two pairs at a time in f64x2.
  ;;
  ;; state: f64 cos[h], then sin[h] of the angles of position first - 1;
  ;; advanced in place by the rotation steps (f64 cos[h], then sin[h]) of
  ;; each pair's frequency (f32 freq[h]). With `$float32`, each value is then
  ;; turned by δ = fround(p·θ) - p·θ through cos δ ≈ 1 - δ²/2 + δ⁴/24 and
  ;; sin δ ≈ δ - δ³/6 + δ⁵/120 (the caller keeps |δ| <= 2^-8), so the row
  ;; holds cos and sin of the float32 angle. Results are rounded to f32 and
  ;; multiplied by `$factor` in f32 (1 leaves them unchanged).
  (func (export "angleRows")
    (param $state i32) (param $steps i32) (param $freq i32) (param $h i32)
    (param $first f64) (param $count i32) (param $cos i32) (param $sin i32)
    (param $factor f32) (param $float32 i32)
    (local $hb8 i32) (local $vecEnd i32) (local $j i32) (local $f i32) (local $rowBytes i32)
    (local $pv v128) (local $fv v128) (local $c0 v128) (local $s0 v128)
    (local $sc v128) (local $ss v128) (local $c v128) (local $s v128)
    (local $a v128) (local $d v128) (local $d2 v128) (local $cd v128) (local $sd v128)
    (local $p f64) (local $x0 f64) (local $y0 f64) (local $x f64) (local $y f64)
    (local $e f64) (local $e2 f64) (local $ce f64) (local $se f64) (local $t f64)
    (local.set $hb8 (i32.shl (local.get $h) (i32.const 3)))
    (local.set $vecEnd (i32.shl (i32.and (local.get $h) (i32.const -2)) (i32.const 3)))
    (local.set $rowBytes (i32.shl (local.get $h) (i32.const 2)))
    (local.set $fv (f32x4.splat (local.get $factor)))
    (local.set $p (local.get $first))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.eqz (local.get $count)))
        (local.set $pv (f64x2.splat (local.get $p)))
        (local.set $j (i32.const 0))
        (local.set $f (i32.const 0))
        (block $vecDone
          (loop $vec
            (br_if $vecDone (i32.ge_u (local.get $j) (local.get $vecEnd)))
            (local.set $c0 (v128.load (i32.add (local.get $state) (local.get $j))))
            (local.set $s0
              (v128.load (i32.add (i32.add (local.get $state) (local.get $hb8)) (local.get $j))))
            (local.set $sc (v128.load (i32.add (local.get $steps) (local.get $j))))
            (local.set $ss
              (v128.load (i32.add (i32.add (local.get $steps) (local.get $hb8)) (local.get $j))))
            (local.set $c
              (f64x2.sub
                (f64x2.mul (local.get $c0) (local.get $sc))
                (f64x2.mul (local.get $s0) (local.get $ss))))
            (local.set $s
              (f64x2.add
                (f64x2.mul (local.get $s0) (local.get $sc))
                (f64x2.mul (local.get $c0) (local.get $ss))))
            (v128.store (i32.add (local.get $state) (local.get $j)) (local.get $c))
            (v128.store
              (i32.add (i32.add (local.get $state) (local.get $hb8)) (local.get $j))
              (local.get $s))
            (if (local.get $float32)
              (then
                (local.set $a
                  (f64x2.mul (local.get $pv)
                    (f64x2.promote_low_f32x4
                      (v128.load64_zero (i32.add (local.get $freq) (local.get $f))))))
                (local.set $d
                  (f64x2.sub
                    (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero (local.get $a)))
                    (local.get $a)))
                (local.set $d2 (f64x2.mul (local.get $d) (local.get $d)))
                (local.set $cd
                  (f64x2.sub (f64x2.splat (f64.const 1))
                    (f64x2.mul (local.get $d2)
                      (f64x2.sub (f64x2.splat (f64.const 0.5))
                        (f64x2.mul (local.get $d2)
                          (f64x2.splat (f64.const 0.041666666666666664)))))))
                (local.set $sd
                  (f64x2.mul (local.get $d)
                    (f64x2.sub (f64x2.splat (f64.const 1))
                      (f64x2.mul (local.get $d2)
                        (f64x2.sub (f64x2.splat (f64.const 0.16666666666666666))
                          (f64x2.mul (local.get $d2)
                            (f64x2.splat (f64.const 0.008333333333333333))))))))
                (local.set $a
                  (f64x2.sub
                    (f64x2.mul (local.get $c) (local.get $cd))
                    (f64x2.mul (local.get $s) (local.get $sd))))
                (local.set $s
                  (f64x2.add
                    (f64x2.mul (local.get $s) (local.get $cd))
                    (f64x2.mul (local.get $c) (local.get $sd))))
                (local.set $c (local.get $a))))
            (v128.store64_lane 0 (i32.add (local.get $cos) (local.get $f))
              (f32x4.mul (f32x4.demote_f64x2_zero (local.get $c)) (local.get $fv)))
            (v128.store64_lane 0 (i32.add (local.get $sin) (local.get $f))
              (f32x4.mul (f32x4.demote_f64x2_zero (local.get $s)) (local.get $fv)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (local.set $f (i32.add (local.get $f) (i32.const 8)))
            (br $vec)))
        ;; h odd: the last pair alone.
        (if (i32.and (local.get $h) (i32.const 1))
          (then
            (local.set $x0 (f64.load (i32.add (local.get $state) (local.get $j))))
            (local.set $y0
              (f64.load (i32.add (i32.add (local.get $state) (local.get $hb8)) (local.get $j))))
            (local.set $x
              (f64.sub
                (f64.mul (local.get $x0) (f64.load (i32.add (local.get $steps) (local.get $j))))
                (f64.mul (local.get $y0)
                  (f64.load (i32.add (i32.add (local.get $steps) (local.get $hb8)) (local.get $j))))))
            (local.set $y
              (f64.add
                (f64.mul (local.get $y0) (f64.load (i32.add (local.get $steps) (local.get $j))))
                (f64.mul (local.get $x0)
                  (f64.load (i32.add (i32.add (local.get $steps) (local.get $hb8)) (local.get $j))))))
            (f64.store (i32.add (local.get $state) (local.get $j)) (local.get $x))
            (f64.store (i32.add (i32.add (local.get $state) (local.get $hb8)) (local.get $j))
              (local.get $y))
            (if (local.get $float32)
              (then
                (local.set $t
                  (f64.mul (local.get $p)
                    (f64.promote_f32 (f32.load (i32.add (local.get $freq) (local.get $f))))))
                (local.set $e
                  (f64.sub (f64.promote_f32 (f32.demote_f64 (local.get $t))) (local.get $t)))
                (local.set $e2 (f64.mul (local.get $e) (local.get $e)))
                (local.set $ce
                  (f64.sub (f64.const 1)
                    (f64.mul (local.get $e2)
                      (f64.sub (f64.const 0.5)
                        (f64.mul (local.get $e2) (f64.const 0.041666666666666664))))))
                (local.set $se
                  (f64.mul (local.get $e)
                    (f64.sub (f64.const 1)
                      (f64.mul (local.get $e2)
                        (f64.sub (f64.const 0.16666666666666666)
                          (f64.mul (local.get $e2) (f64.const 0.008333333333333333)))))))
                (local.set $t
                  (f64.sub
                    (f64.mul (local.get $x) (local.get $ce))
                    (f64.mul (local.get $y) (local.get $se))))
                (local.set $y
                  (f64.add
                    (f64.mul (local.get $y) (local.get $ce))
                    (f64.mul (local.get $x) (local.get $se))))
                (local.set $x (local.get $t))))
            (f32.store (i32.add (local.get $cos) (local.get $f))
              (f32.mul (f32.demote_f64 (local.get $x)) (local.get $factor)))
            (f32.store (i32.add (local.get $sin) (local.get $f))
              (f32.mul (f32.demote_f64 (local.get $y)) (local.get $factor)))))
        (local.set $cos (i32.add (local.get $cos) (local.get $rowBytes)))
        (local.set $sin (i32.add (local.get $sin) (local.get $rowBytes)))
        (local.set $p (f64.add (local.get $p) (f64.const 1)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $rows))))
)
