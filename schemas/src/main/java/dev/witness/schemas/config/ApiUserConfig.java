package dev.witness.schemas.config;

import java.util.List;

/**
 * A person or system using the evidence API.
 *
 * @param id user id
 * @param tokenSha256 hex SHA-256 of the API token
 * @param roles {@code auditor}, {@code approver}, {@code admin}
 * @param email the person's e-mail address, recorded with their approval decisions (and matched
 *     against approver groups); optional
 */
public record ApiUserConfig(String id, String tokenSha256, List<String> roles, String email) {

  public ApiUserConfig {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  /** A user without an e-mail address. */
  public ApiUserConfig(String id, String tokenSha256, List<String> roles) {
    this(id, tokenSha256, roles, null);
  }
}
