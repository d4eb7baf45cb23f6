package dev.witness.evidence.bundle;

/** The files of an export bundle (a zip) and the format id its manifest names. */
public final class BundleLayout {

  /** The {@code format} of manifests this build writes and reads. */
  public static final String FORMAT = "witness-evidence-bundle/2";
  /** What was exported, how it is covered, and which entries the bundle must hold. */
  public static final String MANIFEST = "manifest.json";
  /** The export key's signature over the manifest's exact bytes ({@link ManifestSignature}). */
  public static final String MANIFEST_SIGNATURE = "manifest.sig";
  /** One canonical JSON line per ledger entry, in ledger order (partition, then sequence). */
  public static final String EVENTS = "events.jsonl";
  /** The signed checkpoints the proofs lead to, one canonical JSON line each. */
  public static final String CHECKPOINTS = "checkpoints.jsonl";
  /** One inclusion proof per event of a partition the bundle holds only part of. */
  public static final String PROOFS = "proofs.jsonl";
  /** The checkpoint and export public keys (PEM), for verifiers that were given none. */
  public static final String PUBLIC_KEYS = "public-keys.pem";

  private BundleLayout() {}
}
