package dev.acpstream.trainer;

import dev.acpstream.schemas.avro.CorrespondenceScore;
import dev.acpstream.topology.AcpStreamsApp;
import dev.acpstream.topology.TopologyConfig;
import dev.acpstream.topology.match.PairingPartitioner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.acpstream.core.acpnet.AcpNetArtifact;
import dev.acpstream.core.acpnet.AcpNetModel;
import dev.acpstream.core.audio.AudioDecoder;
import dev.acpstream.core.audio.AudioDecoders;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.audio.MusicFeatureExtractor;
import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.core.audio.SegmentFeatures;
import dev.acpstream.core.audio.WindowFeatureExtractors;
import dev.acpstream.core.image.AffectBackbone;
import dev.acpstream.core.image.ImageDecoder;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ItemKind;
import dev.acpstream.schemas.avro.MediaLabel;
import dev.acpstream.schemas.avro.MusicSegmentFeatures;
import dev.acpstream.topology.model.ModelRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's sample photos and songs, with their real features (the affect backbone; the
 * paper's 193-d descriptor of each song's first 15 s), labelled by hand-picked classes as a user
 * would label them: the trainer publishes v1 for the affect backbone, and its scorer scores a
 * sample pair, and a running topology loads v1 and scores a live pair of the samples with it. The
 * classes are arbitrary: this checks the path from labels to a published,
 * loadable model, not what the model learned.
 */
class SampleMediaTrainingTest {

  private static final int CLIP_SECONDS = 15;
  private static final String[] THREE_CLASS = {"negative", "neutral", "positive"};
  private static final String[] QUADRANT = {"Q2", "Q4", "Q1"};

  @TempDir Path dir;

