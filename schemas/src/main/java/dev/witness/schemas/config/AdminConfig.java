package dev.witness.schemas.config;

/**
 * The operations endpoint of a proxy or streams process ({@code /healthz}, {@code /readyz},
 * {@code /metrics}).
 *
 * @param listen {@code host:port}; absent: {@link #ROLE_DEFAULT_LISTEN} for the role commands
 *     ({@code witness proxy}, {@code witness streams}), off in standalone
 */
public record AdminConfig(String listen) {

  /** Where a role process serves its admin endpoints when {@code admin.listen} is absent. */
  public static final String ROLE_DEFAULT_LISTEN = "0.0.0.0:9464";

  public static AdminConfig defaults() {
    return new AdminConfig(null);
  }

  /** The configured address, or the role commands' default. */
  public String listenOrRoleDefault() {
    return listen == null ? ROLE_DEFAULT_LISTEN : listen;
  }
}
