package dev.witness.deploy.evidence;

import dev.witness.evidence.verify.BundleVerification;
import dev.witness.evidence.verify.BundleVerifier;
import dev.witness.schemas.proof.TrustedKeys;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code witness verify bundle.zip}: checks an export bundle offline and says what was verified. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify an evidence export bundle offline: hashes, chain links, order, checkpoint signature, inclusion proofs.")
public final class VerifyCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The .zip from POST /v1/exports.")
  Path bundle;

  @Option(names = "--public-key", paramLabel = "PEM",
      description = "Trusted checkpoint public key(s), e.g. witness-data/checkpoint-signing.pub. Without one, the key inside the bundle is used and the report says so.")
  List<Path> publicKeys = List.of();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isReadable(bundle)) {
      err.println("witness verify: cannot read " + bundle);
      return 2;
    }
    Optional<TrustedKeys> keys = publicKeys.isEmpty() ? Optional.empty() : Optional.of(TrustedKeys.fromFiles(publicKeys));
    long started = System.nanoTime();
    BundleVerification result = BundleVerifier.verify(bundle, keys, events -> {
      double secs = (System.nanoTime() - started) / 1e9;
      err.printf("\rverified %,d events (%.0f/s)", events, events / Math.max(secs, 1e-3));
      err.flush();
    });
    err.println();
    out.print(result.report());
    out.println(result.valid() ? "VERIFIED: " + result.events() + " events" : "FAILED: " + result.failures().size() + " problem(s)");
    out.flush();
    return result.valid() ? 0 : 1;
  }
}
