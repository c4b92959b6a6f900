/**
 * A TRANSCRIPTION, not BigCommerce's file: the subset of the GraphQL Storefront API schema that the
 * BigCommerce adapter's documents use, copied type by type (names, arguments, nullability) from the
 * schema BigCommerce publishes with Catalyst (repository bigcommerce/catalyst, `core/schema.graphql`,
 * commit ee972317) and documented at https://developer.bigcommerce.com/docs/storefront/graphql and
 * https://developer.bigcommerce.com/graphql-storefront/reference. No npm package ships that schema
 * (checked: @bigcommerce/catalyst-client, @bigcommerce/storefront-data-hooks). Fields the adapter does not
 * read are left out, and `Order`/`OrderWithPayments` do not declare their `Node`/`BaseOrder` interfaces.
 */
export const BIGCOMMERCE_SDL = /* GraphQL */ `
  scalar DateTime
  scalar BigDecimal
  scalar Long

  type Query {
    site: Site!
    customer: Customer
  }

  type Customer {
    entityId: Int!
    company: String!
    customerGroupId: Int!
    email: String!
    firstName: String!
    lastName: String!
    phone: String!
  }

  type Site {
    orders(filters: OrdersFiltersInput, before: String, after: String, first: Int, last: Int): OrdersConnection
    order(filter: OrderFilterInput): OrderWithPayments
  }

  input OrdersFiltersInput {
    status: OrderStatusValue
    dateRange: OrderDateRangeFilterInput
  }

  input OrderDateRangeFilterInput {
    from: DateTime!
    to: DateTime
  }

  input OrderFilterInput {
    entityId: Int!
    cartEntityId: Int
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type OrdersConnection {
    pageInfo: PageInfo!
    edges: [OrdersEdge!]
  }

  type OrdersEdge {
    node: Order!
    cursor: String!
  }

  type Money {
    currencyCode: String!
    value: BigDecimal!
  }

  type DateTimeExtended {
    utc: DateTime!
  }

  type OrderStatus {
    value: OrderStatusValue
    label: String!
  }

  enum OrderStatusValue {
    AWAITING_FULFILLMENT
    AWAITING_PAYMENT
    AWAITING_PICKUP
    AWAITING_SHIPMENT
    CANCELLED
    COMPLETED
    DECLINED
    DISPUTED
    INCOMPLETE
    MANUAL_VERIFICATION_REQUIRED
    PARTIALLY_REFUNDED
    PARTIALLY_SHIPPED
    PENDING
    REFUNDED
    SHIPPED
  }

  type Order {
    id: ID!
    entityId: Int!
    orderedAt: DateTimeExtended!
    updatedAt: DateTimeExtended!
    status: OrderStatus!
    isTaxIncluded: Boolean!
    consignments: OrderConsignments
    subTotal: Money!
    shippingCostTotal: Money!
    taxTotal: Money!
    totalIncTax: Money!
    customerMessage: String
  }

  type OrderWithPayments {
    id: ID!
    entityId: Int!
    orderedAt: DateTimeExtended!
    updatedAt: DateTimeExtended!
    status: OrderStatus!
    isTaxIncluded: Boolean!
    consignments: OrderConsignments
    subTotal: Money!
    shippingCostTotal: Money!
    taxTotal: Money!
    totalIncTax: Money!
    customerMessage: String
  }

  type OrderConsignments {
    downloads: [OrderDownloadConsignment!]!
    pickups(before: String, after: String, first: Int, last: Int): OrderPickupConsignmentConnection!
    shipping(before: String, after: String, first: Int, last: Int): OrderShippingConsignmentConnection!
  }

  type OrderDownloadConsignment {
    recipientEmail: String!
    lineItems(before: String, after: String, first: Int, last: Int): OrderDigitalLineItemConnection!
  }

  type OrderDigitalLineItemConnection {
    pageInfo: PageInfo!
    edges: [OrderDigitalLineItemEdge!]
  }

  type OrderDigitalLineItemEdge {
    node: OrderDigitalLineItem!
    cursor: String!
  }

  type OrderDigitalLineItem {
    entityId: Int!
    name: String!
    quantity: Int!
    subTotalListPrice: Money!
    subTotalSalePrice: Money!
    refundedQuantity: Int!
    brand: String
    imageUrl: String
    downloadFileUrls: [String!]!
    downloadPageUrl: String
  }

  type OrderPickupConsignmentConnection {
    pageInfo: PageInfo!
    edges: [OrderPickupConsignmentEdge!]
  }

  type OrderPickupConsignmentEdge {
    node: OrderPickupConsignment!
    cursor: String!
  }

  type OrderPickupConsignment {
    entityId: Int!
    pickupMethodName: String!
    collectionInstructions: String!
    collectionTimeDescription: String!
    locationName: String!
    lineItems(before: String, after: String, first: Int, last: Int): OrderPhysicalLineItemConnection!
  }

  type OrderShippingConsignmentConnection {
    pageInfo: PageInfo!
    edges: [OrderShippingConsignmentEdge!]
  }

  type OrderShippingConsignmentEdge {
    node: OrderShippingConsignment!
    cursor: String!
  }

  type OrderShippingConsignment {
    entityId: Int!
    lineItems(before: String, after: String, first: Int, last: Int): OrderPhysicalLineItemConnection!
    shippingCost: Money!
    handlingCost: Money!
    shipments(before: String, after: String, first: Int, last: Int): OrderShipmentConnection!
  }

  type OrderPhysicalLineItemConnection {
    pageInfo: PageInfo!
    edges: [OrderPhysicalLineItemEdge!]
  }

  type OrderPhysicalLineItemEdge {
    node: OrderPhysicalLineItem!
    cursor: String!
  }

  type OrderPhysicalLineItem {
    entityId: Int!
    name: String!
    quantity: Int!
    subTotalListPrice: Money!
    subTotalSalePrice: Money!
    refundedQuantity: Int!
    parentLineItemEntityId: Int
    brand: String
    imageUrl: String
  }

  type OrderShipmentConnection {
    pageInfo: PageInfo!
    edges: [OrderShipmentEdge!]
  }

  type OrderShipmentEdge {
    node: OrderShipment!
    cursor: String!
  }

  type OrderShipment {
    entityId: Int!
    shippedAt: DateTimeExtended!
    shippingProviderName: String!
    shippingMethodName: String!
    tracking: OrderShipmentTracking
  }

  union OrderShipmentTracking =
    | OrderShipmentUrlOnlyTracking
    | OrderShipmentNumberOnlyTracking
    | OrderShipmentNumberAndUrlTracking

  type OrderShipmentNumberAndUrlTracking {
    url: String!
    number: String!
  }

  type OrderShipmentNumberOnlyTracking {
    number: String!
  }

  type OrderShipmentUrlOnlyTracking {
    url: String!
  }
`;
