package dev.witness.schemas.config;

import java.util.List;

/**
 * A person or system using the evidence API.
 *
 * @param id user id
 * @param tokenSha256 hex SHA-256 of the API token
 * @param roles {@code auditor}, {@code approver}, {@code admin}
 */
public record ApiUserConfig(String id, String tokenSha256, List<String> roles) {

  public ApiUserConfig {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
