/**
 * A TRANSCRIPTION, not Saleor's file: the subset of Saleor's GraphQL schema that the Saleor adapter's
 * documents use, copied type by type (names, arguments, nullability) from Saleor's API reference
 * (https://docs.saleor.io/api-reference — Query.me, User, OrderCountableConnection, Order, OrderLine,
 * Fulfillment, OrderStatus, FulfillmentStatus) and the `schema.graphql` in Saleor's own repository
 * (saleor/saleor, `saleor/graphql/schema.graphql`). No npm package ships that schema (checked:
 * @saleor/sdk, @saleor/app-sdk, @saleor/auth-sdk, @plasmicpkgs/commerce-saleor). Fields the adapter does
 * not read are left out; `Node`/`ObjectWithMetadata` interfaces are not declared.
 */
export const SALEOR_SDL = /* GraphQL */ `
  scalar DateTime

  type Query {
    me: User
    order(id: ID, externalReference: String): Order
  }

  type User {
    id: ID!
    email: String!
    firstName: String!
    lastName: String!
    isActive: Boolean!
    orders(before: String, after: String, first: Int, last: Int): OrderCountableConnection
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type OrderCountableConnection {
    pageInfo: PageInfo!
    edges: [OrderCountableEdge!]!
    totalCount: Int
  }

  type OrderCountableEdge {
    node: Order!
    cursor: String!
  }

  enum OrderStatus {
    DRAFT
    UNCONFIRMED
    UNFULFILLED
    PARTIALLY_FULFILLED
    PARTIALLY_RETURNED
    RETURNED
    FULFILLED
    CANCELED
    EXPIRED
  }

  enum FulfillmentStatus {
    FULFILLED
    REFUNDED
    RETURNED
    REPLACED
    REFUNDED_AND_RETURNED
    CANCELED
    WAITING_FOR_APPROVAL
  }

  type Money {
    currency: String!
    amount: Float!
  }

  type TaxedMoney {
    currency: String!
    gross: Money!
    net: Money!
    tax: Money!
  }

  enum ThumbnailFormatEnum {
    ORIGINAL
    AVIF
    WEBP
  }

  type Image {
    url: String!
    alt: String
  }

  type Order {
    id: ID!
    number: String!
    created: DateTime!
    updatedAt: DateTime!
    status: OrderStatus!
    userEmail: String
    total: TaxedMoney!
    lines: [OrderLine!]!
    fulfillments: [Fulfillment!]!
  }

  type OrderLine {
    id: ID!
    productName: String!
    variantName: String!
    productSku: String
    productVariantId: String
    isShippingRequired: Boolean!
    quantity: Int!
    quantityFulfilled: Int!
    thumbnail(size: Int, format: ThumbnailFormatEnum = ORIGINAL): Image
  }

  type Fulfillment {
    id: ID!
    fulfillmentOrder: Int!
    status: FulfillmentStatus!
    trackingNumber: String!
    created: DateTime!
  }
`;
