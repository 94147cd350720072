package dev.acpstream.trainer;

/** Why a label or pair record cannot be trained on; its reason becomes the dead letter's reason. */
final class RejectedLabelException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  enum Reason {
    /** The record is decodable but a field is missing or nonsensical (blank id, bad segment index). */
    MALFORMED_LABEL,
    UNKNOWN_SCHEME,
    UNKNOWN_CLASS,
    /** No features arrived for the item within the label timeout. */
    UNKNOWN_ITEM
  }

  private final Reason reason;

  RejectedLabelException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
