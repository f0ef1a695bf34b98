;; The cos/sin table rows of the RoPE kernel as WebAssembly SIMD (f64x2):
;; source of ANGLE_ROWS_WASM_BASE64 in _kernel_wasm.ts; rebuild with
;; `deno run -A packages/rope/_build_kernel.ts` after editing. It shares the
;; memory of the rotation module (_kernel.wat), which reads the tables it
;; writes.

(module
  (import "env" "memory" (memory 1))

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
