package dev.acpstream.schemas;

import java.util.List;

/** Existing topics whose settings differ from the catalog's; lists every difference. */
public final class TopicMismatchException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public TopicMismatchException(List<String> problems) {
    super("existing topics differ from the catalog: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
