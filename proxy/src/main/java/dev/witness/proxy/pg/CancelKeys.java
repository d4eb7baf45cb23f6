package dev.witness.proxy.pg;

import dev.witness.proxy.pg.message.SessionMessages.BackendKeyData;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps the cancel keys Witness hands agents to the backend sessions' own keys, so a CancelRequest
 * from an agent reaches the right backend process while the agent never learns the real key.
 */
final class CancelKeys {

  private final Map<Long, BackendKeyData> byAgentKey = new ConcurrentHashMap<>();
  private final Map<Long, Runnable> onCancel = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** Issues a fresh agent-facing key for {@code backend}. */
  BackendKeyData issue(BackendKeyData backend) {
    while (true) {
      BackendKeyData agent = new BackendKeyData(random.nextInt() & 0x7fffffff, random.nextInt());
      if (byAgentKey.putIfAbsent(key(agent), backend) == null) {
        return agent;
      }
    }
  }

  /** The backend key behind an agent's key, or null (unknown, or its session ended). */
  BackendKeyData backendKey(int processId, int secretKey) {
    return byAgentKey.get(key(new BackendKeyData(processId, secretKey)));
  }

  /** What else a CancelRequest with {@code agent}'s key does: withdraw the session's held statements. */
  void onCancel(BackendKeyData agent, Runnable action) {
    if (agent != null) {
      onCancel.put(key(agent), action);
    }
  }

  /** The action registered for an agent's key, or one doing nothing. */
  Runnable cancelAction(int processId, int secretKey) {
    return onCancel.getOrDefault(key(new BackendKeyData(processId, secretKey)), () -> { });
  }

  void forget(BackendKeyData agent) {
    if (agent != null) {
      byAgentKey.remove(key(agent));
      onCancel.remove(key(agent));
    }
  }

  int size() {
    return byAgentKey.size();
  }

  private static long key(BackendKeyData k) {
    return ((long) k.processId() << 32) | (k.secretKey() & 0xffffffffL);
  }
}
