package dev.witness.streams.siem;

/**
 * The OCSF 1.5 event classes Witness emits, with their category: {@code class_uid} is
 * {@code category_uid * 1000 + class number} and {@code type_uid} is {@code class_uid * 100 + activity_id}.
 */
public enum OcsfClass {
  AUTHENTICATION(3, "Identity & Access Management", 2, "Authentication"),
  ENTITY_MANAGEMENT(3, "Identity & Access Management", 4, "Entity Management"),
  HTTP_ACTIVITY(4, "Network Activity", 2, "HTTP Activity"),
  API_ACTIVITY(6, "Application Activity", 3, "API Activity"),
  DATASTORE_ACTIVITY(6, "Application Activity", 5, "Datastore Activity");

  private final int categoryUid;
  private final String categoryName;
  private final int classNumber;
  private final String className;

  OcsfClass(int categoryUid, String categoryName, int classNumber, String className) {
    this.categoryUid = categoryUid;
    this.categoryName = categoryName;
    this.classNumber = classNumber;
    this.className = className;
  }

  public int categoryUid() {
    return categoryUid;
  }

  public String categoryName() {
    return categoryName;
  }

  public int classUid() {
    return categoryUid * 1000 + classNumber;
  }

  public String className() {
    return className;
  }

  /** The {@code type_uid} of an event of this class with {@code activityId}. */
  public long typeUid(int activityId) {
    return classUid() * 100L + activityId;
  }

  /** The class of {@code classUid}, e.g. 6005; throws naming the value when Witness does not emit it. */
  public static OcsfClass of(int classUid) {
    for (OcsfClass c : values()) {
      if (c.classUid() == classUid) {
        return c;
      }
    }
    throw new IllegalArgumentException("OCSF class_uid " + classUid + " is not emitted by Witness");
  }
}
