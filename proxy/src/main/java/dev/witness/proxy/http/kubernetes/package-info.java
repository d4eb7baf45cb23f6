/** The Kubernetes API dialect: request parsing, Status errors and the agent's kubeconfig. */
package dev.witness.proxy.http.kubernetes;
