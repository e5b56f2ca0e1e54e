# Sourced by both launchers (the checkout's ./encodec-parity and the offline bundle's bin/encodec-parity) with the
# command's arguments: the process environment libtorch reads when it starts, so it must be set before the JVM.

# Native memory: libtorch frees and reallocates tensors of 80 MB and more on every layer. glibc serves the JVM's
# threads from per-thread arenas, whose heaps hold at most 64 MB, so every such block is a fresh mmap whose pages fault
# in on first touch: measured, elementwise ops ran 2-4x slower than in Python (whose main thread uses the main arena).
# One arena with large blocks kept in the heap makes them reused instead (benchmarks/README.md has the numbers).
# Only this process is affected; values already in the environment win.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-17179869184}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-17179869184}"

# oneDNN keeps the kernels it generates for each convolution shape, 1,024 of them by default, and its channels-last
# kernels (engine ChannelsLast) hold memory that grows with the input's length: over a corpus, whose every clip length
# is new, they piled up (verify of 40 clips, --jobs 2: peak 8.8 GB; 200 clips: 16.4 GB). One clip's encode and decode
# use 51 to 73 kernels (encodec_24khz to encodec_48khz, ONEDNN_VERBOSE): keeping fewer than that makes every call
# generate them all again (32 kept: encodec_24khz 2-5% slower; 20% while its one-channel convolution was channels-last,
# a kernel that takes 130-175 ms to create). 128 kept: those 40 clips peaked at 5.3 GB (4.6 GB with 32, 7.2 GB with
# 1,024), the 200 at 9.0 GB. Values already in the environment win.
export ONEDNN_PRIMITIVE_CACHE_CAPACITY="${ONEDNN_PRIMITIVE_CACHE_CAPACITY:-128}"

# Numerics on a GPU, parity first (docs/gpu.md). libtorch lets cuDNN convolutions use TF32 (10 mantissa bits) on
# Ampere and later GPUs, enough to flip codes; the CUDA libraries read NVIDIA_TF32_OVERRIDE once, when they start, so
# it is set here, before the JVM, unless the command says --allow-tf32 (then it is removed, and the run is recorded as
# made with TF32 allowed). A fixed cuBLAS workspace makes its reductions run in the same order every time. On the CPU
# neither changes anything.
allow_tf32=
for arg in "$@"; do  # the arguments of the launcher that sources this
  [ "$arg" = "--allow-tf32" ] && allow_tf32=1
done
if [ -n "$allow_tf32" ]; then
  unset NVIDIA_TF32_OVERRIDE
else
  export NVIDIA_TF32_OVERRIDE=0
fi
export CUBLAS_WORKSPACE_CONFIG="${CUBLAS_WORKSPACE_CONFIG:-:4096:8}"

