package dev.witness.evidence.verify;

import dev.witness.evidence.bundle.BundleLayout;
import dev.witness.evidence.bundle.EventListDigest;
import dev.witness.evidence.bundle.Manifest;
import dev.witness.evidence.bundle.ManifestSignature;
import dev.witness.evidence.verify.Check.Kind;
import dev.witness.schemas.proof.TrustedKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The manifest's own integrity: its export-key signature over its exact bytes, and the digest of
 * the entries' ids and hashes in file order that it signs. Without both, whoever deletes the last
 * entries of a range and shortens the manifest to match would go unnoticed.
 */
final class ManifestCheck {

  /** Findings on entries that already explain a different list; the digest then adds nothing. */
  private static final List<Kind> ENTRY_KINDS = List.of(Kind.EVENT_MODIFIED, Kind.EVENT_DELETED,
      Kind.EVENTS_REORDERED, Kind.EVENT_INSERTED, Kind.CHAIN_LINK, Kind.INCLUSION);

  private final EventListDigest digest = new EventListDigest();

  /** Checks {@code signatureText} (null when the bundle has no signature file) over {@code manifest}. */
  static void signature(BundleVerifier v, byte[] manifest, String signatureText, TrustedKeys keys) {
    String subject = BundleLayout.MANIFEST;
    if (signatureText == null) {
      v.fail(Kind.MANIFEST_SIGNATURE, subject, "not signed: the bundle has no " + BundleLayout.MANIFEST_SIGNATURE
          + ", so entries removed together with their place in the manifest could not be detected");
      return;
    }
    ManifestSignature signature;
    try {
      signature = ManifestSignature.parse(signatureText);
    } catch (IllegalArgumentException e) {
      v.fail(Kind.MANIFEST_SIGNATURE, BundleLayout.MANIFEST_SIGNATURE, e.getMessage());
      return;
    }
    if (keys.find(signature.keyId()).isEmpty()) {
      v.fail(Kind.MANIFEST_SIGNATURE, subject, "signed with key " + signature.keyId()
          + ", which is not a trusted key " + keys.keyIds() + "; pass the export public key with --public-key");
    } else if (!signature.verifies(manifest, keys)) {
      v.fail(Kind.MANIFEST_SIGNATURE, subject, "the signature does not verify with trusted key " + signature.keyId()
          + " (the manifest was changed after it was signed, or the signature swapped)");
    } else {
      v.pass(Kind.MANIFEST_SIGNATURE, subject, "signed by trusted key " + signature.keyId()
          + " over the filters, the creation time and the list of entries");
    }
  }

  /** Adds the next entry of {@code events.jsonl}, in file order. */
  void add(int partition, long sequence, String eventId, byte[] hash) {
    digest.add(partition, sequence, eventId, hash);
  }

  /** Compares the entries read with the list the manifest signs. */
  void finish(BundleVerifier v, Manifest manifest, long events, boolean entryFailures) {
    String subject = BundleLayout.EVENTS;
    if (digest.hex().equals(manifest.eventsSha256())) {
      v.pass(Kind.MANIFEST, subject, "the " + events + " entries' ids and hashes, in order, are the signed list");
    } else if (!entryFailures) {
      v.fail(Kind.MANIFEST, subject, "the entries' ids and hashes, in order, differ from the list the manifest "
          + "signs (entries deleted, inserted, reordered or replaced)");
    }
  }

  static boolean isEntryKind(Kind kind) {
    return ENTRY_KINDS.contains(kind);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