  @Test
  void labelsForTheSampleMediaPublishV1() throws Exception {
    Path samples = Path.of(System.getProperty("acp.project.dir", "..")).resolve("samples");
    List<Path> photos;
    List<Path> songs;
    try (Stream<Path> s = Files.list(samples.resolve("images"))) {
      photos = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    try (Stream<Path> s = Files.list(samples.resolve("audio"))) {
      songs = s.filter(p -> p.toString().endsWith(".mp3")).sorted().toList();
    }
    assertTrue(photos.size() >= 6 && songs.size() >= 3, "samples/ has photos and songs");

    try (KafkaFixture kafka = new KafkaFixture()) {
      Properties props = kafka.trainerProps("acp-trainer-samples", dir);
      props.setProperty(TrainerConfig.BACKBONE, AffectBackbone.ID);
      props.setProperty(TrainerConfig.MIN_LABELS_PER_CLASS, "1");
      props.setProperty(TrainerConfig.EPOCHS, "5");
      // Four songs are few: pick a holdout (a salt) that leaves at least three for training.
      Holdout holdout = null;
      for (int k = 0; holdout == null; k++) {
        Holdout h = new Holdout("samples-" + k, 0.2);
        if (songs.stream().filter(s -> !h.containsTrack(track(s))).count() >= 3) {
          holdout = h;
        }
      }
      props.setProperty(TrainerConfig.HOLDOUT_SALT, holdout.salt());

      List<ProducerRecord<String, MediaLabel>> labels = new ArrayList<>();
      List<ProducerRecord<String, ImageFeatures>> images = new ArrayList<>();
      AffectBackbone backbone = new AffectBackbone();
      ImageDecoder decoder = new ImageDecoder();
      int trainingPhotos = 0;
      for (Path p : photos) {
        String id = p.getFileName().toString();
        // Classes in turn over the photos the holdout leaves for training, so each class has one.
        int c = holdout.containsImage(id) ? labels.size() % 3 : trainingPhotos++ % 3;
        float[] f = backbone.features(decoder.decode(p));
        images.add(new ProducerRecord<>(Topics.FEATURES_IMAGE.name(), id, ImageFeatures.newBuilder()
            .setMediaId(id).setBackbone(AffectBackbone.ID).setDim(f.length).setFeatures(boxed(f))
            .setUploadedAt(Instant.now()).setExtractedAt(Instant.now()).build()));
        labels.add(new ProducerRecord<>(Topics.LABELS_MEDIA.name(), id, SyntheticMedia.label(id, ItemKind.IMAGE, THREE_CLASS[c], "3class")));
      }
      List<ProducerRecord<String, MusicSegmentFeatures>> segments = new ArrayList<>();
      MusicFeatureExtractor extractor = new MusicFeatureExtractor(WindowFeatureExtractors.paper193(), DecodeLimits.DEFAULT);
      int trainingSongs = 0;
      for (Path song : songs) {
        String track = track(song);
        int c = holdout.containsTrack(track) ? 0 : trainingSongs++ % 3;
        List<SegmentFeatures> segs = extractor.extract(firstSeconds(song));
        for (int i = 0; i < segs.size(); i++) {
          segments.add(new ProducerRecord<>(Topics.FEATURES_MUSIC_SEGMENT.name(), track + ":" + i,
              MusicSegmentFeatures.newBuilder().setTrackId(track).setSegmentIndex(i).setStartSeconds(0)
                  .setDurationSeconds(CLIP_SECONDS).setWindows(segs.get(i).windows())
                  .setPartial(segs.get(i).partial()).setFeatures(boxed(segs.get(i).features()))
                  .setExtractedAt(Instant.now()).build()));
        }
        // Songs are labelled with the 4Q quadrants: Q2 negative, Q4 neutral, Q1 positive.
        labels.add(new ProducerRecord<>(Topics.LABELS_MEDIA.name(), track, SyntheticMedia.label(track, ItemKind.MUSIC, QUADRANT[c], "4q")));
      }
      assertTrue(trainingPhotos >= 3 && trainingSongs >= 3,
          "the holdout leaves a photo and a song of each class for training: " + trainingPhotos + ", " + trainingSongs);
      props.setProperty(TrainerConfig.RETRAIN_LABELS, String.valueOf(labels.size()));

      try (TrainerService trainer = new TrainerService(TrainerConfig.from(props, Map.of())).start()) {
        kafka.send(Topics.FEATURES_IMAGE, images);
        kafka.send(Topics.FEATURES_MUSIC_SEGMENT, segments);
        kafka.send(Topics.LABELS_MEDIA, labels);
        KafkaFixture.await("v1", Duration.ofSeconds(120), () -> trainer.status().runs() >= 1);
        assertEquals("v1", trainer.status().championVersion(), trainer.status().lastOutcome());
      }
      dev.acpstream.schemas.avro.AcpNetModel v1 = kafka.readAll(Topics.MODELS_ACPNET, Duration.ofSeconds(30),
          got -> !got.isEmpty()).get(0).value();
      AcpNetArtifact artifact = ModelRecords.artifact(v1);
      assertEquals(AffectBackbone.ID, artifact.weights().config().backboneId());
      assertEquals(backbone.dim(), artifact.weights().config().imageDim());
      AcpNetModel scorer = artifact.model();
      float p = scorer.score(scorer.embedImage(floats(images.get(0).value().getFeatures())),
          scorer.embedMusic(floats(segments.get(0).value().getFeatures())));
      assertTrue(p >= 0 && p <= 1, "a probability: " + p);

      // A running topology picks v1 up from models.acpnet and scores a live pair with it.
      Properties topo = new Properties();
      topo.setProperty(TopologyConfig.APPLICATION_ID, "acp-topology-samples");
      topo.setProperty(TopologyConfig.BOOTSTRAP_SERVERS, kafka.kafka.bootstrapServers());
      topo.setProperty(TopologyConfig.STATE_DIR, dir.resolve("topology").toString());
      topo.setProperty("commit.interval.ms", "100");
      try (AcpStreamsApp app = new AcpStreamsApp(TopologyConfig.from(topo, Map.of()),
          WindowFeatureExtractors.paper193(), backbone).start()) {
        KafkaFixture.await("the topology to load v1", Duration.ofSeconds(120),
            () -> "v1".equals(app.queries().models().championVersion()));
        // Both sides of the pairing key go to the partition the topology pairs it in.
        int partition = PairingPartitioner.partitionOf("live", 2);
        ImageFeatures image = images.get(0).value();
        image.setPairingKey("live");
        MusicSegmentFeatures segment = segments.get(0).value();
        segment.setPairingKey("live");
        kafka.send(Topics.FEATURES_IMAGE, List.of(new ProducerRecord<>(Topics.FEATURES_IMAGE.name(), partition,
            image.getMediaId(), image)));
        kafka.send(Topics.FEATURES_MUSIC_SEGMENT, List.of(new ProducerRecord<>(Topics.FEATURES_MUSIC_SEGMENT.name(),
            partition, segment.getTrackId() + ":0", segment)));
        CorrespondenceScore score = kafka.readAll(Topics.SCORES_CORRESPONDENCE, Duration.ofSeconds(120),
            got -> !got.isEmpty()).get(0).value();
        assertEquals("v1", score.getModelVersion());
        assertEquals(p, score.getProbability(), 1e-6f, "the topology's score is v1's");
      }
    }
  }

  private static String track(Path song) {
    return song.getFileName().toString().replace(".mp3", "");
  }

  private static float[] firstSeconds(Path song) throws IOException {
    try (AudioDecoder decoder = AudioDecoders.open(song, DecodeLimits.DEFAULT)) {
      assertEquals(MusicFeatures193.SAMPLE_RATE, decoder.info().sampleRate(), song.toString());
      float[] out = new float[CLIP_SECONDS * MusicFeatures193.SAMPLE_RATE];
      int n = 0;
      while (n < out.length) {
        int r = decoder.read(out, n, out.length - n);
        assertTrue(r > 0, song + " is shorter than " + CLIP_SECONDS + " s");
        n += r;
      }
      return out;
    }
  }

  private static List<Float> boxed(float[] v) {
    List<Float> out = new ArrayList<>(v.length);
    for (float f : v) {
      out.add(f);
    }
    return out;
  }

  private static float[] floats(List<Float> v) {
    float[] f = new float[v.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = v.get(i);
    }
    return f;
  }
}
