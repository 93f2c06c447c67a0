/// The practice that hands out the document: printed on every page and in the contact block.
public struct Clinic: Sendable, Hashable, Codable {
    public var name: String
    public var phone: String
    public var afterHoursPhone: String?
    public var address: String?
    public var website: String?
    public var email: String?

    public init(name: String, phone: String, afterHoursPhone: String? = nil, address: String? = nil,
                website: String? = nil, email: String? = nil) {
        self.name = name
        self.phone = phone
        self.afterHoursPhone = afterHoursPhone
        self.address = address
        self.website = website
        self.email = email
    }
}
