;; The RoPE rotation as WebAssembly SIMD (f32x4): the kernel behind
;; applyRope. Source of _kernel_wasm.ts; rebuild with
;; `deno run -A packages/rope/_build_kernel.ts` after editing.
;;
;; Both functions rotate a chunk of `ntok` tokens, each holding `hpt` rows
;; (heads) of `rowBytes` bytes, in place. Every row of a token uses that
;; token's row of the cos and sin tables. Dims past the rotated prefix are
;; not touched. Each product and sum is rounded to float32, in the order
;; PyTorch evaluates `x * cos + rotate(x) * sin`, so the results equal
;; Hugging Face's float32 forward bit for bit given the same cos and sin.

(module
  (memory (export "memory") 1)

  ;; pairing "half" (rotate_half: NeoX, Llama): pair (j, j + h).
  ;; Tables hold h float32 per token: cos_j and sin_j.
  (func (export "rotateHalf")
    (param $x i32) (param $cos i32) (param $sin i32)
    (param $ntok i32) (param $hpt i32) (param $rowBytes i32) (param $h i32)
    (local $hb i32) (local $vecBytes i32) (local $row i32) (local $k i32)
    (local $p i32) (local $q i32) (local $c i32) (local $s i32)
    (local $vecEnd i32) (local $end i32)
    (local $a v128) (local $b v128) (local $cv v128) (local $sv v128)
    (local $fa f32) (local $fb f32) (local $fc f32) (local $fs f32)
    (local.set $hb (i32.shl (local.get $h) (i32.const 2)))
    (local.set $vecBytes (i32.and (local.get $hb) (i32.const -16)))
    (local.set $row (local.get $x))
    (block $tokensDone
      (loop $tokens
        (br_if $tokensDone (i32.eqz (local.get $ntok)))
        (local.set $k (local.get $hpt))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.eqz (local.get $k)))
            (local.set $p (local.get $row))
            (local.set $q (i32.add (local.get $row) (local.get $hb)))
            (local.set $c (local.get $cos))
            (local.set $s (local.get $sin))
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
        (local.set $cos (i32.add (local.get $cos) (local.get $hb)))
        (local.set $sin (i32.add (local.get $sin) (local.get $hb)))
        (local.set $ntok (i32.sub (local.get $ntok) (i32.const 1)))
        (br $tokens))))

  ;; pairing "interleaved" (GPT-J, Meta's complex form): pair (2i, 2i + 1).
  ;; Tables hold r float32 per token, already spread over the pair:
  ;; cos = (c0, c0, c1, c1, ...) and sin = (-s0, s0, -s1, s1, ...), so that
  ;; out = x * cos + swapPairs(x) * sin.
  (func (export "rotateInterleaved")
    (param $x i32) (param $cos i32) (param $sin i32)
    (param $ntok i32) (param $hpt i32) (param $rowBytes i32) (param $r i32)
    (local $rb i32) (local $vecBytes i32) (local $row i32) (local $k i32)
    (local $p i32) (local $c i32) (local $s i32) (local $vecEnd i32) (local $end i32)
    (local $v v128)
    (local $fa f32) (local $fb f32)
    (local.set $rb (i32.shl (local.get $r) (i32.const 2)))
    (local.set $vecBytes (i32.and (local.get $rb) (i32.const -16)))
    (local.set $row (local.get $x))
    (block $tokensDone
      (loop $tokens
        (br_if $tokensDone (i32.eqz (local.get $ntok)))
        (local.set $k (local.get $hpt))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.eqz (local.get $k)))
            (local.set $p (local.get $row))
            (local.set $c (local.get $cos))
            (local.set $s (local.get $sin))
            (local.set $vecEnd (i32.add (local.get $row) (local.get $vecBytes)))
            (local.set $end (i32.add (local.get $row) (local.get $rb)))
            (block $vecDone
              (loop $vec
                (br_if $vecDone (i32.ge_u (local.get $p) (local.get $vecEnd)))
                (local.set $v (v128.load (local.get $p)))
                (v128.store (local.get $p)
                  (f32x4.add
                    (f32x4.mul (local.get $v) (v128.load (local.get $c)))
                    (f32x4.mul
                      (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11
                        (local.get $v) (local.get $v))
                      (v128.load (local.get $s)))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (local.set $c (i32.add (local.get $c) (i32.const 16)))
                (local.set $s (i32.add (local.get $s) (i32.const 16)))
                (br $vec)))
            ;; r = 2 (mod 4): one pair left.
            (if (i32.lt_u (local.get $p) (local.get $end))
              (then
                (local.set $fa (f32.load (local.get $p)))
                (local.set $fb (f32.load offset=4 (local.get $p)))
                (f32.store (local.get $p)
                  (f32.add
                    (f32.mul (local.get $fa) (f32.load (local.get $c)))
                    (f32.mul (local.get $fb) (f32.load (local.get $s)))))
                (f32.store offset=4 (local.get $p)
                  (f32.add
                    (f32.mul (local.get $fb) (f32.load offset=4 (local.get $c)))
                    (f32.mul (local.get $fa) (f32.load offset=4 (local.get $s)))))))
            (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $rows)))
        (local.set $cos (i32.add (local.get $cos) (local.get $rb)))
        (local.set $sin (i32.add (local.get $sin) (local.get $rb)))
        (local.set $ntok (i32.sub (local.get $ntok) (i32.const 1)))
        (br $tokens)))))
