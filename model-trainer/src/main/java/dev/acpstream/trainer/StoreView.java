package dev.acpstream.trainer;

import java.util.function.BiConsumer;

/** Read access to the training-set stores, from the training thread. */
interface StoreView {

  byte[] get(String store, String key);

  void forEach(String store, BiConsumer<String, byte[]> action);

  void forEachWithPrefix(String store, String prefix, BiConsumer<String, byte[]> action);
}
