package dev.acpstream.core.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureTableTest {

  @Test
  void writesAndReadsBack(@TempDir Path dir) throws IOException {
    Map<String, float[]> rows = new LinkedHashMap<>();
    rows.put("Q1/a.mp3", new float[] {1.5f, -2.25e-7f, 3f});
    rows.put("Q2/b.mp3", new float[] {0f, 1f, 2f});
    Path f = dir.resolve("features.csv");
    FeatureTable.write(f, rows);
    FeatureTable t = FeatureTable.read(f);
    assertEquals(3, t.dim());
    assertEquals(2, t.size());
    assertArrayEquals(rows.get("Q1/a.mp3"), t.features("Q1/a.mp3", null));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> t.features("Q3/c.mp3", null))
        .getMessage().contains("no row for Q3/c.mp3"));
  }

  @Test
  void namesTheBadLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "# c\na,1,2\nb,1,x\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FeatureTable.read(f))
        .getMessage().contains("line 3: value 2 'x' is not a number"));
    Files.writeString(f, "a,1,2\nb,1\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FeatureTable.read(f))
        .getMessage().contains("line 2: 1 values, earlier rows have 2"));
    Files.writeString(f, "a,1,NaN\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FeatureTable.read(f))
        .getMessage().contains("not finite"));
    Files.writeString(f, "a,1\na,2\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FeatureTable.read(f))
        .getMessage().contains("appears twice"));
  }
}
