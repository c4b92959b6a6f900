/**
 * GraphQL documents of the Saleor adapter. The tests validate them against a transcribed subset of
 * Saleor's schema (test/saleor-schema.ts): no npm package ships it.
 */
export const SALEOR_ORDER_FIELDS = /* GraphQL */ `
  fragment NectarSaleorOrder on Order {
    id
    number
    created
    status
    total {
      gross {
        amount
        currency
      }
    }
    lines {
      id
      productName
      variantName
      productSku
      quantity
      thumbnail(size: 256) {
        url
      }
    }
    fulfillments {
      id
      status
      trackingNumber
      created
    }
  }
`;

export const SALEOR_ME = /* GraphQL */ `
  query NectarSaleorMe {
    me {
      id
      email
      firstName
      lastName
    }
  }
`;

export const SALEOR_ORDERS = /* GraphQL */ `
  query NectarSaleorOrders($first: Int!, $after: String) {
    me {
      id
      orders(first: $first, after: $after) {
        edges {
          node {
            ...NectarSaleorOrder
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${SALEOR_ORDER_FIELDS}
`;

export const SALEOR_DOCUMENTS = { SALEOR_ME, SALEOR_ORDERS };
