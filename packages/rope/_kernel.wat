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
        (br $repeat)))))
