package dev.witness.proxy.http;

import dev.witness.proxy.http.KubernetesStreamRelay.Side;

/** A relay between the agent's and the cluster's leg of one Kubernetes stream, fed by {@link RelayedFrames}. */
interface StreamLegRelay<F> {

  /** A decoded frame from {@code from}; the relay owns it (releases or passes it on). */
  void onFrame(Side from, F frame);

  /** {@code from}'s current batch of reads is done: flush what was written in response. */
  void onReadComplete(Side from);

  /** {@code side}'s connection closed. */
  void onClosed(Side side);

  /** {@code side}'s pipeline failed. */
  void onFailure(Side side, Throwable cause);
}
