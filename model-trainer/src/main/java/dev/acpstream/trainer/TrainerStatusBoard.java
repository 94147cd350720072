package dev.acpstream.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's live {@link TrainerStatus}, updated by the stream thread (counts) and the
 * training thread (runs), mirrored to {@code status.json} in the work directory for operators.
 */
final class TrainerStatusBoard {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerStatusBoard.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private TrainerStatus status =
      new TrainerStatus(null, Double.NaN, null, 0, 0, 0, 0, 0, 0, false, null);

  TrainerStatusBoard(Path file) {
    this.file = file;
  }

  /** Writes the current status, so status.json exists from the start. */
  synchronized void write() {
    set(status);
  }

  synchronized TrainerStatus snapshot() {
    return status;
  }

  synchronized void champion(String version, double holdoutAccuracy) {
    TrainerStatus s = status;
    set(new TrainerStatus(version, holdoutAccuracy, s.lastTrainingAt(), s.labelsSeen(),
        s.labelsReady(), s.runs(), s.published(), s.rejected(), s.deadLetters(), s.training(),
        s.lastOutcome()));
  }

  synchronized void counts(long seen, long ready) {
    TrainerStatus s = status;
    if (s.labelsSeen() != seen || s.labelsReady() != ready) {
      set(new TrainerStatus(s.championVersion(), s.holdoutAccuracy(), s.lastTrainingAt(), seen,
          ready, s.runs(), s.published(), s.rejected(), s.deadLetters(), s.training(), s.lastOutcome()));
    }
  }

  synchronized void rejected() {
    TrainerStatus s = status;
    status = new TrainerStatus(s.championVersion(), s.holdoutAccuracy(), s.lastTrainingAt(),
        s.labelsSeen(), s.labelsReady(), s.runs(), s.published(), s.rejected(), s.deadLetters() + 1,
        s.training(), s.lastOutcome());
  }

  synchronized void training(boolean training) {
    TrainerStatus s = status;
    set(new TrainerStatus(s.championVersion(), s.holdoutAccuracy(), s.lastTrainingAt(),
        s.labelsSeen(), s.labelsReady(), s.runs(), s.published(), s.rejected(), s.deadLetters(),
        training, s.lastOutcome()));
  }

  /** A finished run: {@code published} and {@code rejected} say which decision it took, if any. */
  synchronized void runFinished(Instant at, boolean published, boolean rejected, String outcome) {
    TrainerStatus s = status;
    set(new TrainerStatus(s.championVersion(), s.holdoutAccuracy(), at, s.labelsSeen(),
        s.labelsReady(), s.runs() + 1, s.published() + (published ? 1 : 0),
        s.rejected() + (rejected ? 1 : 0), s.deadLetters(), false, outcome));
  }

  private void set(TrainerStatus s) {
    status = s;
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), s.toMap());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("could not write {}: {}", file, e.getMessage());
    }
  }
}
