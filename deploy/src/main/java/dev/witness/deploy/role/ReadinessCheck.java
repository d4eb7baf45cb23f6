package dev.witness.deploy.role;

import java.util.List;

/** Why a process is not ready to take traffic; an empty list means ready. */
@FunctionalInterface
interface ReadinessCheck {

  List<String> problems();
}
