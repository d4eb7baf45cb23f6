package dev.witness.schemas.topic;

/** A Witness topic could not be created; the message names the topic. */
public class TopicProvisioningException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TopicProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }
}
