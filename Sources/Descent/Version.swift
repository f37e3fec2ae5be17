/// The release of Descent: the one place the version is written (`descent --version` prints it).
public enum DescentVersion {
    public static let current = "0.12.0"
}
