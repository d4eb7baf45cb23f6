package dev.witness.streams.siem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.RequestIntercepted;
import java.time.Instant;
import java.util.List;

/**
 * Builds the attributes every OCSF event of Witness has: classification ({@code class_uid},
 * {@code category_uid}, {@code activity_id}, {@code type_uid}, {@code severity_id}), {@code time},
 * {@code metadata} (the Witness event id as {@code uid}, so SIEMs can drop re-deliveries), the
 * agent as {@code actor}, and Witness facts without an OCSF attribute under {@code unmapped.witness}.
 */
public final class OcsfEvent {

  /** The OCSF schema version the events follow. */
  public static final String OCSF_VERSION = "1.5.0";

  /** {@code metadata.product.name} and {@code vendor_name}. */
  public static final String PRODUCT = "Witness";

  static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode root = JSON.createObjectNode();

  private OcsfEvent(OcsfClass ocsfClass, int activityId, String activityName) {
    root.put("class_uid", ocsfClass.classUid());
    root.put("class_name", ocsfClass.className());
    root.put("category_uid", ocsfClass.categoryUid());
    root.put("category_name", ocsfClass.categoryName());
    root.put("activity_id", activityId);
    root.put("activity_name", activityName);
    root.put("type_uid", ocsfClass.typeUid(activityId));
    root.put("type_name", ocsfClass.className() + ": " + activityName);
  }

  /** An event of {@code ocsfClass} and activity, about {@code header} (its id becomes {@code metadata.uid}). */
  public static OcsfEvent of(
      OcsfClass ocsfClass, int activityId, String activityName, EventHeader header, String uid, Instant processed) {
    OcsfEvent event = new OcsfEvent(ocsfClass, activityId, activityName);
    event.root.put("time", header.getTimestamp().toEpochMilli());
    ObjectNode metadata = event.root.putObject("metadata");
    metadata.put("uid", uid);
    metadata.put("version", OCSF_VERSION);
    metadata.put("log_name", "witness.siem.ocsf");
    metadata.put("processed_time", processed.toEpochMilli());
    ObjectNode product = metadata.putObject("product");
    product.put("name", PRODUCT);
    product.put("vendor_name", PRODUCT);
    product.put("version", productVersion());
    ObjectNode unmapped = event.root.putObject("unmapped").putObject("witness");
    unmapped.put("session_id", header.getSessionId());
    unmapped.put("sequence", header.getSequence());
    unmapped.put("event_id", header.getEventId());
    unmapped.put("resource", header.getResource());
    unmapped.put("protocol", header.getProtocol().name());
    putIfPresent(unmapped, "purpose", header.getPurpose());
    putIfPresent(unmapped, "delegating_human", header.getAgent().getDelegatingHuman());
    putIfPresent(unmapped, "policy_version", header.getPolicyVersion());
    return event;
  }

  /**
   * The event of an agent's {@code request} and its verdict: correlated by request id, the agent as
   * actor and source, the resource as destination, the verdict as disposition.
   */
  public static OcsfEvent ofRequest(OcsfClass ocsfClass, int activityId, String activityName,
      RequestIntercepted request, Outcome outcome, Instant processed) {
    return of(ocsfClass, activityId, activityName, request.getHeader(), outcome.uid(), processed)
        .correlation(request.getRequestId())
        .actor(request.getHeader())
        .sourceOfAgent(request.getHeader())
        .destination(request.getHeader())
        .disposition(outcome.disposition(), outcome.detail(), outcome.rules());
  }

  /** The JSON object being built; mappers add their class's attributes to it. */
  public ObjectNode json() {
    return root;
  }

  /** Sets {@code severity_id} and its caption. */
  public OcsfEvent severity(int severityId) {
    root.put("severity_id", severityId);
    root.put("severity", Disposition.severity(severityId));
    return this;
  }

  /** Sets {@code status_id}, {@code status}, and {@code status_detail} when not null. */
  public OcsfEvent status(int statusId, String status, String detail) {
    root.put("status_id", statusId);
    root.put("status", status);
    putIfPresent(root, "status_detail", detail);
    return this;
  }

  /** Sets the security_control attributes and status of a policy decision. */
  public OcsfEvent disposition(Disposition d, String reason, List<String> rules) {
    root.put("action_id", d.actionId());
    root.put("action", d.action());
    root.put("disposition_id", d.dispositionId());
    root.put("disposition", d.disposition());
    ((ArrayNode) ((ObjectNode) root.get("metadata")).putArray("profiles")).add("security_control");
    status(d.statusId(), d.status(), reason);
    severity(d.severityId());
    if (!rules.isEmpty()) {
      ArrayNode ruleArray = ((ObjectNode) root.get("unmapped").get("witness")).putArray("rules");
      rules.forEach(ruleArray::add);
    }
    return this;
  }

  /** Sets {@code message}. */
  public OcsfEvent message(String message) {
    root.put("message", message);
    return this;
  }

  /** Sets {@code metadata.correlation_uid}, e.g. the request id that ties a request's events together. */
  public OcsfEvent correlation(String correlationUid) {
    ((ObjectNode) root.get("metadata")).put("correlation_uid", correlationUid);
    return this;
  }

  /** The {@code unmapped.witness} object. */
  public ObjectNode unmapped() {
    return (ObjectNode) root.get("unmapped").get("witness");
  }

  /** An OCSF user object for an agent id (an agent is a non-human account: type {@code Other}). */
  public static ObjectNode agentUser(String agentId, String issuer) {
    ObjectNode user = JSON.createObjectNode();
    user.put("uid", agentId);
    user.put("name", agentId);
    user.put("type_id", 99);
    user.put("type", "AI agent");
    if (issuer != null) {
      user.putObject("account").put("name", agentId).put("uid", issuer + "/" + agentId);
    }
    return user;
  }

  /** Sets {@code actor}: the agent, its session and, when known, the delegating human as {@code invoked_by}. */
  public OcsfEvent actor(EventHeader header) {
    ObjectNode actor = root.putObject("actor");
    actor.set("user", agentUser(header.getAgent().getId(), header.getAgent().getIssuer()));
    actor.putObject("session").put("uid", header.getSessionId()).put("issuer", header.getAgent().getIssuer());
    actor.put("app_name", PRODUCT);
    putIfPresent(actor, "invoked_by", header.getAgent().getDelegatingHuman());
    return this;
  }

  /** Sets {@code src_endpoint}: where the request came from, as far as Witness names it (the agent's session). */
  public OcsfEvent sourceOfAgent(EventHeader header) {
    root.putObject("src_endpoint").put("uid", header.getSessionId()).put("name", header.getAgent().getId());
    return this;
  }

  /** Sets {@code dst_endpoint} to the target resource behind Witness, e.g. {@code postgres:demo}. */
  public OcsfEvent destination(EventHeader header) {
    root.putObject("dst_endpoint").put("svc_name", header.getResource()).put("name", header.getResource());
    return this;
  }

  /** The event as one line of JSON. */
  public String toJson() {
    return root.toString();
  }

  static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }

  private static String productVersion() {
    String version = OcsfEvent.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
