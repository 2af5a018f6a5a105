package io.wrongodb.storage.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** The free-space list against a bitmap of free units. */
class ExtentListTest {
    @Test
    void neighboursCoalesce() {
        ExtentList list = new ExtentList();
        list.add(0, 10);
        list.add(20, 10);
        list.add(10, 10);
        assertThat(list.extents()).hasSize(1);
        assertThat(list.extents().get(0)).containsExactly(0, 30);
    }

    @Test
    void bestFitTakesTheSmallestExtentThatFits() {
        ExtentList list = new ExtentList();
        list.add(0, 100);
        list.add(200, 30);
        list.add(300, 50);
        assertThat(list.allocate(40)).isEqualTo(300);
        assertThat(list.allocate(30)).isEqualTo(200);
        assertThat(list.allocate(101)).isEqualTo(-1);
    }

    @Property(tries = 200)
    void behavesLikeABitmapOfFreeUnits(@ForAll("operations") List<Tuple.Tuple2<Boolean, Integer>> operations) {
        ExtentList list = new ExtentList();
        BitSet free = new BitSet();
        BitSet used = new BitSet();
        long end = 0;
        java.util.ArrayList<long[]> allocated = new java.util.ArrayList<>();
        for (Tuple.Tuple2<Boolean, Integer> op : operations) {
            if (op.get1() || allocated.isEmpty()) {
                int size = op.get2();
                long at = list.allocate(size);
                if (at < 0) {
                    at = end;
                    end += size;
                } else {
                    assertThat(free.get((int) at, (int) at + size).cardinality())
                            .isEqualTo(size);
                    free.clear((int) at, (int) at + size);
                }
                assertThat(used.get((int) at, (int) at + size).isEmpty()).isTrue();
                used.set((int) at, (int) at + size);
                allocated.add(new long[] {at, size});
            } else {
                long[] block = allocated.remove(op.get2() % allocated.size());
                list.add(block[0], block[1]);
                used.clear((int) block[0], (int) (block[0] + block[1]));
                free.set((int) block[0], (int) (block[0] + block[1]));
            }
            assertThat(list.totalBytes()).isEqualTo(free.cardinality());
            for (long[] extent : list.extents()) {
                assertThat(free.get((int) extent[0], (int) (extent[0] + extent[1]))
                                .cardinality())
                        .isEqualTo((int) extent[1]);
            }
        }
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Boolean, Integer>>> operations() {
        return Arbitraries.integers()
                .between(1, 64)
                .flatMap(size -> Arbitraries.of(true, false).map(alloc -> Tuple.of(alloc, size)))
                .list()
                .ofMaxSize(200);
    }
}
