;; The kernel's hottest loops (run by simulator.ts), compiled to kernel-wasm.ts by scripts/gen-wasm.mjs:
;; the normals and c = L z (shocks.ts), the level passes with the transitory part, the route
;; adjustment and exp (levels.ts, transitory.ts, routes.ts, fast-exp.ts), and a block's histogram
;; cells and sums (histogram.ts). Each function is a transcription of a JS function there,
;; operation for operation, so that it gives the same bits (WebAssembly's f64 arithmetic is IEEE
;; binary64, round to nearest, never contracted to fused multiply-adds):
;; test/engine/kernel-wasm.test.ts and aggregation.test.ts compare each with its JS twin. Why wasm: V8 spends 5-6
;; instructions on each typed-array access (bounds, index extension, overflow checks) and has no
;; SIMD; here xoshiro128** runs four streams at once in one i32x4, and exp two paths at once in
;; an f64x2.
;;
;; Memory (bytes): the tables below, a scratch area, then what simulator.ts places (the generator
;; states and ChunkSimulator.mem): every address a function takes is a byte offset.
;;     0  KN   i32[128]  ziggurat: layer limits
;;   512  WN   f64[128]  ziggurat: layer widths / 2^31
;;  1536  FN   f64[128]  ziggurat: density at layer edges
;;  2560  FRAC f64[32]   fast-exp.ts: 2^(j/32)
;;  2832  scratch: the four generators' states, s0 s1 s2 s3 (i32x4 each), while one takes the slow path
;;  3072  end of the fixed part (wasm.ts: FIXED_BYTES)
;;
;; Constants are written as hex floats, the doubles fast-exp.ts and normals.ts compute:
;;   0x1.71547652b82fep5  = 32 / Math.LN2            0x1.62e42fee00000p-6 = 6.93147180369123816490e-1 / 32
;;   0x1.a39ef35793c76p-38 = 1.90821492927058770002e-10 / 32    0x1.8p52 = 1.5 * 2^52
;;   0x1.5555555555555p-3 = 1/6   0x1.5555555555555p-5 = 1/24   0x1.1111111111111p-7 = 1/120
;;   0x1.6c16c16c16c17p-10 = 1/720   0x1.ffffffffffff7p-1 = 1 - 1e-15   0x1.0000000000005p0 = 1 + 1e-15
;;   0x1.b8a7c476d2be8p1 = 3.442619855899 (the ziggurat's R)   0x1p-32 = 2^-32
(module
  (import "env" "memory" (memory 1))

  ;; fast-exp.ts fastExp, one value.
  (func $fexp (param $x f64) (result f64)
    (local $kf f64) (local $r f64) (local $k i32) (local $t f64)
    (if (i32.eqz (i32.and (f64.gt (local.get $x) (f64.const -708)) (f64.lt (local.get $x) (f64.const 709))))
      (then (return (call $expw (local.get $x)))))
    (local.set $kf (f64.sub (f64.add (f64.mul (local.get $x) (f64.const 0x1.71547652b82fep5)) (f64.const 0x1.8p52)) (f64.const 0x1.8p52)))
    (local.set $r (f64.sub (f64.sub (local.get $x) (f64.mul (local.get $kf) (f64.const 0x1.62e42fee00000p-6)))
                           (f64.mul (local.get $kf) (f64.const 0x1.a39ef35793c76p-38))))
    (local.set $k (i32.trunc_f64_s (local.get $kf)))
    (local.set $t (f64.load offset=2560 (i32.shl (i32.and (local.get $k) (i32.const 31)) (i32.const 3))))
    (f64.mul
      (f64.add (local.get $t) (f64.mul (local.get $t)
        (f64.add (local.get $r) (f64.mul (f64.mul (local.get $r) (local.get $r))
          (f64.add (f64.const 0.5) (f64.mul (local.get $r)
            (f64.add (f64.const 0x1.5555555555555p-3) (f64.mul (local.get $r)
              (f64.add (f64.const 0x1.5555555555555p-5) (f64.mul (local.get $r)
                (f64.add (f64.const 0x1.1111111111111p-7) (f64.mul (local.get $r) (f64.const 0x1.6c16c16c16c17p-10)))))))))))))
      ;; POW[(k >> 5) + 1100] = 2^(k >> 5), a normal number for every x in (-708, 709)
      (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (i32.shr_s (local.get $k) (i32.const 5)) (i32.const 1023))) (i64.const 52)))))

  ;; One output of generator $l of the four in scratch (rng.ts nextInt32).
  (func $next (param $l i32) (result i32)
    (local $a i32) (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $n2 i32) (local $n3 i32)
    (local.set $a (i32.shl (local.get $l) (i32.const 2)))
    (local.set $s0 (i32.load offset=2832 (local.get $a)))
    (local.set $s1 (i32.load offset=2848 (local.get $a)))
    (local.set $s2 (i32.load offset=2864 (local.get $a)))
    (local.set $s3 (i32.load offset=2880 (local.get $a)))
    (local.set $n2 (i32.xor (local.get $s2) (local.get $s0)))
    (local.set $n3 (i32.xor (local.get $s3) (local.get $s1)))
    (i32.store offset=2832 (local.get $a) (i32.xor (local.get $s0) (local.get $n3)))
    (i32.store offset=2848 (local.get $a) (i32.xor (local.get $s1) (local.get $n2)))
    (i32.store offset=2864 (local.get $a) (i32.xor (local.get $n2) (i32.shl (local.get $s1) (i32.const 9))))
    (i32.store offset=2880 (local.get $a) (i32.rotl (local.get $n3) (i32.const 11)))
    (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))

  ;; rng.ts nextUniform on generator $l.
  (func $uniform (param $l i32) (result f64)
    (f64.mul (f64.add (f64.convert_i32_u (call $next (local.get $l))) (f64.const 0.5)) (f64.const 0x1p-32)))

  ;; |hz| (as an unsigned number: |-2^31| = 2^31) < KN[iz]: the ziggurat's fast path.
  (func $inside (param $hz i32) (param $iz i32) (result i32)
    (local $s i32)
    (local.set $s (i32.shr_s (local.get $hz) (i32.const 31)))
    (i32.lt_u (i32.sub (i32.xor (local.get $hz) (local.get $s)) (local.get $s))
              (i32.load (i32.shl (local.get $iz) (i32.const 2)))))

  ;; shocks.ts slowShock on generator $l: a wedge or the tail. A wedge's uniform ($uniform) and
  ;; exp ($fexp: t = -x^2/2 with |x| < R is in its range) are written out: V8 does not inline wasm
  ;; calls, and a call costs as much as they do. Whether the wedge takes x is a coin toss that waits
  ;; on the bounds on exp below, so it is not a branch (a branch was 1.5-3% slower on K1): the
  ;; rejection's next draw (from the state after the uniform) is made either way, and kept, with the
  ;; state it leaves, only when x is not taken.
  (func $slow (param $hz i32) (param $iz i32) (param $l i32) (result f64)
    (local $x f64) (local $y f64) (local $t f64) (local $e f64) (local $fi f64)
    (local $a i32) (local $s0 i32) (local $s1 i32) (local $w0 i32) (local $w1 i32) (local $w2 i32) (local $w3 i32)
    (local $n2 i32) (local $n3 i32) (local $acc i32) (local $sg i32)
    (local $kf f64) (local $r f64) (local $k i32) (local $f f64)
    (local $u f64) (local $fa f64) (local $ax f64) (local $xa f64) (local $es f64) (local $s2 f64) (local $lo f64) (local $hi f64) (local $known i32)
    (local.set $a (i32.shl (local.get $l) (i32.const 2)))
    (loop $again
      (local.set $x (f64.mul (f64.convert_i32_s (local.get $hz)) (f64.load offset=512 (i32.shl (local.get $iz) (i32.const 3)))))
      (if (i32.eqz (local.get $iz))
        (then
          (loop $tail
            (local.set $x (f64.div (f64.neg (call $logw (call $uniform (local.get $l)))) (f64.const 0x1.b8a7c476d2be8p1)))
            (local.set $y (f64.neg (call $logw (call $uniform (local.get $l)))))
            (br_if $tail (f64.lt (f64.add (local.get $y) (local.get $y)) (f64.mul (local.get $x) (local.get $x)))))
          (return (select
            (f64.add (f64.const 0x1.b8a7c476d2be8p1) (local.get $x))
            (f64.sub (f64.const -0x1.b8a7c476d2be8p1) (local.get $x))
            (i32.gt_s (local.get $hz) (i32.const 0))))))
      (local.set $fi (f64.load offset=1536 (i32.shl (local.get $iz) (i32.const 3))))
      ;; $uniform: $next on generator l (its new state in w0..w3), then (u + 0.5) 2^-32
      (local.set $s0 (i32.load offset=2832 (local.get $a)))
      (local.set $s1 (i32.load offset=2848 (local.get $a)))
      (local.set $n2 (i32.xor (i32.load offset=2864 (local.get $a)) (local.get $s0)))
      (local.set $n3 (i32.xor (i32.load offset=2880 (local.get $a)) (local.get $s1)))
      (local.set $w0 (i32.xor (local.get $s0) (local.get $n3)))
      (local.set $w1 (i32.xor (local.get $s1) (local.get $n2)))
      (local.set $w2 (i32.xor (local.get $n2) (i32.shl (local.get $s1) (i32.const 9))))
      (local.set $w3 (i32.rotl (local.get $n3) (i32.const 11)))
      (local.set $u (f64.mul (f64.add (f64.convert_i32_u (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
                                     (f64.const 0.5)) (f64.const 0x1p-32)))
      (local.set $fa (f64.load offset=1528 (i32.shl (local.get $iz) (i32.const 3))))
      (local.set $y (f64.add (local.get $fi) (f64.mul (local.get $u) (f64.sub (local.get $fa) (local.get $fi)))))
      (local.set $t (f64.mul (f64.mul (f64.const -0.5) (local.get $x)) (local.get $x)))
      ;; Most wedge points (all but about 1 in 1,000) are decided without exp, whose latency every
      ;; later draw of the four generators waits on: f(x) = exp(-x^2/2) = f(a) e^s with a = x[iz-1]
      ;; (x[i] = 2^31 WN[i], x[0] = 0, f(a) = FN[iz-1] = exp(-a^2/2), normals.ts) and s = (a^2 - x^2)/2 <= 0,
      ;; and 1 + s + s^2/2 + s^3/6 <= e^s <= 1 + s + s^2/2. Each test keeps a margin of 2^-30
      ;; (relative), far above the rounding in these sums, in exp(t) and in fastExp, and above s^3/6
      ;; where s > 0 (|x| below a by KN's rounding, at most 2^-31 b: s < 4e-9), so it decides only
      ;; what y < exp(t) decides, as fastExp and $expw below do.
      (local.set $ax (f64.abs (local.get $x)))
      (local.set $xa (select (f64.const 0) (f64.mul (f64.load offset=504 (i32.shl (local.get $iz) (i32.const 3))) (f64.const 0x1p31))
                             (i32.eq (local.get $iz) (i32.const 1))))
      (local.set $es (f64.mul (f64.mul (f64.sub (local.get $xa) (local.get $ax)) (f64.add (local.get $xa) (local.get $ax))) (f64.const 0.5)))
      (local.set $s2 (f64.mul (local.get $es) (local.get $es)))
      (local.set $hi (f64.add (f64.add (f64.const 1) (local.get $es)) (f64.mul (f64.const 0.5) (local.get $s2))))
      (local.set $lo (f64.add (local.get $hi) (f64.mul (local.get $s2) (f64.mul (local.get $es) (f64.const 0x1.5555555555555p-3)))))
      (local.set $acc (f64.lt (local.get $y) (f64.mul (f64.mul (local.get $fa) (f64.const 0x1.fffffff8p-1)) (local.get $lo))))
      (local.set $known (i32.or (local.get $acc)
        (f64.gt (local.get $y) (f64.mul (f64.mul (local.get $fa) (f64.const 0x1.00000004p0)) (local.get $hi)))))
      (if (i32.eqz (local.get $known))
        (then
          ;; $fexp's fast path
          (local.set $kf (f64.sub (f64.add (f64.mul (local.get $t) (f64.const 0x1.71547652b82fep5)) (f64.const 0x1.8p52)) (f64.const 0x1.8p52)))
          (local.set $r (f64.sub (f64.sub (local.get $t) (f64.mul (local.get $kf) (f64.const 0x1.62e42fee00000p-6)))
                                 (f64.mul (local.get $kf) (f64.const 0x1.a39ef35793c76p-38))))
          (local.set $k (i32.trunc_f64_s (local.get $kf)))
          (local.set $f (f64.load offset=2560 (i32.shl (i32.and (local.get $k) (i32.const 31)) (i32.const 3))))
          (local.set $e (f64.mul
            (f64.add (local.get $f) (f64.mul (local.get $f)
              (f64.add (local.get $r) (f64.mul (f64.mul (local.get $r) (local.get $r))
                (f64.add (f64.const 0.5) (f64.mul (local.get $r)
                  (f64.add (f64.const 0x1.5555555555555p-3) (f64.mul (local.get $r)
                    (f64.add (f64.const 0x1.5555555555555p-5) (f64.mul (local.get $r)
                      (f64.add (f64.const 0x1.1111111111111p-7) (f64.mul (local.get $r) (f64.const 0x1.6c16c16c16c17p-10)))))))))))))
            (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (i32.shr_s (local.get $k) (i32.const 5)) (i32.const 1023))) (i64.const 52)))))
          ;; x is taken when y < e (1 - 1e-15), or, between e (1 -+ 1e-15) (rare), when y < exp(t)
          (local.set $acc (f64.lt (local.get $y) (f64.mul (local.get $e) (f64.const 0x1.ffffffffffff7p-1))))
          (if (i32.eqz (i32.or (local.get $acc) (f64.gt (local.get $y) (f64.mul (local.get $e) (f64.const 0x1.0000000000005p0)))))
            (then (local.set $acc (f64.lt (local.get $y) (call $expw (local.get $t))))))))
      ;; the next output of generator l ($next from w0..w3), and the state kept
      (local.set $n2 (i32.xor (local.get $w2) (local.get $w0)))
      (local.set $n3 (i32.xor (local.get $w3) (local.get $w1)))
      (i32.store offset=2832 (local.get $a) (select (local.get $w0) (i32.xor (local.get $w0) (local.get $n3)) (local.get $acc)))
      (i32.store offset=2848 (local.get $a) (select (local.get $w1) (i32.xor (local.get $w1) (local.get $n2)) (local.get $acc)))
      (i32.store offset=2864 (local.get $a) (select (local.get $w2) (i32.xor (local.get $n2) (i32.shl (local.get $w1) (i32.const 9))) (local.get $acc)))
      (i32.store offset=2880 (local.get $a) (select (local.get $w3) (i32.rotl (local.get $n3) (i32.const 11)) (local.get $acc)))
      (local.set $hz (i32.mul (i32.rotl (i32.mul (local.get $w1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
      (local.set $iz (i32.and (local.get $hz) (i32.const 127)))
      (local.set $sg (i32.shr_s (local.get $hz) (i32.const 31)))
      ;; taken, or the next output on the fast path ($inside): done; otherwise again from that output
      (if (i32.or (local.get $acc) (i32.lt_u (i32.sub (i32.xor (local.get $hz) (local.get $sg)) (local.get $sg))
                                             (i32.load (i32.shl (local.get $iz) (i32.const 2)))))
        (then (return (f64.reinterpret_i64 (select
          (i64.reinterpret_f64 (local.get $x))
          (i64.reinterpret_f64 (f64.mul (f64.convert_i32_s (local.get $hz)) (f64.load offset=512 (i32.shl (local.get $iz) (i32.const 3)))))
          (local.get $acc))))))
      (br $again))
    (unreachable))

  ;; shocks.ts fillShocks for up to four generators at once: generator l (l < $nl) fills
  ;; $out + l * $stride + 8 p, p < $n. Their states, s0 s1 s2 s3 as i32x4 (lane l: generator l),
  ;; are at $st and are left there as fillShocks leaves them.
  (func $shocks4 (export "shocks4") (param $st i32) (param $out i32) (param $stride i32) (param $nl i32) (param $n i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $m v128) (local $t v128)
    (local $p i32) (local $o i32) (local $hz i32) (local $iz i32) (local $sg i32) (local $h v128)
    (local.set $s0 (v128.load (local.get $st)))
    (local.set $s1 (v128.load offset=16 (local.get $st)))
    (local.set $s2 (v128.load offset=32 (local.get $st)))
    (local.set $s3 (v128.load offset=48 (local.get $st)))
    (block $done
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (loop $step
        (local.set $m (i32x4.mul (local.get $s1) (v128.const i32x4 5 5 5 5)))
        (local.set $h (i32x4.mul (v128.or (i32x4.shl (local.get $m) (i32.const 7)) (i32x4.shr_u (local.get $m) (i32.const 25)))
                                 (v128.const i32x4 9 9 9 9)))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 3))))
        ;; generator l < $nl: its output is lane l of $h (the lanes written out: no loop, no scratch)
        (local.set $hz (i32x4.extract_lane 0 (local.get $h)))
        (local.set $iz (i32.and (local.get $hz) (i32.const 127)))
        (local.set $sg (i32.shr_s (local.get $hz) (i32.const 31)))
        (if (i32.lt_u (i32.sub (i32.xor (local.get $hz) (local.get $sg)) (local.get $sg))
                      (i32.load (i32.shl (local.get $iz) (i32.const 2))))
          (then
            (f64.store (local.get $o) (f64.mul (f64.convert_i32_s (local.get $hz))
                                               (f64.load offset=512 (i32.shl (local.get $iz) (i32.const 3))))))
          (else
            (v128.store offset=2832 (i32.const 0) (local.get $s0))
            (v128.store offset=2848 (i32.const 0) (local.get $s1))
            (v128.store offset=2864 (i32.const 0) (local.get $s2))
            (v128.store offset=2880 (i32.const 0) (local.get $s3))
            (f64.store (local.get $o) (call $slow (local.get $hz) (local.get $iz) (i32.const 0)))
            (local.set $s0 (v128.load offset=2832 (i32.const 0)))
            (local.set $s1 (v128.load offset=2848 (i32.const 0)))
            (local.set $s2 (v128.load offset=2864 (i32.const 0)))
            (local.set $s3 (v128.load offset=2880 (i32.const 0)))))
        (if (i32.gt_u (local.get $nl) (i32.const 1))
          (then
            (local.set $o (i32.add (local.get $o) (local.get $stride)))
            (local.set $hz (i32x4.extract_lane 1 (local.get $h)))
            (local.set $iz (i32.and (local.get $hz) (i32.const 127)))
            (local.set $sg (i32.shr_s (local.get $hz) (i32.const 31)))
            (if (i32.lt_u (i32.sub (i32.xor (local.get $hz) (local.get $sg)) (local.get $sg))
                          (i32.load (i32.shl (local.get $iz) (i32.const 2))))
              (then
                (f64.store (local.get $o) (f64.mul (f64.convert_i32_s (local.get $hz))
                                                   (f64.load offset=512 (i32.shl (local.get $iz) (i32.const 3))))))
              (else
                (v128.store offset=2832 (i32.const 0) (local.get $s0))
                (v128.store offset=2848 (i32.const 0) (local.get $s1))
                (v128.store offset=2864 (i32.const 0) (local.get $s2))
                (v128.store offset=2880 (i32.const 0) (local.get $s3))
                (f64.store (local.get $o) (call $slow (local.get $hz) (local.get $iz) (i32.const 1)))
                (local.set $s0 (v128.load offset=2832 (i32.const 0)))
                (local.set $s1 (v128.load offset=2848 (i32.const 0)))
                (local.set $s2 (v128.load offset=2864 (i32.const 0)))
                (local.set $s3 (v128.load offset=2880 (i32.const 0)))))
            (if (i32.gt_u (local.get $nl) (i32.const 2))
              (then
                (local.set $o (i32.add (local.get $o) (local.get $stride)))
                (local.set $hz (i32x4.extract_lane 2 (local.get $h)))
                (local.set $iz (i32.and (local.get $hz) (i32.const 127)))
                (local.set $sg (i32.shr_s (local.get $hz) (i32.const 31)))
                (if (i32.lt_u (i32.sub (i32.xor (local.get $hz) (local.get $sg)) (local.get $sg))
                              (i32.load (i32.shl (local.get $iz) (i32.const 2))))
                  (then
                    (f64.store (local.get $o) (f64.mul (f64.convert_i32_s (local.get $hz))
                                                       (f64.load offset=512 (i32.shl (local.get $iz) (i32.const 3))))))
                  (else
                    (v128.store offset=2832 (i32.const 0) (local.get $s0))
                    (v128.store offset=2848 (i32.const 0) (local.get $s1))
                    (v128.store offset=2864 (i32.const 0) (local.get $s2))
                    (v128.store offset=2880 (i32.const 0) (local.get $s3))
                    (f64.store (local.get $o) (call $slow (local.get $hz) (local.get $iz) (i32.const 2)))
                    (local.set $s0 (v128.load offset=2832 (i32.const 0)))
                    (local.set $s1 (v128.load offset=2848 (i32.const 0)))
                    (local.set $s2 (v128.load offset=2864 (i32.const 0)))
                    (local.set $s3 (v128.load offset=2880 (i32.const 0)))))
                (if (i32.gt_u (local.get $nl) (i32.const 3))
                  (then
                    (local.set $o (i32.add (local.get $o) (local.get $stride)))
                    (local.set $hz (i32x4.extract_lane 3 (local.get $h)))
                    (local.set $iz (i32.and (local.get $hz) (i32.const 127)))
                    (local.set $sg (i32.shr_s (local.get $hz) (i32.const 31)))
                    (if (i32.lt_u (i32.sub (i32.xor (local.get $hz) (local.get $sg)) (local.get $sg))
                                  (i32.load (i32.shl (local.get $iz) (i32.const 2))))
                      (then
                        (f64.store (local.get $o) (f64.mul (f64.convert_i32_s (local.get $hz))
                                                           (f64.load offset=512 (i32.shl (local.get $iz) (i32.const 3))))))
                      (else
                        (v128.store offset=2832 (i32.const 0) (local.get $s0))
                        (v128.store offset=2848 (i32.const 0) (local.get $s1))
                        (v128.store offset=2864 (i32.const 0) (local.get $s2))
                        (v128.store offset=2880 (i32.const 0) (local.get $s3))
                        (f64.store (local.get $o) (call $slow (local.get $hz) (local.get $iz) (i32.const 3)))
                        (local.set $s0 (v128.load offset=2832 (i32.const 0)))
                        (local.set $s1 (v128.load offset=2848 (i32.const 0)))
                        (local.set $s2 (v128.load offset=2864 (i32.const 0)))
                        (local.set $s3 (v128.load offset=2880 (i32.const 0)))))))))))
        (br_if $step (i32.lt_s (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $n)))))
    (v128.store (local.get $st) (local.get $s0))
    (v128.store offset=16 (local.get $st) (local.get $s1))
    (v128.store offset=32 (local.get $st) (local.get $s2))
    (v128.store offset=48 (local.get $st) (local.get $s3)))

  ;; levels.ts levelsFixed then observe, over $n paths ($n even), two at a time:
  ;; x += g (1 - v ip) + d + s c; e = x (+ lnRoute when $or >= 0); then observe.
  (func $levelsObserve (export "levelsObserve") (param $oc i32) (param $ox i32) (param $ov i32) (param $or i32) (param $oe i32) (param $os i32) (param $tk i32)
      (param $g f64) (param $ip f64) (param $d f64) (param $s f64) (param $first i32) (param $n i32)
    (local $i i32) (local $end i32) (local $xv v128)
    (local $gv v128) (local $ipv v128) (local $dv v128) (local $sv v128)
    (local.set $gv (f64x2.splat (local.get $g)))
    (local.set $ipv (f64x2.splat (local.get $ip)))
    (local.set $dv (f64x2.splat (local.get $d)))
    (local.set $sv (f64x2.splat (local.get $s)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      ;; two pairs a step while two are left, then the last pair alone
      (block $pairs2
        (br_if $pairs2 (i32.lt_s (local.get $end) (i32.const 32)))
        (loop $path2
        (local.set $xv (f64x2.add (f64x2.add
          (f64x2.add (v128.load (i32.add (local.get $ox) (local.get $i)))
                     (f64x2.mul (local.get $gv) (f64x2.sub (v128.const f64x2 1 1)
                                                           (f64x2.mul (v128.load (i32.add (local.get $ov) (local.get $i))) (local.get $ipv)))))
          (local.get $dv))
          (f64x2.mul (local.get $sv) (v128.load (i32.add (local.get $oc) (local.get $i))))))
        (v128.store (i32.add (local.get $ox) (local.get $i)) (local.get $xv))
        (v128.store (i32.add (local.get $oe) (local.get $i)) (if (result v128) (i32.ge_s (local.get $or) (i32.const 0))
          (then (f64x2.add (local.get $xv) (v128.load (i32.add (local.get $or) (local.get $i)))))
          (else (local.get $xv))))
        (local.set $xv (f64x2.add (f64x2.add
          (f64x2.add (v128.load offset=16 (i32.add (local.get $ox) (local.get $i)))
                     (f64x2.mul (local.get $gv) (f64x2.sub (v128.const f64x2 1 1)
                                                           (f64x2.mul (v128.load offset=16 (i32.add (local.get $ov) (local.get $i))) (local.get $ipv)))))
          (local.get $dv))
          (f64x2.mul (local.get $sv) (v128.load offset=16 (i32.add (local.get $oc) (local.get $i))))))
        (v128.store offset=16 (i32.add (local.get $ox) (local.get $i)) (local.get $xv))
        (v128.store offset=16 (i32.add (local.get $oe) (local.get $i)) (if (result v128) (i32.ge_s (local.get $or) (i32.const 0))
          (then (f64x2.add (local.get $xv) (v128.load offset=16 (i32.add (local.get $or) (local.get $i)))))
          (else (local.get $xv))))
          (br_if $path2 (i32.le_s (i32.add (local.tee $i (i32.add (local.get $i) (i32.const 32))) (i32.const 32)) (local.get $end)))))
      (if (i32.lt_s (local.get $i) (local.get $end))
        (then
        (local.set $xv (f64x2.add (f64x2.add
          (f64x2.add (v128.load (i32.add (local.get $ox) (local.get $i)))
                     (f64x2.mul (local.get $gv) (f64x2.sub (v128.const f64x2 1 1)
                                                           (f64x2.mul (v128.load (i32.add (local.get $ov) (local.get $i))) (local.get $ipv)))))
          (local.get $dv))
          (f64x2.mul (local.get $sv) (v128.load (i32.add (local.get $oc) (local.get $i))))))
        (v128.store (i32.add (local.get $ox) (local.get $i)) (local.get $xv))
        (v128.store (i32.add (local.get $oe) (local.get $i)) (if (result v128) (i32.ge_s (local.get $or) (i32.const 0))
          (then (f64x2.add (local.get $xv) (v128.load (i32.add (local.get $or) (local.get $i)))))
          (else (local.get $xv))))
)))
    (call $observe (local.get $oe) (local.get $ov) (local.get $os) (local.get $tk) (local.get $first) (local.get $n)))

  ;; levels.ts levelsGeneral then observe, over $n paths ($n even), two at a time. Parameters per
  ;; path at $og $oi $od $ovs, or ($fixed) the same on every path: $g $ip $d $s. Unless $stat, the
  ;; policy multiplier moves: lm = l0 + alpha (tgt - l0), and e = x + lm (+ lnRoute when $or >= 0).
  ;; A transitory part ($tr 1, transitory.ts advance without jumps: its normals at $ozt, u v phi s
  ;; at $ou $ovv $ophi $osd; $tr 2: u and v already moved) adds u - v/2 to e. A route adjustment
  ;; ($adj, routes.ts adjustFlow; $or is then -1) moves a at $oadj toward the target at $oatg by the
  ;; share at $oalr, and the route term is min(a, cap at $ocap) (-Infinity when the target is NaN).
  (func (export "levelsGeneralObserve") (param $oc i32) (param $ox i32) (param $ov i32) (param $or i32) (param $oe i32) (param $os i32) (param $tk i32)
      (param $og i32) (param $oi i32) (param $od i32) (param $ovs i32) (param $olm i32) (param $oa i32) (param $ot i32)
      (param $g f64) (param $ip f64) (param $d f64) (param $s f64) (param $fixed i32) (param $stat i32) (param $first i32) (param $n i32)
      (param $tr i32) (param $ozt i32) (param $ou i32) (param $ovv i32) (param $ophi i32) (param $osd i32)
      (param $adj i32) (param $oadj i32) (param $oalr i32) (param $oatg i32) (param $ocap i32)
    (local $tg v128) (local $a0 v128) (local $an v128) (local $nt v128)
    (local $i i32) (local $end i32) (local $xv v128) (local $ev v128) (local $l0 v128) (local $lm v128)
    (local $ph v128) (local $sd v128) (local $uu v128) (local $vv v128)
    (local $gv v128) (local $ipv v128) (local $dv v128) (local $sv v128)
    (local.set $gv (f64x2.splat (local.get $g)))
    (local.set $ipv (f64x2.splat (local.get $ip)))
    (local.set $dv (f64x2.splat (local.get $d)))
    (local.set $sv (f64x2.splat (local.get $s)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (loop $path
        (if (i32.eqz (local.get $fixed))
          (then
            (local.set $gv (v128.load (i32.add (local.get $og) (local.get $i))))
            (local.set $ipv (v128.load (i32.add (local.get $oi) (local.get $i))))
            (local.set $dv (v128.load (i32.add (local.get $od) (local.get $i))))
            (local.set $sv (v128.load (i32.add (local.get $ovs) (local.get $i))))))
        (local.set $xv (f64x2.add (f64x2.add
          (f64x2.add (v128.load (i32.add (local.get $ox) (local.get $i)))
                     (f64x2.mul (local.get $gv) (f64x2.sub (v128.const f64x2 1 1)
                                                           (f64x2.mul (v128.load (i32.add (local.get $ov) (local.get $i))) (local.get $ipv)))))
          (local.get $dv))
          (f64x2.mul (local.get $sv) (v128.load (i32.add (local.get $oc) (local.get $i))))))
        (v128.store (i32.add (local.get $ox) (local.get $i)) (local.get $xv))
        (local.set $ev (local.get $xv))
        (if (i32.eqz (local.get $stat))
          (then
            (local.set $l0 (v128.load (i32.add (local.get $olm) (local.get $i))))
            (local.set $lm (f64x2.add (local.get $l0)
              (f64x2.mul (v128.load (i32.add (local.get $oa) (local.get $i)))
                         (f64x2.sub (v128.load (i32.add (local.get $ot) (local.get $i))) (local.get $l0)))))
            (v128.store (i32.add (local.get $olm) (local.get $i)) (local.get $lm))
            (local.set $ev (f64x2.add (local.get $xv) (local.get $lm)))))
        (if (i32.ge_s (local.get $or) (i32.const 0))
          (then (local.set $ev (f64x2.add (local.get $ev) (v128.load (i32.add (local.get $or) (local.get $i)))))))
        (if (local.get $adj)
          (then
            ;; a = a0 is NaN ? target : a0 + alpha (target - a0); kept only where the target is a number
            (local.set $tg (v128.load (i32.add (local.get $oatg) (local.get $i))))
            (local.set $a0 (v128.load (i32.add (local.get $oadj) (local.get $i))))
            (local.set $an (v128.bitselect (local.get $tg)
              (f64x2.add (local.get $a0) (f64x2.mul (v128.load (i32.add (local.get $oalr) (local.get $i))) (f64x2.sub (local.get $tg) (local.get $a0))))
              (f64x2.ne (local.get $a0) (local.get $a0))))
            (local.set $nt (f64x2.ne (local.get $tg) (local.get $tg)))
            (v128.store (i32.add (local.get $oadj) (local.get $i)) (v128.bitselect (local.get $a0) (local.get $an) (local.get $nt)))
            (local.set $ev (f64x2.add (local.get $ev)
              (v128.bitselect (v128.const f64x2 -inf -inf)
                              (f64x2.min (local.get $an) (v128.load (i32.add (local.get $ocap) (local.get $i))))
                              (local.get $nt))))))
        (if (local.get $tr)
          (then
            (if (i32.eq (local.get $tr) (i32.const 1))
              (then
                ;; u = phi u + s z, v = phi phi v + s s
                (local.set $ph (v128.load (i32.add (local.get $ophi) (local.get $i))))
                (local.set $sd (v128.load (i32.add (local.get $osd) (local.get $i))))
                (local.set $uu (f64x2.add (f64x2.mul (local.get $ph) (v128.load (i32.add (local.get $ou) (local.get $i))))
                                          (f64x2.mul (local.get $sd) (v128.load (i32.add (local.get $ozt) (local.get $i))))))
                (local.set $vv (f64x2.add (f64x2.mul (f64x2.mul (local.get $ph) (local.get $ph)) (v128.load (i32.add (local.get $ovv) (local.get $i))))
                                          (f64x2.mul (local.get $sd) (local.get $sd))))
                (v128.store (i32.add (local.get $ou) (local.get $i)) (local.get $uu))
                (v128.store (i32.add (local.get $ovv) (local.get $i)) (local.get $vv)))
              (else
                (local.set $uu (v128.load (i32.add (local.get $ou) (local.get $i))))
                (local.set $vv (v128.load (i32.add (local.get $ovv) (local.get $i))))))
            (local.set $ev (f64x2.sub (f64x2.add (local.get $ev) (local.get $uu)) (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $vv))))))
        (v128.store (i32.add (local.get $oe) (local.get $i)) (local.get $ev))
        (br_if $path (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 16))) (local.get $end)))))
    (call $observe (local.get $oe) (local.get $ov) (local.get $os) (local.get $tk) (local.get $first) (local.get $n)))

  ;; levels.ts observe, over $n paths ($n even), two at a time: v = exp(e); seg += v; total (+)= v.
  ;; $expRun runs pairs while the exponents are in (-708, 709); a pair that is not (NaN included)
  ;; takes fastExp's scalar form ($fexp: $expw there), as does a last pair that $expRun leaves.
  (func $observe (export "observe") (param $oe i32) (param $ov i32) (param $os i32) (param $tk i32) (param $first i32) (param $n i32)
    (local $i i32) (local $end i32) (local $x v128) (local $y v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (local.set $i (call $expRun (local.get $oe) (local.get $ov) (local.get $os) (local.get $tk) (local.get $first) (local.get $i) (local.get $end)))
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (local.set $x (v128.load (i32.add (local.get $oe) (local.get $i))))
        (local.set $y (f64x2.replace_lane 1 (f64x2.splat (call $fexp (f64x2.extract_lane 0 (local.get $x))))
                                            (call $fexp (f64x2.extract_lane 1 (local.get $x)))))
        (v128.store (i32.add (local.get $ov) (local.get $i)) (local.get $y))
        (v128.store (i32.add (local.get $os) (local.get $i)) (f64x2.add (v128.load (i32.add (local.get $os) (local.get $i))) (local.get $y)))
        (v128.store (i32.add (local.get $tk) (local.get $i)) (if (result v128) (local.get $first)
          (then (local.get $y))
          (else (f64x2.add (v128.load (i32.add (local.get $tk) (local.get $i))) (local.get $y)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs))))

  ;; ---- the level pass of a flow whose policy moves and route adjusts ----
  ;; levelsGeneralObserve for a flow whose policy multiplier moves ($stat 0) and whose route factor
  ;; adjusts ($adj 1, so $or -1), the shape of the scenarios' flows, with growth per path (at $og)
  ;; and ip d s the same on every path (the volatility and the potential fixed): without the
  ;; branches and the loads of the other cases, 20% faster. The transitory part as there, or ($tr 3)
  ;; with phi and s the same on every path ($phs $sds).
  (func $levelsMovingObserve (export "levelsMovingObserve") (param $oc i32) (param $ox i32) (param $ov i32) (param $oe i32) (param $os i32) (param $tk i32)
      (param $og i32) (param $ip f64) (param $d f64) (param $s f64) (param $olm i32) (param $oa i32) (param $ot i32)
      (param $first i32) (param $n i32)
      (param $tr i32) (param $ozt i32) (param $ou i32) (param $ovv i32) (param $ophi i32) (param $osd i32) (param $phs f64) (param $sds f64)
      (param $oadj i32) (param $oalr i32) (param $oatg i32) (param $ocap i32)
    (local $tg v128) (local $a0 v128) (local $an v128) (local $nt v128)
    (local $i i32) (local $end i32) (local $xv v128) (local $ev v128) (local $l0 v128) (local $lm v128)
    (local $ph v128) (local $sd v128) (local $uu v128) (local $vv v128)
    (local $ipv v128) (local $dv v128) (local $sv v128) (local $phv v128) (local $sdv v128)
    (local.set $ipv (f64x2.splat (local.get $ip)))
    (local.set $dv (f64x2.splat (local.get $d)))
    (local.set $sv (f64x2.splat (local.get $s)))
    (local.set $phv (f64x2.splat (local.get $phs)))
    (local.set $sdv (f64x2.splat (local.get $sds)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (loop $path
        (local.set $xv (f64x2.add (f64x2.add
          (f64x2.add (v128.load (i32.add (local.get $ox) (local.get $i)))
                     (f64x2.mul (v128.load (i32.add (local.get $og) (local.get $i)))
                                (f64x2.sub (v128.const f64x2 1 1)
                                           (f64x2.mul (v128.load (i32.add (local.get $ov) (local.get $i)))
                                                      (local.get $ipv)))))
          (local.get $dv))
          (f64x2.mul (local.get $sv)
                     (v128.load (i32.add (local.get $oc) (local.get $i))))))
        (v128.store (i32.add (local.get $ox) (local.get $i)) (local.get $xv))
        (local.set $ev (local.get $xv))
        ;; the policy multiplier
        (local.set $l0 (v128.load (i32.add (local.get $olm) (local.get $i))))
        (local.set $lm (f64x2.add (local.get $l0)
          (f64x2.mul (v128.load (i32.add (local.get $oa) (local.get $i)))
                     (f64x2.sub (v128.load (i32.add (local.get $ot) (local.get $i))) (local.get $l0)))))
        (v128.store (i32.add (local.get $olm) (local.get $i)) (local.get $lm))
        (local.set $ev (f64x2.add (local.get $xv) (local.get $lm)))
        ;; the route adjustment: a = a0 is NaN ? target : a0 + alpha (target - a0); kept only where the target is a number
        (local.set $tg (v128.load (i32.add (local.get $oatg) (local.get $i))))
        (local.set $a0 (v128.load (i32.add (local.get $oadj) (local.get $i))))
        (local.set $an (v128.bitselect (local.get $tg)
          (f64x2.add (local.get $a0) (f64x2.mul (v128.load (i32.add (local.get $oalr) (local.get $i))) (f64x2.sub (local.get $tg) (local.get $a0))))
          (f64x2.ne (local.get $a0) (local.get $a0))))
        (local.set $nt (f64x2.ne (local.get $tg) (local.get $tg)))
        (v128.store (i32.add (local.get $oadj) (local.get $i)) (v128.bitselect (local.get $a0) (local.get $an) (local.get $nt)))
        (local.set $ev (f64x2.add (local.get $ev)
          (v128.bitselect (v128.const f64x2 -inf -inf)
                          (f64x2.min (local.get $an) (v128.load (i32.add (local.get $ocap) (local.get $i))))
                          (local.get $nt))))
        (if (local.get $tr)
          (then
            (if (i32.ne (local.get $tr) (i32.const 2))
              (then
                ;; u = phi u + s z, v = phi phi v + s s
                (if (i32.eq (local.get $tr) (i32.const 1))
                  (then
                    (local.set $ph (v128.load (i32.add (local.get $ophi) (local.get $i))))
                    (local.set $sd (v128.load (i32.add (local.get $osd) (local.get $i)))))
                  (else
                    (local.set $ph (local.get $phv))
                    (local.set $sd (local.get $sdv))))
                (local.set $uu (f64x2.add (f64x2.mul (local.get $ph) (v128.load (i32.add (local.get $ou) (local.get $i))))
                                          (f64x2.mul (local.get $sd) (v128.load (i32.add (local.get $ozt) (local.get $i))))))
                (local.set $vv (f64x2.add (f64x2.mul (f64x2.mul (local.get $ph) (local.get $ph)) (v128.load (i32.add (local.get $ovv) (local.get $i))))
                                          (f64x2.mul (local.get $sd) (local.get $sd))))
                (v128.store (i32.add (local.get $ou) (local.get $i)) (local.get $uu))
                (v128.store (i32.add (local.get $ovv) (local.get $i)) (local.get $vv)))
              (else
                (local.set $uu (v128.load (i32.add (local.get $ou) (local.get $i))))
                (local.set $vv (v128.load (i32.add (local.get $ovv) (local.get $i))))))
            (local.set $ev (f64x2.sub (f64x2.add (local.get $ev) (local.get $uu)) (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $vv))))))
        (v128.store (i32.add (local.get $oe) (local.get $i)) (local.get $ev))
        (br_if $path (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 16))) (local.get $end)))))
    (call $observe (local.get $oe) (local.get $ov) (local.get $os) (local.get $tk) (local.get $first) (local.get $n)))

  ;; ---- a block's histogram cells and sums (the run's aggregation) ----
  ;; histogram.ts binOf, one value: 0 for zeros, negatives and NaN; 1 in (0, 2^16); 8194 (BINS - 1)
  ;; from 2^48; else 2 + the exponent and top 8 mantissa bits above 2^16's, from the high word.
  (func $bin (param $v f64) (result i32)
    (if (i32.eqz (f64.ge (local.get $v) (f64.const 0x1p16))) (then (return (f64.gt (local.get $v) (f64.const 0)))))
    (if (f64.ge (local.get $v) (f64.const 0x1p48)) (then (return (i32.const 8194))))
    (i32.add (i32.const 2) (i32.shr_u (i32.sub (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $v)) (i64.const 32)))
                                              (i32.const 0x40f00000)) (i32.const 12))))

  ;; histogram.ts binSums: $rows rows of $n values, row r at $src + 8 $stride r. Value p of row r goes
  ;; to histogram cell $cell0 + 8195 r + its bin (BINS = 8195), written (i32) to $cells + 4 ($cstride r + p);
  ;; the sum of the row's values to $sum + 8 r and of their squares to $sumsq + 8 r, each in path
  ;; order. Four rows at a time (the last group repeats the last row), so that four sums run in two
  ;; f64x2 (rows 0 and 1, rows 2 and 3) side by side; paths two at a time. A bin is
  ;; 2 + (hi - hi(2^16)) >> 12 when the high word hi is in [hi(2^16), hi(2^48)) (one unsigned
  ;; compare), else $bin. test/engine/aggregation.test.ts compares it with its JS twin.
  (func (export "binSums") (param $src i32) (param $rows i32) (param $n i32) (param $stride i32)
                           (param $cells i32) (param $cstride i32) (param $cell0 i32) (param $sum i32) (param $sumsq i32)
    (local $g i32) (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $i i32) (local $j i32) (local $end i32) (local $last i32) (local $v f64)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $cAB v128) (local $cCD v128)
    (local $A v128) (local $B v128) (local $C v128) (local $D v128) (local $dAB v128) (local $dCD v128) (local $x v128)
    (local $sAB v128) (local $ssAB v128) (local $sCD v128) (local $ssCD v128)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (local.set $last (i32.sub (local.get $rows) (i32.const 1)))
    (block $done
      (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
      (loop $group
        (local.set $r0 (local.get $g))
        (local.set $r1 (select (i32.add (local.get $g) (i32.const 1)) (local.get $last) (i32.lt_s (i32.add (local.get $g) (i32.const 1)) (local.get $rows))))
        (local.set $r2 (select (i32.add (local.get $g) (i32.const 2)) (local.get $last) (i32.lt_s (i32.add (local.get $g) (i32.const 2)) (local.get $rows))))
        (local.set $r3 (select (i32.add (local.get $g) (i32.const 3)) (local.get $last) (i32.lt_s (i32.add (local.get $g) (i32.const 3)) (local.get $rows))))
        (local.set $a0 (i32.add (local.get $src) (i32.shl (i32.mul (local.get $r0) (local.get $stride)) (i32.const 3))))
        (local.set $a1 (i32.add (local.get $src) (i32.shl (i32.mul (local.get $r1) (local.get $stride)) (i32.const 3))))
        (local.set $a2 (i32.add (local.get $src) (i32.shl (i32.mul (local.get $r2) (local.get $stride)) (i32.const 3))))
        (local.set $a3 (i32.add (local.get $src) (i32.shl (i32.mul (local.get $r3) (local.get $stride)) (i32.const 3))))
        (local.set $b0 (i32.add (local.get $cells) (i32.shl (i32.mul (local.get $r0) (local.get $cstride)) (i32.const 2))))
        (local.set $c0 (i32.add (local.get $cell0) (i32.mul (local.get $r0) (i32.const 8195))))
        (local.set $b1 (i32.add (local.get $cells) (i32.shl (i32.mul (local.get $r1) (local.get $cstride)) (i32.const 2))))
        (local.set $c1 (i32.add (local.get $cell0) (i32.mul (local.get $r1) (i32.const 8195))))
        (local.set $b2 (i32.add (local.get $cells) (i32.shl (i32.mul (local.get $r2) (local.get $cstride)) (i32.const 2))))
        (local.set $c2 (i32.add (local.get $cell0) (i32.mul (local.get $r2) (i32.const 8195))))
        (local.set $b3 (i32.add (local.get $cells) (i32.shl (i32.mul (local.get $r3) (local.get $cstride)) (i32.const 2))))
        (local.set $c3 (i32.add (local.get $cell0) (i32.mul (local.get $r3) (i32.const 8195))))
        ;; cells of bin 0 for [A0 A1 B0 B1] and [C0 C1 D0 D1], plus 2
        (local.set $cAB (i32x4.add (i32x4.replace_lane 2 (i32x4.replace_lane 3 (i32x4.splat (local.get $c0)) (local.get $c1)) (local.get $c1)) (v128.const i32x4 2 2 2 2)))
        (local.set $cCD (i32x4.add (i32x4.replace_lane 2 (i32x4.replace_lane 3 (i32x4.splat (local.get $c2)) (local.get $c3)) (local.get $c3)) (v128.const i32x4 2 2 2 2)))
        (local.set $sAB (v128.const i64x2 0 0)) (local.set $ssAB (v128.const i64x2 0 0))
        (local.set $sCD (v128.const i64x2 0 0)) (local.set $ssCD (v128.const i64x2 0 0))
        (local.set $i (i32.const 0))
        (block $pairsDone
          (br_if $pairsDone (i32.ge_u (local.get $i) (local.get $end)))
          (loop $pair
            (local.set $j (i32.shr_u (local.get $i) (i32.const 1)))
            (local.set $A (v128.load (i32.add (local.get $a0) (local.get $i))))
            (local.set $B (v128.load (i32.add (local.get $a1) (local.get $i))))
            (local.set $C (v128.load (i32.add (local.get $a2) (local.get $i))))
            (local.set $D (v128.load (i32.add (local.get $a3) (local.get $i))))
            ;; the high words, less hi(2^16): [A0 A1 B0 B1], [C0 C1 D0 D1]
            (local.set $dAB (i32x4.sub (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $A) (local.get $B))
                                       (v128.const i32x4 0x40f00000 0x40f00000 0x40f00000 0x40f00000)))
            (local.set $dCD (i32x4.sub (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $C) (local.get $D))
                                       (v128.const i32x4 0x40f00000 0x40f00000 0x40f00000 0x40f00000)))
            (if (i32x4.all_true (v128.and (i32x4.lt_u (local.get $dAB) (v128.const i32x4 0x2000000 0x2000000 0x2000000 0x2000000))
                                          (i32x4.lt_u (local.get $dCD) (v128.const i32x4 0x2000000 0x2000000 0x2000000 0x2000000))))
              (then
                (local.set $dAB (i32x4.add (i32x4.shr_u (local.get $dAB) (i32.const 12)) (local.get $cAB)))
                (local.set $dCD (i32x4.add (i32x4.shr_u (local.get $dCD) (i32.const 12)) (local.get $cCD)))
                (v128.store64_lane 0 (i32.add (local.get $b0) (local.get $j)) (local.get $dAB))
                (v128.store64_lane 1 (i32.add (local.get $b1) (local.get $j)) (local.get $dAB))
                (v128.store64_lane 0 (i32.add (local.get $b2) (local.get $j)) (local.get $dCD))
                (v128.store64_lane 1 (i32.add (local.get $b3) (local.get $j)) (local.get $dCD)))
              (else
                (i32.store (i32.add (local.get $b0) (local.get $j)) (i32.add (local.get $c0) (call $bin (f64x2.extract_lane 0 (local.get $A)))))
                (i32.store offset=4 (i32.add (local.get $b0) (local.get $j)) (i32.add (local.get $c0) (call $bin (f64x2.extract_lane 1 (local.get $A)))))
                (i32.store (i32.add (local.get $b1) (local.get $j)) (i32.add (local.get $c1) (call $bin (f64x2.extract_lane 0 (local.get $B)))))
                (i32.store offset=4 (i32.add (local.get $b1) (local.get $j)) (i32.add (local.get $c1) (call $bin (f64x2.extract_lane 1 (local.get $B)))))
                (i32.store (i32.add (local.get $b2) (local.get $j)) (i32.add (local.get $c2) (call $bin (f64x2.extract_lane 0 (local.get $C)))))
                (i32.store offset=4 (i32.add (local.get $b2) (local.get $j)) (i32.add (local.get $c2) (call $bin (f64x2.extract_lane 1 (local.get $C)))))
                (i32.store (i32.add (local.get $b3) (local.get $j)) (i32.add (local.get $c3) (call $bin (f64x2.extract_lane 0 (local.get $D)))))
                (i32.store offset=4 (i32.add (local.get $b3) (local.get $j)) (i32.add (local.get $c3) (call $bin (f64x2.extract_lane 1 (local.get $D)))))))
            ;; sums: path p ([A0 B0], [C0 D0]), then path p + 1 ([A1 B1], [C1 D1])
            (local.set $x (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $A) (local.get $B)))
            (local.set $sAB (f64x2.add (local.get $sAB) (local.get $x)))
            (local.set $ssAB (f64x2.add (local.get $ssAB) (f64x2.mul (local.get $x) (local.get $x))))
            (local.set $x (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $C) (local.get $D)))
            (local.set $sCD (f64x2.add (local.get $sCD) (local.get $x)))
            (local.set $ssCD (f64x2.add (local.get $ssCD) (f64x2.mul (local.get $x) (local.get $x))))
            (local.set $x (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $A) (local.get $B)))
            (local.set $sAB (f64x2.add (local.get $sAB) (local.get $x)))
            (local.set $ssAB (f64x2.add (local.get $ssAB) (f64x2.mul (local.get $x) (local.get $x))))
            (local.set $x (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $C) (local.get $D)))
            (local.set $sCD (f64x2.add (local.get $sCD) (local.get $x)))
            (local.set $ssCD (f64x2.add (local.get $ssCD) (f64x2.mul (local.get $x) (local.get $x))))
            (br_if $pair (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 16))) (local.get $end)))))
        ;; an odd last path, one row at a time
        (if (i32.and (local.get $n) (i32.const 1))
          (then
            (local.set $j (i32.shr_u (local.get $end) (i32.const 1)))
            (local.set $v (f64.load (i32.add (local.get $a0) (local.get $end))))
            (i32.store (i32.add (local.get $b0) (local.get $j)) (i32.add (local.get $c0) (call $bin (local.get $v))))
            (local.set $sAB (f64x2.replace_lane 0 (local.get $sAB) (f64.add (f64x2.extract_lane 0 (local.get $sAB)) (local.get $v))))
            (local.set $ssAB (f64x2.replace_lane 0 (local.get $ssAB) (f64.add (f64x2.extract_lane 0 (local.get $ssAB)) (f64.mul (local.get $v) (local.get $v)))))
            (local.set $v (f64.load (i32.add (local.get $a1) (local.get $end))))
            (i32.store (i32.add (local.get $b1) (local.get $j)) (i32.add (local.get $c1) (call $bin (local.get $v))))
            (local.set $sAB (f64x2.replace_lane 1 (local.get $sAB) (f64.add (f64x2.extract_lane 1 (local.get $sAB)) (local.get $v))))
            (local.set $ssAB (f64x2.replace_lane 1 (local.get $ssAB) (f64.add (f64x2.extract_lane 1 (local.get $ssAB)) (f64.mul (local.get $v) (local.get $v)))))
            (local.set $v (f64.load (i32.add (local.get $a2) (local.get $end))))
            (i32.store (i32.add (local.get $b2) (local.get $j)) (i32.add (local.get $c2) (call $bin (local.get $v))))
            (local.set $sCD (f64x2.replace_lane 0 (local.get $sCD) (f64.add (f64x2.extract_lane 0 (local.get $sCD)) (local.get $v))))
            (local.set $ssCD (f64x2.replace_lane 0 (local.get $ssCD) (f64.add (f64x2.extract_lane 0 (local.get $ssCD)) (f64.mul (local.get $v) (local.get $v)))))
            (local.set $v (f64.load (i32.add (local.get $a3) (local.get $end))))
            (i32.store (i32.add (local.get $b3) (local.get $j)) (i32.add (local.get $c3) (call $bin (local.get $v))))
            (local.set $sCD (f64x2.replace_lane 1 (local.get $sCD) (f64.add (f64x2.extract_lane 1 (local.get $sCD)) (local.get $v))))
            (local.set $ssCD (f64x2.replace_lane 1 (local.get $ssCD) (f64.add (f64x2.extract_lane 1 (local.get $ssCD)) (f64.mul (local.get $v) (local.get $v)))))))
        (f64.store (i32.add (local.get $sum) (i32.shl (local.get $r0) (i32.const 3))) (f64x2.extract_lane 0 (local.get $sAB)))
        (f64.store (i32.add (local.get $sum) (i32.shl (local.get $r1) (i32.const 3))) (f64x2.extract_lane 1 (local.get $sAB)))
        (f64.store (i32.add (local.get $sum) (i32.shl (local.get $r2) (i32.const 3))) (f64x2.extract_lane 0 (local.get $sCD)))
        (f64.store (i32.add (local.get $sum) (i32.shl (local.get $r3) (i32.const 3))) (f64x2.extract_lane 1 (local.get $sCD)))
        (f64.store (i32.add (local.get $sumsq) (i32.shl (local.get $r0) (i32.const 3))) (f64x2.extract_lane 0 (local.get $ssAB)))
        (f64.store (i32.add (local.get $sumsq) (i32.shl (local.get $r1) (i32.const 3))) (f64x2.extract_lane 1 (local.get $ssAB)))
        (f64.store (i32.add (local.get $sumsq) (i32.shl (local.get $r2) (i32.const 3))) (f64x2.extract_lane 0 (local.get $ssCD)))
        (f64.store (i32.add (local.get $sumsq) (i32.shl (local.get $r3) (i32.const 3))) (f64x2.extract_lane 1 (local.get $ssCD)))
        (br_if $group (i32.lt_s (local.tee $g (i32.add (local.get $g) (i32.const 4))) (local.get $rows))))))

  ;; ---- c = L z, a step's normals in one call, and one levels call for all flows ----

  ;; shocks.ts correlatePasses (c = L z) for a block, four rows of L and four paths at a time, when no
  ;; L[f][j] with 0 < j <= f is 0 (then the JS functions leave out no term): row f of c is at
  ;; $oc + 2048 f and of z at $oz + 2048 f (BLOCK = 256 paths of 8 bytes, layout.ts), written for
  ;; paths p < $n rounded up to a multiple of 4 (<= BLOCK); row f's sum adds L[f][j] z[j] for
  ;; j = 0, 1, .., f in that order. L at $lt as shocks.ts correlateTable lays it out: rows 4g..4g+3
  ;; at $lt + 64 F4 g (F4: $nf rounded up to a multiple of 4), L[4g + k][j] in both lanes at + 64 j + 16 k,
  ;; 0 for rows past $nf. Each coefficient is one load per four paths, the sums stay in registers.
  (func $correlate (export "correlate") (param $lt i32) (param $oz i32) (param $oc i32) (param $nf i32) (param $n i32)
    (local $r0 i32) (local $nr i32) (local $lg i32) (local $gs i32) (local $end i32) (local $i i32)
    (local $zp i32) (local $lp i32) (local $zt i32) (local $cp i32)
    (local $za v128) (local $zb v128) (local $l v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local.set $end (i32.shl (i32.and (i32.add (local.get $n) (i32.const 3)) (i32.const -4)) (i32.const 3)))
    (local.set $gs (i32.shl (i32.and (i32.add (local.get $nf) (i32.const 3)) (i32.const -4)) (i32.const 6)))
    (local.set $lg (local.get $lt))
    (block $done
      (br_if $done (i32.or (i32.le_s (local.get $end) (i32.const 0)) (i32.le_s (local.get $nf) (i32.const 0))))
      (loop $group
        ;; rows r0 .. r0 + 3 (those below $nf: $nr of them, or more)
        (local.set $nr (i32.sub (local.get $nf) (local.get $r0)))
        (local.set $i (i32.const 0))
        (loop $path
          ;; paths i/8 .. i/8 + 3: lanes of a (two paths) and b (the next two)
          (local.set $zp (i32.add (local.get $oz) (local.get $i)))
          (local.set $za (v128.load (local.get $zp)))
          (local.set $zb (v128.load offset=16 (local.get $zp)))
          (local.set $l (v128.load (local.get $lg)))
          (local.set $a0 (f64x2.mul (local.get $l) (local.get $za)))
          (local.set $b0 (f64x2.mul (local.get $l) (local.get $zb)))
          (local.set $l (v128.load offset=16 (local.get $lg)))
          (local.set $a1 (f64x2.mul (local.get $l) (local.get $za)))
          (local.set $b1 (f64x2.mul (local.get $l) (local.get $zb)))
          (local.set $l (v128.load offset=32 (local.get $lg)))
          (local.set $a2 (f64x2.mul (local.get $l) (local.get $za)))
          (local.set $b2 (f64x2.mul (local.get $l) (local.get $zb)))
          (local.set $l (v128.load offset=48 (local.get $lg)))
          (local.set $a3 (f64x2.mul (local.get $l) (local.get $za)))
          (local.set $b3 (f64x2.mul (local.get $l) (local.get $zb)))
          ;; columns 1 .. r0, every row of the group has them
          (local.set $zt (i32.add (local.get $zp) (i32.shl (local.get $r0) (i32.const 11))))
          (local.set $lp (local.get $lg))
          (block $cols
            (br_if $cols (i32.ge_u (local.get $zp) (local.get $zt)))
            (loop $col
              (local.set $zp (i32.add (local.get $zp) (i32.const 2048)))
              (local.set $lp (i32.add (local.get $lp) (i32.const 64)))
              (local.set $za (v128.load (local.get $zp)))
              (local.set $zb (v128.load offset=16 (local.get $zp)))
              (local.set $l (v128.load (local.get $lp)))
              (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $l) (local.get $za))))
              (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $l) (local.get $zb))))
              (local.set $l (v128.load offset=16 (local.get $lp)))
              (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $l) (local.get $za))))
              (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $l) (local.get $zb))))
              (local.set $l (v128.load offset=32 (local.get $lp)))
              (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $l) (local.get $za))))
              (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $l) (local.get $zb))))
              (local.set $l (v128.load offset=48 (local.get $lp)))
              (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $l) (local.get $za))))
              (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $l) (local.get $zb))))
              (br_if $col (i32.lt_u (local.get $zp) (local.get $zt)))))
          ;; row r0 is done; columns r0 + 1 .. r0 + 3 for the rows below the diagonal
          (local.set $cp (i32.add (i32.add (local.get $oc) (i32.shl (local.get $r0) (i32.const 11))) (local.get $i)))
          (v128.store (local.get $cp) (local.get $a0))
          (v128.store offset=16 (local.get $cp) (local.get $b0))
          (if (i32.ge_s (local.get $nr) (i32.const 2))
            (then
              (local.set $za (v128.load offset=2048 (local.get $zt)))
              (local.set $zb (v128.load offset=2064 (local.get $zt)))
              (local.set $l (v128.load offset=80 (local.get $lp)))
              (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $l) (local.get $za))))
              (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $l) (local.get $zb))))
              (local.set $l (v128.load offset=96 (local.get $lp)))
              (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $l) (local.get $za))))
              (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $l) (local.get $zb))))
              (local.set $l (v128.load offset=112 (local.get $lp)))
              (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $l) (local.get $za))))
              (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $l) (local.get $zb))))
              (v128.store offset=2048 (local.get $cp) (local.get $a1))
              (v128.store offset=2064 (local.get $cp) (local.get $b1))
              (if (i32.ge_s (local.get $nr) (i32.const 3))
                (then
                  (local.set $za (v128.load offset=4096 (local.get $zt)))
                  (local.set $zb (v128.load offset=4112 (local.get $zt)))
                  (local.set $l (v128.load offset=160 (local.get $lp)))
                  (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $l) (local.get $za))))
                  (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $l) (local.get $zb))))
                  (local.set $l (v128.load offset=176 (local.get $lp)))
                  (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $l) (local.get $za))))
                  (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $l) (local.get $zb))))
                  (v128.store offset=4096 (local.get $cp) (local.get $a2))
                  (v128.store offset=4112 (local.get $cp) (local.get $b2))
                  (if (i32.ge_s (local.get $nr) (i32.const 4))
                    (then
                      (local.set $za (v128.load offset=6144 (local.get $zt)))
                      (local.set $zb (v128.load offset=6160 (local.get $zt)))
                      (local.set $l (v128.load offset=240 (local.get $lp)))
                      (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $l) (local.get $za))))
                      (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $l) (local.get $zb))))
                      (v128.store offset=6144 (local.get $cp) (local.get $a3))
                      (v128.store offset=6160 (local.get $cp) (local.get $b3))))))))
          (br_if $path (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 32))) (local.get $end))))
        (local.set $lg (i32.add (local.get $lg) (local.get $gs)))
        (br_if $group (i32.lt_s (local.tee $r0 (i32.add (local.get $r0) (i32.const 4))) (local.get $nf))))))

  ;; A step's shocks in one call: shocks4 for the flows' $nf generators (groups of four at $st) into
  ;; the rows of z at $oz, 2048 bytes apart, then the transitory parts' $ntr (at $tst) into $ozt,
  ;; $n draws each; then, when $lt >= 0, c = L z ($correlate, rows of c at $oc).
  (func $stepShocks (export "stepShocks") (param $st i32) (param $oz i32) (param $nf i32) (param $tst i32) (param $ozt i32) (param $ntr i32)
      (param $lt i32) (param $oc i32) (param $n i32)
    (call $shocksRows (local.get $st) (local.get $oz) (local.get $nf) (local.get $n))
    (call $shocksRows (local.get $tst) (local.get $ozt) (local.get $ntr) (local.get $n))
    (if (i32.ge_s (local.get $lt) (i32.const 0))
      (then (call $correlate (local.get $lt) (local.get $oz) (local.get $oc) (local.get $nf) (local.get $n)))))

  ;; shocks4 over $ng generators in groups of four (states at $st, 64 bytes a group), generator f
  ;; filling $n draws at $out + 2048 f.
  (func $shocksRows (param $st i32) (param $out i32) (param $ng i32) (param $n i32)
    (local $f i32) (local $left i32)
    (block $done
      (br_if $done (i32.le_s (local.get $ng) (i32.const 0)))
      (loop $group
        (local.set $left (i32.sub (local.get $ng) (local.get $f)))
        (call $shocks4 (i32.add (local.get $st) (i32.shl (local.get $f) (i32.const 4)))
                       (i32.add (local.get $out) (i32.shl (local.get $f) (i32.const 11))) (i32.const 2048)
                       (select (i32.const 4) (local.get $left) (i32.gt_s (local.get $left) (i32.const 4))) (local.get $n))
        (br_if $group (i32.lt_s (local.tee $f (i32.add (local.get $f) (i32.const 4))) (local.get $ng))))))

  ;; levelsObserve for flows 0 .. $nf - 1 in order (first: flow 0), each region's rows 2048 bytes
  ;; apart ($or < 0: no route term), flow f's g ip d s at $op + 32 f: one call a step where every
  ;; flow is of levelsObserve's kind.
  (func $levelsObserveFlows (export "levelsObserveFlows") (param $oc i32) (param $ox i32) (param $ov i32) (param $or i32) (param $oe i32) (param $os i32) (param $tk i32)
      (param $op i32) (param $nf i32) (param $n i32)
    (local $f i32) (local $o i32) (local $p i32)
    (block $done
      (br_if $done (i32.le_s (local.get $nf) (i32.const 0)))
      (loop $flow
        (local.set $o (i32.shl (local.get $f) (i32.const 11)))
        (local.set $p (i32.add (local.get $op) (i32.shl (local.get $f) (i32.const 5))))
        (call $levelsObserve (i32.add (local.get $oc) (local.get $o)) (i32.add (local.get $ox) (local.get $o)) (i32.add (local.get $ov) (local.get $o))
          (select (i32.const -1) (i32.add (local.get $or) (local.get $o)) (i32.lt_s (local.get $or) (i32.const 0)))
          (i32.add (local.get $oe) (local.get $o)) (i32.add (local.get $os) (local.get $o)) (local.get $tk)
          (f64.load (local.get $p)) (f64.load offset=8 (local.get $p)) (f64.load offset=16 (local.get $p)) (f64.load offset=24 (local.get $p))
          (i32.eqz (local.get $f)) (local.get $n))
        (br_if $flow (i32.lt_s (local.tee $f (i32.add (local.get $f) (i32.const 1))) (local.get $nf))))))

  ;; ---- hotwasm ----

  ;; observe's pairs from byte $i, two at a time while two are left before $end, while all four
  ;; exponents are in (-708, 709): returns where the pairs not done start (the first is out of range,
  ;; or the last one alone; v of the two a value to overwrite, seg and total not written).
  ;; No call in the loop, and every exit after fastExp's values are stored, so that V8 keeps the
  ;; constants out of the loop, in registers; two pairs at a time, the CPU runs their exp chains
  ;; side by side. fastExp's two-lane form is written out (V8 does not inline wasm calls), with k
  ;; read from the bits of b = kf + 1.5 * 2^52 = 1.5 * 2^52 + k; 2^(k >> 5) = ((k >> 5) + 1023) << 52,
  ;; and the low 12 bits of (b >> 5) + 1023 are those of (k >> 5) + 1023.
  (func $expRun (param $oe i32) (param $ov i32) (param $os i32) (param $tk i32) (param $first i32) (param $i i32) (param $end i32) (result i32)
    (local $xa v128) (local $ya v128) (local $ba v128) (local $xb v128) (local $yb v128) (local $bb v128)
    (local $kf v128) (local $r v128) (local $j v128) (local $t v128)
    (block $out
      (br_if $out (i32.gt_s (i32.add (local.get $i) (i32.const 32)) (local.get $end)))
      (loop $path
        (local.set $xa (v128.load (i32.add (local.get $oe) (local.get $i))))
        (local.set $ba (f64x2.add (f64x2.mul (local.get $xa) (v128.const f64x2 0x1.71547652b82fep5 0x1.71547652b82fep5))
                                  (v128.const f64x2 0x1.8p52 0x1.8p52)))
        (local.set $kf (f64x2.sub (local.get $ba) (v128.const f64x2 0x1.8p52 0x1.8p52)))
        (local.set $r (f64x2.sub (f64x2.sub (local.get $xa) (f64x2.mul (local.get $kf) (v128.const f64x2 0x1.62e42fee00000p-6 0x1.62e42fee00000p-6)))
                                 (f64x2.mul (local.get $kf) (v128.const f64x2 0x1.a39ef35793c76p-38 0x1.a39ef35793c76p-38))))
        (local.set $j (i64x2.shl (v128.and (local.get $ba) (v128.const i64x2 31 31)) (i32.const 3)))
        (local.set $t (v128.load64_lane offset=2560 1 (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $j)))
                        (v128.load64_zero offset=2560 (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $j))))))
        (local.set $ya (f64x2.mul
          (f64x2.add (local.get $t) (f64x2.mul (local.get $t)
            (f64x2.add (local.get $r) (f64x2.mul (f64x2.mul (local.get $r) (local.get $r))
              (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $r)
                (f64x2.add (v128.const f64x2 0x1.5555555555555p-3 0x1.5555555555555p-3) (f64x2.mul (local.get $r)
                  (f64x2.add (v128.const f64x2 0x1.5555555555555p-5 0x1.5555555555555p-5) (f64x2.mul (local.get $r)
                    (f64x2.add (v128.const f64x2 0x1.1111111111111p-7 0x1.1111111111111p-7)
                               (f64x2.mul (local.get $r) (v128.const f64x2 0x1.6c16c16c16c17p-10 0x1.6c16c16c16c17p-10)))))))))))))
          (i64x2.shl (i64x2.add (i64x2.shr_u (local.get $ba) (i32.const 5)) (v128.const i64x2 1023 1023)) (i32.const 52))))
        (v128.store (i32.add (local.get $ov) (local.get $i)) (local.get $ya))
        (local.set $xb (v128.load offset=16 (i32.add (local.get $oe) (local.get $i))))
        (local.set $bb (f64x2.add (f64x2.mul (local.get $xb) (v128.const f64x2 0x1.71547652b82fep5 0x1.71547652b82fep5))
                                  (v128.const f64x2 0x1.8p52 0x1.8p52)))
        (local.set $kf (f64x2.sub (local.get $bb) (v128.const f64x2 0x1.8p52 0x1.8p52)))
        (local.set $r (f64x2.sub (f64x2.sub (local.get $xb) (f64x2.mul (local.get $kf) (v128.const f64x2 0x1.62e42fee00000p-6 0x1.62e42fee00000p-6)))
                                 (f64x2.mul (local.get $kf) (v128.const f64x2 0x1.a39ef35793c76p-38 0x1.a39ef35793c76p-38))))
        (local.set $j (i64x2.shl (v128.and (local.get $bb) (v128.const i64x2 31 31)) (i32.const 3)))
        (local.set $t (v128.load64_lane offset=2560 1 (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $j)))
                        (v128.load64_zero offset=2560 (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $j))))))
        (local.set $yb (f64x2.mul
          (f64x2.add (local.get $t) (f64x2.mul (local.get $t)
            (f64x2.add (local.get $r) (f64x2.mul (f64x2.mul (local.get $r) (local.get $r))
              (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $r)
                (f64x2.add (v128.const f64x2 0x1.5555555555555p-3 0x1.5555555555555p-3) (f64x2.mul (local.get $r)
                  (f64x2.add (v128.const f64x2 0x1.5555555555555p-5 0x1.5555555555555p-5) (f64x2.mul (local.get $r)
                    (f64x2.add (v128.const f64x2 0x1.1111111111111p-7 0x1.1111111111111p-7)
                               (f64x2.mul (local.get $r) (v128.const f64x2 0x1.6c16c16c16c17p-10 0x1.6c16c16c16c17p-10)))))))))))))
          (i64x2.shl (i64x2.add (i64x2.shr_u (local.get $bb) (i32.const 5)) (v128.const i64x2 1023 1023)) (i32.const 52))))
        (v128.store offset=16 (i32.add (local.get $ov) (local.get $i)) (local.get $yb))
        (br_if $out (i32.ne (i64x2.bitmask (v128.and
          (v128.and (f64x2.gt (local.get $xa) (v128.const f64x2 -708 -708)) (f64x2.lt (local.get $xa) (v128.const f64x2 709 709)))
          (v128.and (f64x2.gt (local.get $xb) (v128.const f64x2 -708 -708)) (f64x2.lt (local.get $xb) (v128.const f64x2 709 709)))))
          (i32.const 3)))
        (v128.store (i32.add (local.get $os) (local.get $i)) (f64x2.add (v128.load (i32.add (local.get $os) (local.get $i))) (local.get $ya)))
        (v128.store offset=16 (i32.add (local.get $os) (local.get $i)) (f64x2.add (v128.load offset=16 (i32.add (local.get $os) (local.get $i))) (local.get $yb)))
        (if (local.get $first)
          (then
            (v128.store (i32.add (local.get $tk) (local.get $i)) (local.get $ya))
            (v128.store offset=16 (i32.add (local.get $tk) (local.get $i)) (local.get $yb)))
          (else
            (v128.store (i32.add (local.get $tk) (local.get $i)) (f64x2.add (v128.load (i32.add (local.get $tk) (local.get $i))) (local.get $ya)))
            (v128.store offset=16 (i32.add (local.get $tk) (local.get $i)) (f64x2.add (v128.load offset=16 (i32.add (local.get $tk) (local.get $i))) (local.get $yb)))))
        (br_if $path (i32.le_s (i32.add (local.tee $i (i32.add (local.get $i) (i32.const 32))) (i32.const 32)) (local.get $end)))))
    (local.get $i))

  ;; ---- rwasm ----

  ;; routes.ts Routes.update's changed paths: the paths p < $nb whose set of open corridors ($mask,
  ;; i32) differs from $prev's or whose $force (u8) is set, listed in order at $och; $prev takes $mask.
  ;; Returns how many. Branch-free, as the JS loop (a fifth of K1's paths change, at random).
  (func $routesChanged (export "routesChanged") (param $mask i32) (param $prev i32) (param $force i32) (param $och i32) (param $nb i32) (result i32)
    (local $p i32) (local $n i32) (local $m i32) (local $a i32)
    (block $done
      (br_if $done (i32.le_s (local.get $nb) (i32.const 0)))
      (loop $path
        (local.set $a (i32.shl (local.get $p) (i32.const 2)))
        (local.set $m (i32.load (i32.add (local.get $mask) (local.get $a))))
        (i32.store (i32.add (local.get $och) (i32.shl (local.get $n) (i32.const 2))) (local.get $p))
        (local.set $n (i32.add (local.get $n)
          (i32.ne (i32.or (i32.xor (local.get $m) (i32.load (i32.add (local.get $prev) (local.get $a))))
                          (i32.load8_u (i32.add (local.get $force) (local.get $p))))
                  (i32.const 0))))
        (i32.store (i32.add (local.get $prev) (local.get $a)) (local.get $m))
        (br_if $path (i32.lt_s (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $nb)))))
    (local.get $n))

  ;; Fixed costs: for the changed paths q = $from .. $n - 1 ($och), where their set's row of the route
  ;; tables starts, o = mask[p] * $nf, into $oo[q]; returns the first q whose row is not there yet
  ;; (the route table $rt holds -2), for Routes.tableRow to fill, or $n.
  (func $routesRows (export "routesRows") (param $och i32) (param $n i32) (param $mask i32) (param $oo i32) (param $rt i32) (param $nf i32) (param $from i32) (result i32)
    (local $q i32) (local $o i32)
    (local.set $q (local.get $from))
    (block $done
      (br_if $done (i32.ge_s (local.get $q) (local.get $n)))
      (loop $path
        (local.set $o (i32.mul (local.get $nf)
          (i32.load (i32.add (local.get $mask) (i32.shl (i32.load (i32.add (local.get $och) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 2))))))
        (i32.store (i32.add (local.get $oo) (i32.shl (local.get $q) (i32.const 2))) (local.get $o))
        (if (i32.eq (i32.load (i32.add (local.get $rt) (i32.shl (local.get $o) (i32.const 2)))) (i32.const -2))
          (then (return (local.get $q))))
        (br_if $path (i32.lt_s (local.tee $q (i32.add (local.get $q) (i32.const 1))) (local.get $n)))))
    (local.get $n))

  ;; routes.ts Routes.updateFlows (Routes.update's per-flow loop): for the $n changed paths p = $och[q]
  ;; (i32), their routes at element o = $oo[q] of the tables $rt (i32: the route), $lt (f64: its ln
  ;; route factor) and $rd (f64: routeDiff, for the $nfix flows listed at $fix, whose elasticity
  ;; is per path: $el). Per flow f (rows [f * BLOCK + p], 2048 bytes apart in the f64 arrays $lnr
  ;; $seg $fl $cap $el, 1024 in the i32 $route): a route that moves flushes seg into flushed and,
  ;; when $yp >= 0 and the old route r >= 0, into corridorValue's cell $yp * $nc + r (at $cv), in
  ;; the JS order (a cell held in $cvv while the flushes go to it); then lnRoute, and the cap of the
  ;; flows that adjust ($adj[f] = 1): lnRoute when (mask[p] ^ lastingMask[p]) & allow[f] != 0, else
  ;; +Infinity ($lm < 0: no lasting masks, 0).
  (func $routesUpdate (export "routesUpdate") (param $och i32) (param $oo i32) (param $n i32) (param $nf i32)
      (param $rt i32) (param $lt i32) (param $rd i32)
      (param $route i32) (param $lnr i32) (param $seg i32) (param $fl i32) (param $cv i32) (param $yp i32) (param $nc i32)
      (param $mask i32) (param $lm i32) (param $adj i32) (param $allow i32) (param $cap i32)
      (param $fix i32) (param $nfix i32) (param $el i32)
    (local $q i32) (local $p i32) (local $o i32) (local $mx i32) (local $f i32) (local $x i32)
    (local $a4 i32) (local $a8 i32) (local $best i32) (local $r i32) (local $at i32) (local $cvAt i32)
    (local $sg f64) (local $ln f64) (local $cvv f64)
    (local $ps i32) (local $pf i32) (local $pn i32) (local $pc i32) (local $pr i32) (local $pt i32) (local $pl i32) (local $pa i32) (local $pw i32)
    (local $end i32) (local $ycell i32)
    (local.set $cvAt (i32.const -1))
    (local.set $ycell (i32.mul (local.get $yp) (local.get $nc)))
    (block $done
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (loop $path
        (local.set $p (i32.load (i32.add (local.get $och) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $o (i32.load (i32.add (local.get $oo) (i32.shl (local.get $q) (i32.const 2)))))
        ;; mask ^ lastingMask, for the caps
        (local.set $mx (i32.load (i32.add (local.get $mask) (i32.shl (local.get $p) (i32.const 2)))))
        (if (i32.ge_s (local.get $lm) (i32.const 0))
          (then (local.set $mx (i32.xor (local.get $mx) (i32.load (i32.add (local.get $lm) (i32.shl (local.get $p) (i32.const 2))))))))
        ;; per flow, pointers to [f * 256 + p] of seg fl lnr cap (f64, rows 2048 bytes apart) and route
        ;; (i32, 1024), to [o + f] of rt and lt, and to [f] of adj and allow, moved on together
        (local.set $ps (i32.add (local.get $seg) (i32.shl (local.get $p) (i32.const 3))))
        (local.set $pf (i32.add (local.get $fl) (i32.shl (local.get $p) (i32.const 3))))
        (local.set $pn (i32.add (local.get $lnr) (i32.shl (local.get $p) (i32.const 3))))
        (local.set $pc (i32.add (local.get $cap) (i32.shl (local.get $p) (i32.const 3))))
        (local.set $pr (i32.add (local.get $route) (i32.shl (local.get $p) (i32.const 2))))
        (local.set $pt (i32.add (local.get $rt) (i32.shl (local.get $o) (i32.const 2))))
        (local.set $pl (i32.add (local.get $lt) (i32.shl (local.get $o) (i32.const 3))))
        (local.set $pa (local.get $adj))
        (local.set $pw (local.get $allow))
        (local.set $end (i32.add (local.get $ps) (i32.shl (local.get $nf) (i32.const 11))))
        (block $flowsDone
          (br_if $flowsDone (i32.le_s (local.get $nf) (i32.const 0)))
          (loop $flow
            (local.set $best (i32.load (local.get $pt)))
            (local.set $r (i32.load (local.get $pr)))
            (if (i32.ne (local.get $best) (local.get $r))
              (then
                (local.set $sg (f64.load (local.get $ps)))
                (if (f64.ne (local.get $sg) (f64.const 0))
                  (then
                    (f64.store (local.get $pf) (f64.add (f64.load (local.get $pf)) (local.get $sg)))
                    (if (i32.and (i32.ge_s (local.get $yp) (i32.const 0)) (i32.ge_s (local.get $r) (i32.const 0)))
                      (then
                        (local.set $at (i32.add (local.get $ycell) (local.get $r)))
                        (if (i32.ne (local.get $at) (local.get $cvAt))
                          (then
                            (if (i32.ge_s (local.get $cvAt) (i32.const 0))
                              (then (f64.store (i32.add (local.get $cv) (i32.shl (local.get $cvAt) (i32.const 3))) (local.get $cvv))))
                            (local.set $cvAt (local.get $at))
                            (local.set $cvv (f64.load (i32.add (local.get $cv) (i32.shl (local.get $at) (i32.const 3)))))))
                        (local.set $cvv (f64.add (local.get $cvv) (local.get $sg)))))
                    (f64.store (local.get $ps) (f64.const 0))))
                (i32.store (local.get $pr) (local.get $best))))
            (local.set $ln (f64.load (local.get $pl)))
            (f64.store (local.get $pn) (local.get $ln))
            (if (i32.load (local.get $pa))
              (then (f64.store (local.get $pc) (select (local.get $ln) (f64.const inf) (i32.and (local.get $mx) (i32.load (local.get $pw)))))))
            (local.set $pf (i32.add (local.get $pf) (i32.const 2048)))
            (local.set $pn (i32.add (local.get $pn) (i32.const 2048)))
            (local.set $pc (i32.add (local.get $pc) (i32.const 2048)))
            (local.set $pr (i32.add (local.get $pr) (i32.const 1024)))
            (local.set $pt (i32.add (local.get $pt) (i32.const 4)))
            (local.set $pl (i32.add (local.get $pl) (i32.const 8)))
            (local.set $pa (i32.add (local.get $pa) (i32.const 4)))
            (local.set $pw (i32.add (local.get $pw) (i32.const 4)))
            (br_if $flow (i32.lt_u (local.tee $ps (i32.add (local.get $ps) (i32.const 2048))) (local.get $end)))))
        ;; flows with a per-path elasticity on tabulated routes: -el * routeDiff, -Infinity without a route
        (local.set $x (i32.const 0))
        (block $fixDone
          (br_if $fixDone (i32.le_s (local.get $nfix) (i32.const 0)))
          (loop $fixed
            (local.set $f (i32.load (i32.add (local.get $fix) (i32.shl (local.get $x) (i32.const 2)))))
            (local.set $a8 (i32.shl (i32.add (i32.shl (local.get $f) (i32.const 8)) (local.get $p)) (i32.const 3)))
            (local.set $ln
              (if (result f64) (i32.lt_s (i32.load (i32.add (local.get $rt) (i32.shl (i32.add (local.get $o) (local.get $f)) (i32.const 2)))) (i32.const 0))
                (then (f64.const -inf))
                (else (f64.mul (f64.neg (f64.load (i32.add (local.get $el) (local.get $a8))))
                               (f64.load (i32.add (local.get $rd) (i32.shl (i32.add (local.get $o) (local.get $f)) (i32.const 3))))))))
            (f64.store (i32.add (local.get $lnr) (local.get $a8)) (local.get $ln))
            (if (i32.load (i32.add (local.get $adj) (i32.shl (local.get $f) (i32.const 2))))
              (then (f64.store (i32.add (local.get $cap) (local.get $a8))
                (select (local.get $ln) (f64.const inf)
                  (i32.and (local.get $mx) (i32.load (i32.add (local.get $allow) (i32.shl (local.get $f) (i32.const 2)))))))))
            (br_if $fixed (i32.lt_s (local.tee $x (i32.add (local.get $x) (i32.const 1))) (local.get $nfix)))))
        (br_if $path (i32.lt_s (local.tee $q (i32.add (local.get $q) (i32.const 1))) (local.get $n)))))
    (if (i32.ge_s (local.get $cvAt) (i32.const 0))
      (then (f64.store (i32.add (local.get $cv) (i32.shl (local.get $cvAt) (i32.const 3))) (local.get $cvv)))))

  ;; ---- pkflow ----
  ;; One standard normal from generator 0 of the four in scratch (normals.ts nextNormal).
  (func $normal0 (result f64)
    (local $hz i32) (local $iz i32)
    (local.set $hz (call $next (i32.const 0)))
    (local.set $iz (i32.and (local.get $hz) (i32.const 127)))
    (if (result f64) (call $inside (local.get $hz) (local.get $iz))
      (then (f64.mul (f64.convert_i32_s (local.get $hz)) (f64.load offset=512 (i32.shl (local.get $iz) (i32.const 3)))))
      (else (call $slow (local.get $hz) (local.get $iz) (i32.const 0)))))

  ;; transitory.ts advance with jumps, without adding to the exponents, over paths 0 .. $n - 1: u and
  ;; v move (normals at $oz; u v phi s at $ou $ov $ophi $osd), two paths at a time, then, path by
  ;; path, where lam > 0 one uniform of the jumps' generator (its s0 at $st, s1 s2 s3 16, 32 and 48
  ;; bytes on: a lane of a state group) gives the Poisson count by inversion (p0 = exp(-lam)), and
  ;; each jump adds jm + js z to u. Arrays lam p0 jm js at $olam $op0 $ojm $ojs. The generator runs
  ;; in locals; scratch lane 0 holds it while normals are drawn.
  (func $jumpsAdvance (param $st i32) (param $oz i32) (param $ou i32) (param $ov i32) (param $ophi i32) (param $osd i32)
      (param $olam i32) (param $op0 i32) (param $ojm i32) (param $ojs i32) (param $n i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $r i32) (local $t i32) (local $i i32) (local $end i32)
    (local $k i32) (local $j i32) (local $q i32) (local $ph f64) (local $sp f64) (local $uu f64) (local $l f64) (local $x f64) (local $pr f64) (local $cum f64)
    (local $ph2 v128) (local $sp2 v128)
    (local.set $s0 (i32.load (local.get $st)))
    (local.set $s1 (i32.load offset=16 (local.get $st)))
    (local.set $s2 (i32.load offset=32 (local.get $st)))
    (local.set $s3 (i32.load offset=48 (local.get $st)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (loop $pair
        ;; u = phi u + s z, v = phi^2 v + s^2 for paths i and i + 1 (or i alone, the last)
        (if (i32.lt_u (i32.add (local.get $i) (i32.const 8)) (local.get $end))
          (then
            (local.set $ph2 (v128.load (i32.add (local.get $ophi) (local.get $i))))
            (local.set $sp2 (v128.load (i32.add (local.get $osd) (local.get $i))))
            (v128.store (i32.add (local.get $ou) (local.get $i))
              (f64x2.add (f64x2.mul (local.get $ph2) (v128.load (i32.add (local.get $ou) (local.get $i))))
                         (f64x2.mul (local.get $sp2) (v128.load (i32.add (local.get $oz) (local.get $i))))))
            (v128.store (i32.add (local.get $ov) (local.get $i))
              (f64x2.add (f64x2.mul (f64x2.mul (local.get $ph2) (local.get $ph2)) (v128.load (i32.add (local.get $ov) (local.get $i))))
                         (f64x2.mul (local.get $sp2) (local.get $sp2))))
            (local.set $q (i32.add (local.get $i) (i32.const 16))))
          (else
            (local.set $ph (f64.load (i32.add (local.get $ophi) (local.get $i))))
            (local.set $sp (f64.load (i32.add (local.get $osd) (local.get $i))))
            (f64.store (i32.add (local.get $ou) (local.get $i))
              (f64.add (f64.mul (local.get $ph) (f64.load (i32.add (local.get $ou) (local.get $i))))
                       (f64.mul (local.get $sp) (f64.load (i32.add (local.get $oz) (local.get $i))))))
            (f64.store (i32.add (local.get $ov) (local.get $i))
              (f64.add (f64.mul (f64.mul (local.get $ph) (local.get $ph)) (f64.load (i32.add (local.get $ov) (local.get $i))))
                       (f64.mul (local.get $sp) (local.get $sp))))
            (local.set $q (i32.add (local.get $i) (i32.const 8)))))
        ;; the jumps of those paths, in order
        (loop $path
          (local.set $l (f64.load (i32.add (local.get $olam) (local.get $i))))
          (if (f64.gt (local.get $l) (f64.const 0))
            (then
              ;; one xoshiro128** output (rng.ts nextUniform)
              (local.set $r (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
              (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
              (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
              (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
              (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
              (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
              (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
              (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
              (local.set $x (f64.mul (f64.add (f64.convert_i32_u (local.get $r)) (f64.const 0.5)) (f64.const 0x1p-32)))
              (local.set $pr (f64.load (i32.add (local.get $op0) (local.get $i))))
              (if (f64.gt (local.get $x) (local.get $pr))
                (then
                  (local.set $k (i32.const 0))
                  (local.set $cum (local.get $pr))
                  (block $counted
                    (loop $count
                      (br_if $counted (i32.eqz (i32.and (f64.gt (local.get $x) (local.get $cum)) (i32.lt_s (local.get $k) (i32.const 1000)))))
                      (local.set $k (i32.add (local.get $k) (i32.const 1)))
                      (local.set $pr (f64.mul (local.get $pr) (f64.div (local.get $l) (f64.convert_i32_s (local.get $k)))))
                      (local.set $cum (f64.add (local.get $cum) (local.get $pr)))
                      (br $count)))
                  (i32.store offset=2832 (i32.const 0) (local.get $s0))
                  (i32.store offset=2848 (i32.const 0) (local.get $s1))
                  (i32.store offset=2864 (i32.const 0) (local.get $s2))
                  (i32.store offset=2880 (i32.const 0) (local.get $s3))
                  (local.set $uu (f64.load (i32.add (local.get $ou) (local.get $i))))
                  (local.set $j (i32.const 0))
                  (block $jumped
                    (loop $jump
                      (br_if $jumped (i32.ge_s (local.get $j) (local.get $k)))
                      (local.set $uu (f64.add (local.get $uu)
                        (f64.add (f64.load (i32.add (local.get $ojm) (local.get $i)))
                                 (f64.mul (f64.load (i32.add (local.get $ojs) (local.get $i))) (call $normal0)))))
                      (local.set $j (i32.add (local.get $j) (i32.const 1)))
                      (br $jump)))
                  (f64.store (i32.add (local.get $ou) (local.get $i)) (local.get $uu))
                  (local.set $s0 (i32.load offset=2832 (i32.const 0)))
                  (local.set $s1 (i32.load offset=2848 (i32.const 0)))
                  (local.set $s2 (i32.load offset=2864 (i32.const 0)))
                  (local.set $s3 (i32.load offset=2880 (i32.const 0)))))))
          (br_if $path (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 8))) (local.get $q))))
        (br_if $pair (i32.lt_u (local.get $i) (local.get $end)))))
    (i32.store (local.get $st) (local.get $s0))
    (i32.store offset=16 (local.get $st) (local.get $s1))
    (i32.store offset=32 (local.get $st) (local.get $s2))
    (i32.store offset=48 (local.get $st) (local.get $s3)))

  ;; levelsMovingObserve for $nf flows in order, their arguments in a table at $d, 256 bytes a flow
  ;; (simulator.ts movingEntry): ip d s phi s at 0 8 16 24 32; from byte 48 the i32s oc ox ov oe os
  ;; og olm oa ot tr ozt ou ovv ophi osd oadj oalr oatg ocap, then the jumps' generator (-1: no
  ;; jumps) and the rows $jumpsAdvance reads, phi s lam p0 jm js; a flow with jumps first runs
  ;; $jumpsAdvance over $nb paths (then its transitory code is 2). One call a step for a run of
  ;; such flows: a JS-to-wasm call with doubles among its arguments boxes them, and cost 1.4% of
  ;; baseline-pk's time at its call site. $first: the first flow is the step's first.
  (func (export "movingFlows") (param $d i32) (param $nf i32) (param $tk i32) (param $first i32) (param $n i32) (param $nb i32)
    (local $f i32)
    (block $done
      (br_if $done (i32.le_s (local.get $nf) (i32.const 0)))
      (loop $flow
        (if (i32.ge_s (i32.load offset=124 (local.get $d)) (i32.const 0))
          (then (call $jumpsAdvance (i32.load offset=124 (local.get $d)) (i32.load offset=88 (local.get $d))
            (i32.load offset=92 (local.get $d)) (i32.load offset=96 (local.get $d)) (i32.load offset=128 (local.get $d)) (i32.load offset=132 (local.get $d))
            (i32.load offset=136 (local.get $d)) (i32.load offset=140 (local.get $d)) (i32.load offset=144 (local.get $d)) (i32.load offset=148 (local.get $d))
            (local.get $nb))))
        (call $levelsMovingObserve
          (i32.load offset=48 (local.get $d)) (i32.load offset=52 (local.get $d)) (i32.load offset=56 (local.get $d)) (i32.load offset=60 (local.get $d))
          (i32.load offset=64 (local.get $d)) (local.get $tk) (i32.load offset=68 (local.get $d))
          (f64.load (local.get $d)) (f64.load offset=8 (local.get $d)) (f64.load offset=16 (local.get $d))
          (i32.load offset=72 (local.get $d)) (i32.load offset=76 (local.get $d)) (i32.load offset=80 (local.get $d))
          (i32.and (local.get $first) (i32.eqz (local.get $f))) (local.get $n)
          (i32.load offset=84 (local.get $d)) (i32.load offset=88 (local.get $d)) (i32.load offset=92 (local.get $d)) (i32.load offset=96 (local.get $d))
          (i32.load offset=100 (local.get $d)) (i32.load offset=104 (local.get $d)) (f64.load offset=24 (local.get $d)) (f64.load offset=32 (local.get $d))
          (i32.load offset=108 (local.get $d)) (i32.load offset=112 (local.get $d)) (i32.load offset=116 (local.get $d)) (i32.load offset=120 (local.get $d)))
        (local.set $d (i32.add (local.get $d) (i32.const 256)))
        (br_if $flow (i32.lt_s (local.tee $f (i32.add (local.get $f) (i32.const 1))) (local.get $nf))))))
;; ---- stepjs ----

  ;; simulator.ts ChunkSimulator.yearEnd, the flush at the end of year y: for $nf flows and paths
  ;; p < $nb (per flow f, rows [f * 256 + p]: seg $seg and flushed $fl, f64, 2048 bytes apart;
  ;; route $route, i32, 1024 apart), seg goes into flushed and, when $yes (y >= 0) and the route
  ;; r >= 0, into corridorValue's cell r of the year (f64 at $cv + 8 r, held in $acc while paths keep
  ;; to one corridor, in the JS order); then with $yes flushed * $per is added to the year's total
  ;; row ($an, f64) and to the flow's sector and direction rows, $rows[2 f] and $rows[2 f + 1]
  ;; bytes after $an; seg and flushed are zeroed.
  (func $yearEnd (export "yearEnd") (param $nf i32) (param $nb i32) (param $seg i32) (param $fl i32) (param $route i32)
      (param $cv i32) (param $an i32) (param $rows i32) (param $per f64) (param $yes i32)
    (local $f i32) (local $i i32) (local $end i32) (local $ps i32) (local $pf i32) (local $pr i32)
    (local $so i32) (local $do i32) (local $cr i32) (local $r i32) (local $sg f64) (local $v f64) (local $acc f64) (local $a f64)
    (local.set $end (i32.shl (local.get $nb) (i32.const 3)))
    (block $done
      (br_if $done (i32.or (i32.le_s (local.get $nf) (i32.const 0)) (i32.le_s (local.get $nb) (i32.const 0))))
      (loop $flow
        (local.set $ps (i32.add (local.get $seg) (i32.shl (local.get $f) (i32.const 11))))
        (local.set $pf (i32.add (local.get $fl) (i32.shl (local.get $f) (i32.const 11))))
        (local.set $pr (i32.add (local.get $route) (i32.shl (local.get $f) (i32.const 10))))
        (local.set $so (i32.add (local.get $an) (i32.load (i32.add (local.get $rows) (i32.shl (local.get $f) (i32.const 3))))))
        (local.set $do (i32.add (local.get $an) (i32.load offset=4 (i32.add (local.get $rows) (i32.shl (local.get $f) (i32.const 3))))))
        (local.set $cr (i32.const -1))
        (local.set $acc (f64.const 0))
        (local.set $i (i32.const 0))
        (loop $path
          (local.set $sg (f64.load (i32.add (local.get $ps) (local.get $i))))
          (local.set $v (f64.load (i32.add (local.get $pf) (local.get $i))))
          (if (f64.ne (local.get $sg) (f64.const 0))
            (then
              (local.set $v (f64.add (local.get $v) (local.get $sg)))
              (local.set $r (i32.load (i32.add (local.get $pr) (i32.shr_u (local.get $i) (i32.const 1)))))
              (if (i32.and (local.get $yes) (i32.ge_s (local.get $r) (i32.const 0)))
                (then
                  (if (i32.ne (local.get $r) (local.get $cr))
                    (then
                      (if (i32.ge_s (local.get $cr) (i32.const 0))
                        (then (f64.store (i32.add (local.get $cv) (i32.shl (local.get $cr) (i32.const 3))) (local.get $acc))))
                      (local.set $cr (local.get $r))
                      (local.set $acc (f64.load (i32.add (local.get $cv) (i32.shl (local.get $r) (i32.const 3)))))))
                  (local.set $acc (f64.add (local.get $acc) (local.get $sg)))))
              (f64.store (i32.add (local.get $ps) (local.get $i)) (f64.const 0))))
          (if (local.get $yes)
            (then
              (local.set $a (f64.mul (local.get $v) (local.get $per)))
              (f64.store (i32.add (local.get $an) (local.get $i)) (f64.add (f64.load (i32.add (local.get $an) (local.get $i))) (local.get $a)))
              (f64.store (i32.add (local.get $so) (local.get $i)) (f64.add (f64.load (i32.add (local.get $so) (local.get $i))) (local.get $a)))
              (f64.store (i32.add (local.get $do) (local.get $i)) (f64.add (f64.load (i32.add (local.get $do) (local.get $i))) (local.get $a)))))
          (f64.store (i32.add (local.get $pf) (local.get $i)) (f64.const 0))
          (br_if $path (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 8))) (local.get $end))))
        (if (i32.ge_s (local.get $cr) (i32.const 0))
          (then (f64.store (i32.add (local.get $cv) (i32.shl (local.get $cr) (i32.const 3))) (local.get $acc))))
        (br_if $flow (i32.lt_s (local.tee $f (i32.add (local.get $f) (i32.const 1))) (local.get $nf))))))

  ;; hits.ts blockHits: of $n paths' annual totals (year y's row at $an + y * $stride bytes, f64), per
  ;; year the paths at the target ($target; under the sustained rule, the last $need years' totals
  ;; all at it) into $hits[y], and per year the paths whose first such year it is into $first[y]
  ;; ($first[$ny]: never), f64 counts, zeroed first.
  (func (export "blockHits") (param $an i32) (param $ny i32) (param $stride i32) (param $n i32) (param $target f64) (param $need i32)
      (param $hits i32) (param $first i32)
    (local $p i32) (local $y i32) (local $run i32) (local $fy i32) (local $a i32) (local $h i32)
    (local.set $y (i32.const 0))
    (loop $zero
      (f64.store (i32.add (local.get $first) (i32.shl (local.get $y) (i32.const 3))) (f64.const 0))
      (if (i32.lt_s (local.get $y) (local.get $ny))
        (then (f64.store (i32.add (local.get $hits) (i32.shl (local.get $y) (i32.const 3))) (f64.const 0))))
      (br_if $zero (i32.le_s (local.tee $y (i32.add (local.get $y) (i32.const 1))) (local.get $ny))))
    (block $done
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (loop $path
        (local.set $run (i32.const 0))
        (local.set $fy (local.get $ny))
        (local.set $a (i32.add (local.get $an) (i32.shl (local.get $p) (i32.const 3))))
        (local.set $y (i32.const 0))
        (block $years
          (br_if $years (i32.le_s (local.get $ny) (i32.const 0)))
          (loop $year
            (local.set $run (select (i32.add (local.get $run) (i32.const 1)) (i32.const 0)
              (f64.ge (f64.load (local.get $a)) (local.get $target))))
            (if (i32.ge_s (local.get $run) (local.get $need))
              (then
                (local.set $h (i32.add (local.get $hits) (i32.shl (local.get $y) (i32.const 3))))
                (f64.store (local.get $h) (f64.add (f64.load (local.get $h)) (f64.const 1)))
                (if (i32.eq (local.get $fy) (local.get $ny)) (then (local.set $fy (local.get $y))))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (br_if $year (i32.lt_s (local.tee $y (i32.add (local.get $y) (i32.const 1))) (local.get $ny)))))
        (local.set $h (i32.add (local.get $first) (i32.shl (local.get $fy) (i32.const 3))))
        (f64.store (local.get $h) (f64.add (f64.load (local.get $h)) (f64.const 1)))
        (br_if $path (i32.lt_s (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $n))))))

  ;; routes.ts Routes.move's loop for one corridor with a disruption chain, over paths p < $nb: its
  ;; generator (as above, at $st) gives one uniform per path; unless $gate and k < reopenStep[p]
  ;; ($reopen, i32), the chain moves (chainStep: it leaves state c = closed[p] ($cl, u8) when
  ;; u < pLeave[2 p + c] ($pl, f64)), and when it is open, its opening step has come ($gate:
  ;; openStep $open, i32) and its border is open ($bo >= 0: bOpenNow, u8), mask[p] ($mask, i32)
  ;; takes $bit (0 in a season that shuts it). chainStep's ceil(p - u) | 0 is a saturating
  ;; truncation, which gives 0 for NaN as | 0 does (initChain's probabilities are never NaN).
  (func $chainMove (export "chainMove") (param $st i32) (param $pl i32) (param $cl i32) (param $reopen i32) (param $open i32) (param $gate i32)
      (param $k i32) (param $bit i32) (param $bo i32) (param $mask i32) (param $nb i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $r i32) (local $t i32) (local $p i32)
    (local $c i32) (local $shut i32) (local $ok i32) (local $a i32)
    (local.set $s0 (i32.load (local.get $st)))
    (local.set $s1 (i32.load offset=16 (local.get $st)))
    (local.set $s2 (i32.load offset=32 (local.get $st)))
    (local.set $s3 (i32.load offset=48 (local.get $st)))
    (block $done
      (br_if $done (i32.le_s (local.get $nb) (i32.const 0)))
      (loop $path
        (local.set $r (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        (local.set $a (i32.shl (local.get $p) (i32.const 2)))
        (if (i32.eqz (i32.and (local.get $gate) (i32.lt_s (local.get $k) (i32.load (i32.add (local.get $reopen) (local.get $a))))))
          (then
            (local.set $c (i32.load8_u (i32.add (local.get $cl) (local.get $p))))
            (local.set $shut (i32.xor (local.get $c) (i32.trunc_sat_f64_s (f64.ceil (f64.sub
              (f64.load (i32.add (local.get $pl) (i32.shl (i32.add (i32.shl (local.get $p) (i32.const 1)) (local.get $c)) (i32.const 3))))
              (f64.mul (f64.add (f64.convert_i32_u (local.get $r)) (f64.const 0.5)) (f64.const 0x1p-32)))))))
            (i32.store8 (i32.add (local.get $cl) (local.get $p)) (local.get $shut))
            (local.set $ok (i32.xor (local.get $shut) (i32.const 1)))
            (if (local.get $gate)
              (then (local.set $ok (i32.and (local.get $ok)
                (i32.shr_u (i32.sub (i32.sub (i32.load (i32.add (local.get $open) (local.get $a))) (local.get $k)) (i32.const 1)) (i32.const 31))))))
            (if (i32.ge_s (local.get $bo) (i32.const 0))
              (then (local.set $ok (i32.and (local.get $ok) (i32.load8_u (i32.add (local.get $bo) (local.get $p)))))))
            (i32.store (i32.add (local.get $mask) (local.get $a))
              (i32.or (i32.load (i32.add (local.get $mask) (local.get $a))) (i32.and (local.get $bit) (i32.sub (i32.const 0) (local.get $ok)))))))
        (br_if $path (i32.lt_s (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $nb)))))
    (i32.store (local.get $st) (local.get $s0))
    (i32.store offset=16 (local.get $st) (local.get $s1))
    (i32.store offset=32 (local.get $st) (local.get $s2))
    (i32.store offset=48 (local.get $st) (local.get $s3)))

  ;; routes.ts Routes.moveBorders' loop for one border with a chain, over paths p < $nb: one uniform
  ;; per path from its generator (at $st, as chainMove's); while k < reopenStep[p] ($reopen, i32) the
  ;; border is shut (bOpenNow[p] = 0, $now, u8), else its chain moves (closed $cl, u8; pLeave $pl,
  ;; f64) and bOpenNow is its open state.
  (func $borderMove (export "borderMove") (param $st i32) (param $pl i32) (param $cl i32) (param $reopen i32) (param $now i32) (param $k i32) (param $nb i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $r i32) (local $t i32) (local $p i32)
    (local $c i32) (local $shut i32)
    (local.set $s0 (i32.load (local.get $st)))
    (local.set $s1 (i32.load offset=16 (local.get $st)))
    (local.set $s2 (i32.load offset=32 (local.get $st)))
    (local.set $s3 (i32.load offset=48 (local.get $st)))
    (block $done
      (br_if $done (i32.le_s (local.get $nb) (i32.const 0)))
      (loop $path
        (local.set $r (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        (if (i32.lt_s (local.get $k) (i32.load (i32.add (local.get $reopen) (i32.shl (local.get $p) (i32.const 2)))))
          (then (i32.store8 (i32.add (local.get $now) (local.get $p)) (i32.const 0)))
          (else
            (local.set $c (i32.load8_u (i32.add (local.get $cl) (local.get $p))))
            (local.set $shut (i32.xor (local.get $c) (i32.trunc_sat_f64_s (f64.ceil (f64.sub
              (f64.load (i32.add (local.get $pl) (i32.shl (i32.add (i32.shl (local.get $p) (i32.const 1)) (local.get $c)) (i32.const 3))))
              (f64.mul (f64.add (f64.convert_i32_u (local.get $r)) (f64.const 0.5)) (f64.const 0x1p-32)))))))
            (i32.store8 (i32.add (local.get $cl) (local.get $p)) (local.get $shut))
            (i32.store8 (i32.add (local.get $now) (local.get $p)) (i32.xor (local.get $shut) (i32.const 1)))))
        (br_if $path (i32.lt_s (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $nb)))))
    (i32.store (local.get $st) (local.get $s0))
    (i32.store offset=16 (local.get $st) (local.get $s1))
    (i32.store offset=32 (local.get $st) (local.get $s2))
    (i32.store offset=48 (local.get $st) (local.get $s3)))

  ;; A block's T steps in one call, for plans whose steps need no JS (simulator.ts stepsAt: every
  ;; flow of levelsObserveFlows' kind, no agreements, route costs from the tables with every set's
  ;; rows already there, every corridor that is not always open and every border with a chain, an
  ;; even path count): per step k, as ChunkSimulator.step calls them, the chains move (borderMove,
  ;; then chainMove per corridor, after mask = the always-open bits), the routes of the paths whose
  ;; set changed (routesChanged, routesRows, routesUpdate, corridorValue's year the step before's),
  ;; the shocks (stepShocks), the levels and observed values (levelsObserveFlows, step total at
  ;; $tot + 2048 k), and at a year's end its flush (yearEnd). $rt < 0: no corridors; else a table
  ;; of i32s: nc, always, mask, prev, force, och, oo, rt, lt, rd, route, lnr, allow, adj, cap, fix,
  ;; nfix, el, ncc, nbd, then from word 24 per chained corridor 8 words (its generator, pLeave,
  ;; closed, reopenStep, openStep, gated, its border's bOpenNow or -1, its row of T open bits), then
  ;; per border 8 (generator, pLeave, closed, reopenStep, bOpenNow). $sy: stepYear (T i32s); $per:
  ;; per year 1 / its steps (f64); year y's annual rows at $an + y $ys, its corridor values at
  ;; $cv + 8 y nc.
  (func (export "runSteps") (param $T i32) (param $nb i32) (param $nf i32)
      (param $st i32) (param $oz i32) (param $lt i32) (param $oc i32)
      (param $shock i32) (param $ox i32) (param $ov i32) (param $or i32) (param $oe i32) (param $os i32) (param $tot i32) (param $op i32)
      (param $rt i32) (param $fl i32) (param $route i32) (param $cv i32)
      (param $sy i32) (param $per i32) (param $an i32) (param $ys i32) (param $yrows i32)
    (local $k i32) (local $n i32) (local $j i32) (local $d i32) (local $y i32) (local $nc i32) (local $mask i32) (local $ncc i32) (local $nbd i32)
    (local $yp i32)
    (if (i32.ge_s (local.get $rt) (i32.const 0))
      (then
        (local.set $nc (i32.load (local.get $rt)))
        (local.set $mask (i32.load offset=8 (local.get $rt)))
        (local.set $ncc (i32.load offset=72 (local.get $rt)))
        (local.set $nbd (i32.load offset=76 (local.get $rt)))))
    (block $done
      (br_if $done (i32.le_s (local.get $T) (i32.const 0)))
      (loop $step
        (if (i32.ge_s (local.get $rt) (i32.const 0))
          (then
            ;; Routes.move: the borders' chains, the always-open bits, each chained corridor
            (local.set $d (i32.add (i32.add (local.get $rt) (i32.const 96)) (i32.shl (local.get $ncc) (i32.const 5))))
            (local.set $j (i32.const 0))
            (block $bordersDone
              (br_if $bordersDone (i32.ge_s (local.get $j) (local.get $nbd)))
              (loop $border
                (call $borderMove (i32.load (local.get $d)) (i32.load offset=4 (local.get $d)) (i32.load offset=8 (local.get $d))
                  (i32.load offset=12 (local.get $d)) (i32.load offset=16 (local.get $d)) (local.get $k) (local.get $nb))
                (local.set $d (i32.add (local.get $d) (i32.const 32)))
                (br_if $border (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $nbd)))))
            (local.set $j (i32.const 0))
            (loop $fill
              (i32.store (i32.add (local.get $mask) (i32.shl (local.get $j) (i32.const 2))) (i32.load offset=4 (local.get $rt)))
              (br_if $fill (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $nb))))
            (local.set $d (i32.add (local.get $rt) (i32.const 96)))
            (local.set $j (i32.const 0))
            (block $corridorsDone
              (br_if $corridorsDone (i32.ge_s (local.get $j) (local.get $ncc)))
              (loop $corridor
                (call $chainMove (i32.load (local.get $d)) (i32.load offset=4 (local.get $d)) (i32.load offset=8 (local.get $d))
                  (i32.load offset=12 (local.get $d)) (i32.load offset=16 (local.get $d)) (i32.load offset=20 (local.get $d)) (local.get $k)
                  (i32.load (i32.add (i32.load offset=28 (local.get $d)) (i32.shl (local.get $k) (i32.const 2))))
                  (i32.load offset=24 (local.get $d)) (local.get $mask) (local.get $nb))
                (local.set $d (i32.add (local.get $d) (i32.const 32)))
                (br_if $corridor (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $ncc)))))
            ;; Routes.update, every set's rows in the tables
            (local.set $n (call $routesChanged (local.get $mask) (i32.load offset=12 (local.get $rt)) (i32.load offset=16 (local.get $rt))
              (i32.load offset=20 (local.get $rt)) (local.get $nb)))
            (if (i32.gt_s (local.get $n) (i32.const 0))
              (then
                (if (i32.ne (local.get $n) (call $routesRows (i32.load offset=20 (local.get $rt)) (local.get $n) (local.get $mask)
                      (i32.load offset=24 (local.get $rt)) (i32.load offset=28 (local.get $rt)) (local.get $nf) (i32.const 0)))
                  (then (unreachable)))
                (local.set $yp (if (result i32) (i32.gt_s (local.get $k) (i32.const 0))
                  (then (i32.load (i32.add (local.get $sy) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 2)))))
                  (else (i32.const -1))))
                (call $routesUpdate (i32.load offset=20 (local.get $rt)) (i32.load offset=24 (local.get $rt)) (local.get $n) (local.get $nf)
                  (i32.load offset=28 (local.get $rt)) (i32.load offset=32 (local.get $rt)) (i32.load offset=36 (local.get $rt))
                  (local.get $route) (i32.load offset=44 (local.get $rt)) (local.get $os) (local.get $fl) (local.get $cv) (local.get $yp) (local.get $nc)
                  (local.get $mask) (i32.const -1) (i32.load offset=52 (local.get $rt)) (i32.load offset=48 (local.get $rt)) (i32.load offset=56 (local.get $rt))
                  (i32.load offset=60 (local.get $rt)) (i32.load offset=64 (local.get $rt)) (i32.load offset=68 (local.get $rt)))))))
        (call $stepShocks (local.get $st) (local.get $oz) (local.get $nf) (i32.const 0) (i32.const 0) (i32.const 0) (local.get $lt) (local.get $oc) (local.get $nb))
        (call $levelsObserveFlows (local.get $shock) (local.get $ox) (local.get $ov) (local.get $or) (local.get $oe) (local.get $os)
          (i32.add (local.get $tot) (i32.shl (local.get $k) (i32.const 11))) (local.get $op) (local.get $nf) (local.get $nb))
        ;; the end of a year
        (local.set $y (i32.load (i32.add (local.get $sy) (i32.shl (local.get $k) (i32.const 2)))))
        (if (i32.or (i32.eq (i32.add (local.get $k) (i32.const 1)) (local.get $T))
                    (i32.ne (i32.load offset=4 (i32.add (local.get $sy) (i32.shl (local.get $k) (i32.const 2)))) (local.get $y)))
          (then
            (if (i32.ge_s (local.get $y) (i32.const 0))
              (then (call $yearEnd (local.get $nf) (local.get $nb) (local.get $os) (local.get $fl) (local.get $route)
                (i32.add (local.get $cv) (i32.shl (i32.mul (local.get $y) (local.get $nc)) (i32.const 3)))
                (i32.add (local.get $an) (i32.mul (local.get $y) (local.get $ys))) (local.get $yrows)
                (f64.load (i32.add (local.get $per) (i32.shl (local.get $y) (i32.const 3)))) (i32.const 1)))
              (else (call $yearEnd (local.get $nf) (local.get $nb) (local.get $os) (local.get $fl) (local.get $route)
                (local.get $cv) (local.get $an) (local.get $yrows) (f64.const 0) (i32.const 0))))))
        (br_if $step (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $T))))))

  ;; routes.ts Routes.move's loop for one corridor without a chain, open this step and past its
  ;; first opening on some path: over paths p < $nb, mask[p] ($mask, i32) takes $bit when its dates
  ;; have come (with $dated: gateStep[p] <= k, $gs, i32; else on every path) and its border is open
  ;; ($bo >= 0: bOpenNow, u8).
  (func (export "gateMove") (param $bit i32) (param $dated i32) (param $gs i32) (param $k i32) (param $bo i32) (param $mask i32) (param $nb i32)
    (local $p i32) (local $ok i32) (local $a i32)
    (block $done
      (br_if $done (i32.le_s (local.get $nb) (i32.const 0)))
      (loop $path
        (local.set $a (i32.shl (local.get $p) (i32.const 2)))
        (local.set $ok (i32.const 1))
        (if (local.get $dated)
          (then (local.set $ok (i32.shr_u (i32.sub (i32.sub (i32.load (i32.add (local.get $gs) (local.get $a))) (local.get $k)) (i32.const 1)) (i32.const 31)))))
        (if (i32.ge_s (local.get $bo) (i32.const 0))
          (then (local.set $ok (i32.and (local.get $ok) (i32.load8_u (i32.add (local.get $bo) (local.get $p)))))))
        (i32.store (i32.add (local.get $mask) (local.get $a))
          (i32.or (i32.load (i32.add (local.get $mask) (local.get $a))) (i32.and (local.get $bit) (i32.sub (i32.const 0) (local.get $ok)))))
        (br_if $path (i32.lt_s (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $nb))))))

  ;; routes.ts Routes.adjust with general routes (per-path costs): for each flow f < $nf that adjusts
  ;; ($adj[f], i32) and each path p listed in $work ($nw, i32), with bits = lastingMask[p] & allow[f]
  ;; and open = mask[p] & allow[f] (i32s at $lm $mask $allow): when open = bits, the target is lnRoute
  ;; (NaN without a route) and the cap +Infinity; else, when bits differ from adjBits[i] or the
  ;; path's costs are stale ($stale, u8), the target -el (log1p(best cost over bits) - lnRef) (NaN
  ;; when none), the log1p taken from lnCost or computed there where it is NaN (cost and lnCost f64
  ;; at [(p C + c) F + f]); then the cap, lnRoute when open ^ bits != 0, else +Infinity. Rows
  ;; i = f * 256 + p of $bits (i32), $route (i32), $lnr $atg $cap $el $ref (f64). Then the listed
  ;; paths' stale flags are cleared.
  (func (export "adjustTargets") (param $nf i32) (param $nw i32) (param $work i32) (param $lm i32) (param $mask i32) (param $allow i32) (param $adj i32)
      (param $bits i32) (param $stale i32) (param $cost i32) (param $lnc i32) (param $nc i32)
      (param $route i32) (param $lnr i32) (param $atg i32) (param $cap i32) (param $el i32) (param $ref i32)
    (local $f i32) (local $q i32) (local $p i32) (local $i4 i32) (local $i8 i32) (local $al i32) (local $b i32) (local $o i32)
    (local $c i32) (local $j i32) (local $jb i32) (local $best f64) (local $r f64) (local $ln f64)
    (block $flowsDone
      (br_if $flowsDone (i32.le_s (local.get $nf) (i32.const 0)))
      (loop $flow
        (if (i32.load (i32.add (local.get $adj) (i32.shl (local.get $f) (i32.const 2))))
          (then
            (local.set $al (i32.load (i32.add (local.get $allow) (i32.shl (local.get $f) (i32.const 2)))))
            (local.set $q (i32.const 0))
            (block $pathsDone
              (br_if $pathsDone (i32.le_s (local.get $nw) (i32.const 0)))
              (loop $path
                (local.set $p (i32.load (i32.add (local.get $work) (i32.shl (local.get $q) (i32.const 2)))))
                (local.set $i4 (i32.shl (i32.add (i32.shl (local.get $f) (i32.const 8)) (local.get $p)) (i32.const 2)))
                (local.set $i8 (i32.shl (local.get $i4) (i32.const 1)))
                (local.set $b (i32.and (i32.load (i32.add (local.get $lm) (i32.shl (local.get $p) (i32.const 2)))) (local.get $al)))
                (local.set $o (i32.and (i32.load (i32.add (local.get $mask) (i32.shl (local.get $p) (i32.const 2)))) (local.get $al)))
                (if (i32.eq (local.get $o) (local.get $b))
                  (then
                    (i32.store (i32.add (local.get $bits) (local.get $i4)) (local.get $b))
                    (f64.store (i32.add (local.get $atg) (local.get $i8))
                      (select (f64.const nan) (f64.load (i32.add (local.get $lnr) (local.get $i8)))
                        (i32.lt_s (i32.load (i32.add (local.get $route) (local.get $i4))) (i32.const 0))))
                    (f64.store (i32.add (local.get $cap) (local.get $i8)) (f64.const inf)))
                  (else
                    (if (i32.or (i32.ne (local.get $b) (i32.load (i32.add (local.get $bits) (local.get $i4))))
                                (i32.load8_u (i32.add (local.get $stale) (local.get $p))))
                      (then
                        (local.set $best (f64.const inf))
                        (local.set $ln (f64.const nan))
                        (local.set $jb (i32.const -1))
                        (local.set $c (i32.const 0))
                        (block $corridorsDone
                          (br_if $corridorsDone (i32.le_s (local.get $nc) (i32.const 0)))
                          (loop $corridor
                            (if (i32.and (i32.shr_u (local.get $b) (local.get $c)) (i32.const 1))
                              (then
                                (local.set $j (i32.add (i32.mul (i32.add (i32.mul (local.get $p) (local.get $nc)) (local.get $c)) (local.get $nf)) (local.get $f)))
                                (local.set $r (f64.load (i32.add (local.get $cost) (i32.shl (local.get $j) (i32.const 3)))))
                                (if (f64.lt (local.get $r) (local.get $best))
                                  (then (local.set $best (local.get $r)) (local.set $jb (local.get $j))))))
                            (br_if $corridor (i32.lt_s (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $nc)))))
                        (if (i32.ge_s (local.get $jb) (i32.const 0))
                          (then
                            (local.set $ln (f64.load (i32.add (local.get $lnc) (i32.shl (local.get $jb) (i32.const 3)))))
                            (if (f64.ne (local.get $ln) (local.get $ln))
                              (then
                                (local.set $ln (call $log1pw (f64.load (i32.add (local.get $cost) (i32.shl (local.get $jb) (i32.const 3))))))
                                (f64.store (i32.add (local.get $lnc) (i32.shl (local.get $jb) (i32.const 3))) (local.get $ln))))))
                        (i32.store (i32.add (local.get $bits) (local.get $i4)) (local.get $b))
                        (f64.store (i32.add (local.get $atg) (local.get $i8))
                          (if (result f64) (f64.eq (local.get $best) (f64.const inf))
                            (then (f64.const nan))
                            (else (f64.mul (f64.neg (f64.load (i32.add (local.get $el) (local.get $i8))))
                                           (f64.sub (local.get $ln) (f64.load (i32.add (local.get $ref) (local.get $i8))))))))))
                    (f64.store (i32.add (local.get $cap) (local.get $i8))
                      (select (f64.load (i32.add (local.get $lnr) (local.get $i8))) (f64.const inf) (i32.ne (i32.xor (local.get $o) (local.get $b)) (i32.const 0))))))
                (br_if $path (i32.lt_s (local.tee $q (i32.add (local.get $q) (i32.const 1))) (local.get $nw)))))))
        (br_if $flow (i32.lt_s (local.tee $f (i32.add (local.get $f) (i32.const 1))) (local.get $nf)))))
    (local.set $q (i32.const 0))
    (block $cleared
      (br_if $cleared (i32.le_s (local.get $nw) (i32.const 0)))
      (loop $clear
        (i32.store8 (i32.add (local.get $stale) (i32.load (i32.add (local.get $work) (i32.shl (local.get $q) (i32.const 2))))) (i32.const 0))
        (br_if $clear (i32.lt_s (local.tee $q (i32.add (local.get $q) (i32.const 1))) (local.get $nw))))))

  ;; ---- groutes ----

  ;; routes.ts Routes.update's memo look-up for general routes (per-path costs), with memoFill: for
  ;; the $n changed paths p = $och[q], a path whose $force (u8) is set has it cleared and its
  ;; ROUTE_MEMO (8) slots emptied ($mm, i32, -1); the set m = mask[p] goes to slot s = 8 p + memoSlot(m),
  ;; whose routes start at o = s $nf, into $oo[q]. When mm[s] is not m, the slot takes m and, per flow f,
  ;; the first cheapest corridor open in m and allowed to f ($allow[f]; costs at $cost, f64
  ;; [(p $nc + c) $nf + f]) into $mr[o + f] (i32, -1: none) and its ln route factor
  ;; -el (log1p(cost) - lnRef) into $ml[o + f] (f64, -Infinity: none), el and lnRef at $el and $ref,
  ;; rows i = f * 256 + p; the log1p at $lnc[j], taken there ($log1pw) where it is NaN (not taken yet).
  (func (export "routesMemo") (param $och i32) (param $oo i32) (param $n i32) (param $nf i32) (param $nc i32)
      (param $mask i32) (param $force i32) (param $mm i32) (param $mr i32) (param $ml i32)
      (param $allow i32) (param $cost i32) (param $lnc i32) (param $el i32) (param $ref i32)
    (local $q i32) (local $p i32) (local $m i32) (local $s i32) (local $o i32) (local $f i32) (local $bits i32)
    (local $c i32) (local $bc i32) (local $po i32) (local $j i32) (local $i8 i32) (local $x i32) (local $lt i32)
    (local $best f64) (local $r f64) (local $lc f64) (local $ln f64)
    (block $done
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (loop $path
        (local.set $p (i32.load (i32.add (local.get $och) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $m (i32.load (i32.add (local.get $mask) (i32.shl (local.get $p) (i32.const 2)))))
        (if (i32.load8_u (i32.add (local.get $force) (local.get $p)))
          (then
            (i32.store8 (i32.add (local.get $force) (local.get $p)) (i32.const 0))
            ;; the path's 8 slots (32 bytes) hold -1
            (local.set $x (i32.add (local.get $mm) (i32.shl (local.get $p) (i32.const 5))))
            (v128.store (local.get $x) (v128.const i32x4 -1 -1 -1 -1))
            (v128.store offset=16 (local.get $x) (v128.const i32x4 -1 -1 -1 -1))))
        ;; memoSlot(m): m's bits folded onto three
        (local.set $x (i32.xor (i32.xor (i32.xor (local.get $m) (i32.shr_u (local.get $m) (i32.const 2)))
                                        (i32.xor (i32.shr_u (local.get $m) (i32.const 4)) (i32.shr_u (local.get $m) (i32.const 6))))
                               (i32.xor (i32.shr_u (local.get $m) (i32.const 8)) (i32.shr_u (local.get $m) (i32.const 10)))))
        (local.set $s (i32.add (i32.shl (local.get $p) (i32.const 3)) (i32.and (local.get $x) (i32.const 7))))
        (local.set $o (i32.mul (local.get $s) (local.get $nf)))
        (i32.store (i32.add (local.get $oo) (i32.shl (local.get $q) (i32.const 2))) (local.get $o))
        (if (i32.ne (i32.load (i32.add (local.get $mm) (i32.shl (local.get $s) (i32.const 2)))) (local.get $m))
          (then
            ;; Routes.memoFill
            (i32.store (i32.add (local.get $mm) (i32.shl (local.get $s) (i32.const 2))) (local.get $m))
            (local.set $po (i32.mul (i32.mul (local.get $p) (local.get $nc)) (local.get $nf)))
            (local.set $f (i32.const 0))
            (block $flowsDone
              (br_if $flowsDone (i32.le_s (local.get $nf) (i32.const 0)))
              (loop $flow
                (local.set $best (f64.const inf))
                (local.set $bc (i32.const -1))
                (local.set $bits (i32.and (local.get $m) (i32.load (i32.add (local.get $allow) (i32.shl (local.get $f) (i32.const 2))))))
                (block $bitsDone
                  (br_if $bitsDone (i32.eqz (local.get $bits)))
                  (loop $bit
                    (local.set $c (i32.ctz (local.get $bits)))
                    (local.set $r (f64.load (i32.add (local.get $cost)
                      (i32.shl (i32.add (i32.add (local.get $po) (i32.mul (local.get $c) (local.get $nf))) (local.get $f)) (i32.const 3)))))
                    ;; r < best, without a branch (which corridor is cheapest is random)
                    (local.set $lt (f64.lt (local.get $r) (local.get $best)))
                    (local.set $best (select (local.get $r) (local.get $best) (local.get $lt)))
                    (local.set $bc (select (local.get $c) (local.get $bc) (local.get $lt)))
                    (br_if $bit (local.tee $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1)))))))
                (i32.store (i32.add (local.get $mr) (i32.shl (i32.add (local.get $o) (local.get $f)) (i32.const 2))) (local.get $bc))
                (local.set $ln (f64.const -inf))
                (if (i32.ge_s (local.get $bc) (i32.const 0))
                  (then
                    (local.set $j (i32.shl (i32.add (i32.add (local.get $po) (i32.mul (local.get $bc) (local.get $nf))) (local.get $f)) (i32.const 3)))
                    (local.set $lc (f64.load (i32.add (local.get $lnc) (local.get $j))))
                    (local.set $x (i32.add (i32.shl (local.get $f) (i32.const 8)) (local.get $p)))
                    (if (f64.ne (local.get $lc) (local.get $lc))
                      (then
                        (local.set $lc (call $log1pw (f64.load (i32.add (local.get $cost) (local.get $j)))))
                        (f64.store (i32.add (local.get $lnc) (local.get $j)) (local.get $lc))))
                    (local.set $i8 (i32.shl (local.get $x) (i32.const 3)))
                    (local.set $ln (f64.mul (f64.neg (f64.load (i32.add (local.get $el) (local.get $i8))))
                                            (f64.sub (local.get $lc) (f64.load (i32.add (local.get $ref) (local.get $i8))))))))
                (f64.store (i32.add (local.get $ml) (i32.shl (i32.add (local.get $o) (local.get $f)) (i32.const 3))) (local.get $ln))
                (br_if $flow (i32.lt_s (local.tee $f (i32.add (local.get $f) (i32.const 1))) (local.get $nf)))))))
        (br_if $path (i32.lt_s (local.tee $q (i32.add (local.get $q) (i32.const 1))) (local.get $n))))))

  ;; ---- exp and log ----

  ;; exp(x) and log(x): fdlibm's e_exp.c and e_log.c as V8 runs them for Math.exp and Math.log on
  ;; x64 (with V8's own exp(1) = e), operation for operation: the same bits as src/engine/exp-log.ts
  ;; (test/engine/exp-log.test.ts). Here, not imported: Math's differ between machines (Linux arm64
  ;; builds fuse multiply-adds), and a JS import boxes its argument and result (the peak RSS of long
  ;; runs grew with it). Constants as in exp-log.ts: ln2 as 0x1.62e42feep-1 + 0x1.a39ef35793c76p-33,
  ;; 1/ln2, exp's P1..P5, its overflow and underflow thresholds, e; log's Lg1..Lg7 (log1p's Lp1..Lp7).
  (func $expw (export "exp") (param $x f64) (result f64)
    (local $hx i32) (local $neg i32) (local $k i32) (local $hi f64) (local $lo f64) (local $t f64) (local $c f64) (local $y f64)
    (local.set $hx (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))
    (local.set $neg (i32.shr_u (local.get $hx) (i32.const 31)))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x7fffffff)))
    (if (i32.ge_u (local.get $hx) (i32.const 0x40862e42)) ;; |x| >= 709.78..., or not finite
      (then
        (if (f64.ne (local.get $x) (local.get $x)) (then (return (local.get $x))))
        (if (f64.gt (local.get $x) (f64.const 0x1.62e42fefa39efp9)) (then (return (f64.const inf))))
        (if (f64.lt (local.get $x) (f64.const -0x1.74910d52d3051p9)) (then (return (f64.const 0))))))
    (if (i32.gt_u (local.get $hx) (i32.const 0x3fd62e42)) ;; |x| > ln2 / 2
      (then
        (if (i32.lt_u (local.get $hx) (i32.const 0x3ff0a2b2)) ;; and |x| < 1.5 ln2
          (then
            (if (f64.eq (local.get $x) (f64.const 1)) (then (return (f64.const 0x1.5bf0a8b145769p1))))
            (if (local.get $neg)
              (then
                (local.set $hi (f64.add (local.get $x) (f64.const 0x1.62e42feep-1)))
                (local.set $lo (f64.const -0x1.a39ef35793c76p-33))
                (local.set $k (i32.const -1)))
              (else
                (local.set $hi (f64.sub (local.get $x) (f64.const 0x1.62e42feep-1)))
                (local.set $lo (f64.const 0x1.a39ef35793c76p-33))
                (local.set $k (i32.const 1)))))
          (else
            (local.set $k (i32.trunc_f64_s (f64.add (f64.mul (f64.const 0x1.71547652b82fep0) (local.get $x))
                                                    (select (f64.const -0.5) (f64.const 0.5) (local.get $neg)))))
            (local.set $t (f64.convert_i32_s (local.get $k)))
            (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $t) (f64.const 0x1.62e42feep-1))))
            (local.set $lo (f64.mul (local.get $t) (f64.const 0x1.a39ef35793c76p-33)))))
        (local.set $x (f64.sub (local.get $hi) (local.get $lo))))
      (else
        (if (i32.lt_u (local.get $hx) (i32.const 0x3e300000)) (then (return (f64.add (f64.const 1) (local.get $x))))))) ;; |x| < 2^-28
    (local.set $t (f64.mul (local.get $x) (local.get $x)))
    (local.set $c (f64.sub (local.get $x) (f64.mul (local.get $t)
      (f64.add (f64.const 0x1.555555555553ep-3) (f64.mul (local.get $t)
        (f64.add (f64.const -0x1.6c16c16bebd93p-9) (f64.mul (local.get $t)
          (f64.add (f64.const 0x1.1566aaf25de2cp-14) (f64.mul (local.get $t)
            (f64.add (f64.const -0x1.bbd41c5d26bf1p-20) (f64.mul (local.get $t) (f64.const 0x1.6376972bea4d0p-25))))))))))))
    (if (i32.eqz (local.get $k))
      (then (return (f64.sub (f64.const 1) (f64.sub (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (local.get $c) (f64.const 2))) (local.get $x))))))
    (local.set $y (f64.sub (f64.const 1) (f64.sub (f64.sub (local.get $lo) (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (f64.const 2) (local.get $c))))
                                                  (local.get $hi))))
    (if (i32.ge_s (local.get $k) (i32.const -1021))
      (then
        (if (i32.eq (local.get $k) (i32.const 1024)) (then (return (f64.mul (f64.mul (local.get $y) (f64.const 2)) (f64.const 0x1p1023)))))
        (return (f64.mul (local.get $y) (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (local.get $k) (i32.const 1023))) (i64.const 52)))))))
    ;; y 2^(k + 1000) 2^-1000
    (f64.mul (f64.mul (local.get $y) (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (local.get $k) (i32.const 2023))) (i64.const 52))))
             (f64.const 0x1p-1000)))

  (func $logw (export "log") (param $x f64) (result f64)
    (local $bits i64) (local $hx i32) (local $k i32) (local $i i32)
    (local $f f64) (local $dk f64) (local $r f64) (local $s f64) (local $z f64) (local $w f64) (local $hfsq f64)
    (local.set $bits (i64.reinterpret_f64 (local.get $x)))
    (local.set $hx (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32))))
    (if (i32.lt_s (local.get $hx) (i32.const 0x00100000)) ;; x < 2^-1022
      (then
        (if (i64.eqz (i64.and (local.get $bits) (i64.const 0x7fffffffffffffff))) (then (return (f64.const -inf)))) ;; log(+-0)
        (if (i32.lt_s (local.get $hx) (i32.const 0)) (then (return (f64.const nan)))) ;; log(x < 0)
        (local.set $k (i32.const -54))
        (local.set $x (f64.mul (local.get $x) (f64.const 0x1p54))) ;; subnormal: scale up
        (local.set $bits (i64.reinterpret_f64 (local.get $x)))
        (local.set $hx (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 32))))))
    (if (i32.ge_s (local.get $hx) (i32.const 0x7ff00000)) (then (return (f64.add (local.get $x) (local.get $x)))))
    (local.set $k (i32.add (local.get $k) (i32.sub (i32.shr_s (local.get $hx) (i32.const 20)) (i32.const 1023))))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x000fffff)))
    (local.set $i (i32.and (i32.add (local.get $hx) (i32.const 0x95f64)) (i32.const 0x100000)))
    ;; x's high word := hx | (i ^ 0x3ff00000): x or x / 2 in [sqrt(2)/2, sqrt(2))
    (local.set $f (f64.sub
      (f64.reinterpret_i64 (i64.or (i64.and (local.get $bits) (i64.const 0xffffffff))
                                   (i64.shl (i64.extend_i32_u (i32.or (local.get $hx) (i32.xor (local.get $i) (i32.const 0x3ff00000)))) (i64.const 32))))
      (f64.const 1)))
    (local.set $k (i32.add (local.get $k) (i32.shr_s (local.get $i) (i32.const 20))))
    (local.set $dk (f64.convert_i32_s (local.get $k)))
    (if (i32.lt_s (i32.and (i32.const 0x000fffff) (i32.add (i32.const 2) (local.get $hx))) (i32.const 3)) ;; |f| < 2^-20
      (then
        (if (f64.eq (local.get $f) (f64.const 0))
          (then
            (if (i32.eqz (local.get $k)) (then (return (f64.const 0))))
            (return (f64.add (f64.mul (local.get $dk) (f64.const 0x1.62e42feep-1)) (f64.mul (local.get $dk) (f64.const 0x1.a39ef35793c76p-33))))))
        (local.set $r (f64.mul (f64.mul (local.get $f) (local.get $f)) (f64.sub (f64.const 0.5) (f64.mul (f64.const 0x1.5555555555555p-2) (local.get $f)))))
        (if (i32.eqz (local.get $k)) (then (return (f64.sub (local.get $f) (local.get $r)))))
        (return (f64.sub (f64.mul (local.get $dk) (f64.const 0x1.62e42feep-1))
                         (f64.sub (f64.sub (local.get $r) (f64.mul (local.get $dk) (f64.const 0x1.a39ef35793c76p-33))) (local.get $f))))))
    (local.set $s (f64.div (local.get $f) (f64.add (f64.const 2) (local.get $f))))
    (local.set $z (f64.mul (local.get $s) (local.get $s)))
    (local.set $w (f64.mul (local.get $z) (local.get $z)))
    ;; R = z (Lg1 + w (Lg3 + w (Lg5 + w Lg7))) + w (Lg2 + w (Lg4 + w Lg6))
    (local.set $r (f64.add
      (f64.mul (local.get $z) (f64.add (f64.const 0x1.5555555555593p-1) (f64.mul (local.get $w)
        (f64.add (f64.const 0x1.2492494229359p-2) (f64.mul (local.get $w)
          (f64.add (f64.const 0x1.7466496cb03dep-3) (f64.mul (local.get $w) (f64.const 0x1.2f112df3e5244p-3))))))))
      (f64.mul (local.get $w) (f64.add (f64.const 0x1.999999997fa04p-2) (f64.mul (local.get $w)
        (f64.add (f64.const 0x1.c71c51d8e78afp-3) (f64.mul (local.get $w) (f64.const 0x1.39a09d078c69fp-3))))))))
    (if (i32.gt_s (i32.or (i32.sub (local.get $hx) (i32.const 0x6147a)) (i32.sub (i32.const 0x6b851) (local.get $hx))) (i32.const 0))
      (then ;; x's mantissa within [1.38, 1.42]: fdlibm's other form
        (local.set $hfsq (f64.mul (f64.mul (f64.const 0.5) (local.get $f)) (local.get $f)))
        (if (i32.eqz (local.get $k))
          (then (return (f64.sub (local.get $f) (f64.sub (local.get $hfsq) (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $r))))))))
        (return (f64.sub (f64.mul (local.get $dk) (f64.const 0x1.62e42feep-1))
                         (f64.sub (f64.sub (local.get $hfsq) (f64.add (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $r)))
                                                                      (f64.mul (local.get $dk) (f64.const 0x1.a39ef35793c76p-33))))
                                  (local.get $f))))))
    (if (i32.eqz (local.get $k))
      (then (return (f64.sub (local.get $f) (f64.mul (local.get $s) (f64.sub (local.get $f) (local.get $r)))))))
    (f64.sub (f64.mul (local.get $dk) (f64.const 0x1.62e42feep-1))
             (f64.sub (f64.sub (f64.mul (local.get $s) (f64.sub (local.get $f) (local.get $r))) (f64.mul (local.get $dk) (f64.const 0x1.a39ef35793c76p-33)))
                      (local.get $f))))

  ;; ---- log1p ----

  ;; log1p(x): V8's Math.log1p (V8 11.3 src/base/ieee754.cc, from fdlibm's s_log1p.c) operation for
  ;; operation, the same bits (test/engine/log1p.test.ts), as src/engine/log1p.ts (which scales u by
  ;; 2^-k where this sets its exponent). Here so that the route loops (routesMemo, adjustTargets)
  ;; take a log1p with no call out to JS (an imported function boxes its argument and result, ~30 ns),
  ;; and so that their results do not depend on the libm V8 was built with. Constants: ln2_hi ln2_lo
  ;; and Lp1..Lp7 (in decimal in log1p.ts), 0x1.5555555555555p-1 = 0.66666666666666666.
  (func $log1pw (export "log1p") (param $x f64) (result f64)
    (local $hx i32) (local $ax i32) (local $k i32) (local $hu i32) (local $hw i32)
    (local $f f64) (local $c f64) (local $u f64) (local $hfsq f64) (local $s f64) (local $z f64) (local $r f64) (local $dk f64)
    (local.set $hx (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))
    (local.set $ax (i32.and (local.get $hx) (i32.const 0x7fffffff)))
    (local.set $k (i32.const 1))
    (if (i32.lt_s (local.get $hx) (i32.const 0x3fda827a)) ;; 1 + x < sqrt(2)+
      (then
        (if (i32.ge_s (local.get $ax) (i32.const 0x3ff00000)) ;; x <= -1 (or a NaN with the sign bit)
          (then (return (select (f64.const -inf) (f64.const nan) (f64.eq (local.get $x) (f64.const -1))))))
        (if (i32.lt_s (local.get $ax) (i32.const 0x3e200000)) ;; |x| < 2^-29
          (then
            (if (i32.lt_s (local.get $ax) (i32.const 0x3c900000)) (then (return (local.get $x)))) ;; |x| < 2^-54
            (return (f64.sub (local.get $x) (f64.mul (f64.mul (local.get $x) (local.get $x)) (f64.const 0.5))))))
        (if (i32.or (i32.gt_s (local.get $hx) (i32.const 0)) (i32.le_s (local.get $hx) (i32.const 0xbfd2bec4)))
          (then (local.set $k (i32.const 0)) (local.set $f (local.get $x)) (local.set $hu (i32.const 1))))))
    (if (i32.ge_s (local.get $hx) (i32.const 0x7ff00000)) (then (return (f64.add (local.get $x) (local.get $x)))))
    (if (local.get $k)
      (then
        (if (i32.lt_s (local.get $hx) (i32.const 0x43400000)) ;; x < 2^53
          (then
            (local.set $u (f64.add (f64.const 1) (local.get $x)))
            (local.set $hu (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $u)) (i64.const 32))))
            (local.set $k (i32.sub (i32.shr_s (local.get $hu) (i32.const 20)) (i32.const 1023)))
            ;; the correction term
            (local.set $c (select (f64.sub (f64.const 1) (f64.sub (local.get $u) (local.get $x)))
                                  (f64.sub (local.get $x) (f64.sub (local.get $u) (f64.const 1)))
                                  (i32.gt_s (local.get $k) (i32.const 0))))
            (local.set $c (f64.div (local.get $c) (local.get $u))))
          (else
            (local.set $u (local.get $x))
            (local.set $hu (local.get $hx))
            (local.set $k (i32.sub (i32.shr_s (local.get $hu) (i32.const 20)) (i32.const 1023)))
            (local.set $c (f64.const 0))))
        (local.set $hu (i32.and (local.get $hu) (i32.const 0x000fffff)))
        (if (i32.lt_s (local.get $hu) (i32.const 0x6a09e)) ;; u ~< sqrt(2): u normalized, else u / 2
          (then (local.set $hw (i32.or (local.get $hu) (i32.const 0x3ff00000))))
          (else
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (local.set $hw (i32.or (local.get $hu) (i32.const 0x3fe00000)))
            (local.set $hu (i32.shr_s (i32.sub (i32.const 0x00100000) (local.get $hu)) (i32.const 2)))))
        ;; u's high word replaced by $hw
        (local.set $u (f64.reinterpret_i64 (i64.or (i64.and (i64.reinterpret_f64 (local.get $u)) (i64.const 0xffffffff))
                                                   (i64.shl (i64.extend_i32_u (local.get $hw)) (i64.const 32)))))
        (local.set $f (f64.sub (local.get $u) (f64.const 1)))))
    (local.set $hfsq (f64.mul (f64.mul (f64.const 0.5) (local.get $f)) (local.get $f)))
    (local.set $dk (f64.convert_i32_s (local.get $k)))
    (if (i32.eqz (local.get $hu)) ;; |f| < 2^-20
      (then
        (if (f64.eq (local.get $f) (f64.const 0))
          (then
            (if (i32.eqz (local.get $k)) (then (return (f64.const 0))))
            (local.set $c (f64.add (local.get $c) (f64.mul (local.get $dk) (f64.const 0x1.a39ef35793c76p-33))))
            (return (f64.add (f64.mul (local.get $dk) (f64.const 0x1.62e42feep-1)) (local.get $c)))))
        (local.set $r (f64.mul (local.get $hfsq) (f64.sub (f64.const 1) (f64.mul (f64.const 0x1.5555555555555p-1) (local.get $f)))))
        (if (i32.eqz (local.get $k)) (then (return (f64.sub (local.get $f) (local.get $r)))))
        (return (f64.sub (f64.mul (local.get $dk) (f64.const 0x1.62e42feep-1))
                         (f64.sub (f64.sub (local.get $r) (f64.add (f64.mul (local.get $dk) (f64.const 0x1.a39ef35793c76p-33)) (local.get $c)))
                                  (local.get $f))))))
    (local.set $s (f64.div (local.get $f) (f64.add (f64.const 2) (local.get $f))))
    (local.set $z (f64.mul (local.get $s) (local.get $s)))
    (local.set $r (f64.mul (local.get $z)
      (f64.add (f64.const 0x1.5555555555593p-1) (f64.mul (local.get $z)
        (f64.add (f64.const 0x1.999999997fa04p-2) (f64.mul (local.get $z)
          (f64.add (f64.const 0x1.2492494229359p-2) (f64.mul (local.get $z)
            (f64.add (f64.const 0x1.c71c51d8e78afp-3) (f64.mul (local.get $z)
              (f64.add (f64.const 0x1.7466496cb03dep-3) (f64.mul (local.get $z)
                (f64.add (f64.const 0x1.39a09d078c69fp-3) (f64.mul (local.get $z) (f64.const 0x1.2f112df3e5244p-3)))))))))))))))
    (if (i32.eqz (local.get $k))
      (then (return (f64.sub (local.get $f) (f64.sub (local.get $hfsq) (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $r))))))))
    (f64.sub (f64.mul (local.get $dk) (f64.const 0x1.62e42feep-1))
             (f64.sub (f64.sub (local.get $hfsq)
                               (f64.add (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $r)))
                                        (f64.add (f64.mul (local.get $dk) (f64.const 0x1.a39ef35793c76p-33)) (local.get $c))))
                      (local.get $f))))
)
