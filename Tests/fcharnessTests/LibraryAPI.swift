// The Library API: a small second spec, nothing in it Freshchat's, for end-to-end tests of the
// binary against `LibraryServer`. Authors → books → reviews, uuid and integer ids, bearer auth.
import Foundation

/// The OpenAPI 3.1 spec of the library API that `LibraryServer` implements.
///
/// Every operation documents 401; every operation with an id in its path documents 404; every
/// operation with a request body documents 400. One gap is deliberate: `listAuthors` does not
/// document the 400 the server answers for a `limit` outside 1...100.
enum LibraryAPI {
    /// The spec's file name inside the directory `writeSpec(to:)` writes to.
    static let fileName = "library.openapi.yaml"

    /// Writes the spec as `library.openapi.yaml` in `directory` (created if missing) and
    /// returns its URL.
    static func writeSpec(to directory: URL) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(fileName)
        try specText.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static let specText = """
    openapi: 3.1.0
    info:
      title: Library
      version: 1.0.0
      description: >-
        Authors, their books and the books' reviews. Author and book ids are uuids; review ids
        are integers. Every request needs `Authorization: Bearer TOKEN`.
    security:
      - bearerAuth: []
    paths:
      /authors:
        get:
          operationId: listAuthors
          summary: List authors, oldest first
          parameters:
            - name: limit
              in: query
              description: At most this many authors.
              schema: { type: integer, minimum: 1, maximum: 100, default: 100 }
          responses:
            '200':
              description: The authors.
              content:
                application/json:
                  schema:
                    type: object
                    required: [data]
                    additionalProperties: false
                    properties:
                      data: { type: array, items: { $ref: '#/components/schemas/Author' } }
            '401': { $ref: '#/components/responses/Unauthorized' }
        post:
          operationId: createAuthor
          summary: Add an author
          requestBody:
            required: true
            content:
              application/json:
                schema: { $ref: '#/components/schemas/NewAuthor' }
          responses:
            '201':
              description: Created.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Author' }
            '400': { $ref: '#/components/responses/BadRequest' }
            '401': { $ref: '#/components/responses/Unauthorized' }
      /authors/{author_id}:
        get:
          operationId: getAuthor
          summary: One author
          parameters:
            - $ref: '#/components/parameters/AuthorId'
          responses:
            '200':
              description: The author.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Author' }
            '401': { $ref: '#/components/responses/Unauthorized' }
            '404': { $ref: '#/components/responses/NotFound' }
      /books:
        get:
          operationId: listBooks
          summary: List books, oldest first
          parameters:
            - name: written_by
              in: query
              description: Only the books of this author (an unknown author has none).
              schema: { type: string, format: uuid }
          responses:
            '200':
              description: The books.
              content:
                application/json:
                  schema: { type: array, items: { $ref: '#/components/schemas/Book' } }
            '401': { $ref: '#/components/responses/Unauthorized' }
        post:
          operationId: createBook
          summary: Add a book by a known author
          requestBody:
            required: true
            content:
              application/json:
                schema: { $ref: '#/components/schemas/NewBook' }
          responses:
            '201':
              description: Created.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Book' }
            '400':
              description: The body breaks the schema, or `author_id` names no author.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Problem' }
            '401': { $ref: '#/components/responses/Unauthorized' }
      /books/{book_id}:
        parameters:
          - $ref: '#/components/parameters/BookId'
        get:
          operationId: getBook
          summary: One book
          responses:
            '200':
              description: The book.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Book' }
            '401': { $ref: '#/components/responses/Unauthorized' }
            '404': { $ref: '#/components/responses/NotFound' }
        patch:
          operationId: renameBook
          summary: Change a book's title
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [title]
                  properties:
                    title: { type: string, minLength: 1, maxLength: 200 }
          responses:
            '200':
              description: Renamed.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Book' }
            '400': { $ref: '#/components/responses/BadRequest' }
            '401': { $ref: '#/components/responses/Unauthorized' }
            '404': { $ref: '#/components/responses/NotFound' }
        delete:
          operationId: deleteBook
          summary: Remove a book and its reviews
          responses:
            '204': { description: Deleted. }
            '401': { $ref: '#/components/responses/Unauthorized' }
            '404': { $ref: '#/components/responses/NotFound' }
      /books/{book_id}/reviews:
        parameters:
          - $ref: '#/components/parameters/BookId'
        get:
          operationId: listReviews
          summary: A book's reviews, oldest first
          responses:
            '200':
              description: The book's reviews.
              content:
                application/json:
                  schema:
                    type: object
                    required: [reviews]
                    additionalProperties: false
                    properties:
                      reviews: { type: array, items: { $ref: '#/components/schemas/Review' } }
            '401': { $ref: '#/components/responses/Unauthorized' }
            '404': { $ref: '#/components/responses/NotFound' }
        post:
          operationId: createReview
          summary: Review a book
          requestBody:
            required: true
            content:
              application/json:
                schema: { $ref: '#/components/schemas/NewReview' }
          responses:
            '201':
              description: Created.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Review' }
            '400': { $ref: '#/components/responses/BadRequest' }
            '401': { $ref: '#/components/responses/Unauthorized' }
            '404': { $ref: '#/components/responses/NotFound' }
      /books/{book_id}/reviews/{review_id}:
        parameters:
          - $ref: '#/components/parameters/BookId'
          - $ref: '#/components/parameters/ReviewId'
        get:
          operationId: getReview
          summary: One review of a book
          responses:
            '200':
              description: The review.
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Review' }
            '401': { $ref: '#/components/responses/Unauthorized' }
            '404': { $ref: '#/components/responses/NotFound' }
    components:
      securitySchemes:
        bearerAuth:
          type: http
          scheme: bearer
      parameters:
        AuthorId:
          name: author_id
          in: path
          required: true
          schema: { type: string, format: uuid }
        BookId:
          name: book_id
          in: path
          required: true
          schema: { type: string, format: uuid }
        ReviewId:
          name: review_id
          in: path
          required: true
          schema: { type: integer, minimum: 1 }
      responses:
        BadRequest:
          description: The body is not JSON or breaks the request schema.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Problem' }
        Unauthorized:
          description: No bearer token, or the wrong one.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Problem' }
        NotFound:
          description: No such author, book or review.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Problem' }
      schemas:
        Problem:
          type: object
          required: [message]
          additionalProperties: false
          properties:
            message: { type: string }
        NewAuthor:
          type: object
          required: [name]
          properties:
            name: { type: string, minLength: 1, maxLength: 80 }
            born: { type: integer, minimum: 1000, maximum: 2100 }
            genre: { type: string, enum: [fiction, history, science] }
        Author:
          type: object
          required: [id, name]
          additionalProperties: false
          properties:
            id: { type: string, format: uuid }
            name: { type: string, minLength: 1, maxLength: 80 }
            born: { type: integer, minimum: 1000, maximum: 2100 }
            genre: { type: string, enum: [fiction, history, science] }
        NewBook:
          type: object
          required: [title, author_id]
          properties:
            title: { type: string, minLength: 1, maxLength: 200 }
            author_id: { type: string, format: uuid }
            subtitle: { type: string, maxLength: 200 }
            pages: { type: integer, minimum: 1, maximum: 10000 }
        Book:
          type: object
          required: [id, title, author_id]
          additionalProperties: false
          properties:
            id: { type: string, format: uuid }
            title: { type: string, minLength: 1, maxLength: 200 }
            author_id: { type: string, format: uuid }
            subtitle: { type: string, maxLength: 200 }
            pages: { type: integer, minimum: 1, maximum: 10000 }
        NewReview:
          type: object
          required: [stars]
          properties:
            stars: { type: integer, minimum: 1, maximum: 5 }
            reviewer_name: { type: string }
        Review:
          type: object
          required: [id, book_id, stars]
          additionalProperties: false
          properties:
            id: { type: integer, minimum: 1 }
            book_id: { type: string, format: uuid }
            stars: { type: integer, minimum: 1, maximum: 5 }
            reviewer_name: { type: string }
    """
}
