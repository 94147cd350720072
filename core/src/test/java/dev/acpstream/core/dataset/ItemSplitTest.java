package dev.acpstream.core.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ItemSplitTest {

  @Test
  void splits70_10_20PerClassRepeatablyAndDisjointly() {
    int[] labels = IntStream.range(0, 900).map(i -> i % 4).toArray();
    ItemSplit a = ItemSplit.paper(labels, 3);
    ItemSplit b = ItemSplit.paper(labels, 3);
    assertArrayEquals(a.train(), b.train());
    assertEquals(632, a.train().length, 4);
    assertEquals(88, a.validation().length, 4);
    assertEquals(900, a.train().length + a.validation().length + a.test().length);
    assertEquals(900, IntStream.concat(IntStream.concat(Arrays.stream(a.train()), Arrays.stream(a.validation())),
        Arrays.stream(a.test())).distinct().count());
    assertFalse(Arrays.equals(a.train(), ItemSplit.paper(labels, 4).train()));
  }

  @Test
  void smallClassesAppearInEveryPart() {
    int[] labels = {0, 0, 0, 1, 1, 1, 2, 2, 2};
    ItemSplit s = ItemSplit.paper(labels, 1);
    for (int[] part : new int[][] {s.train(), s.validation(), s.test()}) {
      assertEquals(3, Arrays.stream(part).map(i -> labels[i]).distinct().count());
    }
  }
}
