// A second, tiny API written for the dependency inference tests: authors → books → reviews,
// ids in paths and in a body field, one OpenAPI `links` object. Nothing in it is Freshchat's.

import OpenAPI

/// The library API: uuid ids for authors and books, integer ids for reviews.
enum LibrarySpec {
    /// The operations of `text`.
    static func index() throws -> OperationIndex {
        try OperationIndex(document: .load(text: text, name: "library.openapi.yaml"))
    }

    static let text = """
    openapi: 3.1.0
    info: { title: Library, version: 1.0.0 }
    paths:
      /authors:
        get:
          operationId: listAuthors
          responses:
            '200':
              description: The authors.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      data: { type: array, items: { $ref: '#/components/schemas/Author' } }
        post:
          operationId: createAuthor
          requestBody:
            required: true
            content:
              application/json:
                schema: { type: object, properties: { name: { type: string } } }
          responses:
            '201':
              description: Created.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Author' }
              links:
                booksByAuthor:
                  operationId: listBooks
                  parameters:
                    written_by: '$response.body#/id'
      /authors/{author_id}:
        get:
          operationId: getAuthor
          parameters:
            - { name: author_id, in: path, required: true, schema: { type: string, format: uuid } }
          responses:
            '200':
              description: The author.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Author' }
      /books:
        get:
          operationId: listBooks
          parameters:
            - { name: written_by, in: query, schema: { type: string, format: uuid } }
          responses:
            '200':
              description: The books.
              content:
                application/json:
                  schema: { type: array, items: { $ref: '#/components/schemas/Book' } }
        post:
          operationId: createBook
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [title, author_id]
                  properties:
                    title: { type: string }
                    author_id: { type: string, format: uuid }
          responses:
            '201':
              description: Created.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Book' }
      /books/{book_id}:
        parameters:
          - { name: book_id, in: path, required: true, schema: { type: string, format: uuid } }
        get:
          operationId: getBook
          responses:
            '200':
              description: The book.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Book' }
        patch:
          operationId: renameBook
          requestBody:
            content:
              application/json:
                schema: { type: object, properties: { title: { type: string } } }
          responses:
            '200':
              description: Renamed.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Book' }
        delete:
          operationId: deleteBook
          responses:
            '204': { description: Deleted. }
      /books/{book_id}/reviews:
        parameters:
          - { name: book_id, in: path, required: true, schema: { type: string, format: uuid } }
        get:
          operationId: listReviews
          responses:
            '200':
              description: The book's reviews.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      reviews: { type: array, items: { $ref: '#/components/schemas/Review' } }
        post:
          operationId: createReview
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [stars]
                  properties:
                    stars: { type: integer }
                    reviewer_id: { type: string }
                    author_id: { type: integer, description: A legacy numeric author number. }
          responses:
            '201':
              description: Created.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Review' }
      /books/{book_id}/reviews/{id}:
        get:
          operationId: getReview
          parameters:
            - { name: book_id, in: path, required: true, schema: { type: string, format: uuid } }
            - { name: id, in: path, required: true, schema: { type: integer } }
          responses:
            '200':
              description: The review.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Review' }
    components:
      schemas:
        Author:
          type: object
          properties:
            id: { type: string, format: uuid }
            name: { type: string }
        Book:
          type: object
          properties:
            id: { type: string, format: uuid }
            title: { type: string }
            author_id: { type: string, format: uuid }
        Review:
          type: object
          properties:
            id: { type: integer }
            stars: { type: integer }
    """
}
