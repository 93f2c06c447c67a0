/// The practice that hands out the document: printed on every page and in the contact block.
public struct Clinic: Sendable, Hashable, Codable {
    public var name: String
    public var phone: String
    public var afterHoursPhone: String?
    public var address: String?
    public var website: String?
    public var email: String?
    /// In the masthead of page 1; only a clinic file or a settings file gives one.
    public var logo: ClinicLogo?
    /// A QR code for `website`, with the address under it (a clinic file or settings file asks for it).
    public var showsQRCode: Bool

    public init(name: String, phone: String, afterHoursPhone: String? = nil, address: String? = nil,
                website: String? = nil, email: String? = nil, logo: ClinicLogo? = nil, showsQRCode: Bool = false) {
        self.name = name
        self.phone = phone
        self.afterHoursPhone = afterHoursPhone
        self.address = address
        self.website = website
        self.email = email
        self.logo = logo
        self.showsQRCode = showsQRCode
    }
}

extension Clinic {
    /// A QR code opens the clinic's website, so asking for one needs the website.
    public func checkQRCode(source: String, field: String) throws(InputError) {
        if showsQRCode && website == nil {
            throw .invalidField(source: source, field: field, problem: .qrCodeNeedsWebsite)
        }
    }
}
