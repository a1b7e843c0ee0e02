"""``prefetch_row(a, i)``: ask the CPU to bring row ``i`` of a 2-D array into its caches
ahead of use, from numba kernels (LLVM's ``llvm.prefetch``; numba has no call for it).

Why: UMAP's negative samples read uniformly drawn points, and a million points'
coordinates (8 MB) do not fit in a core's cache, so each read waits on memory. The draws
do not depend on the arithmetic, so a kernel can draw a few ahead and prefetch them
(``tasks.project.epochs``: 20 epochs of the 1M synthetic map's refinement 10.2 → 8.2 s).
A prefetch is only a hint: it changes no value, and an index out of range is never read.
"""
from __future__ import annotations

from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic


@intrinsic
def prefetch_row(typingctx, arr, i):
    """Prefetch ``arr[i, 0]`` for reading, kept in every cache level."""
    if not isinstance(arr, types.Array) or arr.ndim != 2 or not isinstance(i, types.Integer):
        return None

    def codegen(context, builder, sig, args):
        aryty, ity = sig.args
        ary = context.make_array(aryty)(context, builder, args[0])
        index = context.cast(builder, args[1], ity, types.intp)
        ptr = cgutils.get_item_pointer(context, builder, aryty, ary, [index, context.get_constant(types.intp, 0)])
        i8p = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        fn = builder.module.declare_intrinsic("llvm.prefetch", [i8p],
                                              ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32]))
        # read (0), keep in all levels (3), data cache (1)
        builder.call(fn, [builder.bitcast(ptr, i8p), ir.Constant(i32, 0), ir.Constant(i32, 3), ir.Constant(i32, 1)])
        return context.get_dummy_value()

    return types.void(arr, i), codegen
